/**
 * Classic RK4 for one Hodgkin-Huxley neuron, written out over scalars: the same arithmetic as
 * `createStepper('rk4', 4)` with `makeHhRhs`, but with the state in locals rather than arrays and the
 * right-hand side inlined, which is what lets V8 keep everything in registers (≈ 2× the generic stepper).
 * The test suite checks it against the generic stepper to the last few ulps.
 * @module
 */
import { SimulationDiverged } from '../core/errors.js';
import { hermiteCrossing } from './spikeTimes.js';
import { hhDerivatives, hhKinetics } from './hhKinetics.js';

/** What the loop records. `every`-th samples go to the arrays (length ≥ steps/every + 1); spikes always. */
export interface HhRk4Recording {
  every: number;
  t?: Float64Array;
  V?: Float64Array;
  m?: Float64Array;
  h?: Float64Array;
  n?: Float64Array;
  spikes: number[];
}

/** Constants of the right-hand side (ms, mV, mS/cm², µF/cm²). */
export interface HhConstants {
  C: number; gNa: number; gK: number; gL: number; ENa: number; EK: number; EL: number; temperature: number; threshold: number;
}

/**
 * Integrates `steps` RK4 steps of dtMs from y = [V, m, h, n] (updated in place). `current` is a constant
 * (µA/cm²) or a function of t in ms. Throws SimulationDiverged on a non-finite or runaway state.
 * Returns the number of right-hand-side evaluations.
 */
export function hhRk4(
  p: HhConstants, current: number | ((tMs: number) => number), y: Float64Array, dtMs: number, steps: number,
  rec: HhRk4Recording, onProgress?: (done: number) => void,
): number {
  const threshold = p.threshold;
  const k = hhKinetics(p);
  const Iconst = typeof current === 'number' ? current : 0;
  const Ifn = typeof current === 'function' ? current : null;
  // Derivatives go to a Float64Array, not to captured `let`s: V8 would box captured doubles on every write.
  const d = new Float64Array(4);
  const f = (t: number, V: number, m: number, h: number, n: number): void =>
    hhDerivatives(d, V, m, h, n, Ifn === null ? Iconst : Ifn(t), k);
  let V = y[0], m = y[1], h = y[2], n = y[3];
  const half = 0.5 * dtMs, sixth = dtMs / 6;
  const every = rec.every;
  const { t: rt, V: rV, m: rm, h: rh, n: rn } = rec;
  const progressEvery = Math.max(1, Math.floor(steps / 100));
  f(0, V, m, h, n);
  for (let i = 1; i <= steps; i++) {
    const t0 = (i - 1) * dtMs;
    const k1V = d[0], k1m = d[1], k1h = d[2], k1n = d[3];
    f(t0 + half, V + half * k1V, m + half * k1m, h + half * k1h, n + half * k1n);
    const k2V = d[0], k2m = d[1], k2h = d[2], k2n = d[3];
    f(t0 + half, V + half * k2V, m + half * k2m, h + half * k2h, n + half * k2n);
    const k3V = d[0], k3m = d[1], k3h = d[2], k3n = d[3];
    f(t0 + dtMs, V + dtMs * k3V, m + dtMs * k3m, h + dtMs * k3h, n + dtMs * k3n);
    const V0 = V;
    V += sixth * (k1V + 2 * (k2V + k3V) + d[0]);
    m += sixth * (k1m + 2 * (k2m + k3m) + d[1]);
    h += sixth * (k1h + 2 * (k2h + k3h) + d[2]);
    n += sixth * (k1n + 2 * (k2n + k3n) + d[3]);
    const t1 = i * dtMs;
    f(t1, V, m, h, n); // the next step's first stage, and the end slope for the crossing
    if (!(V > -1e4 && V < 1e4 && m > -1 && m < 2 && h > -1 && h < 2 && n > -1 && n < 2)) {
      const bad = !(V > -1e4 && V < 1e4) ? ['V', V] : !(m > -1 && m < 2) ? ['m', m] : !(h > -1 && h < 2) ? ['h', h] : ['n', n];
      throw new SimulationDiverged(bad[0] as string, t1 * 1e-3, bad[1] as number, 0, `rk4 at dt = ${dtMs * 1e-3} s; try a smaller dt or another method`);
    }
    if (V0 < threshold && V >= threshold) {
      rec.spikes.push((t0 + hermiteCrossing(V0, k1V, V, d[0], dtMs, threshold) * dtMs) * 1e-3);
    }
    if (rV !== undefined && i % every === 0) {
      const k = i / every;
      rt![k] = t1 * 1e-3; rV[k] = V; rm![k] = m; rh![k] = h; rn![k] = n;
    }
    if (onProgress !== undefined && i % progressEvery === 0) onProgress(i);
  }
  y[0] = V; y[1] = m; y[2] = h; y[3] = n;
  return 4 * steps + 1;
}
