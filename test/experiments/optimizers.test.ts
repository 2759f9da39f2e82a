/** One problem under every optimizer (src/experiments/optimizers.ts). */
import { describe, expect, it } from 'vitest';
import { optimizersFigures, runOptimizers } from '../../src/experiments/optimizers.js';

describe('optimizers', () => {
  it('every rule lowers the loss on the same problem from the same start', () => {
    const r = runOptimizers();
    expect(r.runs.map((x) => x.name)).toEqual(['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'nadam']);
    for (const x of r.runs) expect(x.finalLoss, x.name).toBeLessThan(0.3 * x.loss[0]);
    expect(optimizersFigures(r)[0].data).toHaveLength(7);
  });
});
