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
import { hermiteCrossing } from './spikeTimes.js';
import { createSpikeBuffer, type NeuronType, type SpikeBuffer } from './types.js';
import { allocLifBlock, lifBlockOf } from './wasm/lifWasm.js';

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

  /**
   * v = 0 and not refractory, for every neuron. The arrays live in a WebAssembly memory block when SIMD is
   * available (see {@link LIF.inputFor} for the matching input array).
   */
  initialState(size: number): Record<LifState, Float64Array> {
    const block = size >= 8 ? allocLifBlock(size) : null;
    if (block) return { v: block.v, refractory: block.refractory };
    return { v: new Float64Array(size), refractory: new Float64Array(size) };
  }

  /**
   * The input array that sits beside `state` in WebAssembly memory, so the SIMD step reads it in place
   * (any other Float64Array works too, at the cost of one copy per step).
   */
  inputFor(state: Record<LifState, Float64Array>): Float64Array {
    return lifBlockOf(state.v)?.input ?? new Float64Array(state.v.length);
  }

  /**
   * One step for all neurons. `state.refractory[i]` is the refractory time left at the step's start (s); only
   * the non-refractory part of the step integrates (Nengo's `delta_t`). Two passes: the common path (a full
   * step, or a refractory countdown) in SIMD or TypeScript, then the few neurons that spiked or whose
   * refractory period ended inside the step are finished by {@link LIF.finish}.
   */
  step(dt: number, t: number, input: Float64Array, state: Record<LifState, Float64Array>, spikes: SpikeBuffer): void {
    const p = this.params;
    if (dt !== this.cachedDt) {
      this.cachedDt = dt;
      this.factor = stepFactor(p.method, -dt / p.tauM);
    }
    const V = state.v, R = state.refractory;
    const block = lifBlockOf(V);
    let nfix: number;
    let fix: Int32Array;
    if (block && block.refractory === R) {
      if (input !== block.input) block.input.set(input);
      nfix = block.run(this.factor, dt, p.minV);
      fix = block.fix;
    } else {
      fix = this.fixBuffer(V.length);
      nfix = commonPath(V, R, input, fix, this.factor, dt, p.minV);
    }
    this.finish(dt, t, input, V, R, fix, nfix, spikes);
  }

  private fixList?: Int32Array;
  private fixBuffer(n: number): Int32Array {
    if (!this.fixList || this.fixList.length < n) this.fixList = new Int32Array(n);
    return this.fixList;
  }

  /**
   * Finishes the listed neurons. On entry, a neuron that was not refractory holds the full-step v; one whose
   * refractory period ended inside the step holds its old v and ref = (time left) − dt < 0, so it integrates
   * for h = −ref. A spike's time comes from the end of the step: exact — v_end − J = (1 − J)e^{−s/τ}, so the
   * crossing is at dt − s; Euler — linear interpolation; RK4 — cubic Hermite interpolation (O(h⁴) like RK4).
   */
  private finish(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, fix: Int32Array, nfix: number, spikes: SpikeBuffer): void {
    const { tauM, tauRef, vReset, minV, method } = this.params;
    const idx = spikes.index, off = spikes.offset;
    let count = 0;
    for (let k = 0; k < nfix; k++) {
      const i = fix[k];
      const J = input[i];
      let v = V[i];
      let r = R[i];
      let h = dt; // integrated time in this step
      let v0: number; // v where the integration started
      if (r < 0) {
        h = -r;
        v0 = v;
        v = J + (v0 - J) * stepFactor(method, r / tauM);
        r = 0;
      } else {
        v0 = J + (v - J) / this.factor;
      }
      if (v > 1) {
        let ts: number;
        if (method === 'exact') ts = J > 1 ? dt + tauM * Math.log1p(-(v - 1) / (J - 1)) : dt - h;
        else if (method === 'euler') ts = dt - h + h * ((1 - v0) / (v - v0));
        else ts = dt - h + h * hermiteCrossing(v0, (J - v0) / tauM, v, (J - v) / tauM, h, 1);
        if (!(ts >= dt - h)) ts = dt - h;
        idx[count] = i;
        off[count++] = ts;
        let rem = tauRef + ts - dt; // refractory left at the next step's start
        v = vReset;
        if (rem < 0) {
          // τ_ref shorter than what is left of the step: integrate the remainder from the reset.
          v = Math.min(1, J + (vReset - J) * stepFactor(method, rem / tauM)); // a 2nd spike in one step is not represented
          rem = 0;
        }
        r = rem;
      } else if (!(v >= minV)) {
        if (!Number.isFinite(v)) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}, method ${method} at dt = ${dt} s`);
        v = minV;
      }
      if (!Number.isFinite(v)) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}, method ${method} at dt = ${dt} s`);
      V[i] = v;
      R[i] = r;
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
 * The factor f with v_new = J + (v − J)·f for a step of h = −z·τ_m on the linear ODE τ_m v' = J − v:
 * exact e^z, Euler 1 + z, RK4 its stability polynomial 1 + z + z²/2 + z³/6 + z⁴/24 (what RK4 computes here).
 */
export function stepFactor(method: LifMethod, z: number): number {
  if (method === 'exact') return Math.exp(z);
  if (method === 'euler') return 1 + z;
  return 1 + z * (1 + z * (0.5 + z * (1 / 6 + z / 24)));
}

/**
 * The common path of the LIF step in TypeScript (the reference the SIMD kernel is tested against): a full
 * step for neurons that are not refractory, a countdown for those that are; lists the neurons that need
 * {@link LIF} to finish them (spike, refractory ending inside the step, NaN, v < minV). Returns the count.
 */
export function commonPath(V: Float64Array, R: Float64Array, input: Float64Array, fix: Int32Array, factor: number, dt: number, minV: number): number {
  let nfix = 0;
  const n = V.length;
  for (let i = 0; i < n; i++) {
    let v = V[i];
    let r = R[i];
    if (r <= 0) {
      const J = input[i];
      v = J + (v - J) * factor;
      V[i] = v;
    } else {
      r -= dt;
      R[i] = r;
    }
    if (r < 0 || v > 1 || v !== v || v < minV) fix[nfix++] = i;
  }
  return nfix;
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
