/** The training playground's scenario (src/experiments/playground.ts): its data sets, features and training session. */
import { describe, expect, it } from 'vitest';
import { DOMAIN, PlaygroundSession, featureMatrix, makeDataset, resolvePlayground, splitDataset } from '../../src/experiments/playground.js';

describe('playground data sets and features', () => {
  it('each data set has 500 points in the domain, both classes, and is reproducible by seed', () => {
    for (const kind of ['circle', 'xor', 'gauss', 'spiral'] as const) {
      const d = makeDataset({ kind, seed: 3, noise: 0.1 });
      expect(d.x.length).toBe(500);
      const ones = d.label.reduce((a, b) => a + b, 0);
      expect(ones).toBeGreaterThan(150);
      expect(ones).toBeLessThan(350);
      for (let i = 0; i < 500; i++) {
        expect(Math.abs(d.x[i])).toBeLessThanOrEqual(DOMAIN);
        expect(Math.abs(d.y[i])).toBeLessThanOrEqual(DOMAIN);
      }
      expect(makeDataset({ kind, seed: 3, noise: 0.1 })).toEqual(d);
      expect(makeDataset({ kind, seed: 4, noise: 0.1 }).x).not.toEqual(d.x);
    }
  });

  it('labels follow the rule of each set without noise (XOR: sign of x₁x₂; circle: radius < 2.5)', () => {
    const xor = makeDataset({ kind: 'xor' });
    for (let i = 0; i < 500; i++) expect(xor.label[i]).toBe(xor.x[i] * xor.y[i] >= 0 ? 1 : 0);
    const c = makeDataset({ kind: 'circle' });
    for (let i = 0; i < 500; i++) expect(c.label[i]).toBe(Math.hypot(c.x[i], c.y[i]) < 2.5 ? 1 : 0);
    // Noise moves the labels' boundary: some XOR points near the axes flip.
    const noisy = makeDataset({ kind: 'xor', noise: 0.5 });
    let flipped = 0;
    for (let i = 0; i < 500; i++) if (noisy.label[i] !== (noisy.x[i] * noisy.y[i] >= 0 ? 1 : 0)) flipped++;
    expect(flipped).toBeGreaterThan(10);
  });

  it('splits by ratio and computes the seven features', () => {
    const d = makeDataset({ kind: 'gauss' });
    const { train, test } = splitDataset(d, 0.3, 1);
    expect(train.x.length).toBe(150);
    expect(test.x.length).toBe(350);
    const m = featureMatrix([2], [-3], ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
    expect(Array.from(m.data)).toEqual([2, -3, 4, 9, -6, Math.sin(2), Math.sin(-3)]);
    expect(() => splitDataset(d, 0.95)).toThrow(/playground\.trainRatio/);
  });

  it('rejects bad options naming the option', () => {
    expect(() => resolvePlayground({ hidden: [9] })).toThrow(/playground\.hidden\[0\].*at most 8/);
    expect(() => resolvePlayground({ features: [] })).toThrow(/playground\.features/);
    expect(() => resolvePlayground({ activation: 'softmax' })).toThrow(/playground\.activation/);
    expect(() => resolvePlayground({ lr: -1 })).toThrow(/playground\.lr/);
  });
});

describe('playground session', () => {
  it('reaches < 5 % test error on circle and XOR in the default 200 epochs', () => {
    for (const dataset of ['circle', 'xor'] as const) {
      const s = new PlaygroundSession({ dataset });
      s.step(200);
      expect(s.error('test'), dataset).toBeLessThan(0.05);
    }
  });

  it('does not depend on how epochs are grouped into updates; restores from a snapshot', () => {
    const a = new PlaygroundSession({ dataset: 'xor' }), b = new PlaygroundSession({ dataset: 'xor' });
    a.step(6);
    b.step(2); b.step(1); b.step(3);
    expect(b.snapshot().params).toEqual(a.snapshot().params);
    expect(b.trainLoss).toEqual(a.trainLoss);
    const snap = a.snapshot();
    expect(snap.trainLoss.length).toBe(7);
    expect(snap.grid.p.length).toBe(51 * 51);
    const c = new PlaygroundSession({ dataset: 'xor' });
    c.restore(snap);
    expect(c.snapshot().params).toEqual(snap.params);
    expect(c.epoch).toBe(6);
  });
});
