/** MNIST with an MLP (src/experiments/mnist.ts), on a slice of the `mnist` package's digits (the full run is the sim's job). */
import { describe, expect, it } from 'vitest';
import { runMnist } from '../../src/experiments/mnist.js';
import { loadMnist, takeRows } from '../../src/nn/data.js';

describe('mnist', () => {
  it('relu and soft-lif hidden units both learn: > 70 % on 500 test digits after 2 epochs on 1,000', async () => {
    const { train, test } = await loadMnist();
    const idx = Array.from({ length: 1000 }, (_, i) => i), tidx = idx.slice(0, 500);
    const small = {
      train: { X: takeRows(train.X, idx), T: takeRows(train.T, idx), labels: train.labels.slice(0, 1000) },
      test: { X: takeRows(test.X, tidx), T: takeRows(test.T, tidx), labels: test.labels.slice(0, 500) },
    };
    for (const activation of ['relu', 'soft-lif']) {
      const r = await runMnist({ activation, epochs: 2, hidden: [50] }, {}, small);
      expect(r.testAccuracy, activation).toBeGreaterThan(0.7);
      expect(r.settings.sizes).toEqual([784, 50, 10]);
    }
  });
});
