/** The random E/I LIF network (src/experiments/network.ts). */
import { describe, expect, it } from 'vitest';
import { runNetwork } from '../../src/experiments/network.js';

describe('network', () => {
  it('reproducible, and both neuron models settle at similar rates', () => {
    const a = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2 });
    const b = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2 });
    expect(Array.from(b.raster.exc.time)).toEqual(Array.from(a.raster.exc.time));
    const c = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2, model: 'lif-current' });
    expect(a.meanRate.exc).toBeGreaterThan(2);
    expect(Math.abs(c.meanRate.exc - a.meanRate.exc) / a.meanRate.exc).toBeLessThan(0.3);
  });
});
