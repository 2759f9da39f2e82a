/** The window classifier trained with the max-margin objective (src/experiments/maxMargin.ts). */
import { describe, expect, it } from 'vitest';
import { maxMarginFigures, runMaxMargin } from '../../src/experiments/maxMargin.js';

describe('max-margin', () => {
  it('true windows end up outscoring corrupt ones on held-out pairs', () => {
    const r = runMaxMargin({ epochs: 60 });
    expect(r.loss[r.loss.length - 1]).toBeLessThan(0.2 * r.loss[0]);
    expect(r.testAccuracy).toBeGreaterThan(0.8);
    expect(r.testAccuracy).toBeGreaterThan(r.testAccuracyBefore + 0.2);
    expect(maxMarginFigures(r)).toHaveLength(2);
  });
});
