/** Notes Example 11.1: overfitting a noisy line and weight decay (src/experiments/overfit.ts). */
import { describe, expect, it } from 'vitest';
import { runOverfit } from '../../src/experiments/overfit.js';

describe('notes Example 11.1: u = 0.4x − 0.9 with a 1-1000-1 network', () => {
  const r = runOverfit({ epochs: 300 });
  it('fits the training samples (MSE from ~0.85 to < 0.01) with and without weight decay', () => {
    expect(r.plain.initialLoss).toBeGreaterThan(0.3);
    expect(r.plain.trainLoss).toBeLessThan(0.01);
    expect(r.decay.trainLoss).toBeLessThan(0.01);
  });
  it('without decay it fits the noise better than with decay; with decay the line is closer to u = 0.4x − 0.9', () => {
    expect(r.plain.trainLoss).toBeLessThan(r.decay.trainLoss);
    expect(r.decay.testLoss).toBeLessThan(r.plain.testLoss);
    expect(Math.abs(r.decay.slope - 0.4)).toBeLessThan(Math.abs(r.plain.slope - 0.4));
    expect(r.decay.slope).toBeCloseTo(0.4, 1);
    expect(r.decay.intercept).toBeCloseTo(-0.9, 0);
  });
});
