/** PSC kernels and a filtered spike train (src/experiments/psc.ts). */
import { describe, expect, it } from 'vitest';
import { runPsc } from '../../src/experiments/psc.js';

describe('psc', () => {
  it('exact and recursive agree, kernels integrate to 1', () => {
    const r = runPsc({ duration: 0.2 });
    expect(r.recursiveError).toBeLessThan(1e-9);
    for (const c of r.kernels.curves) expect(Math.abs(c.integral - 1)).toBeLessThan(1e-6);
  });
});
