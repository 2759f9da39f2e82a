import { describe, expect, it } from 'vitest';
import { createStepper, type Rhs } from '../../src/ode/stepper.js';
import { DOPRI5, EULER, HEUN, MIDPOINT, RK4, type Tableau } from '../../src/ode/tableaus.js';
import { fittedOrder } from '../../src/experiments/convergence.js';

// y' = λy, y(0) = 1 → y(1) = e^λ: each tableau's global error falls by ≈ 2^order when h halves.
const lambda = -1.3;
const decay: Rhs = (_t, y, d) => { d[0] = lambda * y[0]; };

function errorAt(tab: Tableau | 'euler' | 'rk4', h: number): number {
  const s = createStepper(tab, 1);
  const y = Float64Array.of(1);
  const n = Math.round(1 / h);
  for (let i = 0; i < n; i++) s.step(decay, i * h, y, h);
  return Math.abs(y[0] - Math.exp(lambda));
}

describe('Runge–Kutta tableaus', () => {
  for (const tab of [EULER, MIDPOINT, HEUN, RK4, { ...DOPRI5, bErr: undefined }]) {
    it(`${tab.name} converges at order ${tab.order}`, () => {
      const hs = [0.1, 0.05, 0.025, 0.0125];
      const errs = hs.map((h) => errorAt(tab as Tableau, h));
      const order = fittedOrder(hs, errs);
      expect(Math.abs(order - tab.order), `fitted order ${order} for ${tab.name}, errors ${errs}`).toBeLessThan(0.15);
    });
  }

  it('hand-unrolled RK4 equals the generic tableau loop', () => {
    const f: Rhs = (t, y, d) => { d[0] = Math.sin(t) * y[1]; d[1] = -y[0] * y[0]; };
    const a = createStepper('rk4', 2), b = createStepper({ ...RK4, name: 'rk4-generic' }, 2);
    const ya = Float64Array.of(0.3, -0.2), yb = Float64Array.of(0.3, -0.2);
    for (let i = 0; i < 50; i++) { a.step(f, i * 0.01, ya, 0.01); b.step(f, i * 0.01, yb, 0.01); }
    expect(Math.abs(ya[0] - yb[0])).toBeLessThan(1e-14);
    expect(Math.abs(ya[1] - yb[1])).toBeLessThan(1e-14);
  });

  it('rejects a bad size or method', () => {
    expect(() => createStepper('rk4', 0)).toThrow(/size/);
    expect(() => createStepper('rk5' as 'rk4', 2)).toThrow(/method/);
  });
});
