/**
 * A current-based LIF neuron with its exponential synaptic current folded into the neuron's own update:
 * τ_m dv/dt = J − v + I, τ_s dI/dt = −I (notes §2.1 with an n = 0 PSC, §4.1). Over one step of length dt the
 * coupled linear system is solved exactly (Rotter & Diesmann 1999, as Brian2 and NEST do it):
 * v ← J + (v − J)·P22 + P21·I,  I ← P11·I,  with P11 = e^(−dt/τ_s), P22 = e^(−dt/τ_m),
 * P21 = τ_s/(τ_s − τ_m)·(P11 − P22) — the *old* I drives the v update. A step with the current held constant
 * would instead add (1 − P22)·I and shift the spike count of a network like CUBA by about 1 %.
 *
 * Spikes are detected at the end of the step (v > 1; reported with offset dt, so a synapse receives them
 * undecayed at the step's end, "after the threshold and before the reset"), and the refractory period is
 * counted in whole steps as Brian2 does: v is not integrated in the steps that start less than τ_ref after
 * the start of the spiking step. Parameters τ_m, τ_ref and v_reset may be shared or given per neuron.
 *
 * The network routes every n = 0 synapse with this τ_s onto a population of this type straight into its `I`
 * state (one summed current per neuron), which is what makes sparse E/I networks cheap.
 * @module
 */
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { checkFiniteArray, checkKnownKeys, checkNonNegative, checkPositive, checkFinite } from '../core/validate.js';
import { lifRateRaw, lifRateWithReset } from './rates.js';
import type { NeuronType, SpikeBuffer } from './types.js';
import { WASM_BASE64 } from './currentLifKernel.wasm.js';
import { lazyWasmModule } from '../core/wasm.js';

const clifModule = lazyWasmModule(WASM_BASE64);

/** A population's v, refractory, I and input in one WebAssembly memory of their own, with the SIMD step bound. */
interface ClifBlock {
  readonly v: Float64Array;
  readonly refractory: Float64Array;
  readonly I: Float64Array;
  readonly input: Float64Array;
  readonly fix: Int32Array;
  run(P11: number, P22: number, P21: number): number;
}

const blocks = new WeakMap<Float64Array, ClifBlock>();

function allocBlock(size: number): ClifBlock | null {
  const mod = clifModule();
  if (!mod) return null;
  const even = size + (size & 1); // the kernel runs in pairs; the padding lane stays at zero
  const bytes = even * 8 * 4 + even * 4;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const inst = new WebAssembly.Instance(mod, { env: { memory } });
  const step = inst.exports.clif_step as (v: number, r: number, c: number, j: number, fix: number, n: number, p11: number, p22: number, p21: number) => number;
  const vOff = 0, rOff = even * 8, cOff = even * 16, jOff = even * 24, fixOff = even * 32;
  const block: ClifBlock = {
    v: new Float64Array(memory.buffer, vOff, size),
    refractory: new Float64Array(memory.buffer, rOff, size),
    I: new Float64Array(memory.buffer, cOff, size),
    input: new Float64Array(memory.buffer, jOff, size),
    fix: new Int32Array(memory.buffer, fixOff, even),
    run: (P11, P22, P21) => step(vOff, rOff, cOff, jOff, fixOff, even, P11, P22, P21),
  };
  blocks.set(block.v, block);
  return block;
}

/** A parameter shared by all neurons (a number) or given per neuron (an array). */
export type PerNeuron = number | ArrayLike<number>;

/** Options of {@link CurrentLIF}. */
export interface CurrentLifOptions {
  /** Membrane time constant τ_m, s (number or one per neuron). @default 0.02 */
  tauM?: PerNeuron;
  /** Refractory period τ_ref, s (number or one per neuron). @default 0.002 */
  tauRef?: PerNeuron;
  /** Time constant τ_s of the built-in exponential synaptic current, s. @default 0.005 */
  tauS?: number;
  /** Reset value of v (number or one per neuron). @default 0 */
  vReset?: PerNeuron;
}

type State = 'v' | 'refractory' | 'I';

/**
 * Current-based LIF with an exactly integrated exponential synaptic current (see the module note).
 * State: `v` (threshold 1), `refractory` (whole steps left in which v is frozen), `I` (synaptic current, in v_in units).
 * @example
 * ```ts
 * const cuba = new CurrentLIF({ tauM: 0.02, tauRef: 0.002, tauS: 0.005 });
 * const pop = new Population('neurons', cuba, 4000, { bias: 1.1 });
 * ```
 */
