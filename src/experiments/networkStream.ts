/**
 * The random E/I LIF network of `network.ts` as the web page runs it (issue 8's network panel): partial results
 * while it runs, and a cap on the work a typed value can ask for. Figures: `networkFigures` (shared with the sim).
 * @module
 */
import type { Progress } from '../core/progress.js';
import { ValidationError } from '../core/errors.js';
import { resolveNetwork, runNetwork, type NetworkRun, type NetworkRunOptions } from './network.js';

/** At most this many neuron-steps per run from the page (N × duration / dt), so a typo cannot hang the worker. */
export const MAX_NEURON_STEPS = 2e9;

/** Options of {@link runNetworkStreaming}: the scenario's, plus how often a partial result is handed out. */
export interface NetworkStreamOptions extends NetworkRunOptions {
  /** Wall-clock seconds between partial results. @default 0.25 */
  partialEvery?: number;
}

/** Runs the E/I network, calling `onPartial(run, fraction)` with the results so far while it runs. */
export function runNetworkStreaming(o: NetworkStreamOptions = {}, onProgress?: Progress, onPartial?: (partial: NetworkRun, fraction: number) => void): NetworkRun {
  const { partialEvery = 0.25, ...rest } = o;
  const s = resolveNetwork(rest);
  const work = s.size * (s.duration / s.dt);
  if (work > MAX_NEURON_STEPS) {
    throw new ValidationError('network.duration', `N × duration / dt = ${work.toExponential(2)} neuron-steps; the page allows at most ${MAX_NEURON_STEPS.toExponential(0)} (fewer neurons, a shorter run or a larger dt)`);
  }
  return runNetwork(rest, onProgress, onPartial ? { onPartial, every: partialEvery } : undefined);
}
