/**
 * The Hodgkin-Huxley model (notes §1.1) in the α/β form of NEURON's `hh` mechanism:
 * C dV/dt = I − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L), dx/dt = φ(α_x (1 − x) − β_x x)
 * for x ∈ {m, h, n}, φ = 3^((T − 6.3)/10). Units: mV, ms inside, µA/cm², mS/cm², µF/cm²; the public API
 * takes and returns seconds.
 * @module
 */
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { resolveSignal, type Signal } from '../core/formula.js';
import { checkBoolean, checkFinite, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive, checkTimeGrid } from '../core/validate.js';
import { Rk45 } from '../ode/rk45.js';
import { createStepper, type Rhs } from '../ode/stepper.js';
import { hermiteCrossing } from './spikeTimes.js';
import { hhRk4 } from './hhRk4.js';
import { hhDerivatives, hhKinetics, neuronRateTable, tableSteadyState } from './hhKinetics.js';
import type { NeuronType, SpikeBuffer } from './types.js';

/** Parameters of {@link HodgkinHuxley}; defaults are NEURON's `hh` at 6.3 °C. */
export interface HodgkinHuxleyOptions {
  /** Membrane capacitance, µF/cm². @default 1 */
  C?: number;
  /** Maximal sodium conductance, mS/cm². @default 120 */
  gNa?: number;
  /** Maximal potassium conductance, mS/cm². @default 36 */
  gK?: number;
  /** Leak conductance, mS/cm². @default 0.3 */
  gL?: number;
  /** Sodium reversal potential, mV. @default 50 */
  ENa?: number;
  /** Potassium reversal potential, mV. @default -77 */
  EK?: number;
  /** Leak reversal potential, mV. @default -54.3 */
  EL?: number;
  /** Temperature, °C (rates scale by Q10 = 3). @default 6.3 */
  temperature?: number;
  /** Initial membrane potential, mV; the gates start at their steady state there. @default -65 */
  V0?: number;
  /** Spike detection level, mV (upward crossings). @default 0 */
  threshold?: number;
  /**
   * Use NEURON's rate table instead of the exact α/β: NEURON's `hh.mod` tabulates m∞, τ_m, … at 1 mV steps and
   * interpolates linearly unless `usetable_hh = 0`. With `true` the results match NEURON's default `hh` to the digit;
   * with the default `false` they match NEURON with `usetable_hh = 0` (the exact equations). The two differ by
   * about 0.2 ms in spike times after 200 ms at 10 µA/cm².
   * @default false
   */
  rateTable?: boolean;
}

/** Resolved HH parameters. */
export type HodgkinHuxleyParams = Readonly<Required<HodgkinHuxleyOptions>>;

/** Integration methods for {@link HodgkinHuxley.simulate}. */
export type HhMethod = 'euler' | 'rk4' | 'rk45';
/** All HH methods. */
export const HH_METHODS: readonly HhMethod[] = ['euler', 'rk4', 'rk45'];

/** Options of {@link HodgkinHuxley.simulate}. */
export interface HhSimulateOptions {
  /** Injected current, µA/cm²: a number, a function of t (s), or a formula string in t (s). */
  current: Signal;
  /** Simulated time, s. */
  duration: number;
  /** Time step (euler/rk4) or output interval (rk45), s. */
  dt: number;
  /** @default 'rk4' */
  method?: HhMethod;
  /** RK45 relative tolerance. @default 1e-6 */
  rtol?: number;
  /** RK45 absolute tolerance (mV and gate units). @default 1e-8 */
  atol?: number;
  /** Keep every k-th sample of the trace (spikes are always exact). @default 1 */
  recordEvery?: number;
  /** Record nothing but spikes (benchmarks). @default true */
  record?: boolean;
  /** Called now and then with (simulated s, total s). */
  onProgress?: (done: number, total: number) => void;
}

/** A recorded HH run. Arrays are sampled at t (s); currents in µA/cm² (outward positive). */
export interface HhTrace {
  t: Float64Array;
  V: Float64Array;
  m: Float64Array;
  h: Float64Array;
  n: Float64Array;
  INa: Float64Array;
  IK: Float64Array;
  IL: Float64Array;
  /** Upward crossings of the threshold (0 mV), s, interpolated inside the step. */
  spikes: Float64Array;
  /** Right-hand-side evaluations (work measure). */
  evaluations: number;
}

/** u / (e^u − 1), with its limit 1 at u = 0 (the removable singularity of α_m at −40 mV and α_n at −55 mV). */
export function exprel(u: number): number {
  return u === 0 ? 1 : u / Math.expm1(u);
}

