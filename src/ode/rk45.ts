/**
 * Adaptive Dormand–Prince 5(4) with error control and dense output, written after scipy's `RK45`:
 * the step is accepted when the scaled RMS error ‖e / (atol + rtol·max(|y|, |y_new|))‖ ≤ 1, and the
 * continuous extension (4th order) gives y anywhere inside the last step. Buffers are made once.
 * @module
 */
import { IntegrationStalled, SimulationDiverged, ValidationError } from '../core/errors.js';
import { checkInteger, checkPositive } from '../core/validate.js';
import type { Rhs } from './stepper.js';
import { DOPRI5, DOPRI5_DENSE } from './tableaus.js';

/** Tolerances and step limits for {@link Rk45}. */
export interface Rk45Options {
  /** Relative tolerance. @default 1e-6 */
  rtol?: number;
  /** Absolute tolerance (same units as y). @default 1e-9 */
  atol?: number;
  /** Largest step allowed. @default Infinity */
  maxStep?: number;
  /** First step to try; chosen automatically when omitted (Hairer's rule). */
  firstStep?: number;
  /** Names of the state components, for error messages. */
  names?: readonly string[];
  /**
   * Most steps (accepted and rejected) to take before giving up with an {@link IntegrationStalled} naming the time
   * reached: a stiff problem or tolerances near machine precision would otherwise run for hours. @default 1e6
   */
  maxSteps?: number;
  /** Seconds per unit of t, so that errors report times in seconds (e.g. 1e-3 when t is in ms). @default 1 */
  secondsPerUnit?: number;
}

/** rtol below this asks for more than double precision holds (scipy clamps to the same floor). */
const MIN_RTOL = 100 * Number.EPSILON;

const SAFETY = 0.9;
const MIN_FACTOR = 0.2;
const MAX_FACTOR = 10;
const ERR_EXP = -1 / 5;

/** An adaptive DOPRI5 integration in progress: call {@link Rk45.step} until it returns false. */
export class Rk45 {
  /** Time at the end of the last accepted step. */
  t: number;
  /** State at {@link Rk45.t} (do not modify). */
  readonly y: Float64Array;
  /** Time at the start of the last accepted step. */
  tPrev: number;
  /** State at {@link Rk45.tPrev}. */
  readonly yPrev: Float64Array;
  /** Size of the last accepted step. */
  hLast = 0;
  /** Counts, for work-precision studies. */
  nAccepted = 0;
  nRejected = 0;
  nEvals = 0;
  readonly rtol: number;
  readonly atol: number;
  private h: number;
  private readonly n: number;
  private readonly k: Float64Array[];
  private readonly yNew: Float64Array;
  private readonly tmp: Float64Array;
  private readonly q: Float64Array; // dense-output coefficients, n × 4
  private readonly maxStep: number;
  private readonly maxSteps: number;
  private readonly unit: number;
  private readonly names?: readonly string[];

  constructor(private readonly f: Rhs, t0: number, y0: ArrayLike<number>, readonly tEnd: number, o: Rk45Options = {}) {
    this.rtol = checkPositive('rk45.rtol', o.rtol ?? 1e-6);
    if (this.rtol < MIN_RTOL) {
      throw new ValidationError('rk45.rtol', `must be >= ${MIN_RTOL.toPrecision(3)} (100 × machine epsilon: a tighter relative tolerance is below double precision) (got ${this.rtol})`);
    }
    this.atol = checkPositive('rk45.atol', o.atol ?? 1e-9);
    this.maxStep = o.maxStep === undefined ? Infinity : checkPositive('rk45.maxStep', o.maxStep);
    this.maxSteps = checkInteger('rk45.maxSteps', o.maxSteps ?? 1e6, 1);
    this.unit = checkPositive('rk45.secondsPerUnit', o.secondsPerUnit ?? 1);
    if (!Number.isFinite(t0)) throw new ValidationError('rk45.t0', `must be a finite number (got ${t0})`);
    if (!Number.isFinite(tEnd)) throw new ValidationError('rk45.tEnd', `must be a finite number (got ${tEnd})`);
    if (!(tEnd > t0)) throw new ValidationError('rk45.tEnd', `must be > t0 (${t0}) (got ${tEnd})`);
    const n = (this.n = y0.length);
    this.names = o.names;
    this.t = this.tPrev = t0;
    this.y = Float64Array.from(y0);
    this.yPrev = Float64Array.from(y0);
    this.k = Array.from({ length: 7 }, () => new Float64Array(n));
    this.yNew = new Float64Array(n);
    this.tmp = new Float64Array(n);
    this.q = new Float64Array(n * 4);
    f(t0, this.y, this.k[0]);
    this.nEvals = 1;
    this.checkFinite(this.y, t0);
    this.checkFinite(this.k[0], t0, 'derivative of ');
    this.h = o.firstStep !== undefined ? checkPositive('rk45.firstStep', o.firstStep) : this.initialStep();
  }

