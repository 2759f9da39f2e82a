/**
 * The web app's jobs for part 2 (issue 8: synapses, network, training playground, spiking view), run by the same
 * Web Worker as `webJobs.ts`'s. Each resolves the page's settings into an existing scenario's options and calls it.
 * Jobs may hand out partial results while they run (`onPartial`): the network streams its raster, rates and
 * traces. The playground keeps one training session alive between jobs (each job trains a few more epochs),
 * so pause, step and reset are cheap; if the worker was restarted the page sends the last parameters back.
 * Nothing here touches the DOM, so it runs (and is tested) in Node as well as in the worker.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { MLPJson } from '../nn/mlp.js';
import type { LayerParameters, MLP } from '../nn/mlp.js';
import { poissonSpikeTrain, regularSpikeTrain } from '../synapses/spikeTrains.js';
import type { NetworkRun } from './network.js';
import { runNetworkStreaming, type NetworkStreamOptions } from './networkStream.js';
import { PlaygroundSession, type PlaygroundOptions, type PlaygroundSnapshot } from './playground.js';
import { runPsc, type PscRun } from './psc.js';
import { minMaxIndices } from './webDecimate.js';
import { loadModel, runSpikingAccuracy, runSpikingDigit, type SpikingAccuracyResult, type SpikingDigitResult, type SpikingViewOptions } from './spikingView.js';

/** At most this many samples per filtered train (duration / dt). */
export const MAX_PSC_SAMPLES = 2_000_000;

/** Settings of the synapses panel (times in s, rates in Hz). */
export interface SynapsesJob {
  kind: 'synapses';
  /** PSC order. */
  n: number;
  tauS: number;
  train: 'regular' | 'poisson';
  rate: number;
  duration: number;
  dt: number;
  seed: number;
  /** Orders drawn beside the chosen one for comparison (kernels only). @default [] */
  compareOrders?: number[];
}

/** The synapses panel's result. */
export interface SynapsesJobResult {
  kind: 'synapses';
  run: PscRun;
}

/** Run the E/I network (partial results stream back while it runs). */
export interface NetworkJob extends NetworkStreamOptions {
  kind: 'network';
}

/** A partial or final network run. */
export interface NetworkJobResult {
  kind: 'network';
  /** The run, prepared by {@link forDisplay}. */
  run: NetworkRun & RasterShown;
  /** True for a partial result (the run goes on). */
  partial: boolean;
  fraction: number;
}

/** Train `epochs` more epochs of session `session` (a new id starts a new session from `options`). */
export interface PlaygroundJob {
  kind: 'playground';
  session: string;
  options: PlaygroundOptions;
  epochs: number;
  /** What the page last saw, to resume after a worker restart. */
  resume?: { epoch: number; params: LayerParameters[]; trainLoss: number[]; testLoss: number[] } | null;
}

/** The playground session's state after the epochs. */
export interface PlaygroundJobResult {
  kind: 'playground';
  session: string;
  snapshot: PlaygroundSnapshot;
  /** True when this job started the session afresh (a new id, or a restarted worker without `resume`). */
  fresh: boolean;
}

