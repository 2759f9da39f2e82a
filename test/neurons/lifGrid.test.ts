import { describe, expect, it } from 'vitest';
import { LIF } from '../../src/neurons/lif.js';
import { createSpikeBuffer, type SynapticInput } from '../../src/neurons/types.js';

/** One exponential current receptor (τ_s) whose stage array is `I`. */
const receptor = (I: Float64Array, tauS = 0.005): SynapticInput => ({ currents: [{ tauS, n: 0, state: I }], conductances: [], events: null });

describe('LIF in grid timing with an exponential current receptor', () => {
  it('the exact step matches the closed-form solution of the coupled (v, I) system', () => {
    const tauM = 0.02, tauS = 0.005, J = 0.7, v0 = 0.2, I0 = 0.25, dt = 1e-4;
    const type = new LIF({ tauM, timing: 'grid' });
    const st = type.initialState(1);
    st.v[0] = v0;
    const I = Float64Array.of(I0);
    const syn = receptor(I, tauS);
    const sp = createSpikeBuffer(1);
    const input = Float64Array.of(J);
    for (let k = 1; k <= 300; k++) {
      type.step(dt, (k - 1) * dt, input, st, sp, syn);
      const t = k * dt;
      const v = J + (v0 - J) * Math.exp(-t / tauM) + ((I0 * tauS) / (tauS - tauM)) * (Math.exp(-t / tauS) - Math.exp(-t / tauM));
      expect(Math.abs(st.v[0] - v)).toBeLessThan(1e-13);
      expect(I[0]).toBeCloseTo(I0 * Math.exp(-t / tauS), 14);
      expect(sp.count).toBe(0);
    }
  });

  it("fires at the analytic rate for a constant input (refractory in whole steps, Brian2's rule)", () => {
    const type = new LIF({ tauM: 0.02, tauRef: 0.002, timing: 'grid' });
    const N = 3, dt = 1e-5, T = 1;
    const st = type.initialState(N);
    const sp = createSpikeBuffer(N);
    const input = Float64Array.of(1.5, 2, 4);
    const counts = [0, 0, 0];
    for (let k = 0; k < T / dt; k++) {
      type.step(dt, k * dt, input, st, sp);
      for (let s = 0; s < sp.count; s++) counts[sp.index[s]]++;
    }
    // Step-end detection delays each spike by < dt and the refractory rule shortens τ_ref by dt: rate within ~2 dt/ISI.
    for (let i = 0; i < N; i++) {
      const G = type.rate(input[i]);
      expect(Math.abs(counts[i] - G * T), `input ${input[i]}: ${counts[i]} spikes vs G = ${G}`).toBeLessThan(G * G * 2 * dt * T + 1);
    }
  });

  it('per-neuron parameters: each neuron behaves as a shared-parameter neuron with its own values', () => {
    const tauMs = [0.01, 0.02, 0.03];
    const per = new LIF({ tauM: tauMs, tauRef: [0.001, 0.002, 0.003], timing: 'grid' });
    const st = per.initialState(3);
    const sp = createSpikeBuffer(3);
    const I = Float64Array.of(0.3, 0.3, 0.3);
    const input = Float64Array.of(1.3, 1.3, 1.3);
    const singles = tauMs.map((tauM, i) => {
      const type = new LIF({ tauM, tauRef: 0.001 * (i + 1), timing: 'grid' });
      return { type, st: type.initialState(1), sp: createSpikeBuffer(1), syn: receptor(Float64Array.of(0.3)) };
    });
    const syn = receptor(I);
    for (let k = 0; k < 3000; k++) {
      per.step(1e-4, k * 1e-4, input, st, sp, syn);
      singles.forEach((s, i) => {
        s.type.step(1e-4, k * 1e-4, input.subarray(i, i + 1), s.st, s.sp, s.syn);
        expect(st.v[i]).toBe(s.st.v[0]);
      });
    }
    expect(() => per.initialState(4)).toThrow(/per-neuron parameters have length 3 but the population has 4 neurons/);
    expect(() => new LIF({ tauM: [0.01, -1] })).toThrow(/LIF\.tauM\[1\]: must be > 0/);
  });
});

describe('LIF grid timing: the WebAssembly SIMD path', () => {
  it('gives bit-identical states and spikes to the TypeScript loop (driven hard, with kicks every step)', () => {
    const type = new LIF({ tauM: 0.02, tauRef: 0.002, timing: 'grid' });
    const N = 301; // odd: exercises the padding lane
    const wasm = type.initialState(N);
    const wasmI = type.receptorState(wasm, 0, 0)!;
    expect(wasmI).toBeInstanceOf(Float64Array);
    const plain = { v: new Float64Array(N), refractory: new Float64Array(N) };
    const plainI = new Float64Array(N);
    const synW = receptor(wasmI), synP = receptor(plainI);
    const inputW = type.inputFor(wasm), inputP = new Float64Array(N);
    expect(inputW.buffer).not.toBe(inputP.buffer);
    const spW = createSpikeBuffer(N), spP = createSpikeBuffer(N);
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < N; i++) wasm.v[i] = plain.v[i] = rnd();
    let spikes = 0;
    for (let k = 0; k < 3000; k++) {
      for (let i = 0; i < N; i++) inputW[i] = inputP[i] = 0.8 + 0.6 * rnd();
      for (let q = 0; q < 20; q++) {
        const j = Math.floor(rnd() * N), w = rnd() < 0.8 ? 0.1 : -0.7;
        wasmI[j] += w;
        plainI[j] += w;
      }
      type.step(1e-4, k * 1e-4, inputW, wasm, spW, synW);
      type.step(1e-4, k * 1e-4, inputP, plain, spP, synP);
      expect(spW.count).toBe(spP.count);
      for (let s = 0; s < spW.count; s++) expect(spW.index[s]).toBe(spP.index[s]);
      spikes += spW.count;
    }
    expect(spikes).toBeGreaterThan(500);
    expect(Array.from(wasm.v)).toEqual(Array.from(plain.v));
    expect(Array.from(wasmI)).toEqual(Array.from(plainI));
    expect(Array.from(wasm.refractory)).toEqual(Array.from(plain.refractory));
  });

  it('a NaN input is reported as divergence on both paths', () => {
    const type = new LIF({ timing: 'grid' });
    const st = type.initialState(10);
    const input = type.inputFor(st);
    input[7] = NaN;
    expect(() => type.step(1e-4, 0, input, st, createSpikeBuffer(10), receptor(type.receptorState(st, 0, 0)!))).toThrow(/v\[7\] = NaN/);
    const plain = { v: new Float64Array(10), refractory: new Float64Array(10) };
    expect(() => type.step(1e-4, 0, input, plain, createSpikeBuffer(10), receptor(new Float64Array(10)))).toThrow(/v\[7\] = NaN/);
  });
});
