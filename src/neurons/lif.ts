/**
 * Leaky integrate-and-fire neurons (notes §2.1): τ_m dv/dt = v_in − v below threshold 1; on crossing, a spike,
 * reset and a refractory period τ_ref. One neuron type with shared or per-neuron τ_m, τ_ref and v_reset, two timing
 * modes and three integration methods:
 *
 * - `timing: 'precise'` (default): spike times located inside the step, the refractory period counted from them
 *   (Nengo's update), so rates stay accurate at coarse dt. With method 'exact' the neuron integrates its current
 *   synapses itself, exactly, with input spikes landing at their true times inside the step and the threshold
 *   crossing found on the exact trajectory (lifPrecise.ts): a network's spike times then do not depend on dt.
 * - `timing: 'grid'`: Brian2's semantics (spikes at step ends, whole-step refractory periods; lifGrid.ts), for
 *   reproducing Brian2 spike for spike; conductance synapses are taken in this mode.
 * - `method`: 'exact' (default; exponential propagation), or 'euler' / 'rk4' (the notes' explicit methods, for the
 *   convergence study), which hold the synaptic input over the step.
 * @module
 */
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { resolveSignal, type Signal } from '../core/formula.js';
import {
  checkFinite, checkFiniteArray, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive, checkTimeGrid,
} from '../core/validate.js';
import { GridLifStepper, checkStableStep, stepFactor, type ConductanceUnits, type LifMethod } from './lifGrid.js';
import { membraneResponse, stagePropagator } from './lifPropagator.js';
import { PreciseLifStepper, type LifArrays } from './lifPrecise.js';
import { lifRateDerivativeWithReset, lifRateRaw, lifRateWithReset, lifRateDerivativeRaw } from './rates.js';
import {
  NO_SYNAPTIC_INPUT, createSpikeBuffer, type NeuronType, type SpikeBuffer, type SynapticCapabilities, type SynapticInput,
} from './types.js';
import { allocLifBlock, lifBlockOf, type LifBlock } from './wasm/lifWasm.js';
import { hermiteCrossing } from './spikeTimes.js';

export { stepFactor, type LifMethod };
/** All LIF methods. */
export const LIF_METHODS: readonly LifMethod[] = ['exact', 'euler', 'rk4'];
/** How spikes and refractory periods sit on the time grid (see the module note). */
export type LifTiming = 'precise' | 'grid';
/** All LIF timing modes. */
export const LIF_TIMINGS: readonly LifTiming[] = ['precise', 'grid'];

/** A parameter shared by all neurons (a number) or given per neuron (an array). */
export type PerNeuron = number | ArrayLike<number>;

/** The physical neuron a normalized LIF stands for (set by {@link PhysicalLIF}; lets conductance synapses map onto it). */
export interface LifUnits {
  /** Leak conductance g_L, mS/cm². */
  gL: PerNeuron;
  /** Leak reversal V_L, mV. */
  VL: PerNeuron;
  /** Threshold V_th, mV. */
  Vth: PerNeuron;
}

/** Parameters of the normalized LIF (threshold 1). Arrays give one value per neuron (and fix the population size). */
export interface LifOptions {
  /** Membrane time constant τ_m, s. @default 0.02 */
  tauM?: PerNeuron;
  /** Refractory period τ_ref, s. @default 0.002 */
  tauRef?: PerNeuron;
  /** Reset value of v after a spike (the notes use 0), < 1. @default 0 */
  vReset?: PerNeuron;
  /** Lower bound on v (Nengo clips at 0); none by default. A bound turns off the exact synaptic integration. @default -Infinity */
  minV?: number;
  /** Integration method. @default 'exact' */
  method?: LifMethod;
  /** Spike timing. @default 'precise' */
  timing?: LifTiming;
  /** Physical units this neuron stands for (set by {@link PhysicalLIF}). */
  units?: LifUnits;
}

/** Resolved, validated LIF parameters. Shared values are numbers; a parameter given per neuron reads NaN here. */
export interface LifParams {
  readonly tauM: number;
  readonly tauRef: number;
  readonly vReset: number;
  readonly minV: number;
  readonly method: LifMethod;
  readonly timing: LifTiming;
  /** The population size fixed by per-neuron parameters, or 0 when every parameter is shared. */
  readonly size: number;
}

