/** Error against dt (src/experiments/convergence.ts): Euler converges at order 1, RK4 at order 4, on HH too. */
import { describe, expect, it } from 'vitest';
import { convergenceFigure, runConvergence } from '../../src/experiments/convergence.js';

describe('convergence', () => {
  it('the fitted orders are the methods\' orders: 1 for Euler, 4 for RK4, on both known problems and on HH', () => {
    const seen: number[] = [];
    const r = runConvergence({}, (done) => seen.push(done));
    expect(seen).toEqual([1, 2, 3, 4]);
    const nonlinear = runConvergence({ problem: 'nonlinear', hh: false });
    for (const s of [...r.series, ...nonlinear.series]) {
      const order = s.method === 'euler' ? 1 : 4;
      // HH is nonlinear and its spikes are sharp: its RK4 errors approach the asymptote from above (order ≈ 4.2).
      const tol = s.problem === 'hodgkin-huxley' ? 0.25 : 0.1;
      expect(Math.abs(s.order - order), `${s.problem}, ${s.method}: fitted order ${s.order}`).toBeLessThan(tol);
      // Each halving of dt divides the error by about 2^order.
      for (let k = 1; k < s.error.length; k++) expect(s.error[k - 1] / s.error[k], `${s.problem}, ${s.method}, dt ${s.dt[k]}`).toBeGreaterThan(2 ** order * 0.85);
    }
    expect(r.series.map((s) => `${s.problem} ${s.method}`)).toEqual(['lif-subthreshold euler', 'lif-subthreshold rk4', 'hodgkin-huxley euler', 'hodgkin-huxley rk4']);
    expect(convergenceFigure(r).data).toHaveLength(4);
    expect(() => runConvergence({ problem: 'stiff' })).toThrow(/convergence\.problem: must be one of 'lif-subthreshold', 'nonlinear'/);
  });
});
