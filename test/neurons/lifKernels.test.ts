import { describe, expect, it } from 'vitest';
import { LIF, PhysicalLIF } from '../../src/neurons/lif.js';
import { expPoly } from '../../src/core/expPoly.js';
import { createSpikeBuffer, type SynapticInput } from '../../src/neurons/types.js';

/** A small deterministic generator for the tests' random inputs. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

describe('LIF SIMD kernels against their TypeScript loops (bit for bit)', () => {
  it('precise timing with one exponential receptor: states, currents and spike times identical', () => {
    const type = new LIF({ tauM: 0.02, tauRef: 0.002 });
    const N = 301; // odd: exercises the padding lanes
    const wasm = type.initialState(N);
    const I = type.receptorState(wasm, 0, 0)!;
    expect(I).toBeInstanceOf(Float64Array);
    const plain = { v: new Float64Array(N), refractory: new Float64Array(N) };
    const Ip = new Float64Array(N);
    const synW: SynapticInput = { currents: [{ tauS: 0.005, n: 0, state: I }], conductances: [], events: null };
    const synP: SynapticInput = { currents: [{ tauS: 0.005, n: 0, state: Ip }], conductances: [], events: null };
    const inW = type.inputFor(wasm), inP = new Float64Array(N);
    const spW = createSpikeBuffer(N), spP = createSpikeBuffer(N);
    const rnd = lcg(7);
    for (let i = 0; i < N; i++) wasm.v[i] = plain.v[i] = rnd();
    let spikes = 0;
    for (let k = 0; k < 3000; k++) {
      for (let i = 0; i < N; i++) inW[i] = inP[i] = 0.7 + 0.5 * rnd();
      for (let q = 0; q < 30; q++) {
        const j = Math.floor(rnd() * N), w = rnd() < 0.8 ? 20 : -140;
        I[j] += w;
        Ip[j] += w;
      }
      type.step(1e-4, k * 1e-4, inW, wasm, spW, synW);
      type.step(1e-4, k * 1e-4, inP, plain, spP, synP);
      expect(spW.count).toBe(spP.count);
      for (let s = 0; s < spW.count; s++) {
        expect(spW.index[s]).toBe(spP.index[s]);
        expect(spW.offset[s]).toBe(spP.offset[s]);
      }
      spikes += spW.count;
    }
    expect(spikes).toBeGreaterThan(1000);
    expect(Array.from(wasm.v)).toEqual(Array.from(plain.v));
    expect(Array.from(I)).toEqual(Array.from(Ip));
    expect(Array.from(wasm.refractory)).toEqual(Array.from(plain.refractory));
  });

  it('grid timing with two conductances (exponential Euler): identical, and expPoly is e^z to 2 ulp', () => {
    for (const z of [0, -1e-9, -0.005, -0.3466, -0.35, -1, -5, -37.5, -700, 0.2, 3]) {
      expect(Math.abs(expPoly(z) / Math.exp(z) - 1), `z = ${z}`).toBeLessThan(4.5e-16);
    }
    expect(expPoly(-800)).toBeLessThan(1e-300); // clamped at −700: negligible beside 1, as e^−800 is
    const type = new PhysicalLIF({ C: 1, gL: 0.05, VL: -60, Vth: -50, Vreset: -60, tauRef: 0.005, timing: 'grid' }).normalized;
    const N = 203;
    const wasm = type.initialState(N);
    const plain = { v: new Float64Array(N), refractory: new Float64Array(N) };
    const g0 = new Float64Array(N), g1 = new Float64Array(N);
    const syn: SynapticInput = {
      currents: [], events: null,
      conductances: [{ tauS: 0.005, n: 0, E: 0, g: g0, state: g0 }, { tauS: 0.01, n: 0, E: -80, g: g1, state: g1 }],
    };
    const inW = type.inputFor(wasm), inP = new Float64Array(N);
    const spW = createSpikeBuffer(N), spP = createSpikeBuffer(N);
    const rnd = lcg(9);
    for (let i = 0; i < N; i++) wasm.v[i] = plain.v[i] = rnd();
    let spikes = 0;
    for (let k = 0; k < 3000; k++) {
      for (let i = 0; i < N; i++) {
        g0[i] = g0[i] * 0.98 + (rnd() < 0.05 ? 0.05 : 0);
        g1[i] = g1[i] * 0.99 + (rnd() < 0.01 ? 0.1 : 0);
        inW[i] = inP[i] = 0.5 + rnd();
      }
      type.step(1e-4, k * 1e-4, inW, wasm, spW, syn);
      type.step(1e-4, k * 1e-4, inP, plain, spP, syn);
      expect(spW.count).toBe(spP.count);
      for (let s = 0; s < spW.count; s++) expect(spW.index[s]).toBe(spP.index[s]);
      spikes += spW.count;
    }
    expect(spikes).toBeGreaterThan(500);
    expect(Array.from(wasm.v)).toEqual(Array.from(plain.v));
    expect(Array.from(wasm.refractory)).toEqual(Array.from(plain.refractory));
  });
});
