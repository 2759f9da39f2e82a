/**
 * Leaky integrate-and-fire neurons (notes §2.1): τ_m dv/dt = v_in − v below threshold 1; on crossing,
 * a spike, reset to 0 and a refractory period τ_ref. The spike time is located inside the step and the
 * refractory period counts from it (Nengo's update), so rates stay accurate at coarse dt.
 * @module
 */
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { resolveSignal, type Signal } from '../core/formula.js';
import { checkKnownKeys, checkNonNegative, checkOneOf, checkPositive, checkTimeGrid, checkFinite } from '../core/validate.js';
import { lifRateRaw, lifRateWithReset, lifRateDerivativeRaw } from './rates.js';
import { createSpikeBuffer, type NeuronType, type SpikeBuffer } from './types.js';

/** Integration methods of the LIF step. */
export type LifMethod = 'exact' | 'euler' | 'rk4';
/** All LIF methods. */
export const LIF_METHODS: readonly LifMethod[] = ['exact', 'euler', 'rk4'];

/** Parameters of the normalized LIF (threshold 1). */
export interface LifOptions {
  /** Membrane time constant τ_m, s. @default 0.02 */
  tauM?: number;
  /** Refractory period τ_ref, s. @default 0.002 */
  tauRef?: number;
  /** Reset value of v after a spike (the notes use 0). @default 0 */
  vReset?: number;
  /** Lower bound on v (Nengo clips at 0); none by default. @default -Infinity */
  minV?: number;
  /** Integration method of {@link LIF.step}. @default 'exact' */
  method?: LifMethod;
}

/** Resolved, validated LIF parameters. */
export interface LifParams {
  readonly tauM: number;
  readonly tauRef: number;
  readonly vReset: number;
  readonly minV: number;
  readonly method: LifMethod;
}

/** Validates LIF options, filling defaults. */
export function resolveLif(o: LifOptions = {}, owner = 'LIF'): LifParams {
  checkKnownKeys(owner, o, ['tauM', 'tauRef', 'vReset', 'minV', 'method']);
  const tauM = checkPositive(`${owner}.tauM`, o.tauM ?? 0.02);
  const tauRef = checkNonNegative(`${owner}.tauRef`, o.tauRef ?? 0.002);
  const vReset = checkFinite(`${owner}.vReset`, o.vReset ?? 0);
  if (vReset >= 1) throw new ValidationError(`${owner}.vReset`, `must be < 1, the threshold (got ${vReset})`);
  const minV = o.minV ?? -Infinity;
  if (typeof minV !== 'number' || Number.isNaN(minV) || minV > vReset) {
    throw new ValidationError(`${owner}.minV`, `must be a number <= vReset (${vReset}) (got ${minV})`);
  }
  const method = checkOneOf(`${owner}.method`, o.method ?? 'exact', LIF_METHODS);
  return { tauM, tauRef, vReset, minV, method };
}

/** Options of {@link LIF.simulate}. */
export interface LifSimulateOptions {
  /** v_in: a number, a function of t (s), or a formula string in t. */
  input: Signal;
  /** Simulated time, s. */
  duration: number;
  /** Time step, s. */
  dt: number;
  /** Overrides the neuron's method for this run. */
  method?: LifMethod;
  /** Initial v. @default 0 */
  v0?: number;
}

/** A recorded LIF run: v at t[i] = i·dt (after any reset in that step) and the spike times (s). */
export interface LifTrace {
  t: Float64Array;
  v: Float64Array;
  spikes: Float64Array;
}

type LifState = 'v' | 'refractory';

/**
 * The normalized LIF neuron type. As a {@link NeuronType} it steps whole populations (structure of arrays);
 * `simulate` runs one neuron and records it.
 * @example
 * ```ts
 * const trace = new LIF({ tauRef: 0.002 }).simulate({ input: 1.5, duration: 0.5, dt: 1e-4 });
 * console.log(trace.spikes.length, lifRate(1.5));
 * ```
 */
export class LIF implements NeuronType<LifState> {
  readonly name = 'lif';
  readonly stateNames = ['v', 'refractory'] as const;
  readonly inputUnits = 'v_in (threshold 1)';
  readonly params: LifParams;
  // Cached per-dt factors: the step is called with the same dt for a whole run.
  private cachedDt = NaN;
  private factor = 0;

