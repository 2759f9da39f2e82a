/** f–I curves (src/experiments/fiCurve.ts): the simulated LIF neuron on its analytic rate curve. */
import { describe, expect, it } from 'vitest';
import { runLifFiCurve } from '../../src/experiments/fiCurve.js';

describe('LIF f–I curve', () => {
  it('simulated rates lie on G(v_in)', () => {
    const r = runLifFiCurve({ vMin: 0.5, vMax: 6, points: 12, duration: 1, dt: 1e-4 });
    expect(r.maxRelError).toBeLessThan(1e-3);
    r.vIn.forEach((v, i) => { if (v <= 1) expect(r.simulated[i]).toBe(0); });
  });
});