/** Validated per-neuron or shared values: [shared value or NaN, the array or null]. */
function perNeuron(name: string, v: PerNeuron, check: (n: string, x: number) => number): [number, Float64Array | null] {
  if (typeof v === 'number') return [check(name, v), null];
  const a = checkFiniteArray(name, v);
  if (a.length === 0) throw new ValidationError(name, 'must be a number or a non-empty array (got an empty array)');
  for (let i = 0; i < a.length; i++) check(`${name}[${i}]`, a[i]);
  return [NaN, a];
}

/** One common size for every per-neuron array (0 when none). */
function commonSize(owner: string, arrays: Record<string, Float64Array | null>): number {
  let size = 0, first = '';
  for (const [k, a] of Object.entries(arrays)) {
    if (!a) continue;
    if (size && a.length !== size) throw new ValidationError(`${owner}.${k}`, `must have the same length as ${first} (${size}) (got ${a.length})`);
    if (!size) [size, first] = [a.length, k];
  }
  return size;
}

const below1 = (owner: string) => (n: string, x: number) => {
  checkFinite(n, x);
  if (x >= 1) throw new ValidationError(n, `must be < 1, the threshold (got ${x})`);
  return x;
};

/** Validates LIF options, filling defaults; also returns the per-neuron arrays and conductance units. */
export function resolveLif(o: LifOptions = {}, owner = 'LIF'): LifParams & { arrays: LifArrays; units: ConductanceUnits | null } {
  checkKnownKeys(owner, o, ['tauM', 'tauRef', 'vReset', 'minV', 'method', 'timing', 'units']);
  const [tauM, tauMs] = perNeuron(`${owner}.tauM`, o.tauM ?? 0.02, checkPositive);
  const [tauRef, tauRefs] = perNeuron(`${owner}.tauRef`, o.tauRef ?? 0.002, checkNonNegative);
  const [vReset, vResets] = perNeuron(`${owner}.vReset`, o.vReset ?? 0, below1(owner));
  const minV = o.minV ?? -Infinity;
  const lowestReset = vResets ? vResets.reduce((a, b) => Math.min(a, b), Infinity) : vReset;
  if (typeof minV !== 'number' || Number.isNaN(minV) || minV > lowestReset) {
    throw new ValidationError(`${owner}.minV`, `must be a number <= vReset (${lowestReset}) (got ${minV})`);
  }
  const method = checkOneOf(`${owner}.method`, o.method ?? 'exact', LIF_METHODS);
  const timing = checkOneOf(`${owner}.timing`, o.timing ?? 'precise', LIF_TIMINGS);
  let units: ConductanceUnits | null = null;
  let unitArrays: Record<string, Float64Array | null> = {};
  if (o.units !== undefined) {
    const u = o.units;
    checkKnownKeys(`${owner}.units`, u, ['gL', 'VL', 'Vth']);
    const [gL, gLs] = perNeuron(`${owner}.units.gL`, u.gL, checkPositive);
    const [VL, VLs] = perNeuron(`${owner}.units.VL`, u.VL, checkFinite);
    const [Vth, Vths] = perNeuron(`${owner}.units.Vth`, u.Vth, checkFinite);
    unitArrays = { 'units.gL': gLs, 'units.VL': VLs, 'units.Vth': Vths };
    const n = commonSize(owner, unitArrays) || 1;
    const at = (s: number, a: Float64Array | null, i: number) => (a ? a[i] : s);
    const invGL = new Float64Array(n), VLa = new Float64Array(n), dV = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      invGL[i] = 1 / at(gL, gLs, i);
      VLa[i] = at(VL, VLs, i);
      dV[i] = at(Vth, Vths, i) - VLa[i];
      if (!(dV[i] > 0)) throw new ValidationError(`${owner}.units.Vth`, `must be > VL (${VLa[i]} mV) (got ${at(Vth, Vths, i)})`);
    }
    units = { invGL, VL: VLa, dV };
  }
  const size = commonSize(owner, { tauM: tauMs, tauRef: tauRefs, vReset: vResets, ...unitArrays });
  const arrays: LifArrays = { size, tauMs, tauRefs, vResets, tauM, tauRef, vReset };
  return { tauM, tauRef, vReset, minV, method, timing, size, arrays, units };
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
 * `simulate` runs one neuron and records it. State: `v` (threshold 1) and `refractory` (precise timing: the
 * refractory time left, s; grid timing: whole steps left).
 * @example
 * ```ts
 * const trace = new LIF({ tauRef: 0.002 }).simulate({ input: 1.5, duration: 0.5, dt: 1e-4 });
 * console.log(trace.spikes.length, lifRate(1.5));
 * const brian2Like = new LIF({ timing: 'grid' });             // spikes on the grid, as Brian2
 * const mixed = new LIF({ tauM: [0.01, 0.02, 0.03] });        // per-neuron parameters: a population of 3
 * ```
 */