  /** Hairer, Nørsett & Wanner's starting step (scipy's `select_initial_step`). */
  private initialStep(): number {
    const { n, y, k, tmp, rtol, atol } = this;
    const f0 = k[0];
    let d0 = 0, d1 = 0;
    for (let i = 0; i < n; i++) {
      const sc = atol + Math.abs(y[i]) * rtol;
      d0 += (y[i] / sc) ** 2;
      d1 += (f0[i] / sc) ** 2;
    }
    d0 = Math.sqrt(d0 / n);
    d1 = Math.sqrt(d1 / n);
    const span = this.tEnd - this.t;
    let h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : (0.01 * d0) / d1;
    // Tiny tolerances overflow the scaled norms (∞/∞ = NaN, or h0 = 0): fall back on a small fraction of the span,
    // and let the error control find the step.
    if (!(h0 > 0 && h0 < Infinity)) h0 = 1e-6 * span;
    h0 = Math.min(h0, span);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h0 * f0[i];
    const f1 = k[1];
    this.f(this.t + h0, tmp, f1);
    this.nEvals++;
    let d2 = 0;
    for (let i = 0; i < n; i++) {
      const sc = atol + Math.abs(y[i]) * rtol;
      d2 += ((f1[i] - f0[i]) / sc) ** 2;
    }
    d2 = Math.sqrt(d2 / n) / h0;
    let h1 = d1 <= 1e-15 && d2 <= 1e-15 ? Math.max(1e-6, h0 * 1e-3) : (0.01 / Math.max(d1, d2)) ** (1 / 5);
    if (!(h1 > 0)) h1 = h0; // NaN-proof (an overflowed d2)
    return Math.min(100 * h0, h1, this.maxStep, span);
  }

  private checkFinite(a: Float64Array, t: number, what = ''): void {
    for (let i = 0; i < this.n; i++) {
      if (!Number.isFinite(a[i])) {
        throw new SimulationDiverged(what + (this.names?.[i] ?? `y[${i}]`), t * this.unit, a[i], 0, 'rk45');
      }
    }
  }

