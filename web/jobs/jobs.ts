/**
 * What the app's Web Worker runs: one union of jobs (plain data in) and their results (plain data out), and
 * `runJob`, which hands each job to its panel's module. Every job only resolves the page's settings into an
 * existing scenario's options (src/experiments) within the page's limits (limits.ts) and prepares the result for
 * display; none re-implements a model. Nothing here touches the DOM, so it runs (and is tested) in Node as well as
 * in the worker.
 * @module
 */
import { ValidationError } from '../../src/core/errors.js';
import {
  runFiringPatternJob, runResetFiJob, type FiringPatternJob, type FiringPatternJobResult, type ResetFiJob, type ResetFiJobResult,
} from './firingPatterns.js';
import {
  runNetworkExportJob, runNetworkJob, type NetworkExportJob, type NetworkExportJobResult, type NetworkJob, type NetworkJobResult,
} from './network.js';
import {
  runHhFiJob, runHhJob, runLifFiJob, runLifJob, runTuningJob,
  type HhFiJob, type HhFiJobResult, type HhJob, type HhJobResult, type LifFiJob, type LifFiJobResult, type LifJob, type LifJobResult,
  type TuningJob, type TuningJobResult,
} from './neurons.js';
import { runPlaygroundJob, type PlaygroundJob, type PlaygroundJobResult } from './playground.js';
import {
  runSpikingAccuracyJob, runSpikingDigitJob, runSpikingModelJob, type SpikingAccuracyJob, type SpikingAccuracyJobResult, type SpikingDigitJob,
  type SpikingDigitJobResult, type SpikingModelJob, type SpikingModelJobResult,
} from './spiking.js';
import { runStdpJob, type StdpJob, type StdpJobResult } from './stdp.js';
import { runSynapsesJob, type SynapsesJob, type SynapsesJobResult } from './synapses.js';

/** Every job the worker runs, told apart by `kind`. */
export type Job =
  | HhJob | LifJob | LifFiJob | HhFiJob | TuningJob
  | SynapsesJob | NetworkJob | NetworkExportJob | PlaygroundJob | SpikingModelJob | SpikingDigitJob | SpikingAccuracyJob | StdpJob
  | FiringPatternJob | ResetFiJob;

/** What the jobs return (the same `kind` as their job). */
export type JobResult =
  | HhJobResult | LifJobResult | LifFiJobResult | HhFiJobResult | TuningJobResult
  | SynapsesJobResult | NetworkJobResult | NetworkExportJobResult | PlaygroundJobResult | SpikingModelJobResult | SpikingDigitJobResult
  | SpikingAccuracyJobResult | StdpJobResult | FiringPatternJobResult | ResetFiJobResult;

/** Progress of a job: work done of the total, and the stage when a job has several (e.g. 'build' then the steps). */
export type JobProgress = (done: number, total: number, stage?: string) => void;

/** The result type of a job type. */
export type ResultOf<J extends Job> = Extract<JobResult, { kind: J['kind'] }>;

/**
 * Runs one job. `onProgress(done, total)` is forwarded from the scenario; `onPartial` receives results while the
 * job runs (the network streams its raster, rates and traces); the return value is the final result. Throws a
 * `SpikebridgeError` on bad input.
 */
export function runJob<J extends Job>(job: J, onProgress?: JobProgress, onPartial?: (partial: ResultOf<J>) => void): ResultOf<J>;
export function runJob(job: Job, onProgress?: JobProgress, onPartial?: (partial: JobResult) => void): JobResult {
  switch (job.kind) {
    case 'hh': return runHhJob(job, onProgress);
    case 'lif': return runLifJob(job);
    case 'lifFi': return runLifFiJob(job, onProgress);
    case 'hhFi': return runHhFiJob(job, onProgress);
    case 'tuning': return runTuningJob(job);
    case 'synapses': return runSynapsesJob(job);
    case 'network': return runNetworkJob(job, onProgress, onPartial);
    case 'networkExport': return runNetworkExportJob(job);
    case 'playground': return runPlaygroundJob(job, onProgress);
    case 'spikingModel': return runSpikingModelJob(job);
    case 'spikingDigit': return runSpikingDigitJob(job);
    case 'spikingAccuracy': return runSpikingAccuracyJob(job, onProgress);
    case 'stdp': return runStdpJob(job, onProgress, onPartial);
    case 'firingPattern': return runFiringPatternJob(job);
    case 'resetFi': return runResetFiJob(job, onProgress);
    default:
      throw new ValidationError('job.kind', `unknown job ${JSON.stringify((job as { kind: unknown }).kind)}`);
  }
}

/** The ArrayBuffers inside a result (typed arrays), to transfer them from the worker instead of copying. */
export function transferables(value: unknown, out: ArrayBuffer[] = [], seen = new Set<unknown>()): ArrayBuffer[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const buf = value.buffer;
    // Only whole, unshared buffers can move; views into a shared block (e.g. WebAssembly memory) are copied.
    if (buf instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buf.byteLength && !out.includes(buf)) out.push(buf);
    return out;
  }
  for (const v of Object.values(value as Record<string, unknown>)) transferables(v, out, seen);
  return out;
}
