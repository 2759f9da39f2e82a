/**
 * The spiking view's jobs: one digit through a model's rate network and its spiking twin, and accuracy against
 * presentation time over the shipped digits (the `spikingDigit` scenario). The model travels with each job as
 * JSON (an object, or a file's text, parsed here rather than on the page); the worker keeps the last one built (by
 * `modelKey`). A model file is checked whole — shape, sizes against the declared layers, finite numbers, a size
 * ceiling — before anything is allocated for it.
 * @module
 */
import { describeValue, ValidationError } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';
import {
  SPIKING_DIGIT_DEFAULTS, runSpikingAccuracy, runSpikingDigit, type SpikingAccuracyResult, type SpikingDigitOptions, type SpikingDigitResult,
} from '../../src/experiments/spikingDigit.js';
import { MLP, type MLPJson } from '../../src/nn/mlp.js';
import { checkPresentationSteps } from './limits.js';

/** A model file may be at most this large (the shipped one is 0.5 MB). */
export const MAX_MODEL_FILE_BYTES = 40e6;
/** A model may have at most this many layer sizes and units per layer, and parameters in all. */
export const MAX_MODEL_LAYERS = 12;
export const MAX_MODEL_UNITS = 100_000;
export const MAX_MODEL_PARAMETERS = 2_000_000;

const NAME = 'spikingView.model';

function isFiniteArray(a: unknown, length: number): boolean {
  if (!Array.isArray(a) || a.length !== length) return false;
  for (let i = 0; i < length; i++) if (typeof a[i] !== 'number' || !Number.isFinite(a[i])) return false;
  return true;
}

/**
 * Checks a model's JSON (the object `JSON.parse` gave) as `npm run sim -- mnist --save` writes it, before anything
 * is allocated for it: the envelope, layer sizes within the page's ceilings, and every layer's W ([out][in]), b and
 * optional a of exactly the declared shape with finite numbers. Throws a `ValidationError` naming what is wrong.
 */
export function checkModelJson(o: unknown, what = 'the model'): MLPJson {
  const fail = (m: string): never => { throw new ValidationError(NAME, `${what} ${m}`); };
  if (!o || typeof o !== 'object' || Array.isArray(o)) fail(`is not a spikebridge model (a JSON object with format 'spikebridge-mlp', as the sims' --save writes; got ${describeValue(o)})`);
  const m = o as Partial<MLPJson>;
  if (m.format !== 'spikebridge-mlp') fail(`is not a spikebridge model (format 'spikebridge-mlp', as the sims' --save writes; got format ${describeValue(m.format)})`);
  if (m.version !== 1) fail(`has format version ${describeValue(m.version)}; this page reads version 1`);
  const sizes = m.sizes;
  if (!Array.isArray(sizes) || sizes.length < 2 || sizes.length > MAX_MODEL_LAYERS || !sizes.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_MODEL_UNITS)) {
    fail(`has sizes ${describeValue(sizes)}: 2 to ${MAX_MODEL_LAYERS} whole numbers from 1 to ${MAX_MODEL_UNITS.toLocaleString('en')}`);
  }
  let params = 0;
  for (let l = 0; l + 1 < sizes!.length; l++) params += sizes![l + 1] * (sizes![l] + 2);
  if (params > MAX_MODEL_PARAMETERS) fail(`has about ${params.toLocaleString('en')} parameters (sizes [${sizes!.join(', ')}]); the page takes at most ${MAX_MODEL_PARAMETERS.toLocaleString('en')}`);
  if (!Array.isArray(m.hidden) || m.hidden.length !== sizes!.length - 2 || !m.hidden.every((h) => h && typeof h === 'object')) {
    fail(`needs one hidden activation spec per hidden layer (${sizes!.length - 2}) (got ${describeValue(m.hidden)})`);
  }
  if (!m.output || typeof m.output !== 'object') fail(`needs an output activation spec (got ${describeValue(m.output)})`);
  if (!Array.isArray(m.layers) || m.layers.length !== sizes!.length - 1) fail(`needs ${sizes!.length - 1} layers for sizes [${sizes!.join(', ')}] (got ${describeValue(m.layers)})`);
  m.layers!.forEach((ly, l) => {
    const nIn = sizes![l], nOut = sizes![l + 1];
    if (!ly || typeof ly !== 'object') fail(`layer ${l} must be { W, b } (got ${describeValue(ly)})`);
    if (!Array.isArray(ly.W) || ly.W.length !== nOut) fail(`layer ${l}: W must have ${nOut} rows (got ${describeValue(ly.W)})`);
    ly.W.forEach((row, j) => { if (!isFiniteArray(row, nIn)) fail(`layer ${l}: W row ${j} must hold ${nIn} finite numbers (got ${describeValue(row)})`); });
    if (!isFiniteArray(ly.b, nOut)) fail(`layer ${l}: b must hold ${nOut} finite numbers (got ${describeValue(ly.b)})`);
    if (ly.a !== undefined && !isFiniteArray(ly.a, nOut)) fail(`layer ${l}: a must hold ${nOut} finite numbers (got ${describeValue(ly.a)})`);
  });
  return m as MLPJson;
}

