/**
 * The SIMD exponential-Euler kernel of HH populations (hhKernel.wat) against the TypeScript loop it mirrors: the same
 * states, spikes and errors to the bit, for both kinetics, with zero, one and two conductance receptors.
 */
import { describe, expect, it } from 'vitest';
import { SimulationDiverged } from '../../src/core/errors.js';
import { expPoly } from '../../src/core/expPoly.js';
import { gateRates, hhRates, traubMilesRates, type HhKineticsName } from '../../src/neurons/hhKinetics.js';
import type { HhState } from '../../src/neurons/hhStep.js';
import { HodgkinHuxley } from '../../src/neurons/hodgkinHuxley.js';
import { hhBlockOf } from '../../src/neurons/wasm/hhWasm.js';
import { createSpikeBuffer, type SynapticInput } from '../../src/neurons/types.js';

/** A small deterministic generator for the tests' random inputs. */
function lcg(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) >>> 0) / 2 ** 32);
}

/** A state in plain arrays, which the step runs through the TypeScript loop. */
function plainState(from: HhState): HhState {
  return { V: from.V.slice(), m: from.m.slice(), h: from.h.slice(), n: from.n.slice(), lastSpike: from.lastSpike.slice() };
}

function expectSameState(a: HhState, b: HhState): void {
  for (const k of ['V', 'm', 'h', 'n', 'lastSpike'] as const) expect(Array.from(a[k]), k).toEqual(Array.from(b[k]));
}

describe('HH SIMD kernel against the TypeScript loop (bit for bit)', () => {
  for (const kinetics of ['traub-miles', 'hh'] as HhKineticsName[]) {
    for (const receptors of [0, 1, 2]) {
      it(`${kinetics}, ${receptors} conductance receptor(s): states, spikes and spike times identical`, () => {
        const hh = new HodgkinHuxley({ kinetics, method: 'exponential-euler', refractory: 0.002, temperature: kinetics === 'hh' ? 16.3 : undefined });
        const N = 203; // odd: the last neuron is the TypeScript's
        const wasm = hh.initialState(N);
        expect(hhBlockOf(wasm.V)).toBeDefined(); // WebAssembly SIMD is there in Node
        const rnd = lcg(receptors * 10 + (kinetics === 'hh' ? 1 : 2));
        for (let i = 0; i < N; i++) {
          wasm.V[i] = -80 + 60 * rnd();
          wasm.m[i] = rnd(); wasm.h[i] = rnd(); wasm.n[i] = rnd();
        }
        const plain = plainState(wasm);
        expect(hhBlockOf(plain.V)).toBeUndefined();
        const g0 = new Float64Array(N), g1 = new Float64Array(N);
        const conds = [{ tauS: 0.005, n: 0, E: 0, g: g0, state: g0 }, { tauS: 0.01, n: 0, E: -80, g: g1, state: g1 }].slice(0, receptors);
        const syn: SynapticInput = { currents: [], events: null, conductances: conds };
        const inW = hh.inputFor(wasm), inP = new Float64Array(N);
        const spW = createSpikeBuffer(N), spP = createSpikeBuffer(N);
        let spikes = 0, firstHalf = 0;
        for (let k = 0; k < 2000; k++) {
          for (let i = 0; i < N; i++) {
            g0[i] = g0[i] * 0.98 + (rnd() < 0.05 ? 0.3 * rnd() : 0);
            g1[i] = g1[i] * 0.99 + (rnd() < 0.02 ? 0.5 * rnd() : 0);
            inW[i] = inP[i] = kinetics === 'hh' ? 5 + 15 * rnd() : 2 * rnd();
          }
          hh.step(1e-4 / (kinetics === 'hh' ? 4 : 1), k * 1e-4, inW, wasm, spW, syn);
          hh.step(1e-4 / (kinetics === 'hh' ? 4 : 1), k * 1e-4, inP, plain, spP, syn);
          expect(spW.count).toBe(spP.count);
          for (let s = 0; s < spW.count; s++) {
            expect(spW.index[s]).toBe(spP.index[s]);
            expect(spW.offset[s]).toBe(spP.offset[s]);
          }
          spikes += spW.count;
          if (k === 999) firstHalf = spikes;
        }
        expect(firstHalf).toBeGreaterThan(50);
        expect(spikes - firstHalf).toBeGreaterThan(50);
        expectSameState(wasm, plain);
      });
    }
  }

  it('a neuron whose state diverges is named alike by both paths (SimulationDiverged)', () => {
    const hh = new HodgkinHuxley({ kinetics: 'traub-miles' });
    const errors: string[] = [];
    for (const useKernel of [true, false]) {
      const st = hh.initialState(16);
      const s = useKernel ? st : plainState(st);
      const input = useKernel ? hh.inputFor(st) : new Float64Array(16);
      input[11] = 1e9; // V∞ ≈ 2·10¹⁰ mV, reached within the step
      try {
        hh.step(1e-4, 0, input, s, createSpikeBuffer(16));
      } catch (e) {
        expect(e).toBeInstanceOf(SimulationDiverged);
        errors.push((e as Error).message);
      }
    }
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/V/);
    expect(errors[0]).toBe(errors[1]);
  });

  it('the fast rates (one expPoly, powers of it, a series near the singularities) match the textbook formulas to 1e-13', () => {
    const r = new Float64Array(6);
    const worst = { tm: 0, hh: 0 };
    const rel = (a: number, b: number) => Math.abs(a / b - 1);
    for (let V = -120; V <= 60; V += 0.0137) {
      for (const [name, ref] of [['traub-miles', traubMilesRates(V, -63)], ['hh', hhRates(V)]] as const) {
        const hh = new HodgkinHuxley({ kinetics: name });
        gateRates(r, V, hh.kinetics);
        const e = Math.max(rel(r[0], ref.am), rel(r[1], ref.am + ref.bm), rel(r[2], ref.ah), rel(r[3], ref.ah + ref.bh), rel(r[4], ref.an), rel(r[5], ref.an + ref.bn));
        if (name === 'hh') worst.hh = Math.max(worst.hh, e); else worst.tm = Math.max(worst.tm, e);
      }
    }
    // Through the singularities exactly: the limits of x/(e^x − 1) at x = 0.
    for (const [name, V] of [['traub-miles', -50], ['traub-miles', -48], ['traub-miles', -23], ['hh', -40], ['hh', -55]] as const) {
      const hh = new HodgkinHuxley({ kinetics: name });
      gateRates(r, V, hh.kinetics);
      const ref = name === 'hh' ? hhRates(V) : traubMilesRates(V, -63);
      expect(rel(r[0], ref.am) + rel(r[1], ref.am + ref.bm) + rel(r[4], ref.an), `${name} at ${V} mV`).toBeLessThan(1e-13);
    }
    expect(worst.tm).toBeLessThan(1e-13);
    expect(worst.hh).toBeLessThan(1e-13);
    expect(expPoly(0)).toBe(1);
  });
});
