/**
 * The shape every neuron model shares (Nengo's `NeuronType`): a model knows both its rate curve and its step.
 * Populations hold the state as a structure of arrays and call `step` once per time step.
 * @module
 */

/** Spikes emitted in one step: the first `count` entries of `index` (neuron) and `offset` (s after the step's start). */
export interface SpikeBuffer {
  readonly index: Int32Array;
  readonly offset: Float64Array;
  count: number;
}

/** Makes a {@link SpikeBuffer} able to hold one spike per neuron per step. */
export function createSpikeBuffer(size: number): SpikeBuffer {
  return { index: new Int32Array(size), offset: new Float64Array(size), count: 0 };
}

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
   * Advances every neuron by dt (s) from time t (s), reading `input`, updating `state` in place and listing
   * the neurons that spiked in `spikes`. Allocates nothing. Throws `SimulationDiverged` on NaN/Inf.
   */
  step(dt: number, t: number, input: Float64Array, state: Record<S, Float64Array>, spikes: SpikeBuffer): void;
}