/** α and β of the three gates at V (mV), per ms, at 6.3 °C (NEURON `hh.mod`). */
export function hhRates(V: number): { am: number; bm: number; ah: number; bh: number; an: number; bn: number } {
  return {
    am: exprel(-(V + 40) / 10),
    bm: 4 * Math.exp(-(V + 65) / 18),
    ah: 0.07 * Math.exp(-(V + 65) / 20),
    bh: 1 / (Math.exp(-(V + 35) / 10) + 1),
    an: 0.1 * exprel(-(V + 55) / 10),
    bn: 0.125 * Math.exp(-(V + 65) / 80),
  };
}

/** Steady-state gate values x∞ = α/(α + β) at V (mV). */
export function hhSteadyState(V: number): { m: number; h: number; n: number } {
  const r = hhRates(V);
  return { m: r.am / (r.am + r.bm), h: r.ah / (r.ah + r.bh), n: r.an / (r.an + r.bn) };
}

/** Validates HH options, filling NEURON's defaults. */
export function resolveHodgkinHuxley(o: HodgkinHuxleyOptions = {}): HodgkinHuxleyParams {
  checkKnownKeys('HodgkinHuxley', o, ['C', 'gNa', 'gK', 'gL', 'ENa', 'EK', 'EL', 'temperature', 'V0', 'threshold', 'rateTable']);
  return Object.freeze({
    C: checkPositive('HodgkinHuxley.C', o.C ?? 1),
    gNa: checkNonNegative('HodgkinHuxley.gNa', o.gNa ?? 120),
    gK: checkNonNegative('HodgkinHuxley.gK', o.gK ?? 36),
    gL: checkNonNegative('HodgkinHuxley.gL', o.gL ?? 0.3),
    ENa: checkFinite('HodgkinHuxley.ENa', o.ENa ?? 50),
    EK: checkFinite('HodgkinHuxley.EK', o.EK ?? -77),
    EL: checkFinite('HodgkinHuxley.EL', o.EL ?? -54.3),
    temperature: checkFinite('HodgkinHuxley.temperature', o.temperature ?? 6.3),
    V0: checkFinite('HodgkinHuxley.V0', o.V0 ?? -65),
    threshold: checkFinite('HodgkinHuxley.threshold', o.threshold ?? 0),
    rateTable: checkBoolean('HodgkinHuxley.rateTable', o.rateTable ?? false),
  });
}

/**
 * Makes the HH right-hand side over y = [V, m, h, n] with t in ms, for a current given as a function of
 * t in ms. Pure arithmetic, no allocation.
 */
export function makeHhRhs(p: HodgkinHuxleyParams, current: (tMs: number) => number): Rhs {
  const k = hhKinetics(p);
  return (t, y, d) => hhDerivatives(d, y[0], y[1], y[2], y[3], current(t), k);
}

const NAMES = ['V', 'm', 'h', 'n'] as const;

/**
 * A Hodgkin-Huxley neuron with NEURON's `hh` defaults, starting at rest (−65 mV, gates at steady state).
 * @example
 * ```ts
 * const hh = new HodgkinHuxley();
 * const { spikes } = hh.simulate({ current: 10, duration: 0.2, dt: 1e-5 });
 * ```
 */
export class HodgkinHuxley implements NeuronType<'V' | 'm' | 'h' | 'n'> {
  readonly name = 'hodgkin-huxley';
  readonly stateNames = NAMES;
  readonly inputUnits = 'µA/cm²';
  readonly params: HodgkinHuxleyParams;
  private popStepper?: { size: number; step: (dt: number, t: number, input: Float64Array, st: Record<'V' | 'm' | 'h' | 'n', Float64Array>, spikes: SpikeBuffer) => void };

  constructor(options: HodgkinHuxleyOptions = {}) {
    this.params = resolveHodgkinHuxley(options);
  }

  /** The initial state [V0, m∞, h∞, n∞]. */
  restingState(): Float64Array {
    const p = this.params;
    const ss = p.rateTable ? tableSteadyState(neuronRateTable(Math.pow(3, (p.temperature - 6.3) / 10)), p.V0) : hhSteadyState(p.V0);
    return Float64Array.of(this.params.V0, ss.m, ss.h, ss.n);
  }

  /** Ionic currents (µA/cm², outward positive) for a state. */
  currents(V: number, m: number, h: number, n: number): { INa: number; IK: number; IL: number } {
    const p = this.params;
    return { INa: p.gNa * m * m * m * h * (V - p.ENa), IK: p.gK * n * n * n * n * (V - p.EK), IL: p.gL * (V - p.EL) };
  }