export class LIF implements NeuronType<LifState> {
  readonly name = 'lif';
  readonly stateNames = ['v', 'refractory'] as const;
  readonly inputUnits = 'v_in (threshold 1)';
  readonly params: LifParams;
  readonly synapticInput: SynapticCapabilities;
  private readonly arrays: LifArrays;
  /** The physical units this neuron stands for (V_L, V_th − V_L in mV, 1/g_L; one value or one per neuron), or null when normalized. */
  readonly units: ConductanceUnits | null;
  // Per-dt factors of the receptor-free path (a run keeps one dt).
  private cachedDt = NaN;
  private factor = 0;
  private factors: Float64Array | null = null;
  private precise: PreciseLifStepper | null = null;
  private grid: GridLifStepper | null = null;
  private fixList?: Int32Array;
  private landing = new Float64Array(1);

  constructor(options: LifOptions = {}) {
    const r = resolveLif(options);
    const { arrays, units, ...params } = r;
    this.params = Object.freeze(params);
    this.arrays = arrays;
    this.units = units;
    const fuses = params.method === 'exact' && params.minV === -Infinity;
    this.synapticInput = Object.freeze({
      fusesCurrents: fuses,
      precise: fuses && params.timing === 'precise',
      conductance: units && params.timing === 'grid' ? { voltage: 'mV', conductance: 'mS/cm²' } : undefined,
      whyNoConductance: !units
        ? 'a normalized LIF has no voltage units; use Population.physicalLif (V in mV) or HH'
        : params.timing !== 'grid' ? "conductance synapses on an LIF need timing: 'grid' (exact timing is for current synapses)" : undefined,
    });
  }

  /** G(v_in) in Hz (with the reset value taken into account); neuron 0's when parameters are per neuron. */
  rate(vIn: number): number {
    return this.rateOf(0, vIn);
  }

  /** G(v_in) of neuron i, Hz. */
  rateOf(i: number, vIn: number): number {
    const { tauM, tauRef, vReset } = this.paramsOf(i);
    return vReset === 0 ? lifRateRaw(vIn, tauM, tauRef) : lifRateWithReset(vIn, tauM, tauRef, vReset);
  }

  /** dG/dv_in (with the reset value taken into account); neuron 0's when parameters are per neuron. */
  rateDerivative(vIn: number): number {
    const { tauM, tauRef, vReset } = this.paramsOf(0);
    return vReset === 0 ? lifRateDerivativeRaw(vIn, tauM, tauRef) : lifRateDerivativeWithReset(vIn, tauM, tauRef, vReset);
  }

  /** τ_m, τ_ref and v_reset of neuron i. */
  paramsOf(i: number): { tauM: number; tauRef: number; vReset: number } {
    const a = this.arrays;
    return { tauM: a.tauMs ? a.tauMs[i] : a.tauM, tauRef: a.tauRefs ? a.tauRefs[i] : a.tauRef, vReset: a.vResets ? a.vResets[i] : a.vReset };
  }

