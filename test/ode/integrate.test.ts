import { describe, expect, it } from 'vitest';
import { integrate } from '../../src/ode/integrate.js';
import { Rk45 } from '../../src/ode/rk45.js';
import { KNOWN_PROBLEMS, knownProblemSeries } from '../../src/experiments/convergence.js';
import { SimulationDiverged, ValidationError } from '../../src/core/errors.js';

describe('integrate()', () => {
  it('samples y[k][i] at t[i] = t0 + i·dt (contract shape)', () => {
    const sol = integrate((_t, y, d) => { d[0] = y[1]; d[1] = -y[0]; }, [1, 0], { t0: 0.5, t1: 1.5, dt: 0.01 });
    expect(sol.t.length).toBe(101);
    expect(sol.y.length).toBe(2);
    expect(sol.t[0]).toBe(0.5);
    expect(Math.abs(sol.t[100] - 1.5)).toBeLessThan(1e-12);
    // harmonic oscillator from (1, 0) at t0: y0 = cos(t − t0)
    expect(Math.abs(sol.y[0][100] - Math.cos(1))).toBeLessThan(1e-9);
    expect(Math.abs(sol.y[1][100] + Math.sin(1))).toBeLessThan(1e-9);
  });

  it('Euler converges at order ≈ 1 and RK4 at ≈ 4 on problems with known solutions', () => {
    for (const p of Object.values(KNOWN_PROBLEMS)) {
      const s = p.name === 'nonlinear' ? 100 : 1;
      const e = knownProblemSeries(p, 'euler', [1e-4, 5e-5, 2.5e-5, 1.25e-5].map((x) => x * s));
      const r = knownProblemSeries(p, 'rk4', [2e-3, 1e-3, 5e-4, 2.5e-4].map((x) => x * s));
      expect(Math.abs(e.order - 1), `${p.name} Euler order ${e.order}`).toBeLessThan(0.05);
      expect(Math.abs(r.order - 4), `${p.name} RK4 order ${r.order}`).toBeLessThan(0.15);
    }
  });

  it('RK45 meets its tolerance (global error of the order of rtol) and its dense output is accurate', () => {
    const p = KNOWN_PROBLEMS.nonlinear;
    for (const rtol of [1e-4, 1e-6, 1e-8, 1e-10]) {
      const sol = integrate(p.f, p.y0, { t1: p.t1, dt: 0.01, method: 'rk45', rtol, atol: rtol * 1e-3 });
      let worst = 0;
      for (let i = 0; i < sol.t.length; i++) worst = Math.max(worst, Math.abs(sol.y[0][i] - p.exact(sol.t[i])));
      expect(worst, `rtol ${rtol}: worst error ${worst}`).toBeLessThan(10 * rtol);
    }
    // tighter tolerance costs more evaluations
    const loose = integrate(p.f, p.y0, { t1: 2, dt: 0.1, method: 'rk45', rtol: 1e-4 });
    const tight = integrate(p.f, p.y0, { t1: 2, dt: 0.1, method: 'rk45', rtol: 1e-10 });
    expect(tight.evaluations).toBeGreaterThan(3 * loose.evaluations);
  });

  it('RK45 on an oscillator over many periods stays within tolerance', () => {
    const sol = integrate((_t, y, d) => { d[0] = y[1]; d[1] = -y[0]; }, [1, 0], { t1: 20 * Math.PI, dt: 0.1, method: 'rk45', rtol: 1e-9, atol: 1e-12 });
    let worst = 0;
    for (let i = 0; i < sol.t.length; i++) worst = Math.max(worst, Math.abs(sol.y[0][i] - Math.cos(sol.t[i])));
    expect(worst).toBeLessThan(1e-7);
  });

  it('Rk45 adapts: small steps where the solution changes fast, large where it is smooth', () => {
    // y' = −50(y − cos t): fast transient, then slow tracking
    const s = new Rk45((t, y, d) => { d[0] = -50 * (y[0] - Math.cos(t)); }, 0, [0], 3, { rtol: 1e-6 });
    const steps: [number, number][] = [];
    while (s.step()) steps.push([s.tPrev, s.hLast]);
    const early = steps.filter(([t]) => t < 0.02).map(([, h]) => h);
    const late = steps.filter(([t]) => t > 1).map(([, h]) => h);
    expect(Math.max(...early)).toBeLessThan(Math.min(...late));
  });

  it('rejects bad input with the parameter named', () => {
    const f = (_t: number, y: Float64Array, d: Float64Array) => { d[0] = -y[0]; };
    const cases: [unknown, RegExp][] = [
      [{ t1: 1, dt: 0 }, /integrate\.dt: must be > 0/],
      [{ t1: 1, dt: -0.1 }, /integrate\.dt: must be > 0/],
      [{ t1: 1, dt: NaN }, /integrate\.dt: must be a finite number/],
      [{ t1: 1, dt: 2 }, /integrate\.dt: must be <= t1 - t0/],
      [{ t1: Infinity, dt: 0.1 }, /integrate\.t1/],
      [{ t1: 1, dt: 0.1, method: 'rk3' }, /integrate\.method: must be one of 'euler', 'rk4', 'rk45'/],
      [{ t1: 1, dt: 0.1, method: 'rk45', rtol: -1 }, /rtol: must be > 0/],
      [{ t1: 1, dt: 0.1, stepsize: 3 }, /integrate\.stepsize: unknown option/],
    ];
    for (const [o, re] of cases) expect(() => integrate(f, [1], o as never)).toThrow(re);
    expect(() => integrate(f, [NaN], { t1: 1, dt: 0.1 })).toThrow(/integrate\.y0: entry 0 must be a finite number/);
    expect(() => integrate(f, [1], { t1: 1, dt: 0.1 })).not.toThrow();
    try {
      integrate(f, [1], { t1: 1, dt: -1 });
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
    }
  });

  it('accepts dt = t1 − t0 whatever t0 is (one step), and rejects a dt beyond it', () => {
    const f = (_t: number, y: Float64Array, d: Float64Array) => { d[0] = -y[0]; };
    // One RK4 step of y' = −y with h = 1 multiplies y by Σ_{k≤4} (−h)^k / k! = 1 − 1 + 1/2 − 1/6 + 1/24 = 0.375.
    for (const [t0, t1] of [[0, 1], [1, 2], [-3, -2], [10, 11], [1e6, 1e6 + 1]]) {
      const r = integrate(f, [1], { t0, t1, dt: t1 - t0 });
      expect(Array.from(r.t), `t0 = ${t0}`).toEqual([t0, t1]);
      expect(r.y[0][1], `t0 = ${t0}`).toBeCloseTo(0.375, 14);
    }
    // t1 − t0 that is not exactly representable: 10.3 − 10 = 0.30000000000000071.
    expect(integrate(f, [1], { t0: 10, t1: 10.3, dt: 0.3 }).t.length).toBe(2);
    expect(() => integrate(f, [1], { t0: 1, t1: 2, dt: 1.001 })).toThrow(/integrate\.dt: must be <= t1 - t0 \(1\) \(got 1\.001\)/);
  });

  it('a diverging solution stops with an error naming the time and the variable', () => {
    // y' = y², y(0) = 1 blows up at t = 1
    const f = (_t: number, y: Float64Array, d: Float64Array) => { d[0] = y[0] * y[0]; };
    for (const method of ['euler', 'rk4', 'rk45'] as const) {
      let err: unknown;
      try {
        integrate(f, [1], { t1: 2, dt: 0.01, method });
      } catch (e) {
        err = e;
      }
      expect(err, method).toBeInstanceOf(SimulationDiverged);
      const d = err as SimulationDiverged;
      expect(d.message).toMatch(/y\[0\]/);
      expect(d.time).toBeGreaterThan(0.5);
      expect(d.time).toBeLessThanOrEqual(2);
    }
  });
});
