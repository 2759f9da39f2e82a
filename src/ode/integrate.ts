/**
 * `integrate()`: the contract's sampling loop over a fixed-step stepper or the adaptive RK45 driver.
 * @module
 */
import { checkMemory } from '../core/budget.js';
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { checkFinite, checkFiniteArray, checkKnownKeys, checkOneOf, checkOptionsObject, checkPositive } from '../core/validate.js';
import { Rk45 } from './rk45.js';
import { createStepper, type Rhs } from './stepper.js';

/** Integration methods by name. */
export type OdeMethod = 'euler' | 'rk4' | 'rk45';
/** The methods `integrate` accepts. */
export const ODE_METHODS: readonly OdeMethod[] = ['euler', 'rk4', 'rk45'];

/** Options of {@link integrate}. */
export interface IntegrateOptions {
  /** Start time. @default 0 */
  t0?: number;
  /** End time (> t0). */
  t1: number;
  /** Step for 'euler'/'rk4'; the output interval for 'rk45'. */
  dt: number;
  /** @default 'rk4' */
  method?: OdeMethod;
  /** Relative tolerance for 'rk45'. @default 1e-6 */
  rtol?: number;
  /** Absolute tolerance for 'rk45'. @default 1e-9 */
  atol?: number;
  /** Most internal steps 'rk45' may take before it stops with an error naming the time reached. @default 1e6 */
  maxSteps?: number;
}

/** Samples of a solution: `y[k][i]` is component k at `t[i] = t0 + i·dt`. */
export interface Solution {
  t: Float64Array;
  y: Float64Array[];
  /** Number of right-hand-side evaluations made. */
  evaluations: number;
}

/**
 * Integrates dy/dt = f(t, y) from t0 to t1 and samples the solution every dt.
 * @param f writes the derivative into its third argument
 * @param y0 initial state
 * @example
 * ```ts
 * const { t, y } = integrate((t, y, d) => { d[0] = -y[0]; }, [1], { t1: 1, dt: 0.01, method: 'rk4' });
 * ```
 */
export function integrate(f: Rhs, y0: number[] | Float64Array, options: IntegrateOptions): Solution {
  if (typeof f !== 'function') throw new ValidationError('integrate.f', 'must be a function (t, y, dydt) => void');
  checkOptionsObject('integrate.options', options, '{ t1, dt, t0?, method?, rtol?, atol?, maxSteps? }');
  checkKnownKeys('integrate', options, ['t0', 't1', 'dt', 'method', 'rtol', 'atol', 'maxSteps']);
  const y = checkFiniteArray('integrate.y0', y0);
  if (y.length === 0) throw new ValidationError('integrate.y0', 'must have at least one component (got length 0)');
  const t0 = checkFinite('integrate.t0', options.t0 ?? 0);
  const t1 = checkFinite('integrate.t1', options.t1);
  if (!(t1 > t0)) throw new ValidationError('integrate.t1', `must be > t0 (${t0}) (got ${t1})`);
  const dt = checkPositive('integrate.dt', options.dt);
  if (dt > (t1 - t0) * (1 + 1e-12)) throw new ValidationError('integrate.dt', `must be <= t1 - t0 (${t1 - t0}) (got ${dt})`);
  const method = checkOneOf('integrate.method', options.method ?? 'rk4', ODE_METHODS);
  const steps = Math.round((t1 - t0) / dt);
  if (steps > 5e8) throw new ValidationError('integrate.dt', `gives ${steps} samples; at most 5e8 are allowed (got ${dt})`);
  const n = y.length;
  checkMemory('integrate.dt', (steps + 1) * (n + 1) * 8, `${steps + 1} samples × ${n + 1} arrays (t and ${n} components), 8 bytes each`, [
    'a larger dt (the output interval; rk45 adapts its internal step anyway)', 'a shorter span t1 − t0', 'fewer components',
  ]);
  const t = new Float64Array(steps + 1);
  const out = Array.from({ length: n }, () => new Float64Array(steps + 1));
  for (let i = 0; i <= steps; i++) t[i] = t0 + i * dt;
  for (let k = 0; k < n; k++) out[k][0] = y[k];
  let evaluations = 0;
  const counted: Rhs = (tt, yy, d) => {
    evaluations++;
    f(tt, yy, d);
  };

  if (method === 'rk45') {
    const solver = new Rk45(counted, t0, y, t0 + steps * dt, { rtol: options.rtol, atol: options.atol, maxSteps: options.maxSteps });
    const tmp = new Float64Array(n);
    let i = 1;
    while (i <= steps && solver.step()) {
      while (i <= steps && t[i] <= solver.t) {
        solver.interpolate(t[i], tmp);
        for (let k = 0; k < n; k++) out[k][i] = tmp[k];
        i++;
      }
    }
    for (; i <= steps; i++) for (let k = 0; k < n; k++) out[k][i] = solver.y[k];
    return { t, y: out, evaluations };
  }

  const stepper = createStepper(method, n);
  for (let i = 1; i <= steps; i++) {
    stepper.step(counted, t[i - 1], y, dt);
    for (let k = 0; k < n; k++) {
      const v = y[k];
      if (!Number.isFinite(v)) throw new SimulationDiverged(`y[${k}]`, t[i], v, 0, `${method} at dt = ${dt}`);
      out[k][i] = v;
    }
  }
  return { t, y: out, evaluations };
}
