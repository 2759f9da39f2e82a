/**
 * The firing-patterns view's jobs: one named AdEx or Izhikevich parameter set run with its stimulus (or a current
 * the page gives), by `runFiringPattern` (src/experiments/firingPatterns.ts, the scenario behind `npm run sim -- adex`
 * and `izhikevich`), and the f–I curve of the set by `runResetFiCurve` (fiCurve.ts). Within the page's limits; long
 * runs keep every k-th sample (spike times are exact whatever is kept).
 * @module
 */
import type { Progress } from '../../src/core/progress.js';
import { RESET_FI_DEFAULTS, runResetFiCurve, type ResetFiCurve, type ResetFiOptions } from '../../src/experiments/fiCurve.js';
import { resetNeuron, runFiringPattern, type FiringPatternRun, type ResetModel } from '../../src/experiments/firingPatterns.js';
import { checkTraceSteps } from './limits.js';
import { recordStride } from './neurons.js';

/** Run one firing pattern. */
export interface FiringPatternJob {
  kind: 'firingPattern';
  model: ResetModel;
  pattern: string;
  /** Replaces the pattern's stimulus: a number (from t = 0) or a formula in t (s); pA for AdEx, mV/ms for Izhikevich. */
  current?: number | string;
  /** s. @default the pattern's */
  duration?: number;
  /** s. @default 1e-4 */
  dt?: number;
  /** Keep at most this many samples per trace. @default 20001 */
  maxSamples?: number;
}

/** Result of a {@link FiringPatternJob}. */
export interface FiringPatternJobResult {
  kind: 'firingPattern';
  run: FiringPatternRun;
}

/** The f–I curve of a parameter set. */
export type ResetFiJob = { kind: 'resetFi' } & ResetFiOptions;

/** Result of a {@link ResetFiJob}. */
export interface ResetFiJobResult {
  kind: 'resetFi';
  curve: ResetFiCurve;
}

/** Runs the pattern (the scenario's defaults where the job leaves a setting out). */
export function runFiringPatternJob(job: FiringPatternJob): FiringPatternJobResult {
  const dt = job.dt ?? 1e-4;
  const duration = job.duration ?? patternDuration(job.model, job.pattern);
  checkTraceSteps('firingPattern', duration, dt);
  const recordEvery = duration > 0 && dt > 0 ? recordStride(duration, dt, job.maxSamples ?? 20001) : 1;
  const run = runFiringPattern({ model: job.model, pattern: job.pattern, current: job.current, duration: job.duration, dt, recordEvery });
  return { kind: 'firingPattern', run };
}

/** Runs the f–I curve (all its simulations together within the page's limit on steps). */
export function runResetFiJob({ kind: _k, ...o }: ResetFiJob, onProgress?: Progress): ResetFiJobResult {
  const D = RESET_FI_DEFAULTS;
  checkTraceSteps('fiCurve', (o.points ?? D.points) * (o.duration ?? D.duration), o.dt ?? D.dt);
  return { kind: 'resetFi', curve: runResetFiCurve(o, onProgress) };
}

/** The pattern's own duration, s (the scenario's resetNeuron throws a ValidationError naming a bad model or pattern). */
function patternDuration(model: ResetModel, pattern: string): number {
  return resetNeuron(model, pattern).protocol!.duration;
}