  constructor(options: LifOptions = {}) {
    this.params = resolveLif(options);
  }

  /** G(v_in) in Hz (with the reset value taken into account). */
  rate(vIn: number): number {
    const p = this.params;
    return p.vReset === 0 ? lifRateRaw(vIn, p.tauM, p.tauRef) : lifRateWithReset(vIn, p.tauM, p.tauRef, p.vReset);
  }

  /** dG/dv_in (reset 0). */
  rateDerivative(vIn: number): number {
    return lifRateDerivativeRaw(vIn, this.params.tauM, this.params.tauRef);
  }

  /** v = 0 and not refractory, for every neuron. */
  initialState(size: number): Record<LifState, Float64Array> {
    return { v: new Float64Array(size), refractory: new Float64Array(size) };
  }

  /**
   * One step for all neurons. `state.refractory[i]` is the refractory time left at the step's start (s).
   * Only the non-refractory part of the step integrates (Nengo's `delta_t`).
   */
  step(dt: number, t: number, input: Float64Array, state: Record<LifState, Float64Array>, spikes: SpikeBuffer): void {
    const m = this.params.method;
    if (dt !== this.cachedDt) {
      this.cachedDt = dt;
      const z = -dt / this.params.tauM;
      this.factor = m === 'exact' ? Math.exp(z) : m === 'euler' ? 1 + z : 1 + z * (1 + z * (0.5 + z * (1 / 6 + z / 24)));
    }
    if (m === 'exact') this.stepExact(dt, t, input, state.v, state.refractory, spikes);
    else this.stepRk(dt, t, input, state.v, state.refractory, spikes, m === 'rk4');
  }

