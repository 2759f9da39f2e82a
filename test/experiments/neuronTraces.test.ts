/** Single-neuron runs (src/experiments/neuronTraces.ts): the LIF trace against its closed form, HH's spikes. */
import { describe, expect, it } from 'vitest';
import { HH_RUN_DEFAULTS, LIF_RUN_DEFAULTS, lifFigures, runHh, runLif } from '../../src/experiments/neuronTraces.js';

describe('neuronTraces', () => {
  it('LIF at constant v_in: spikes at the closed-form times, refractory periods after each, rate = G(v_in)', () => {
    const vIn = 1.5, tauM = 0.02, tauRef = 0.002;
    const r = runLif({ input: vIn, duration: 0.2, dt: 1e-4, tauM, tauRef });
    // From v = 0, v(t) = v_in (1 − e^(−t/τ_m)) reaches 1 at T = τ_m ln(v_in/(v_in − 1)) (notes §2.1); each later
    // spike comes τ_ref + T after the one before.
    const T = tauM * Math.log(vIn / (vIn - 1));
    const spikes = Array.from(r.trace.spikes);
    expect(spikes.length).toBe(Math.floor((0.2 - T) / (tauRef + T)) + 1);
    spikes.forEach((s, k) => expect(Math.abs(s - (T + k * (tauRef + T))), `spike ${k}`).toBeLessThan(1e-9));
    expect(Math.abs(r.rate - 1 / (tauRef + T)) / r.rate).toBeLessThan(1e-9);
    expect(r.analyticRate).toBeCloseTo(1 / (tauRef + T), 9);
    expect(r.refractory).toEqual(spikes.map((s) => [s, s + tauRef]));
    expect(lifFigures(r)[0].layout.shapes).toHaveLength(spikes.length);
    // A time-varying input has no single G(v_in).
    expect(runLif({ input: '1.5 + 0.1*sin(2*pi*5*t)', duration: 0.05 }).analyticRate).toBeNaN();
  });

  it('defaults: the resolved values are what a run without options uses', () => {
    const lif = runLif();
    expect(lif.settings).toEqual({ ...LIF_RUN_DEFAULTS });
    const { temperature, ...hhDefaults } = HH_RUN_DEFAULTS;
    const hh = runHh({ duration: 0.05 });
    expect(hh.settings).toEqual({ ...hhDefaults, duration: 0.05, neuron: {} });
    expect(temperature).toBe(6.3); // NEURON's hh, the model's default
  });

  it('HH at 10 µA/cm²: the spikes cross 0 mV going up, at the sampled crossings', () => {
    const r = runHh({ current: 10, duration: 0.1, dt: 1e-5 });
    const { t, V, spikes } = r.trace;
    expect(spikes.length).toBeGreaterThanOrEqual(6);
    for (const s of spikes) {
      const i = Math.floor(s / 1e-5 + 1e-9);
      expect(V[i], `spike at ${s}`).toBeLessThan(0);
      expect(V[i + 1]).toBeGreaterThanOrEqual(0);
      expect(s).toBeGreaterThanOrEqual(t[i]);
      expect(s).toBeLessThanOrEqual(t[i + 1]);
    }
  });
});