export class CurrentLIF implements NeuronType<State> {
  readonly name = 'lif-current';
  readonly stateNames = ['v', 'refractory', 'I'] as const;
  readonly inputUnits = 'v_in (threshold 1)';
  /** τ_s of the built-in current: n = 0 synapses with this τ_s are summed into state `I`. */
  readonly currentTauS: number;
  /** The state array the network adds spikes to. */
  readonly currentState = 'I' as const;
  /** Shared τ_m (NaN when per neuron). */
  readonly tauM: number;
  /** Shared τ_ref (NaN when per neuron). */
  readonly tauRef: number;
  /** Shared v_reset (NaN when per neuron). */
  readonly vReset: number;
  private readonly tauMs: Float64Array | null;
  private readonly tauRefs: Float64Array | null;
  private readonly vResets: Float64Array | null;
  // Per-dt constants, recomputed when dt changes (a run keeps one dt).
  private cachedDt = NaN;
  private P11 = 0;
  private P22 = 0;
  private P21 = 0;
  private refSteps = 0;
  private P22s: Float64Array | null = null;
  private P21s: Float64Array | null = null;
  private refStepsArr: Float64Array | null = null;

  constructor(o: CurrentLifOptions = {}) {
    checkKnownKeys('CurrentLIF', o, ['tauM', 'tauRef', 'tauS', 'vReset']);
    this.currentTauS = checkPositive('CurrentLIF.tauS', o.tauS ?? 0.005);
    [this.tauM, this.tauMs] = perNeuron('CurrentLIF.tauM', o.tauM ?? 0.02, (n, v) => checkPositive(n, v));
    [this.tauRef, this.tauRefs] = perNeuron('CurrentLIF.tauRef', o.tauRef ?? 0.002, (n, v) => checkNonNegative(n, v));
    [this.vReset, this.vResets] = perNeuron('CurrentLIF.vReset', o.vReset ?? 0, (n, v) => {
      checkFinite(n, v);
      if (v >= 1) throw new ValidationError(n, `must be < 1, the threshold (got ${v})`);
      return v;
    });
    const ts = this.currentTauS;
    const clash = this.tauMs ? this.tauMs.some((x) => x === ts) : this.tauM === ts;
    if (clash) throw new ValidationError('CurrentLIF.tauS', `must differ from tauM (the exact update divides by τ_s − τ_m) (got ${ts})`);
  }

  /** Number of neurons the per-neuron arrays fix (0 when every parameter is shared). */
  get fixedSize(): number {
    return this.tauMs?.length ?? this.tauRefs?.length ?? this.vResets?.length ?? 0;
  }

  /** G(J) in Hz for a constant input J with no synaptic current (shared parameters; per-neuron: neuron 0's). */
  rate(J: number): number {
    const tm = this.tauMs ? this.tauMs[0] : this.tauM;
    const tr = this.tauRefs ? this.tauRefs[0] : this.tauRef;
    const vr = this.vResets ? this.vResets[0] : this.vReset;
    return vr === 0 ? lifRateRaw(J, tm, tr) : lifRateWithReset(J, tm, tr, vr);
  }

  /**
   * v = 0, not refractory, I = 0. With shared parameters and WebAssembly SIMD available, the arrays live in a
   * WebAssembly memory block of their own and the step runs there (see {@link CurrentLIF.inputFor}).
   */
  initialState(size: number): Record<State, Float64Array> {
    const fixed = this.fixedSize;
    if (fixed && fixed !== size) {
      throw new ValidationError('CurrentLIF', `per-neuron parameters have length ${fixed} but the population has ${size} neurons`);
    }
    const block = !fixed && size >= 8 ? allocBlock(size) : null;
    if (block) return { v: block.v, refractory: block.refractory, I: block.I };
    return { v: new Float64Array(size), refractory: new Float64Array(size), I: new Float64Array(size) };
  }

  /** The input array beside `state` in WebAssembly memory (so the SIMD step reads it in place), or a new one. */
  inputFor(state: Record<State, Float64Array>): Float64Array {
    return blocks.get(state.v)?.input ?? new Float64Array(state.v.length);
  }