/** One digit through the rate and spiking networks. */
export interface SpikingDigitJob extends SpikingViewOptions {
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
export interface SpikingAccuracyJob extends SpikingViewOptions {
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

/** The part-2 jobs the worker runs. */
export type WebJob2 = SynapsesJob | NetworkJob | PlaygroundJob | SpikingDigitJob | SpikingAccuracyJob;
/** Their results. */
export type WebJobResult2 = SynapsesJobResult | NetworkJobResult | PlaygroundJobResult | SpikingDigitJobResult | SpikingAccuracyJobResult;

const KINDS = new Set<string>(['synapses', 'network', 'playground', 'spikingDigit', 'spikingAccuracy']);

/** True for the jobs of this module (the worker sends the others to `runWebJob`). */
export function isWebJob2(job: { kind: string }): job is WebJob2 {
  return KINDS.has(job.kind);
}

/** Membrane traces longer than this are min–max decimated for display (every spike peak and reset kept). */
export const NETWORK_TRACE_POINTS = 4000;

/** At most this many spikes are drawn in the raster (an SVG plot stays quick); beyond, every k-th neuron is drawn. */
export const NETWORK_RASTER_POINTS = 12_000;
/** The same for partial results, redrawn while the run goes on. */
export const NETWORK_PARTIAL_RASTER_POINTS = 4_000;

/** What {@link forDisplay} kept of the raster: every `every`-th neuron (1: all). */
export interface RasterShown {
  every: number;
}

/**
 * A network run prepared for display: v traces min–max decimated (every spike peak and reset kept); a raster of
 * more than `maxSpikes` spikes thinned to every k-th neuron of each population (`rasterEvery` = k). Rates, counts
 * and statistics are computed from the full run first and are unchanged.
 */
export function forDisplay(run: NetworkRun, maxPoints = NETWORK_TRACE_POINTS, maxSpikes = NETWORK_RASTER_POINTS): NetworkRun & RasterShown {
  let out: NetworkRun & RasterShown = { ...run, every: 1 };
  const { t, v, neurons } = run.traces;
  if (t.length > maxPoints) {
    const idx = minMaxIndices(v, t.length, Math.max(1, Math.floor(maxPoints / (2 * Math.max(1, v.length)))));
    const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
    out = { ...out, traces: { t: pick(t), v: v.map(pick), neurons } };
  }
  const spikes = run.raster.exc.index.length + run.raster.inh.index.length;
  if (spikes > maxSpikes) {
    const every = Math.ceil(spikes / maxSpikes);
    const thin = (r: { index: Int32Array; time: Float64Array }) => {
      const keep: number[] = [];
      for (let k = 0; k < r.index.length; k++) if (r.index[k] % every === 0) keep.push(k);
      return { index: Int32Array.from(keep, (k) => r.index[k]), time: Float64Array.from(keep, (k) => r.time[k]) };
    };
    out = { ...out, every, raster: { exc: thin(run.raster.exc), inh: thin(run.raster.inh) } };
  }
  return out;
}

let session: PlaygroundSession | null = null;
let sessionId = '';
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

/** Runs one job. `onPartial` receives results while it runs (network); the return value is the final one. */
export function runWebJob2(job: WebJob2, onProgress?: (done: number, total: number) => void, onPartial?: (partial: WebJobResult2) => void): WebJobResult2 {
  switch (job.kind) {
    case 'synapses': {
      const steps = job.duration / job.dt;
      if (steps > MAX_PSC_SAMPLES) throw new ValidationError('psc.dt', `gives ${Math.round(steps).toLocaleString('en')} samples; the page allows at most ${MAX_PSC_SAMPLES.toLocaleString('en')} (a larger dt or a shorter train)`);
      const spikes = job.train === 'regular'
        ? Array.from(regularSpikeTrain({ rate: job.rate, duration: job.duration }))
        : Array.from(poissonSpikeTrain({ rate: job.rate, duration: job.duration, seed: job.seed }));
      const ns = [...new Set([job.n, ...(job.compareOrders ?? [])])].sort((a, b) => a - b);
      const run = runPsc({ ns, tauS: [job.tauS], spikes, n: job.n, filterTauS: job.tauS, duration: job.duration, dt: job.dt, rate: job.rate, seed: job.seed });
      return { kind: 'synapses', run };
    }
    case 'network': {
      const { kind: _k, ...o } = job;
      // Partial results are drawn while the run goes on: smaller rasters keep each redraw short (the page stays responsive).
      const run = runNetworkStreaming(o, onProgress, onPartial ? (p, fraction) => onPartial({ kind: 'network', run: forDisplay(p, NETWORK_TRACE_POINTS, NETWORK_PARTIAL_RASTER_POINTS), partial: true, fraction }) : undefined);
      return { kind: 'network', run: forDisplay(run), partial: false, fraction: 1 };
    }
    case 'playground': {
      let fresh = false;
      if (!session || sessionId !== job.session) {
        session = null; // a bad option must not leave the old session looking current
        const s = new PlaygroundSession(job.options);
        if (job.resume) s.restore(job.resume);
        else fresh = true;
        session = s;
        sessionId = job.session;
      }
      const { lr, optimizer, regularization, regRate, batchSize } = job.options;
      session.configure({ lr, optimizer, regularization, regRate, batchSize });
      const epochs = Math.max(0, Math.floor(job.epochs));
      for (let e = 0; e < epochs; e++) {
        session.step(1);
        onProgress?.(e + 1, epochs);
      }
      return { kind: 'playground', session: sessionId, snapshot: session.snapshot(), fresh };
    }
    case 'spikingDigit': {
      const mlp = model(job.modelKey, job.model);
      if (!Array.isArray(job.x) || job.x.length !== mlp.sizes[0]) throw new ValidationError('spikingView.x', `the model takes ${mlp.sizes[0]} inputs but the digit has ${Array.isArray(job.x) ? job.x.length : typeof job.x} pixels`);
      return { kind: 'spikingDigit', result: runSpikingDigit(mlp, job.x, { duration: job.duration, dt: job.dt, tauS: job.tauS, seed: job.seed, input: job.input, inputRate: job.inputRate }) };
    }
    case 'spikingAccuracy': {
      const mlp = model(job.modelKey, job.model);
      if (mlp.sizes[0] !== job.X.cols || mlp.sizes[mlp.depth] !== 10) {
        throw new ValidationError('spikingView.model', `must map ${job.X.cols} pixels to 10 digit classes (got sizes [${mlp.sizes.join(', ')}])`);
      }
      const result = runSpikingAccuracy(mlp, job.X, job.labels, { durations: job.durations, dt: job.dt, tauS: job.tauS, seed: job.seed, input: job.input, inputRate: job.inputRate }, onProgress);
      return { kind: 'spikingAccuracy', result };
    }
    default:
      throw new ValidationError('job.kind', `unknown job ${JSON.stringify((job as { kind: unknown }).kind)}`);
  }
}
