import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFeedforward } from '../../src/experiments/feedforward.js';
import { runNetwork } from '../../src/experiments/network.js';
import { runPsc } from '../../src/experiments/psc.js';

describe('experiments (shared by sims and the web app)', () => {
  it('feedforward: the time-averaged z matches W r + b within the statistical error of the inputs', () => {
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

  it('psc: exact and recursive agree, kernels integrate to 1', () => {
    const r = runPsc({ duration: 0.2 });
    expect(r.recursiveError).toBeLessThan(1e-9);
    for (const c of r.kernels.curves) expect(Math.abs(c.integral - 1)).toBeLessThan(1e-6);
  });

  it('network: reproducible, and both neuron models settle at similar rates', () => {
    const a = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2 });
    const b = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2 });
    expect(Array.from(b.raster.exc.time)).toEqual(Array.from(a.raster.exc.time));
    const c = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2, model: 'lif-current' });
    expect(a.meanRate.exc).toBeGreaterThan(2);
    expect(Math.abs(c.meanRate.exc - a.meanRate.exc) / a.meanRate.exc).toBeLessThan(0.3);
  });

  it('src/ files of this issue import nothing node-only (they run in the browser too)', () => {
    const root = join(__dirname, '../../src');
    const files = ['synapses', 'network'].flatMap((d) => readdirSync(join(root, d)).map((f) => join(root, d, f)))
      .concat(['experiments/psc.ts', 'experiments/feedforward.ts', 'experiments/network.ts', 'experiments/cuba.ts', 'neurons/lif.ts', 'neurons/lifGrid.ts', 'neurons/lifPrecise.ts', 'neurons/lifPropagator.ts', 'network/events.ts'].map((f) => join(root, f)));
    for (const f of files) expect(readFileSync(f, 'utf8'), f).not.toMatch(/from ['"](node:|fs|path|os|child_process)/);
  });
});