  /** Exact exponential integration: v ← J + (v − J)·e^{−Δt/τ_m}; the crossing solved from the end of the step. */
  private stepExact(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, spikes: SpikeBuffer): void {
    const { tauM, tauRef, vReset, minV } = this.params;
    const decay = this.factor;
    const idx = spikes.index, off = spikes.offset;
    const n = V.length;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const J = input[i];
      let v = V[i];
      const r = R[i];
      if (r <= 0) {
        v = J + (v - J) * decay;
      } else if (r < dt) {
        v = J + (v - J) * Math.exp((r - dt) / tauM);
        R[i] = 0;
      } else {
        R[i] = r - dt;
        continue;
      }
      if (v > 1) {
        // Time of the crossing from the step's start: v_end − J = (1 − J) e^{−s/τ}, crossing at dt − s.
        let ts = J > 1 ? dt + tauM * Math.log1p(-(v - 1) / (J - 1)) : 0;
        if (ts < 0) ts = 0;
        idx[count] = i;
        off[count++] = ts;
        let rem = tauRef + ts - dt; // refractory left at the next step's start
        v = vReset;
        if (rem < 0) {
          // τ_ref shorter than what is left of the step: integrate the remainder from the reset.
          v = J + (vReset - J) * Math.exp(rem / tauM);
          if (v > 1) v = 1; // a second spike within one step is not represented; hold at threshold
          rem = 0;
        }
        R[i] = rem;
      } else if (!(v >= minV)) {
        if (v !== v) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}`);
        v = minV;
      }
      V[i] = v;
    }
    spikes.count = count;
  }

  /** Euler or RK4 on the linear ODE (J held over the step); crossing by linear (Euler) or cubic Hermite (RK4) interpolation. */
  private stepRk(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, spikes: SpikeBuffer, rk4: boolean): void {
    const { tauM, tauRef, vReset, minV } = this.params;
    const full = this.factor;
    const idx = spikes.index, off = spikes.offset;
    const n = V.length;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const J = input[i];
      const v0 = V[i];
      const r = R[i];
      let h = dt;
      let f = full;
      if (r > 0) {
        if (r >= dt) {
          R[i] = r - dt;
          continue;
        }
        h = dt - r;
        const z = -h / tauM;
        f = rk4 ? 1 + z * (1 + z * (0.5 + z * (1 / 6 + z / 24))) : 1 + z;
        R[i] = 0;
      }
      let v = J + (v0 - J) * f;
      if (v > 1) {
        let theta: number;
        if (rk4) theta = hermiteCrossing(v0, (J - v0) / tauM, v, (J - v) / tauM, h, 1);
        else theta = (1 - v0) / (v - v0);
        const ts = dt - h + theta * h;
        idx[count] = i;
        off[count++] = ts;
        let rem = tauRef + ts - dt;
        v = vReset;
        if (rem < 0) {
          const z = rem / tauM; // negative: the time left after the refractory period
          const g = rk4 ? 1 + z * (1 + z * (0.5 + z * (1 / 6 + z / 24))) : 1 + z;
          v = Math.min(1, J + (vReset - J) * g);
          rem = 0;
        }
        R[i] = rem;
      } else if (!(v >= minV)) {
        if (v !== v || !Number.isFinite(v)) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}`);
        v = minV;
      }
      if (!Number.isFinite(v)) throw new SimulationDiverged('v', t + dt, v, i, `method ${rk4 ? 'rk4' : 'euler'} at dt = ${dt}`);
      V[i] = v;
    }
    spikes.count = count;
  }

  /** Runs one neuron and records v and the spike times (DESIGN contract). */
  simulate(options: LifSimulateOptions): LifTrace {
    checkKnownKeys('LIF.simulate', options, ['input', 'duration', 'dt', 'method', 'v0']);
    const steps = checkTimeGrid('LIF.simulate', options.dt, options.duration);
    const dt = options.dt;
    const sig = resolveSignal('LIF.simulate.input', options.input);
    const neuron = options.method && options.method !== this.params.method
      ? new LIF({ ...this.params, method: checkOneOf('LIF.simulate.method', options.method, LIF_METHODS) })
      : this;
    const state = neuron.initialState(1);
    state.v[0] = checkFinite('LIF.simulate.v0', options.v0 ?? 0);
    const input = new Float64Array(1);
    const buf = createSpikeBuffer(1);
    const t = new Float64Array(steps + 1);
    const v = new Float64Array(steps + 1);
    v[0] = state.v[0];
    const spikes: number[] = [];
    // Forward Euler samples the input at the step's start; the others at its midpoint (2nd order in the input).
    const sampleAt = neuron.params.method === 'euler' ? 0 : 0.5 * dt;
    const constant = sig.constant;
    for (let i = 0; i < steps; i++) {
      const ti = i * dt;
      const J = Number.isNaN(constant) ? sig.fn(ti + sampleAt) : constant;
      if (!Number.isFinite(J)) throw new SimulationDiverged('input', ti, J, 0, 'the input signal is not finite');
      input[0] = J;
      neuron.step(dt, ti, input, state, buf);
      if (buf.count) spikes.push(ti + buf.offset[0]);
      t[i + 1] = (i + 1) * dt;
      v[i + 1] = state.v[0];
    }
    return { t, v, spikes: Float64Array.from(spikes) };
  }
}

/**
 * θ ∈ [0, 1] where the cubic Hermite interpolant through (0, y0, y0') and (h, y1, y1') crosses `level`
 * (y0 < level ≤ y1). Bisection then Newton: accurate to O(h⁴) like RK4 itself.
 */
