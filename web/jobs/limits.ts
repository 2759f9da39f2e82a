/**
 * How much work a value typed on the page may ask for. The models accept any valid size; the page caps the work of
 * one request so that a typo in dt or a duration cannot hang the worker for minutes. Each check names the control
 * to fix (the `param` of its `ValidationError`) and says what is allowed.
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
