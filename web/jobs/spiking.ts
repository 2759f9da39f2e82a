/**
 * The spiking view's jobs: one digit through a model's rate network and its spiking twin, and accuracy against
 * presentation time over the shipped digits (the `spikingDigit` scenario). The model travels with each job as
 * JSON; the worker keeps the last parsed one (by `modelKey`).
 * @module
 */
import { ValidationError } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';
import {
  SPIKING_DIGIT_DEFAULTS, runSpikingAccuracy, runSpikingDigit, type SpikingAccuracyResult, type SpikingDigitOptions, type SpikingDigitResult,
} from '../../src/experiments/spikingDigit.js';
import { MLP, type MLPJson } from '../../src/nn/mlp.js';
import { checkPresentationSteps } from './limits.js';

/** One digit through the rate and spiking networks. */
export interface SpikingDigitJob extends SpikingDigitOptions {
  kind: 'spikingDigit';
  /** The model JSON, sent with each job (small: the worker caches the parsed MLP by `modelKey`). */
  model: MLPJson | null;
  modelKey: string;
  x: number[];
}

/** One digit's rate and spiking answers. */
export interface SpikingDigitJobResult {
  kind: 'spikingDigit';
  result: SpikingDigitResult;
}

/** Accuracy against presentation time over the shipped digits. */
export interface SpikingAccuracyJob extends SpikingDigitOptions {
  kind: 'spikingAccuracy';
  model: MLPJson | null;
  modelKey: string;
  X: { rows: number; cols: number; data: Float64Array };
  labels: number[];
  durations: number[];
}

/** Accuracy against presentation time. */
export interface SpikingAccuracyJobResult {
  kind: 'spikingAccuracy';
  result: SpikingAccuracyResult;
}

/** A model from its JSON (what `npm run sim -- mnist --save` writes), on the plain TypeScript kernels. */
export function loadModel(json: MLPJson | string): MLP {
  return MLP.fromJSON(json, { wasm: false });
}

const models = new Map<string, MLP>();

function model(key: string, json: MLPJson | null): MLP {
  let m = models.get(key);
  if (!m) {
    if (!json) throw new ValidationError('spikingView.model', `model ${JSON.stringify(key)} is not loaded in the worker; send it with the job`);
    m = loadModel(json);
    models.clear();
    models.set(key, m);
  }
  return m;
}

/** Presents one digit. */
export function runSpikingDigitJob(job: SpikingDigitJob): SpikingDigitJobResult {
  const mlp = model(job.modelKey, job.model);
  if (!Array.isArray(job.x) || job.x.length !== mlp.sizes[0]) throw new ValidationError('spikingView.x', `the model takes ${mlp.sizes[0]} inputs but the digit has ${Array.isArray(job.x) ? job.x.length : typeof job.x} pixels`);
  checkPresentationSteps(job.duration ?? SPIKING_DIGIT_DEFAULTS.duration, job.dt ?? SPIKING_DIGIT_DEFAULTS.dt);
  return { kind: 'spikingDigit', result: runSpikingDigit(mlp, job.x, { duration: job.duration, dt: job.dt, tauS: job.tauS, seed: job.seed, input: job.input, inputRate: job.inputRate }) };
}

/** Accuracy against presentation time over the digits of the job. */
export function runSpikingAccuracyJob(job: SpikingAccuracyJob, onProgress?: Progress): SpikingAccuracyJobResult {
  const mlp = model(job.modelKey, job.model);
  if (mlp.sizes[0] !== job.X.cols || mlp.sizes[mlp.depth] !== 10) {
    throw new ValidationError('spikingView.model', `must map ${job.X.cols} pixels to 10 digit classes (got sizes [${mlp.sizes.join(', ')}])`);
  }
  checkPresentationSteps(Math.max(...job.durations), job.dt ?? SPIKING_DIGIT_DEFAULTS.dt);
  const result = runSpikingAccuracy(mlp, job.X, job.labels, { durations: job.durations, dt: job.dt, tauS: job.tauS, seed: job.seed, input: job.input, inputRate: job.inputRate }, onProgress);
  return { kind: 'spikingAccuracy', result };
}