  /** Takes one accepted step (shrinking h until the error test passes). Returns false once t = tEnd. */
  step(): boolean {
    if (this.t >= this.tEnd) return false;
    const { n, k, y, yNew, tmp, f, rtol, atol } = this;
    const a = DOPRI5.a, c = DOPRI5.c, bErr = DOPRI5.bErr!;
    const t = this.t;
    const hMin = 16 * Number.EPSILON * Math.max(Math.abs(t), 1e-300);
    let h = Math.min(this.h, this.maxStep, this.tEnd - t);
    let badIndex = -1; // a component that was not finite at the last trial step
    for (;;) {
      if (!(h >= hMin)) { // also true for a NaN h
        if (badIndex >= 0) {
          throw new SimulationDiverged(this.names?.[badIndex] ?? `y[${badIndex}]`, t * this.unit, NaN, 0,
            `rk45: every trial step from t down to ${hMin.toExponential(2)} gave a non-finite value; the right-hand side blows up here`);
        }
        const worst = this.largest();
        throw new IntegrationStalled(this.names?.[worst] ?? `y[${worst}]`, t * this.unit, y[worst],
          `the rk45 step size fell below ${hMin.toExponential(2)}, what double precision resolves at this t; the solution is ` +
          `too stiff or blows up here, or the tolerances (rtol ${rtol}, atol ${atol}) are too tight`);
      }
      if (this.nAccepted + this.nRejected >= this.maxSteps) {
        const worst = this.largest();
        throw new IntegrationStalled(this.names?.[worst] ?? `y[${worst}]`, t * this.unit, y[worst],
          `rk45 used its budget of ${this.maxSteps} steps (maxSteps) before reaching the end (t = ${this.tEnd * this.unit} s); ` +
          `the problem is stiff for an explicit method or the tolerances (rtol ${rtol}, atol ${atol}) are too tight: loosen them or raise maxSteps`);
      }
      let tNew = t + h;
      if (this.tEnd - tNew < hMin) tNew = this.tEnd; // land exactly on the end
      h = tNew - t;
      for (let s = 1; s < 6; s++) {
        const as = a[s];
        for (let i = 0; i < n; i++) {
          let acc = 0;
          for (let j = 0; j < s; j++) acc += as[j] * k[j][i];
          tmp[i] = y[i] + h * acc;
        }
        f(t + c[s] * h, tmp, k[s]);
      }
      const a6 = a[6];
      for (let i = 0; i < n; i++) {
        let acc = 0;
        for (let j = 0; j < 6; j++) acc += a6[j] * k[j][i];
        yNew[i] = y[i] + h * acc;
      }
      f(tNew, yNew, k[6]);
      this.nEvals += 6;
      let err = 0;
      let finite = true;
      for (let i = 0; i < n; i++) {
        let e = 0;
        for (let j = 0; j < 7; j++) e += bErr[j] * k[j][i];
        const sc = atol + Math.max(Math.abs(y[i]), Math.abs(yNew[i])) * rtol;
        const r = (h * e) / sc;
        err += r * r;
        if (!Number.isFinite(yNew[i]) || !Number.isFinite(k[6][i])) {
          finite = false;
          badIndex = i;
        }
      }
      err = Math.sqrt(err / n);
      if (finite) badIndex = -1;
      if (finite && err <= 1) {
        const factor = err === 0 ? MAX_FACTOR : Math.min(MAX_FACTOR, SAFETY * err ** ERR_EXP);
        this.h = h * factor;
        this.hLast = h;
        this.tPrev = t;
        this.yPrev.set(y);
        // Dense-output coefficients Q = Kᵀ P for this step, before k is reused.
        const q = this.q;
        for (let i = 0; i < n; i++) {
          for (let m = 0; m < 4; m++) {
            let acc = 0;
            for (let j = 0; j < 7; j++) acc += k[j][i] * DOPRI5_DENSE[j][m];
            q[i * 4 + m] = acc;
          }
        }
        y.set(yNew);
        this.t = tNew;
        k[0].set(k[6]); // FSAL: f at the new point is the next step's first stage
        this.nAccepted++;
        return true;
      }
      this.nRejected++;
      // A NaN error (∞·0 in the scaled norm) shrinks like a non-finite state: by 4.
      h *= finite && err === err ? Math.max(MIN_FACTOR, SAFETY * err ** ERR_EXP) : 0.25;
    }
  }

  /** Index of the component with the largest magnitude (what a stalled integration reports). */
  private largest(): number {
    let worst = 0;
    for (let i = 1; i < this.n; i++) if (Math.abs(this.y[i]) > Math.abs(this.y[worst])) worst = i;
    return worst;
  }

  /** f(t, y) at the current point (the FSAL stage). */
  get dydt(): Float64Array {
    return this.k[0];
  }

  /** Writes y(t) for t in [tPrev, t] (the last accepted step) into `out`, from the 4th-order continuous extension. */
  interpolate(tq: number, out: Float64Array): Float64Array {
    const h = this.t - this.tPrev;
    const th = h === 0 ? 0 : (tq - this.tPrev) / h;
    const th2 = th * th, th3 = th2 * th, th4 = th3 * th;
    const q = this.q, y0 = this.yPrev;
    for (let i = 0; i < this.n; i++) {
      out[i] = y0[i] + h * (q[i * 4] * th + q[i * 4 + 1] * th2 + q[i * 4 + 2] * th3 + q[i * 4 + 3] * th4);
    }
    return out;
  }

  /** y_i(t) for one component in the last accepted step. */
  interpolateComponent(tq: number, i: number): number {
    const h = this.t - this.tPrev;
    const th = h === 0 ? 0 : (tq - this.tPrev) / h;
    const q = this.q;
    return this.yPrev[i] + h * th * (q[i * 4] + th * (q[i * 4 + 1] + th * (q[i * 4 + 2] + th * q[i * 4 + 3])));
  }
}
