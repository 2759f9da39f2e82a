/**
 * The shape every neuron model shares (Nengo's `NeuronType`): a model knows both its rate curve and its step.
 * Populations hold the state as a structure of arrays and call `step` once per time step.
 * @module
 */

/** Spikes emitted in one step: the first `count` entries of `index` (neuron) and `offset` (s after the step's start). */
export interface SpikeBuffer {
  index: Int32Array;
  offset: Float64Array;
  count: number;
}

/** Makes a {@link SpikeBuffer} able to hold one spike per neuron per step. */
export function createSpikeBuffer(size: number): SpikeBuffer {
  return { index: new Int32Array(size), offset: new Float64Array(size), count: 0 };
}

/**
 * Makes room for at least `need` spikes, keeping the ones listed (for types that may fire more than once per
 * step, e.g. a precise LIF whose refractory period is shorter than dt).
 */
export function growSpikeBuffer(buf: SpikeBuffer, need: number): void {
  if (need <= buf.index.length) return;
  const cap = Math.max(need, 2 * buf.index.length);
  const index = new Int32Array(cap), offset = new Float64Array(cap);
  index.set(buf.index);
  offset.set(buf.offset);
  buf.index = index;
  buf.offset = offset;
}

/**
 * A current-based receptor the neuron type integrates itself (fused), because it can do so exactly inside the step:
 * a PSC filter of order n with time constant τ_s (notes §4.1) whose stages live here instead of in the network.
 * A spike of weight w adds w/τ_s to stage 0; the current the neuron sees is stage n, in the type's input units.
 */
export interface CurrentReceptor {
  readonly tauS: number;
  readonly n: number;
  /** Stage-major state, (n + 1)·size values: stage k of neuron j is `state[k·size + j]`. */
  readonly state: Float64Array;
}

/**
 * A conductance-based receptor: I_syn = g(t)(E − V). The network filters the spikes (weights are peak
 * conductances) and hands the neuron the conductance of each neuron at the step's start.
 */
export interface ConductanceReceptor {
  readonly tauS: number;
  readonly n: number;
  /** Reversal potential, in the type's voltage units (mV). */
  readonly E: number;
  /** Conductance of each neuron at the step's start, in the type's conductance units (the last stage of `state`). */
  readonly g: Float64Array;
  /**
   * All stages of the conductance's PSC filter, stage-major like {@link CurrentReceptor.state} (scaled so that the
   * last stage is g): with them an integrator can follow g(t) exactly inside the step (see `receptorOutputAt`).
   */
  readonly state: Float64Array;
}

/**
 * A receptor's output at t seconds into the step, for neuron j of `size`, from its stages at the step's start:
 * y(t) = Σ_k x_k e^{−t/τ}(t/τ)^{n−k}/(n−k)! (the stage chain's exact solution, notes §4.1).
 */
export function receptorOutputAt(r: { readonly tauS: number; readonly n: number; readonly state: Float64Array }, size: number, j: number, t: number): number {
  const x = t / r.tauS, e = Math.exp(-x);
  if (r.n === 0) return r.state[j] * e;
  let y = 0, term = e;
  for (let m = 0; m <= r.n; m++) {
    y += r.state[(r.n - m) * size + j] * term;
    term *= x / (m + 1);
  }
  return y;
}

/**
 * Spikes that land on fused current receptors inside this step (precise timing), grouped by neuron and sorted by
 * time within each neuron: entries `first[j] .. first[j + 1]` of the arrays belong to neuron j.
 */
export interface SynapticEvents {
  /** Number of events this step. */
  count: number;
  /** Per neuron: the first event index (length size + 1), valid when `count > 0`. */
  readonly first: Int32Array;
  /** Arrival time, s after the step's start (0 ≤ offset ≤ dt). */
  offset: Float64Array;
  /** Index into {@link SynapticInput.currents}. */
  receptor: Int32Array;
  /** The jump of the receptor's stage 0 (weight / τ_s, in input units per second; gain applied). */
  jump: Float64Array;
}