  private prepare(dt: number): void {
    this.cachedDt = dt;
    const ts = this.currentTauS;
    this.P11 = Math.exp(-dt / ts);
    // Brian2's rule: frozen while (steps since the spiking step) < round(τ_ref/dt), i.e. round(τ_ref/dt) − 1 steps.
    const frozen = (tr: number) => Math.max(0, Math.round(tr / dt) - 1);
    if (this.tauMs) {
      const n = this.tauMs.length;
      this.P22s = new Float64Array(n);
      this.P21s = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const tm = this.tauMs[i];
        const p22 = Math.exp(-dt / tm);
        this.P22s[i] = p22;
        this.P21s[i] = (ts / (ts - tm)) * (this.P11 - p22);
      }
    } else {
      this.P22 = Math.exp(-dt / this.tauM);
      this.P21 = (ts / (ts - this.tauM)) * (this.P11 - this.P22);
    }
    if (this.tauRefs) this.refStepsArr = this.tauRefs.map(frozen);
    else this.refSteps = frozen(this.tauRef);
  }

  /** One exact step for every neuron (see the module note); spikes listed with offset dt. */
  step(dt: number, t: number, input: Float64Array, state: Record<State, Float64Array>, spikes: SpikeBuffer): void {
    if (dt !== this.cachedDt) this.prepare(dt);
    if (this.tauMs || this.tauRefs || this.vResets) this.stepPerNeuron(dt, t, input, state.v, state.refractory, state.I, spikes);
    else {
      const block = blocks.get(state.v);
      if (block && block.refractory === state.refractory && block.I === state.I) this.stepWasm(dt, t, input, block, spikes);
      else this.stepShared(dt, t, input, state.v, state.refractory, state.I, spikes);
    }
  }

  /** The SIMD kernel runs the common path; the few lanes it flags (spikes, divergence) are finished here. */
  private stepWasm(dt: number, t: number, input: Float64Array, b: ClifBlock, spikes: SpikeBuffer): void {
    if (input !== b.input) b.input.set(input);
    const nfix = b.run(this.P11, this.P22, this.P21);
    const fix = b.fix, V = b.v, R = b.refractory;
    const idx = spikes.index, off = spikes.offset;
    let count = 0;
    for (let k = 0; k < nfix; k++) {
      const i = fix[k];
      const v = V[i];
      if (v > 1 && v !== Infinity) {
        idx[count] = i;
        off[count++] = dt;
        V[i] = this.vReset;
        R[i] = this.refSteps;
      } else {
        throw new SimulationDiverged('v', t + dt, v, i, `input ${b.input[i]}, I ${b.I[i] / this.P11}`);
      }
    }
    spikes.count = count;
  }

  private stepShared(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, I: Float64Array, spikes: SpikeBuffer): void {
    const P11 = this.P11, P22 = this.P22, P21 = this.P21, refSteps = this.refSteps, vReset = this.vReset;
    const idx = spikes.index, off = spikes.offset;
    const n = V.length;
    let count = 0;
    for (let i = 0; i < n; i++) {
      // v is computed before the refractory test (branch-light; unused while refractory): ~1.5× faster in V8.
      const Ii = I[i];
      I[i] = Ii * P11;
      const r = R[i];
      const J = input[i];
      const v = J + (V[i] - J) * P22 + P21 * Ii;
      if (r > 0) {
        R[i] = r - 1;
      } else if (v > 1) {
        if (v === Infinity) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}, I ${Ii}`);
        idx[count] = i;
        off[count++] = dt;
        V[i] = vReset;
        R[i] = refSteps;
      } else if (v > -1e300) {
        V[i] = v;
      } else {
        throw new SimulationDiverged('v', t + dt, v, i, `input ${J}, I ${Ii}`);
      }
    }
    spikes.count = count;
  }

  private stepPerNeuron(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, I: Float64Array, spikes: SpikeBuffer): void {
    const P11 = this.P11;
    const P22s = this.P22s, P21s = this.P21s, refArr = this.refStepsArr, vResets = this.vResets;
    const P22c = this.P22, P21c = this.P21, refc = this.refSteps, vrc = this.vReset;
    const idx = spikes.index, off = spikes.offset;
    const n = V.length;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const Ii = I[i];
      I[i] = Ii * P11;
      const r = R[i];
      if (r > 0) {
        R[i] = r - 1;
        continue;
      }
      const J = input[i];
      const v = J + (V[i] - J) * (P22s ? P22s[i] : P22c) + (P21s ? P21s[i] : P21c) * Ii;
      if (v > 1) {
        if (v === Infinity) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}, I ${Ii}`);
        idx[count] = i;
        off[count++] = dt;
        V[i] = vResets ? vResets[i] : vrc;
        R[i] = refArr ? refArr[i] : refc;
      } else if (v > -1e300) {
        V[i] = v;
      } else {
        throw new SimulationDiverged('v', t + dt, v, i, `input ${J}, I ${Ii}`);
      }
    }
    spikes.count = count;
  }
}

function perNeuron(name: string, v: PerNeuron, check: (n: string, x: number) => number): [number, Float64Array | null] {
  if (typeof v === 'number') return [check(name, v), null];
  const a = checkFiniteArray(name, v);
  if (a.length === 0) throw new ValidationError(name, 'must be a number or a non-empty array (got an empty array)');
  for (let i = 0; i < a.length; i++) check(`${name}[${i}]`, a[i]);
  return [NaN, a];
}

/** True when a neuron type integrates an exponential synaptic current itself (like {@link CurrentLIF}). */
export function hasBuiltInCurrent(type: object): type is { currentTauS: number; currentState: string } {
  const t = type as { currentTauS?: unknown; currentState?: unknown };
  return typeof t.currentTauS === 'number' && typeof t.currentState === 'string';
}
