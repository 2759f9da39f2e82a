/** The scenarios behind the sims: each runs and shows what it is meant to show. */
import { describe, expect, it } from 'vitest';
import { maxMarginFigures, runMaxMargin } from '../../src/experiments/maxMargin.js';
import { optimizersFigures, runOptimizers } from '../../src/experiments/optimizers.js';
import { runUniversal, universalFigures } from '../../src/experiments/universal.js';
import { runVanishing, vanishingFigures } from '../../src/experiments/vanishing.js';
import { runXor, xorFigures } from '../../src/experiments/xor.js';

describe('experiments', () => {
  it('optimizers: every rule lowers the loss on the same problem from the same start', () => {
    const r = runOptimizers();
    expect(r.runs.map((x) => x.name)).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'nadam']);
    for (const x of r.runs) expect(x.finalLoss, x.name).toBeLessThan(0.3 * x.loss[0]);
    expect(optimizersFigures(r)[0].data).toHaveLength(7);
  });
  it('max-margin: true windows end up outscoring corrupt ones on held-out pairs', () => {
    const r = runMaxMargin({ epochs: 60 });
    expect(r.loss[r.loss.length - 1]).toBeLessThan(0.2 * r.loss[0]);
    expect(r.testAccuracy).toBeGreaterThan(0.8);
    expect(r.testAccuracy).toBeGreaterThan(r.testAccuracyBefore + 0.2);
    expect(maxMarginFigures(r)).toHaveLength(2);
  });
  it('universal: more ReLUs, smaller error (trained and constructed)', () => {
    const r = runUniversal({ units: [2, 32], epochs: 1500 });
    expect(r.fits[1].rmsError).toBeLessThan(0.5 * r.fits[0].rmsError);
    expect(r.constructed[1].rmsError).toBeLessThan(0.05 * r.constructed[0].rmsError);
    expect(r.pieces).toHaveLength(32);
    expect(universalFigures(r)).toHaveLength(3);
  });
  it('vanishing: logistic norms shrink toward the input; the §13.2 chain multiplies by 16', () => {
    const r = runVanishing();
    r.sigmoidRatios.forEach((q) => expect(q).toBeLessThan(1));
    expect(r.chain.ratio).toBeCloseTo(16, 12);
    expect(vanishingFigures(r)).toHaveLength(2);
  });
  it('xor figures carry the 41×41 surface', () => {
    const f = xorFigures(runXor({ epochs: 300 }));
    expect((f[0].data[0].z as number[][]).length).toBe(41);
  });
});