/** The synaptic input a neuron type takes beyond the summed `input` current. */
export interface SynapticInput {
  /** Current receptors integrated by the type itself (only for types with `synapticInput.fusesCurrents`). */
  readonly currents: readonly CurrentReceptor[];
  /** Conductance receptors (only for types with `synapticInput.conductance`). */
  readonly conductances: readonly ConductanceReceptor[];
  /** Events inside the step on the fused receptors (only for types with `synapticInput.precise`), or null. */
  readonly events: SynapticEvents | null;
}

/** What synaptic input a neuron type takes itself; see {@link NeuronType.synapticInput}. */
export interface SynapticCapabilities {
  /**
   * Conductance synapses are accepted, with reversal potentials and weights in these units. Absent: a connection
   * with a reversal potential onto this type is refused.
   */
  readonly conductance?: { readonly voltage: string; readonly conductance: string };
  /** Current synapses are integrated inside the step (their stage state is handed to `step`), not summed into `input`. */
  readonly fusesCurrents?: boolean;
  /** Events on fused receptors arrive at their exact times inside the step (precise timing). */
  readonly precise?: boolean;
  /** Why conductance synapses are refused, when they are (shown in the error). */
  readonly whyNoConductance?: string;
}

/** An empty {@link SynapticInput}: what a population with no synapses passes. */
export const NO_SYNAPTIC_INPUT: SynapticInput = Object.freeze({ currents: [], conductances: [], events: null });

/** A neuron model: its state variables, its rate curve, and one vectorized step. */
export interface NeuronType<S extends string = string> {
  readonly name: string;
  /** Names of the state arrays (structure of arrays), e.g. `['v', 'refractory']`. */
  readonly stateNames: readonly S[];
  /** Units of the input the step reads (e.g. `'v_in'` or `'µA/cm²'`). */
  readonly inputUnits: string;
  /** Steady-state firing rate (Hz) for a constant input. */
  rate(input: number): number;
  /** Initial state for `size` neurons. */
  initialState(size: number): Record<S, Float64Array>;
  /**
   * Optional: an input array that lives beside `state` (e.g. in the WebAssembly memory of a SIMD kernel), so
   * the step reads it without a copy. Populations use it when present.
   */
  inputFor?(state: Record<S, Float64Array>): Float64Array;
  /**
   * Synaptic input the type takes itself beyond the summed `input` current. Absent: current synapses are filtered
   * by the network and summed into `input` (held over the step), and conductance synapses are refused.
   */
  readonly synapticInput?: SynapticCapabilities;
  /**
   * Advances every neuron by dt (s) from time t (s), reading `input` (and `synapses`, for types that declare
   * {@link NeuronType.synapticInput}), updating `state` in place and listing the neurons that spiked in `spikes`.
   * Allocates nothing. Throws `SimulationDiverged` on NaN/Inf.
   */
  step(dt: number, t: number, input: Float64Array, state: Record<S, Float64Array>, spikes: SpikeBuffer, synapses?: SynapticInput): void;
  /**
   * Optional: storage for a fused current receptor's stages ((n + 1)·size values, zeroed) that the type wants to
   * keep beside its state (e.g. in the WebAssembly memory of a SIMD kernel); undefined lets the network allocate it.
   */
  receptorState?(state: Record<S, Float64Array>, n: number, index: number): Float64Array | undefined;
  /**
   * Optional, for precise types: one spike that landed `r` seconds before the end of the step just taken (an input
   * without transmission delay, known only after the step) on receptor `receptor` of the neurons
   * `posts[from..to)` (or neurons 0..to − from when `posts` is null, a dense column) with weights
   * `weights[from..to)`: adds its exact effect on their state at the step's end. Each neuron's stage-0 increment is
   * weight·scale·gain[j].
   */
  landLate?(r: number, receptor: number, posts: Int32Array | null, weights: Float64Array, from: number, to: number, scale: number,
    gain: Float64Array, state: Record<S, Float64Array>, synapses: SynapticInput): void;
}
