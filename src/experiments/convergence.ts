/**
 * Convergence study: error against dt for forward Euler and RK4, on problems with known solutions (the LIF
 * membrane below threshold, notes §2.1: v = v_in(1 − e^{−t/τ_m}); and y' = −2ty², y = 1/(1 + t²)) and on
 * Hodgkin-Huxley against a tightly converged RK45 reference. The fitted slope of log error over log dt is the
 * observed order (≈ 1 for Euler, ≈ 4 for RK4).
 * @module
 */
import { linearFit } from '../core/arrays.js';
import type { Progress } from '../core/progress.js';
import { checkKnownKeys, checkOneOf } from '../core/validate.js';
import { ValidationError } from '../core/errors.js';
import { integrate } from '../ode/integrate.js';
import type { Rhs } from '../ode/stepper.js';
import { HodgkinHuxley } from '../neurons/hodgkinHuxley.js';
import { layout, line, type Figure } from './figure.js';

/** A problem with a known solution. */
export interface KnownProblem {
  name: string;
  description: string;
  f: Rhs;
  y0: number[];
  t1: number;
  exact: (t: number) => number;
  units: { t: string; y: string };
}

/** The problems with closed-form solutions. */
export const KNOWN_PROBLEMS: Record<string, KnownProblem> = {
  'lif-subthreshold': {
    name: 'lif-subthreshold',
    description: 'τ_m dv/dt = v_in − v, v(0) = 0, v_in = 0.9, τ_m = 20 ms: v = v_in (1 − e^(−t/τ_m))',
    f: (_t, y, d) => { d[0] = (0.9 - y[0]) / 0.02; },
    y0: [0], t1: 0.1,
    exact: (t) => 0.9 * -Math.expm1(-t / 0.02),
    units: { t: 's', y: 'v' },
  },
  nonlinear: {
    name: 'nonlinear',
    description: "y' = −2 t y², y(0) = 1: y = 1 / (1 + t²)",
    f: (t, y, d) => { d[0] = -2 * t * y[0] * y[0]; },
    y0: [1], t1: 2,
    exact: (t) => 1 / (1 + t * t),
    units: { t: '1', y: '1' },
  },
};

/** Error against dt for one method on one problem, with the fitted order. */
export interface ConvergenceSeries {
  problem: string;
  method: 'euler' | 'rk4';
  dt: number[];
  error: number[];
  order: number;
}

/** Error at t1 for each dt. */
export function knownProblemSeries(problem: KnownProblem, method: 'euler' | 'rk4', dts: number[]): ConvergenceSeries {
  const error = dts.map((dt) => {
    const sol = integrate(problem.f, problem.y0, { t1: problem.t1, dt, method });
    const n = sol.t.length - 1;
    return Math.abs(sol.y[0][n] - problem.exact(sol.t[n]));
  });
  return { problem: problem.name, method, dt: dts, error, order: fittedOrder(dts, error) };
}

/** Slope of log(error) against log(dt). */
export function fittedOrder(dts: number[], errors: number[]): number {
  return linearFit(dts.map(Math.log), errors.map(Math.log)).slope;
}

/**
 * HH: the largest |V − V_ref| (mV) over the samples every 0.1 ms of a `duration` run at `current`, against RK45
 * with rtol = atol = 1e-12.
 */
export function hhSeries(method: 'euler' | 'rk4', dts: number[], current = 10, duration = 0.02): ConvergenceSeries {
  const hh = new HodgkinHuxley();
  const sampleDt = 1e-4;
  const ref = hh.simulate({ current, duration, dt: sampleDt, method: 'rk45', rtol: 1e-12, atol: 1e-12 });
  const error = dts.map((dt) => {
    const every = Math.round(sampleDt / dt);
    if (Math.abs(every * dt - sampleDt) > 1e-12) throw new ValidationError('convergence.dt', `must divide 0.1 ms (got ${dt} s)`);
    const tr = hh.simulate({ current, duration, dt, method, recordEvery: every });
    let e = 0;
    for (let k = 0; k < ref.V.length; k++) e = Math.max(e, Math.abs(tr.V[k] - ref.V[k]));
    return e;
  });
  return { problem: 'hodgkin-huxley', method, dt: dts, error, order: fittedOrder(dts, error) };
}

/** Options of {@link runConvergence}. */
export interface ConvergenceOptions {
  /** Which known-solution problem. @default 'lif-subthreshold' */
  problem?: string;
  /** Include Hodgkin-Huxley. @default true */
  hh?: boolean;
}

/** Every series. */
export interface ConvergenceResult {
  series: ConvergenceSeries[];
}

/** The resolved defaults of {@link runConvergence} (the sim's flags read them). */
export const CONVERGENCE_DEFAULTS = Object.freeze({ problem: 'lif-subthreshold' });

/** dt grids chosen inside each method's asymptotic range (stable, above round-off). */
export function runConvergence(o: ConvergenceOptions = {}, onProgress?: Progress): ConvergenceResult {
  checkKnownKeys('convergence', o, ['problem', 'hh']);
  const name = checkOneOf('convergence.problem', o.problem ?? CONVERGENCE_DEFAULTS.problem, Object.keys(KNOWN_PROBLEMS));
  const p = KNOWN_PROBLEMS[name];
  const scale = name === 'nonlinear' ? 100 : 1; // the nonlinear problem runs to t = 2, not 0.1 s
  const series: ConvergenceSeries[] = [];
  const total = o.hh === false ? 2 : 4;
  series.push(knownProblemSeries(p, 'euler', [1e-4, 5e-5, 2.5e-5, 1.25e-5].map((x) => x * scale)));
  onProgress?.(1, total);
  series.push(knownProblemSeries(p, 'rk4', [2e-3, 1e-3, 5e-4, 2.5e-4].map((x) => x * scale)));
  onProgress?.(2, total);
  if (o.hh !== false) {
    series.push(hhSeries('euler', [2e-7, 1e-7, 5e-8, 2.5e-8]));
    onProgress?.(3, total);
    series.push(hhSeries('rk4', [2e-5, 1e-5, 5e-6, 2.5e-6]));
    onProgress?.(4, total);
  }
  return { series };
}

/** Log–log error against dt, one line per (problem, method). */
export function convergenceFigure(r: ConvergenceResult): Figure {
  return {
    title: 'Convergence',
    data: r.series.map((s) => line(s.dt, s.error, `${s.problem}, ${s.method} (order ${s.order.toFixed(2)})`, { mode: 'lines+markers' })),
    layout: layout('Error against time step', 'dt (s)', 'error (|y − y_exact|; HH: max |ΔV| in mV)', {
      xaxis: { type: 'log', title: { text: 'dt (s)' } }, yaxis: { type: 'log', title: { text: 'error' } },
    }),
  };
}
