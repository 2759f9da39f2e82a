/** Data preparation: one-hot, splits, centring/normalizing/whitening from training statistics, image shifts, MNIST. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { shiftImage } from '../../src/nn/augment.js';
import { fitPreprocessor, loadMnist, oneHot, trainValTestSplit } from '../../src/nn/data.js';

describe('data', () => {
  it('oneHot (notes Example 6.2) and bad labels', () => {
    expect(Array.from(oneHot([1, 0], 3).data)).toEqual([0, 1, 0, 1, 0, 0]);
    expect(() => oneHot([3], 3)).toThrow(/oneHot.labels: entry 0 must be an integer in \[0, 2\] \(got 3\)/);
  });
  it('train/validation/test split: sizes, disjoint, covers every row', () => {
    const X = Array.from({ length: 50 }, (_, i) => [i]);
    const s = trainValTestSplit(X, X, { validation: 0.1, test: 0.2, seed: 3 });
    expect([s.train.X.rows, s.validation.X.rows, s.test.X.rows]).toEqual([35, 5, 10]);
    const all = [...s.train.X.data, ...s.validation.X.data, ...s.test.X.data].sort((a, b) => a - b);
    expect(all).toEqual(X.map((r) => r[0]));
  });
  it('normalize uses training statistics only; whitening gives identity covariance', () => {
    const rng = new Rng(1);
    const X = Array.from({ length: 400 }, () => { const a = rng.normal(), b = rng.normal(), c = rng.normal(); return [3 + 2 * a, -1 + a + 0.5 * b, 0.2 * b + 0.1 * c]; });
    const n = fitPreprocessor(X, 'normalize');
    const Y = n.transform(X);
    for (let j = 0; j < 3; j++) {
      let m = 0, v = 0;
      for (let r = 0; r < 400; r++) m += Y.data[r * 3 + j] / 400;
      for (let r = 0; r < 400; r++) v += (Y.data[r * 3 + j] - m) ** 2 / 400;
      expect(m).toBeCloseTo(0, 12); expect(v).toBeCloseTo(1, 12);
    }
    expect(n.transform([[3, -1, 0]]).data[0]).toBeCloseTo((3 - n.mean[0]) / n.std[0], 14); // a test row: training μ, σ
    const w = fitPreprocessor(X, 'whiten', { eps: 1e-12 });
    const Z = w.transform(X);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) {
      let c = 0;
      for (let r = 0; r < 400; r++) c += (Z.data[r * 3 + i] * Z.data[r * 3 + j]) / 400;
      expect(c).toBeCloseTo(i === j ? 1 : 0, 8);
    }
  });
  it('shiftImage moves pixels and fills with zeros', () => {
    const img = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    shiftImage(img, 3, 3, 1, 0, new Float64Array(9));
    expect(Array.from(img)).toEqual([0, 1, 2, 0, 4, 5, 0, 7, 8]);
    shiftImage(img, 3, 3, 0, -1, new Float64Array(9));
    expect(Array.from(img)).toEqual([0, 4, 5, 0, 7, 8, 0, 0, 0]);
  });
  it('loadMnist: the digits of mnist.set(8000, 2000) — 8,000 and 1,756, pixels in [0, 1], one-hot targets', async () => {
    const { train, test } = await loadMnist();
    expect([train.X.rows, test.X.rows, train.X.cols]).toEqual([8000, 1756, 784]);
    const counts = new Array(10).fill(0);
    train.labels.forEach((l) => counts[l]++);
    expect(counts).toEqual(new Array(10).fill(800));
    expect(train.X.data.reduce((m, v) => Math.min(m, v), Infinity)).toBe(0);
    expect(train.X.data.reduce((m, v) => Math.max(m, v), -Infinity)).toBeLessThanOrEqual(1);
    expect(train.T.data[train.labels[0]]).toBe(1);
  });
});
