/** Gradient norms per layer in deep sigmoid nets (src/experiments/vanishing.ts; notes §13). */
import { describe, expect, it } from 'vitest';
import { runVanishing, vanishingFigures } from '../../src/experiments/vanishing.js';

describe('vanishing', () => {
  it('logistic norms shrink toward the input; the §13.2 chain multiplies by 16', () => {
    const r = runVanishing();
    r.sigmoidRatios.forEach((q) => expect(q).toBeLessThan(1));
    expect(r.chain.ratio).toBeCloseTo(16, 12);
    expect(vanishingFigures(r)).toHaveLength(2);
  });
});
