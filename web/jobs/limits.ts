/**
 * How much work a value typed on the page may ask for. The models accept any valid size; the page caps the work of
 * one request so that a typo in dt or a duration cannot hang the worker for minutes, refuses what would not fit in
 * a tab's memory before anything is allocated, and estimates how long an allowed request takes (the network panel
 * waits for a click before a long one). Each check names the control to fix (the `param` of its `ValidationError`)
 * and says what is allowed.
 * @module
 */
import { ValidationError } from '../../src/core/errors.js';

/** At most this many integration steps per single-neuron trace (duration / dt). */
export const MAX_TRACE_STEPS = 5_000_000;
/** At most this many samples per filtered spike train (duration / dt). */
export const MAX_PSC_SAMPLES = 2_000_000;
/** At most this many neuron-steps per network run (N × duration / dt). */
export const MAX_NEURON_STEPS = 2e9;
/** At most this many synapses (expected N² p) in a network exported to PyNN from the page (~20 MB of run.py per million). */
export const MAX_EXPORT_SYNAPSES = 2e6;
/** At most this many steps per presentation of a digit to a spiking network (duration / dt). */
export const MAX_PRESENTATION_STEPS = 100_000;

/** A single-neuron trace: `owner` is the model's simulate (the error names `<owner>.dt`). */
export function checkTraceSteps(owner: string, duration: number, dt: number): void {
  const steps = Math.round(duration / dt);
  if (steps > MAX_TRACE_STEPS) {
    throw new ValidationError(`${owner}.dt`, `gives ${steps.toLocaleString('en')} steps for this duration; the page allows at most ` +
      `${MAX_TRACE_STEPS.toLocaleString('en')} (use a larger dt or a shorter duration)`);
  }
}

/** A filtered spike train. */
export function checkPscSamples(duration: number, dt: number): void {
  const steps = duration / dt;
  if (steps > MAX_PSC_SAMPLES) {
    throw new ValidationError('psc.dt', `gives ${Math.round(steps).toLocaleString('en')} samples; the page allows at most ${MAX_PSC_SAMPLES.toLocaleString('en')} (a larger dt or a shorter train)`);
  }
}

/** A network of `size` neurons run for `duration` at `dt`. */
export function checkNeuronSteps(size: number, duration: number, dt: number): void {
  const work = size * (duration / dt);
  if (work > MAX_NEURON_STEPS) {
    throw new ValidationError('network.duration', `N × duration / dt = ${work.toExponential(2)} neuron-steps; the page allows at most ${MAX_NEURON_STEPS.toExponential(0)} (fewer neurons, a shorter run or a larger dt)`);
  }
}

/** A network of about `synapses` synapses exported to PyNN (the files are built in memory before the download). */
export function checkExportSynapses(synapses: number): void {
  if (synapses > MAX_EXPORT_SYNAPSES) {
    throw new ValidationError('network.p', `N² × p ≈ ${Math.round(synapses).toLocaleString('en')} synapses; the page exports at most ${MAX_EXPORT_SYNAPSES.toLocaleString('en')} (fewer neurons or a smaller p)`);
  }
}

/** A presentation of `duration` at `dt` (values the scenario rejects on its own, e.g. dt ≤ 0, pass through to it). */
export function checkPresentationSteps(duration: number, dt: number): void {
  if (duration > 0 && dt > 0 && duration / dt > MAX_PRESENTATION_STEPS) {
    throw new ValidationError('spikingView.dt', `gives ${Math.round(duration / dt)} steps per presentation; at most ${MAX_PRESENTATION_STEPS} are allowed`);
  }
}

/**
 * Bytes per synapse at the peak of drawing a random network's connectivity: 12 (post index and weight) in arrays
 * that grow by doubling and are copied to their final length, the largest projection (E→E, 64 %) at up to 3× while
 * the others hold their final 12.
 */
export const BYTES_PER_SYNAPSE_BUILT = 24;
/** At most this much memory for a network's connectivity (a browser tab gets a few GB at best). */
export const MAX_NETWORK_BYTES = 1e9;

const gb = (bytes: number) => `${(bytes / 1e9).toPrecision(2)} GB`;

/** Refuses, before anything is allocated, a network whose N²·p synapses would not fit in {@link MAX_NETWORK_BYTES}. */
export function checkNetworkMemory(size: number, p: number): void {
  const synapses = size * size * p;
  const bytes = synapses * BYTES_PER_SYNAPSE_BUILT;
  if (bytes > MAX_NETWORK_BYTES) {
    const most = Math.floor(MAX_NETWORK_BYTES / BYTES_PER_SYNAPSE_BUILT);
    throw new ValidationError('network.p', `N = ${size.toLocaleString('en')} and p = ${p} give about ${Math.round(synapses).toLocaleString('en')} synapses, ` +
      `about ${gb(bytes)} to build; the page allows ${most.toLocaleString('en')} synapses (${gb(MAX_NETWORK_BYTES)}): fewer neurons or a smaller p`);
  }
}

/**
 * Rough speeds of the network scenario on one core of a laptop (measured with the page's defaults): connectivity
 * pairs drawn, neuron-steps and synaptic events (at the ~10 Hz the E/I network fires at) per second.
 */
const PAIRS_PER_S = 2e7, NEURON_STEPS_PER_S = 4e7, EVENTS_PER_S = 1e8, TYPICAL_RATE_HZ = 10;

/** A network run's expected seconds of work and what they come from (for a warning before a long run). */
export function estimateNetworkWork(size: number, p: number, duration: number, dt: number): { seconds: number; detail: string } {
  const pairs = size * size, steps = size * Math.round(duration / dt), events = TYPICAL_RATE_HZ * duration * pairs * p;
  const seconds = pairs / PAIRS_PER_S + steps / NEURON_STEPS_PER_S + events / EVENTS_PER_S;
  const detail = `${Math.round(pairs * p).toLocaleString('en')} synapses, ${steps.toExponential(1)} neuron-steps, ~${events.toExponential(1)} synaptic events at ${TYPICAL_RATE_HZ} Hz`;
  return { seconds, detail };
}

/** At most this many steps per STDP run (duration / dt): 2,000 s at the example's 0.1 ms. */
export const MAX_STDP_STEPS = 2e7;

/** An STDP run of `duration` at `dt`. */
export function checkStdpSteps(duration: number, dt: number): void {
  const steps = Math.round(duration / dt);
  if (steps > MAX_STDP_STEPS) {
    throw new ValidationError('stdp.duration', `gives ${steps.toLocaleString('en')} steps at dt = ${dt} s; the page allows at most ` +
      `${MAX_STDP_STEPS.toLocaleString('en')} (a shorter run or a larger dt)`);
  }
}