  /**
   * v = 0 and not refractory, for every neuron. With shared parameters the arrays live in a WebAssembly memory
   * block when SIMD is available (see {@link LIF.inputFor} for the matching input array).
   */
  initialState(size: number): Record<LifState, Float64Array> {
    if (this.params.size && size !== this.params.size) {
      throw new ValidationError('LIF', `per-neuron parameters have length ${this.params.size} but the population has ${size} neurons`);
    }
    const block = !this.params.size && size >= 8 ? allocLifBlock(size) : null;
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

  /** The first exponential receptor lives in the SIMD block, where the grid and precise kernels read it. */
  receptorState(state: Record<LifState, Float64Array>, n: number, index: number): Float64Array | undefined {
    const block = lifBlockOf(state.v);
    if (!block || n !== 0 || index !== 0 || !this.synapticInput.fusesCurrents) return undefined;
    block.I.fill(0);
    return block.I;
  }

  /**
   * One step for all neurons (see the module note for what each mode does). `state.refractory[i]` is the
   * refractory time left at the step's start (precise timing, s) or the whole steps left (grid timing).
   */
  step(dt: number, t: number, input: Float64Array, state: Record<LifState, Float64Array>, spikes: SpikeBuffer, syn: SynapticInput = NO_SYNAPTIC_INPUT): void {
    const p = this.params;
    const V = state.v, R = state.refractory;
    if (p.timing === 'grid') {
      const block = lifBlockOf(V);
      const g = (this.grid ??= new GridLifStepper(this.arrays, p.method));
      const c = syn.currents;
      if (block && block.refractory === R && p.method === 'exact' && c.length === 1 && c[0].n === 0 && c[0].state === block.I && syn.conductances.length === 0) {
        this.stepGridSimd(dt, t, input, block, syn, g, spikes);
      } else {
        g.step(dt, t, input, V, R, syn, this.units, spikes);
      }
      return;
    }
    if (syn.conductances.length) throw new ValidationError('LIF', this.synapticInput.whyNoConductance ?? 'conductance synapses are not taken');
    if (syn.currents.length) {
      this.precise ??= new PreciseLifStepper(this.arrays);
      this.precise.step(dt, t, input, V, R, syn.currents, syn.events, spikes);
      return;
    }
    this.stepFree(dt, t, input, V, R, spikes);
  }

  /** The grid SIMD kernel for the common path; the few lanes it flags (spikes, divergence) are finished here. */
  private stepGridSimd(dt: number, t: number, input: Float64Array, b: LifBlock, syn: SynapticInput, g: GridLifStepper, spikes: SpikeBuffer): void {
    if (input !== b.input) b.input.set(input);
    const [P11, P22, P21] = g.kernelConstants(dt, syn);
    const nfix = b.runGrid(P11, P22, P21);
    const fix = b.fix, V = b.v, R = b.refractory;
    const idx = spikes.index, off = spikes.offset;
    const vReset = this.params.vReset, refSteps = g.frozenSteps(0);
    let count = 0;
    for (let k = 0; k < nfix; k++) {
      const i = fix[k];
      const v = V[i];
      if (v > 1 && v !== Infinity) {
        idx[count] = i;
        off[count++] = dt;
        V[i] = vReset;
        R[i] = refSteps;
      } else {
        throw new SimulationDiverged('v', t + dt, v, i, `input ${b.input[i]}, I ${b.I[i] / P11}`);
      }
    }
    spikes.count = count;
  }

  /**
   * A step without synaptic receptors (the input is held over the step). Two passes: the common path (a full step,
   * or a refractory countdown) in SIMD or TypeScript, then the few neurons that spiked or whose refractory period
   * ended inside the step are finished by {@link LIF.finish}.
   */
  private stepFree(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, spikes: SpikeBuffer): void {
    const p = this.params, a = this.arrays;
    if (dt !== this.cachedDt) {
      this.cachedDt = dt;
      checkStableStep('LIF', p.method, dt, a.tauMs ? a.tauMs.reduce((x, y) => Math.min(x, y), Infinity) : p.tauM);
      this.factor = stepFactor(p.method, -dt / p.tauM);
      this.factors = a.tauMs ? a.tauMs.map((tm) => stepFactor(p.method, -dt / tm)) : null;
    }
    const block = lifBlockOf(V);
    let nfix: number;
    let fix: Int32Array;
    if (block && block.refractory === R) {
      if (input !== block.input) block.input.set(input);
      nfix = block.run(this.factor, dt, Math.max(p.minV, -1e300)); // −1e300: catches a runaway v when there is no bound
      fix = block.fix;
    } else {
      if (!this.fixList || this.fixList.length < V.length) this.fixList = new Int32Array(V.length);
      fix = this.fixList;
      nfix = commonPath(V, R, input, fix, this.factor, dt, Math.max(p.minV, -1e300), this.factors);
    }
    this.finish(dt, t, input, V, R, fix, nfix, spikes);
  }

  /**
   * Finishes the listed neurons. On entry, a neuron that was not refractory holds the full-step v; one whose
   * refractory period ended inside the step holds its old v and ref = (time left) − dt < 0, so it integrates
   * for h = −ref. A spike's time comes from the end of the step: exact — v_end − J = (1 − J)e^{−s/τ}, so the
   * crossing is at dt − s; Euler — linear interpolation; RK4 — cubic Hermite interpolation (O(h⁴) like RK4).
   */
  private finish(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, fix: Int32Array, nfix: number, spikes: SpikeBuffer): void {
    const { minV, method } = this.params;
    const a = this.arrays, factors = this.factors;
    const idx = spikes.index, off = spikes.offset;
    let count = 0;
    for (let k = 0; k < nfix; k++) {
      const i = fix[k];
      const tauM = a.tauMs ? a.tauMs[i] : a.tauM;
      const tauRef = a.tauRefs ? a.tauRefs[i] : a.tauRef;
      const vReset = a.vResets ? a.vResets[i] : a.vReset;
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
        v0 = J + (v - J) / (factors ? factors[i] : this.factor);
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
      } else if (!(v >= minV) || v < -1e300) {
        if (!(v >= -1e300)) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}, method ${method} at dt = ${dt} s`);
        v = minV;
      }
      if (!Number.isFinite(v)) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}, method ${method} at dt = ${dt} s`);
      V[i] = v;
      R[i] = r;
    }
    spikes.count = count;
  }

  /**
   * A spike that landed r seconds before the end of the step just taken (no transmission delay): its exact effect at
   * the step's end on the listed neurons — on the receptor's stages always, on v unless the neuron is refractory
   * then. (A threshold crossing it may cause is found from the next step on.)
   */
  landLate(r: number, receptor: number, posts: Int32Array | null, weights: Float64Array, from: number, to: number, scale: number,
    gain: Float64Array, state: Record<LifState, Float64Array>, syn: SynapticInput): void {
    const rec = syn.currents[receptor];
    const V = state.v, R = state.refractory, X = rec.state;
    const N = V.length, n = rec.n;
    if (this.landing.length < n + 1) this.landing = new Float64Array(n + 1);
    const c = stagePropagator(r / rec.tauS, n, this.landing);
    const a = this.arrays, precise = this.params.timing === 'precise';
    const Fshared = precise && !a.tauMs ? membraneResponse(n, 1 / rec.tauS, 1 / a.tauM, r) : 0;
    for (let k = from; k < to; k++) {
      const w = weights[k];
      if (w === 0) continue;
      const j = posts === null ? k - from : posts[k];
      const jump = w * scale * gain[j];
      for (let q = 0; q <= n; q++) X[q * N + j] += jump * c[q];
      if (precise && !(R[j] > 0)) V[j] += jump * (a.tauMs ? membraneResponse(n, 1 / rec.tauS, 1 / a.tauMs[j], r) : Fshared);
    }
  }

  /** Runs one neuron and records v and the spike times. */
  simulate(options: LifSimulateOptions): LifTrace {
    checkKnownKeys('LIF.simulate', options, ['input', 'duration', 'dt', 'method', 'v0']);
    const steps = checkTimeGrid('LIF.simulate', options.dt, options.duration);
    const dt = options.dt;
    const sig = resolveSignal('LIF.simulate.input', options.input);
    if (this.params.size > 1) throw new ValidationError('LIF.simulate', `runs one neuron; this LIF has per-neuron parameters for ${this.params.size}`);
    const neuron = options.method && options.method !== this.params.method
      ? new LIF({ ...this.optionsOf(), method: checkOneOf('LIF.simulate.method', options.method, LIF_METHODS) })
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

  /** The options that rebuild this neuron. */
  private optionsOf(): LifOptions {
    const a = this.arrays, p = this.params;
    return { tauM: a.tauMs ?? a.tauM, tauRef: a.tauRefs ?? a.tauRef, vReset: a.vResets ?? a.vReset, minV: p.minV, method: p.method, timing: p.timing };
  }
}