export function hermiteCrossing(y0: number, d0: number, y1: number, d1: number, h: number, level: number): number {
  const m0 = d0 * h, m1 = d1 * h;
  const p = (s: number) => {
    const s2 = s * s, s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * y1 + (s3 - s2) * m1 - level;
  };
  let lo = 0, hi = 1;
  let plo = p(0);
  if (plo >= 0) return 0;
  for (let k = 0; k < 60 && hi - lo > 1e-15; k++) {
    const mid = 0.5 * (lo + hi);
    const pm = p(mid);
    if (pm < 0) {
      lo = mid;
      plo = pm;
    } else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Parameters of the LIF neuron in physical units. */
export interface PhysicalLifOptions {
  /** Membrane capacitance C, µF/cm². @default 1 */
  C?: number;
  /** Leak conductance g_L, mS/cm² (τ_m = C/g_L, in ms). @default 0.05 */
  gL?: number;
  /** Leak reversal (resting) potential V_L, mV. @default -65 */
  VL?: number;
  /** Threshold V_th, mV. @default -50 */
  Vth?: number;
  /** Reset V_reset, mV. @default -65 */
  Vreset?: number;
  /** Refractory period, s. @default 0.002 */
  tauRef?: number;
  /** @default 'exact' */
  method?: LifMethod;
}

/** A physical-units LIF run: V in mV at t (s), spike times (s). */
export interface PhysicalLifTrace {
  t: Float64Array;
  V: Float64Array;
  spikes: Float64Array;
}

/**
 * LIF in physical units, C dV/dt = I − g_L (V − V_L) with I in µA/cm², mapped onto the normalized model:
 * τ_m = C/g_L (ms → s), v = (V − V_L)/(V_th − V_L), v_in = I / (g_L (V_th − V_L)),
 * v_reset = (V_reset − V_L)/(V_th − V_L). The normalized model does the work, so both agree exactly.
 */
export class PhysicalLIF {
  readonly C: number;
  readonly gL: number;
  readonly VL: number;
  readonly Vth: number;
  readonly Vreset: number;
  readonly tauRef: number;
  /** The normalized neuron that runs the dynamics. */
  readonly normalized: LIF;
  constructor(o: PhysicalLifOptions = {}) {
    checkKnownKeys('PhysicalLIF', o, ['C', 'gL', 'VL', 'Vth', 'Vreset', 'tauRef', 'method']);
    this.C = checkPositive('PhysicalLIF.C', o.C ?? 1);
    this.gL = checkPositive('PhysicalLIF.gL', o.gL ?? 0.05);
    this.VL = checkFinite('PhysicalLIF.VL', o.VL ?? -65);
    this.Vth = checkFinite('PhysicalLIF.Vth', o.Vth ?? -50);
    this.Vreset = checkFinite('PhysicalLIF.Vreset', o.Vreset ?? -65);
    this.tauRef = checkNonNegative('PhysicalLIF.tauRef', o.tauRef ?? 0.002);
    if (!(this.Vth > this.VL)) throw new ValidationError('PhysicalLIF.Vth', `must be > VL (${this.VL} mV) (got ${this.Vth})`);
    if (!(this.Vreset < this.Vth)) throw new ValidationError('PhysicalLIF.Vreset', `must be < Vth (${this.Vth} mV) (got ${this.Vreset})`);
    this.normalized = new LIF({ tauM: this.tauM, tauRef: this.tauRef, vReset: this.toNormalizedV(this.Vreset), method: o.method ?? 'exact' });
  }
  /** τ_m = C / g_L in seconds (µF/cm² over mS/cm² is ms). */
  get tauM(): number {
    return (this.C / this.gL) * 1e-3;
  }
  /** v = (V − V_L)/(V_th − V_L). */
  toNormalizedV(V: number): number {
    return (V - this.VL) / (this.Vth - this.VL);
  }
  /** V = V_L + v (V_th − V_L). */
  toPhysicalV(v: number): number {
    return this.VL + v * (this.Vth - this.VL);
  }
  /** v_in = I / (g_L (V_th − V_L)) for I in µA/cm². */
  toNormalizedInput(I: number): number {
    return I / (this.gL * (this.Vth - this.VL));
  }
  /** Steady rate (Hz) for a constant current I (µA/cm²). */
  rate(I: number): number {
    return this.normalized.rate(this.toNormalizedInput(I));
  }
  /** Rheobase current, µA/cm²: g_L (V_th − V_L). */
  get rheobase(): number {
    return this.gL * (this.Vth - this.VL);
  }
  /** Simulates with `current` in µA/cm² (number, function of t or formula). */
  simulate(o: { current: Signal; duration: number; dt: number; method?: LifMethod; V0?: number }): PhysicalLifTrace {
    checkKnownKeys('PhysicalLIF.simulate', o, ['current', 'duration', 'dt', 'method', 'V0']);
    const sig = resolveSignal('PhysicalLIF.simulate.current', o.current);
    const scale = 1 / (this.gL * (this.Vth - this.VL));
    const input = Number.isNaN(sig.constant) ? (t: number) => sig.fn(t) * scale : sig.constant * scale;
    const tr = this.normalized.simulate({
      input, duration: o.duration, dt: o.dt, method: o.method,
      v0: this.toNormalizedV(checkFinite('PhysicalLIF.simulate.V0', o.V0 ?? this.VL)),
    });
    const V = new Float64Array(tr.v.length);
    for (let i = 0; i < V.length; i++) V[i] = this.toPhysicalV(tr.v[i]);
    return { t: tr.t, V, spikes: tr.spikes };
  }
}