/** Refuses a model file larger than {@link MAX_MODEL_FILE_BYTES} (`size` in bytes, or characters of its text). */
export function checkModelFileSize(size: number, what = 'the model file', unit = 'characters'): void {
  if (size > MAX_MODEL_FILE_BYTES) throw new ValidationError(NAME, `${what} has ${size.toLocaleString('en')} ${unit}; a model file may be at most ${(MAX_MODEL_FILE_BYTES / 1e6).toFixed(0)} MB`);
}

/** A model file's text as JSON, refused before parsing when larger than {@link MAX_MODEL_FILE_BYTES}. */
export function parseModelText(text: string, what = 'the model file'): unknown {
  checkModelFileSize(text.length, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ValidationError(NAME, `${what} is not valid JSON: ${(e as Error).message}`);
  }
}

/**
 * A model as JSON, or a file's text. The page sends a picked file as its `Blob` (no copy of its bytes on the page's
 * main thread); the worker reads it into text before the job runs (web/worker.ts).
 */
export type ModelSource = MLPJson | string | Blob;

/** Check a model (a file's text) and keep it in the worker; answers with its sizes and activations. */
export interface SpikingModelJob {
  kind: 'spikingModel';
  model: string | Blob;
  modelKey: string;
  /** The file's name, for messages. */
  name: string;
}

/** What a checked model is. */
export interface SpikingModelJobResult {
  kind: 'spikingModel';
  sizes: number[];
  activations: string[];
}

/** One digit through the rate and spiking networks. */
export interface SpikingDigitJob extends SpikingDigitOptions {
  kind: 'spikingDigit';
  /** The model, sent with each job (the worker keeps the built MLP by `modelKey`). */
  model: ModelSource | null;
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
  model: ModelSource | null;
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

function model(key: string, json: ModelSource | null, name?: string): MLP {
  let m = models.get(key);
  if (!m) {
    if (!json) throw new ValidationError('spikingView.model', `model ${JSON.stringify(key)} is not loaded in the worker; send it with the job`);
    if (typeof Blob !== 'undefined' && json instanceof Blob) throw new ValidationError('spikingView.model', 'a model file must be read into text before the job runs (the worker does)');
    const what = name ?? 'the model';
    m = loadModel(checkModelJson(typeof json === 'string' ? parseModelText(json, what) : json as MLPJson, what));
    models.clear();
    models.set(key, m);
  }
  return m;
}

/** Checks a model file and builds it in the worker (kept by key for the jobs that follow). */
export function runSpikingModelJob(job: SpikingModelJob): SpikingModelJobResult {
  models.delete(job.modelKey);
  const mlp = model(job.modelKey, job.model, job.name);
  return { kind: 'spikingModel', sizes: [...mlp.sizes], activations: mlp.activations.map((a) => a.name) };
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