/**
 * The common path of the receptor-free LIF step in TypeScript (the reference the SIMD kernel is tested against): a
 * full step for neurons that are not refractory, a countdown for those that are; lists the neurons that need
 * {@link LIF} to finish them (spike, refractory ending inside the step, NaN, v < minV). `factors` gives one factor per
 * neuron (per-neuron τ_m), or null for the shared `factor`. Returns the count.
 */
export function commonPath(V: Float64Array, R: Float64Array, input: Float64Array, fix: Int32Array, factor: number, dt: number, minV: number,
  factors: Float64Array | null = null): number {
  let nfix = 0;
  const n = V.length;
  for (let i = 0; i < n; i++) {
    let v = V[i];
    let r = R[i];
    if (r <= 0) {
      const J = input[i];
      v = J + (v - J) * (factors === null ? factor : factors[i]);
      V[i] = v;
    } else {
      r -= dt;
      R[i] = r;
    }
    if (r < 0 || v > 1 || v !== v || v < minV) fix[nfix++] = i;
  }
  return nfix;
}

/** Parameters of the LIF neuron in physical units (each a number, or one per neuron). */
export interface PhysicalLifOptions {
  /** Membrane capacitance C, µF/cm². @default 1 */
  C?: PerNeuron;
  /** Leak conductance g_L, mS/cm² (τ_m = C/g_L, in ms). @default 0.05 */
  gL?: PerNeuron;
  /** Leak reversal (resting) potential V_L, mV. @default -65 */
  VL?: PerNeuron;
  /** Threshold V_th, mV. @default -50 */
  Vth?: PerNeuron;
  /** Reset V_reset, mV. @default -65 */
  Vreset?: PerNeuron;
  /** Refractory period, s. @default 0.002 */
  tauRef?: PerNeuron;
  /** @default 'exact' */
  method?: LifMethod;
  /** @default 'precise' */
  timing?: LifTiming;
}