  /** Runs the neuron and records V, m, h, n, the ionic currents and the spike times (DESIGN contract). */
  simulate(o: HhSimulateOptions): HhTrace {
    checkKnownKeys('HodgkinHuxley.simulate', o, ['current', 'duration', 'dt', 'method', 'rtol', 'atol', 'recordEvery', 'record', 'onProgress']);
    const steps = checkTimeGrid('HodgkinHuxley.simulate', o.dt, o.duration);
    const method = checkOneOf('HodgkinHuxley.simulate.method', o.method ?? 'rk4', HH_METHODS);
    const every = o.recordEvery ?? 1;
    if (!Number.isInteger(every) || every < 1) throw new ValidationError('HodgkinHuxley.simulate.recordEvery', `must be an integer >= 1 (got ${every})`);
    const record = o.record ?? true;
    const sig = resolveSignal('HodgkinHuxley.simulate.current', o.current);
    const c = sig.constant;
    const current = Number.isNaN(c) ? (tMs: number) => sig.fn(tMs * 1e-3) : () => c;
    if (Number.isNaN(c)) {
      const probe = sig.fn(0);
      if (!Number.isFinite(probe)) throw new ValidationError('HodgkinHuxley.simulate.current', `is not finite at t = 0 (got ${probe})`);
    }
    const f = makeHhRhs(this.params, current);
    const dtMs = o.dt * 1e3;
    const nRec = record ? Math.floor(steps / every) + 1 : 0;
    const rec = { t: new Float64Array(nRec), V: new Float64Array(nRec), m: new Float64Array(nRec), h: new Float64Array(nRec), n: new Float64Array(nRec) };
    const y = this.restingState();
    const spikes: number[] = [];
    const thr = this.params.threshold;
    const put = (k: number, tMs: number, s: ArrayLike<number>) => {
      rec.t[k] = tMs * 1e-3; rec.V[k] = s[0]; rec.m[k] = s[1]; rec.h[k] = s[2]; rec.n[k] = s[3];
    };
    if (record) put(0, 0, y);
    let evaluations = 0;
    const progressEvery = Math.max(1, Math.floor(steps / 100));

    if (method === 'rk45') {
      const solver = new Rk45(f, 0, y, steps * dtMs, { rtol: o.rtol ?? 1e-6, atol: o.atol ?? 1e-8, names: NAMES, maxStep: 1 });
      const tmp = new Float64Array(4);
      let i = 1;
      let lastReport = 0;
      while (solver.step()) {
        this.checkState(solver.y, solver.t * 1e-3, 'rk45');
        const V0 = solver.yPrev[0], V1 = solver.y[0];
        if (V0 < thr && V1 >= thr) spikes.push(this.denseCrossing(solver, thr) * 1e-3);
        if (record) {
          while (i <= steps && i * dtMs <= solver.t + 1e-9 * dtMs) {
            if (i % every === 0) put(i / every, i * dtMs, solver.interpolate(Math.min(i * dtMs, solver.t), tmp));
            i++;
          }
        }
        if (o.onProgress && solver.t - lastReport > steps * dtMs / 100) {
          lastReport = solver.t;
          o.onProgress(solver.t * 1e-3, o.duration);
        }
      }
      evaluations = solver.nEvals;
    } else if (method === 'rk4') {
      evaluations = hhRk4(this.params, Number.isNaN(c) ? current : c, y, dtMs, steps,
        record ? { every, ...rec, spikes } : { every, spikes },
        o.onProgress ? (i) => o.onProgress!(i * o.dt, o.duration) : undefined);
    } else {
      const stepper = createStepper(method, 4);
      const d0 = new Float64Array(4);
      f(0, y, d0);
      evaluations = 1;
      const rk4 = false; // RK4 runs in hhRk4 above; this path is Euler
      for (let i = 1; i <= steps; i++) {
        const t0 = (i - 1) * dtMs;
        const V0 = y[0], dV0 = d0[0];
        stepper.step(f, t0, y, dtMs, d0);
        const t1 = i * dtMs;
        f(t1, y, d0); // f at the new point: next step's first stage, and the end slope for the crossing
        evaluations += rk4 ? 4 : 1;
        const V1 = y[0];
        if (!(V1 > -1e4 && V1 < 1e4) || !(y[1] > -1 && y[1] < 2) || !(y[2] > -1 && y[2] < 2) || !(y[3] > -1 && y[3] < 2)) {
          this.checkState(y, t1 * 1e-3, `${method} at dt = ${o.dt} s`, true);
        }
        if (V0 < thr && V1 >= thr) {
          const th = rk4 ? hermiteCrossing(V0, dV0, V1, d0[0], dtMs, thr) : (thr - V0) / (V1 - V0);
          spikes.push((t0 + th * dtMs) * 1e-3);
        }
        if (record && i % every === 0) put(i / every, t1, y);
        if (o.onProgress && i % progressEvery === 0) o.onProgress(i * o.dt, o.duration);
      }
    }
    const INa = new Float64Array(nRec), IK = new Float64Array(nRec), IL = new Float64Array(nRec);
    for (let k = 0; k < nRec; k++) {
      const cur = this.currents(rec.V[k], rec.m[k], rec.h[k], rec.n[k]);
      INa[k] = cur.INa; IK[k] = cur.IK; IL[k] = cur.IL;
    }
    return { ...rec, INa, IK, IL, spikes: Float64Array.from(spikes), evaluations };
  }

