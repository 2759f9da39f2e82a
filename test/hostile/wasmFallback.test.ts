/**
 * Under an address-space limit (`ulimit -v 8000000`) a WebAssembly memory cannot be reserved (Node reserves ~10 GB
 * of guard regions per memory). The library then runs its TypeScript kernels, says so once, and computes what the
 * WebAssembly kernels compute (the same spikes; outputs to rounding).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runChild, type ChildResult } from '../helpers/child.js';

interface Report { counts: number[]; out: number[][]; kernel: string; fallback: { reason: string } | null; warnings: string[] }

describe('WebAssembly memory refused', () => {
  let limited: ChildResult<Report>, free: ChildResult<Report>;
  beforeAll(async () => {
    [limited, free] = await Promise.all([
      runChild<Report>('test/hostile/children/wasmFallback.ts', [], { ulimitKb: 8_000_000, timeoutMs: 240_000 }),
      runChild<Report>('test/hostile/children/wasmFallback.ts', [], { timeoutMs: 240_000 }),
    ]);
  }, 300_000);

  it('LIF populations and MLPs still build and run, on the TypeScript kernels', () => {
    expect(limited.status, limited.stderr).toBe(0);
    expect(limited.json!.kernel).toBe('ts');
    expect(limited.json!.fallback?.reason).toMatch(/WebAssembly\.Memory/);
  });

  it('the fallback is reported once', () => {
    const w = limited.json!.warnings;
    expect(w.length).toBe(1);
    expect(w[0]).toMatch(/no WebAssembly memory could be allocated .*TypeScript kernels/);
  });

  it('and gives the results of the WebAssembly kernels', () => {
    expect(free.status, free.stderr).toBe(0);
    expect(free.json!.fallback).toBeNull();
    expect(free.json!.warnings).toEqual([]);
    expect(free.json!.kernel).toBe('wasm');
    expect(limited.json!.counts).toEqual(free.json!.counts);
    expect(limited.json!.counts.reduce((a, b) => a + b, 0)).toBeGreaterThan(100);
    limited.json!.out.flat().forEach((y, k) => expect(Math.abs(y - free.json!.out.flat()[k])).toBeLessThan(1e-12));
  });
});
