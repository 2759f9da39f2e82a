/**
 * A network as plain data in PyNN's terms and units (ms, mV, nF, nA): what {@link describeNetwork} reads out of
 * spikebridge's classes and what the PyNN writer, or any other exporter, works from. Everything here is a
 * number, a string or an array of them, so a description can be posted to a worker or written as JSON.
 *
 * The normalized LIF (threshold 1, reset v_reset, input v_in) becomes a physical one by a fixed mapping
 * ({@link LIF_MAPPING}): V = −70 mV + 20 mV · v, a leak conductance of 0.05 µS (so c_m = 0.05 µS · τ_m) and
 * therefore 1 nA of current per unit of v_in. A PSC of order n with weight w (notes §4.1, ∫h = 1) adds w/τ_s to
 * the current at arrival for n = 0, which in PyNN's exponential synapse is a jump of w/τ_s nA; for n = 1 the
 * kernel w·t·e^(−t/τ_s)/τ_s² is PyNN's alpha synapse w_PyNN·(t/τ_s)·e^(1 − t/τ_s) with w_PyNN = w/(e·τ_s) nA.
 * @module
 */

/** How a normalized LIF is written as a physical one (see the module note). */
export const LIF_MAPPING = Object.freeze({
  /** V at v = 0, mV (the resting potential). */
  vRest: -70,
  /** V_threshold − V_rest, mV: v = 1 is −50 mV. */
  vScale: 20,
  /** Leak conductance, µS: c_m (nF) = gLeak · τ_m (ms), and 1 unit of v_in is gLeak · vScale = 1 nA. */
  gLeak: 0.05,
});

/** The current (nA) that one unit of v_in stands for under {@link LIF_MAPPING}. */
export const CURRENT_PER_VIN = LIF_MAPPING.gLeak * LIF_MAPPING.vScale;

/**
 * The membrane area a physical LIF (per-area units: µF/cm², mS/cm², µA/cm²) is written on, cm²: 20,000 µm², the
 * Brette et al. (2007) benchmarks' membrane (1 µF/cm² is 0.2 nF). The dynamics do not depend on it.
 */
export const PHYSICAL_AREA_CM2 = 2e-4;

/** A value shared by a population's neurons, or one per neuron. */
export type PerNeuronValue = number | number[];

/** A population of integrate-and-fire neurons (PyNN's IF_curr_exp or IF_curr_alpha). */
export interface NeuronPopulationDescription {
  kind: 'neurons';
  name: string;
  size: number;
  /**
   * PyNN standard cell type: IF_curr_exp / IF_curr_alpha for current synapses, IF_cond_exp / IF_cond_alpha for
   * conductance synapses, by the PSC order (n = 0 exponential, n = 1 alpha).
   */
  cellType: 'IF_curr_exp' | 'IF_curr_alpha' | 'IF_cond_exp' | 'IF_cond_alpha';
  /**
   * PyNN parameters in PyNN units: cm (nF), tau_m, tau_refrac, tau_syn_E, tau_syn_I (ms), v_rest, v_reset,
   * v_thresh, and e_rev_E, e_rev_I for conductance cells (mV), i_offset (nA). Each is a number or one value per neuron.
   */
  parameters: Record<string, PerNeuronValue>;
  /** Initial values (PyNN's `initialize`): v in mV. */
  initial: { v: PerNeuronValue };
  /** What it was in spikebridge (for comments in generated code), e.g. `LIF (normalized, exact)`. */
  model: string;
}

/** A population that replays spike times (PyNN's SpikeSourceArray). */
export interface SpikeSourceDescription {
  kind: 'spike-source';
  name: string;
  size: number;
  cellType: 'SpikeSourceArray';
  /** Spike times of each neuron, ms, ascending: exactly the spikes spikebridge's source emits in the run. */
  spikeTimes: number[][];
  model: string;
}

/** One population. */
export type PopulationDescription = NeuronPopulationDescription | SpikeSourceDescription;

/** Synapses from one population onto another's excitatory or inhibitory receptor, as an explicit list. */
export interface ProjectionDescription {
  /** Unique label, e.g. `exc->inh:inhibitory`. */
  label: string;
  pre: string;
  post: string;
  /** The receptor: PyNN wants weights ≥ 0 on 'excitatory' and ≤ 0 on 'inhibitory' for current synapses (≥ 0 on both for conductances). */
  receptor: 'excitatory' | 'inhibitory';
  /**
   * The synapses, one entry per synapse in each array: pre and post neuron index, weight (current synapses: nA, ≥ 0
   * on the excitatory receptor, ≤ 0 on the inhibitory one; conductance synapses: the peak in µS, ≥ 0) and delay (ms:
   * spikebridge's delay, possibly 0).
   */
  connections: { pre: number[]; post: number[]; weight: number[]; delay: number[] };
}

/** What is recorded. */
export interface RecordingDescription {
  /** Populations whose spikes are recorded (all of them). */
  spikes: string[];
  /** Membrane potentials (mV) of chosen neurons. */
  v: { population: string; neurons: number[] }[];
}

/** A whole network with its run settings. */
export interface NetworkDescription {
  /** Simulated time, ms (a whole number of steps). */
  duration: number;
  /** Time step, ms. */
  dt: number;
  populations: PopulationDescription[];
  projections: ProjectionDescription[];
  recording: RecordingDescription;
  /** How spikebridge's quantities were converted (for the generated code's comments). */
  notes: string[];
}