  /** Throws SimulationDiverged naming the first variable that is non-finite or out of its range. */
  private checkState(y: ArrayLike<number>, tSec: number, hint: string, strict = false): void {
    for (let k = 0; k < 4; k++) {
      const v = y[k];
      const out = !Number.isFinite(v) || (strict && (k === 0 ? Math.abs(v) >= 1e4 : v <= -1 || v >= 2));
      if (out) throw new SimulationDiverged(NAMES[k], tSec, v, 0, `${hint}; try a smaller dt or another method`);
    }
  }

  /** Locates the threshold crossing inside the last RK45 step on its dense output (bisection). */
  private denseCrossing(s: Rk45, thr: number): number {
    let lo = s.tPrev, hi = s.t;
    for (let k = 0; k < 60 && hi - lo > 1e-13; k++) {
      const mid = 0.5 * (lo + hi);
      if (s.interpolateComponent(mid, 0) < thr) lo = mid;
      else hi = mid;
    }
    return 0.5 * (lo + hi);
  }

  /**
   * Steady firing rate (Hz) at a constant current (µA/cm²), measured by simulation (as Nengo's
   * `NeuronType.rates`): RK4 at 0.01 ms for 1 s, the rate from inter-spike intervals after the first 200 ms
   * so transients and single onset spikes do not count as sustained firing.
   */
  rate(I: number, o: { duration?: number; dt?: number; settle?: number } = {}): number {
    const duration = o.duration ?? 1;
    const settle = o.settle ?? 0.2;
    const tr = this.simulate({ current: I, duration, dt: o.dt ?? 1e-5, record: false });
    const late = Array.from(tr.spikes).filter((s) => s >= settle);
    if (late.length < 2) return 0;
    return (late.length - 1) / (late[late.length - 1] - late[0]);
  }

  /** A fresh state for `size` HH neurons at rest. */
  initialState(size: number): Record<'V' | 'm' | 'h' | 'n', Float64Array> {
    const r = this.restingState();
    const s = { V: new Float64Array(size), m: new Float64Array(size), h: new Float64Array(size), n: new Float64Array(size) };
    s.V.fill(r[0]); s.m.fill(r[1]); s.h.fill(r[2]); s.n.fill(r[3]);
    return s;
  }

  /**
   * Population step: RK4 over each neuron with its input current held over the step (µA/cm²); spikes are
   * upward threshold crossings located by cubic Hermite interpolation.
   */
  step(dt: number, t: number, input: Float64Array, st: Record<'V' | 'm' | 'h' | 'n', Float64Array>, spikes: SpikeBuffer): void {
    if (!this.popStepper || this.popStepper.size !== 1) {
      let Iconst = 0;
      const f = makeHhRhs(this.params, () => Iconst);
      const stepper = createStepper('rk4', 4);
      const y = new Float64Array(4), d0 = new Float64Array(4);
      const thr = this.params.threshold;
      this.popStepper = {
        size: 1,
        step: (dt_, t_, inp, s, sp) => {
          const h = dt_ * 1e3;
          let count = 0;
          for (let i = 0; i < s.V.length; i++) {
            Iconst = inp[i];
            y[0] = s.V[i]; y[1] = s.m[i]; y[2] = s.h[i]; y[3] = s.n[i];
            f(0, y, d0);
            const V0 = y[0], dV0 = d0[0];
            stepper.step(f, 0, y, h, d0);
            if (!Number.isFinite(y[0]) || Math.abs(y[0]) > 1e4) {
              throw new SimulationDiverged('V', t_ + dt_, y[0], i, `rk4 at dt = ${dt_} s`);
            }
            if (V0 < thr && y[0] >= thr) {
              f(h, y, d0);
              sp.index[count] = i;
              sp.offset[count++] = hermiteCrossing(V0, dV0, y[0], d0[0], h, thr) * dt_;
            }
            s.V[i] = y[0]; s.m[i] = y[1]; s.h[i] = y[2]; s.n[i] = y[3];
          }
          sp.count = count;
        },
      };
    }
    this.popStepper.step(dt, t, input, st, spikes);
  }
}
