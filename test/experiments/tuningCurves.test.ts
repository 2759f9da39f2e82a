/** NEF population tuning curves as the sim and the page show them (src/experiments/tuningCurves.ts). */
import { describe, expect, it } from 'vitest';
import { runTuningCurves, TUNING_DEFAULTS, tuningFigure } from '../../src/experiments/tuningCurves.js';
import { lifRate } from '../../src/neurons/rates.js';

describe('tuningCurves', () => {
  it('a_i(x) = G(α_i e_i x + J_i) on x ∈ [−1, 1]: each neuron at its max rate at e·x = 1, silent below its intercept', () => {
    const r = runTuningCurves({ n: 12, seed: 4, points: 201 });
    const p = r.population;
    expect(r.x).toHaveLength(201);
    expect([r.x[0], r.x[100], r.x[200]]).toEqual([-1, 0, 1]);
    r.rates.forEach((row, i) => {
      const atOne = p.encoders[i] > 0 ? row[200] : row[0]; // e·x = 1
      expect(Math.abs(atOne / p.maxRates[i] - 1), `neuron ${i}`).toBeLessThan(1e-9);
      r.x.forEach((x, k) => {
        expect(row[k]).toBeCloseTo(lifRate(p.gains[i] * p.encoders[i] * x + p.biases[i]), 9);
        if (p.encoders[i] * x < p.intercepts[i] - 1e-9) expect(row[k]).toBe(0);
      });
    });
    expect(tuningFigure(r).data).toHaveLength(12);
  });

  it('defaults: N = 20 with max rates in [100, 200] Hz and intercepts in [−0.95, 0.95]', () => {
    const r = runTuningCurves();
    expect(r.rates).toHaveLength(TUNING_DEFAULTS.n);
    expect(r.x).toHaveLength(TUNING_DEFAULTS.points);
    for (const m of r.population.maxRates) expect(m >= 100 && m <= 200).toBe(true);
    for (const c of r.population.intercepts) expect(c >= -0.95 && c <= 0.95).toBe(true);
    expect(() => runTuningCurves({ points: 1 })).toThrow(/tuning\.points: must be an integer >= 2/);
  });
});