/** A physical-units LIF run: V in mV at t (s), spike times (s). */
export interface PhysicalLifTrace {
  t: Float64Array;
  V: Float64Array;
  spikes: Float64Array;
}

/**
 * LIF in physical units, C dV/dt = I − g_L (V − V_L) + Σ g (E − V) with I in µA/cm² and g in mS/cm², mapped onto the
 * normalized model: τ_m = C/g_L (ms → s), v = (V − V_L)/(V_th − V_L), v_in = I / (g_L (V_th − V_L)),
 * v_reset = (V_reset − V_L)/(V_th − V_L), ĝ = g/g_L, ê = (E − V_L)/(V_th − V_L). The normalized model does the work,
 * so both agree exactly. Parameters may be per neuron (arrays); the scalar accessors then read neuron 0.
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
  /** Per-neuron rheobase g_L (V_th − V_L), µA/cm² (one value when shared). */
  readonly rheobases: Float64Array;
  private readonly all: { C: Float64Array | null; gL: Float64Array | null; VL: Float64Array | null; Vth: Float64Array | null; Vreset: Float64Array | null };

  constructor(o: PhysicalLifOptions = {}) {
    checkKnownKeys('PhysicalLIF', o, ['C', 'gL', 'VL', 'Vth', 'Vreset', 'tauRef', 'method', 'timing']);
    const [C, Cs] = perNeuron('PhysicalLIF.C', o.C ?? 1, checkPositive);
    const [gL, gLs] = perNeuron('PhysicalLIF.gL', o.gL ?? 0.05, checkPositive);
    const [VL, VLs] = perNeuron('PhysicalLIF.VL', o.VL ?? -65, checkFinite);
    const [Vth, Vths] = perNeuron('PhysicalLIF.Vth', o.Vth ?? -50, checkFinite);
    const [Vreset, Vresets] = perNeuron('PhysicalLIF.Vreset', o.Vreset ?? -65, checkFinite);
    const [tauRef, tauRefs] = perNeuron('PhysicalLIF.tauRef', o.tauRef ?? 0.002, checkNonNegative);
    const size = commonSize('PhysicalLIF', { C: Cs, gL: gLs, VL: VLs, Vth: Vths, Vreset: Vresets, tauRef: tauRefs });
    const n = size || 1;
    const at = (s: number, a: Float64Array | null, i: number) => (a ? a[i] : s);
    const tauMs = new Float64Array(n), vResets = new Float64Array(n);
    this.rheobases = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const vl = at(VL, VLs, i), vth = at(Vth, Vths, i), vr = at(Vreset, Vresets, i), g = at(gL, gLs, i);
      const sub = size ? `[${i}]` : '';
      if (!(vth > vl)) throw new ValidationError(`PhysicalLIF.Vth${sub}`, `must be > VL (${vl} mV) (got ${vth})`);
      if (!(vr < vth)) throw new ValidationError(`PhysicalLIF.Vreset${sub}`, `must be < Vth (${vth} mV) (got ${vr})`);
      tauMs[i] = (at(C, Cs, i) / g) * 1e-3;
      vResets[i] = (vr - vl) / (vth - vl);
      this.rheobases[i] = g * (vth - vl);
    }
    this.all = { C: Cs, gL: gLs, VL: VLs, Vth: Vths, Vreset: Vresets };
    this.C = at(C, Cs, 0);
    this.gL = at(gL, gLs, 0);
    this.VL = at(VL, VLs, 0);
    this.Vth = at(Vth, Vths, 0);
    this.Vreset = at(Vreset, Vresets, 0);
    this.tauRef = at(tauRef, tauRefs, 0);
    this.normalized = new LIF({
      tauM: size && (Cs || gLs) ? tauMs : tauMs[0],
      tauRef: tauRefs ?? tauRef,
      vReset: size && (Vresets || VLs || Vths) ? vResets : vResets[0],
      method: o.method ?? 'exact',
      timing: o.timing ?? 'precise',
      units: { gL: gLs ?? gL, VL: VLs ?? VL, Vth: Vths ?? Vth },
    });
  }
  /** Number of neurons fixed by per-neuron parameters (0 when shared). */
  get size(): number {
    return this.normalized.params.size;
  }
  /** τ_m = C / g_L in seconds (µF/cm² over mS/cm² is ms); neuron 0's when per neuron. */
  get tauM(): number {
    return (this.C / this.gL) * 1e-3;
  }
  /** v = (V − V_L)/(V_th − V_L) (neuron i's mapping). */
  toNormalizedV(V: number, i = 0): number {
    const { VL, Vth } = this.voltages(i);
    return (V - VL) / (Vth - VL);
  }
  /** V = V_L + v (V_th − V_L) (neuron i's mapping). */
  toPhysicalV(v: number, i = 0): number {
    const { VL, Vth } = this.voltages(i);
    return VL + v * (Vth - VL);
  }
  /** v_in = I / (g_L (V_th − V_L)) for I in µA/cm² (neuron i's mapping). */
  toNormalizedInput(I: number, i = 0): number {
    return I / this.rheobases[this.rheobases.length === 1 ? 0 : i];
  }
  /** Steady rate (Hz) for a constant current I (µA/cm²). */
  rate(I: number): number {
    return this.normalized.rate(this.toNormalizedInput(I));
  }
  /** Rheobase current, µA/cm²: g_L (V_th − V_L) (neuron 0's). */
  get rheobase(): number {
    return this.rheobases[0];
  }
  private voltages(i: number): { VL: number; Vth: number } {
    return { VL: this.all.VL ? this.all.VL[i] : this.VL, Vth: this.all.Vth ? this.all.Vth[i] : this.Vth };
  }
  /** Simulates with `current` in µA/cm² (number, function of t or formula). */
  simulate(o: { current: Signal; duration: number; dt: number; method?: LifMethod; V0?: number }): PhysicalLifTrace {
    checkKnownKeys('PhysicalLIF.simulate', o, ['current', 'duration', 'dt', 'method', 'V0']);
    const sig = resolveSignal('PhysicalLIF.simulate.current', o.current);
    const scale = 1 / this.rheobase;
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
