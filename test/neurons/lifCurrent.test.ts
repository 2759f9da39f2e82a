import { describe, expect, it } from 'vitest';
import { CurrentLIF } from '../../src/neurons/lifCurrent.js';
import { createSpikeBuffer } from '../../src/neurons/types.js';

describe('CurrentLIF', () => {
  it('the exact step matches the closed-form solution of the coupled (v, I) system', () => {
    const tauM = 0.02, tauS = 0.005, J = 0.7, v0 = 0.2, I0 = 0.25, dt = 1e-4;
    const type = new CurrentLIF({ tauM, tauS });
    const st = type.initialState(1);
    st.v[0] = v0;
    st.I[0] = I0;
    const sp = createSpikeBuffer(1);
    const input = Float64Array.of(J);
    for (let k = 1; k <= 300; k++) {
      type.step(dt, (k - 1) * dt, input, st, sp);
      const t = k * dt;
      const v = J + (v0 - J) * Math.exp(-t / tauM) + ((I0 * tauS) / (tauS - tauM)) * (Math.exp(-t / tauS) - Math.exp(-t / tauM));
      expect(Math.abs(st.v[0] - v)).toBeLessThan(1e-13);
      expect(st.I[0]).toBeCloseTo(I0 * Math.exp(-t / tauS), 14);
      expect(sp.count).toBe(0);
    }
  });

  it("fires at the analytic rate for a constant input (refractory in whole steps, Brian2's rule)", () => {
    const type = new CurrentLIF({ tauM: 0.02, tauRef: 0.002 });
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
    const per = new CurrentLIF({ tauM: tauMs, tauRef: [0.001, 0.002, 0.003] });
    const st = per.initialState(3);
    const sp = createSpikeBuffer(3);
    const input = Float64Array.of(1.3, 1.3, 1.3);
    const singles = tauMs.map((tauM, i) => ({ type: new CurrentLIF({ tauM, tauRef: 0.001 * (i + 1) }), st: new CurrentLIF({ tauM }).initialState(1), sp: createSpikeBuffer(1) }));
    for (let k = 0; k < 3000; k++) {
      per.step(1e-4, k * 1e-4, input, st, sp);
      singles.forEach((s, i) => {
        s.type.step(1e-4, k * 1e-4, input.subarray(i, i + 1), s.st, s.sp);
        expect(st.v[i]).toBe(s.st.v[0]);
      });
    }
    expect(() => per.initialState(4)).toThrow(/per-neuron parameters have length 3 but the population has 4 neurons/);
    expect(() => new CurrentLIF({ tauM: [0.01, -1] })).toThrow(/CurrentLIF\.tauM\[1\]: must be > 0/);
  });
});

describe('CurrentLIF WebAssembly SIMD path', () => {
  it('gives bit-identical states and spikes to the TypeScript loop (driven hard, with kicks every step)', () => {
    const type = new CurrentLIF({ tauM: 0.02, tauRef: 0.002, tauS: 0.005 });
    const N = 301; // odd: exercises the padding lane
    const wasm = type.initialState(N);
    const plain = { v: new Float64Array(N), refractory: new Float64Array(N), I: new Float64Array(N) };
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
        wasm.I[j] += w;
        plain.I[j] += w;
      }
      type.step(1e-4, k * 1e-4, inputW, wasm, spW);
      type.step(1e-4, k * 1e-4, inputP, plain, spP);
      expect(spW.count).toBe(spP.count);
      for (let s = 0; s < spW.count; s++) expect(spW.index[s]).toBe(spP.index[s]);
      spikes += spW.count;
    }
    expect(spikes).toBeGreaterThan(500);
    expect(Array.from(wasm.v)).toEqual(Array.from(plain.v));
    expect(Array.from(wasm.I)).toEqual(Array.from(plain.I));
    expect(Array.from(wasm.refractory)).toEqual(Array.from(plain.refractory));
  });

  it('a NaN input is reported as divergence on both paths', () => {
    const type = new CurrentLIF();
    const st = type.initialState(10);
    const input = type.inputFor(st);
    input[7] = NaN;
    expect(() => type.step(1e-4, 0, input, st, createSpikeBuffer(10))).toThrow(/v\[7\] = NaN/);
  });
});
