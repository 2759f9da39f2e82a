/** Poisson inputs → W, b → LIF neurons (src/experiments/feedforward.ts): z = W s + b around W r + b. */
import { describe, expect, it } from 'vitest';
import { runFeedforward } from '../../src/experiments/feedforward.js';

describe('feedforward', () => {
  it('the time-averaged z matches W r + b within the statistical error of the inputs', () => {
    const r = runFeedforward({ inputs: 30, outputs: 8, duration: 3, dt: 2e-4, seed: 3 });
    const T = r.settings.duration - r.settings.settle;
    for (let j = 0; j < 8; j++) {
      // mean z − b = Σ_i W_ji N_i / T up to edge effects; Var(N_i) = r_i T, so sd = sqrt(Σ W² r T)/T.
      let v = 0;
      for (let i = 0; i < 30; i++) v += r.W[j * 30 + i] ** 2 * r.rates[i] * T;
      const sd = Math.sqrt(v) / T;
      expect(Math.abs(r.measuredZ[j] - r.predictedZ[j]), `neuron ${j}`).toBeLessThan(4 * sd + 0.01);
    }
    // Inputs fire at their rates; outputs above threshold fire near G(W r + b).
    for (let j = 0; j < 8; j++) if (r.predictedZ[j] > 1.3) expect(Math.abs(r.outputRates[j] - r.analyticRates[j]) / r.analyticRates[j]).toBeLessThan(0.25);
  });
});
