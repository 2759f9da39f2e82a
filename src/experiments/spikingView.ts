/**
 * The web app's spiking view (issue 8): one MNIST digit (a shipped test digit, or one drawn on a canvas and
 * preprocessed as MNIST's were) through the rate network and its spiking twin (`toSpiking`): the rate network's
 * answer, the hidden raster, the output currents converging over the presentation, and accuracy against
 * presentation time over the shipped digits. Plain data and figure specs; the page runs these in its worker.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkPositive } from '../core/validate.js';
import { accuracyOverTime } from '../bridge/accuracyOverTime.js';
import { toSpiking, type SpikingRun } from '../bridge/toSpiking.js';
import { softmaxRows } from '../nn/activations.js';
import type { Matrix } from '../nn/matrix.js';
import { argmax } from '../nn/metrics.js';
import { MLP, type MLPJson } from '../nn/mlp.js';
import { layout, line, type Figure, type Trace } from './figure.js';

/** Shipped digits (web/models/mnist-test-digits.json): bytes k per pixel, pixel = round(k / 255, 3). */
export interface DigitsJson {
  format: 'spikebridge-digits';
  version: 1;
  width: number;
  height: number;
  count: number;
  labels: number[];
  /** base64 of count × width × height bytes. */
  pixels: string;
}

function base64Bytes(s: string): Uint8Array {
  if (typeof atob === 'function') return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  return new Uint8Array((globalThis as unknown as { Buffer: { from(s: string, e: string): Uint8Array } }).Buffer.from(s, 'base64'));
}

/** Decodes the shipped digits into a matrix (pixels in [0, 1], one row per digit) and labels. */
export function decodeDigits(json: DigitsJson): { X: Matrix; labels: Int32Array } {
  if (!json || json.format !== 'spikebridge-digits') throw new ValidationError('digits.format', `must be 'spikebridge-digits' (got ${describeValue(json?.format)})`);
  const d = json.width * json.height;
  const bytes = base64Bytes(json.pixels);
  if (bytes.length !== json.count * d || json.labels.length !== json.count) throw new ValidationError('digits', `holds ${bytes.length} pixels and ${json.labels.length} labels for ${json.count} digits of ${d} pixels (truncated file?)`);
  const data = new Float64Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) data[i] = Math.round((bytes[i] / 255) * 1000) / 1000;
  return { X: { rows: json.count, cols: d, data }, labels: Int32Array.from(json.labels) };
}

/**
 * A drawing (grey levels in [0, 1], row-major `w`×`h`) made into an MNIST-like 28×28 digit: cropped to its ink,
 * scaled to fit 20×20 keeping its aspect ratio (box-filtered), and placed so its centre of mass is at the centre
 * of the 28×28 field — how MNIST's digits were prepared. Returns 784 zeros for an empty drawing.
 */
export function drawingToDigit(gray: ArrayLike<number>, w: number, h: number): Float64Array {
  checkInteger('drawing.width', w, 1);
  checkInteger('drawing.height', h, 1);
  if (gray.length !== w * h) throw new ValidationError('drawing', `must hold width × height = ${w * h} values (got ${gray.length})`);
  const out = new Float64Array(784);
  let x0 = w, x1 = -1, y0 = h, y1 = -1;
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (gray[y * w + x] > 0.05) {
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  if (x1 < 0) return out;
  const bw = x1 - x0 + 1, bh = y1 - y0 + 1;
  const scale = 20 / Math.max(bw, bh);
  const sw = Math.max(1, Math.round(bw * scale)), sh = Math.max(1, Math.round(bh * scale));
  // Box filter: each small pixel averages the source pixels that fall in it.
  const small = new Float64Array(sw * sh), count = new Float64Array(sw * sh);
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) {
    const sx = Math.min(sw - 1, Math.floor(((x - x0) * sw) / bw)), sy = Math.min(sh - 1, Math.floor(((y - y0) * sh) / bh));
    small[sy * sw + sx] += gray[y * w + x];
    count[sy * sw + sx]++;
  }
  let m = 0, cx = 0, cy = 0;
  for (let i = 0; i < small.length; i++) {
    small[i] = count[i] ? Math.min(1, small[i] / count[i]) : 0;
    m += small[i];
    cx += small[i] * (i % sw);
    cy += small[i] * Math.floor(i / sw);
  }
  cx = m ? cx / m : sw / 2;
  cy = m ? cy / m : sh / 2;
  const ox = Math.round(14 - cx - 0.5), oy = Math.round(14 - cy - 0.5);
  for (let y = 0; y < sh; y++) for (let x = 0; x < sw; x++) {
    const tx = x + ox, ty = y + oy;
    if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) out[ty * 28 + tx] = small[y * sw + x];
  }
  return out;
}

/** Settings of a presentation. Times in seconds. */
export interface SpikingViewOptions {
  /** Presentation time, s. @default 0.2 */
  duration?: number;
  /** @default 0.001 */
  dt?: number;
  /** PSC τ_s, s. @default 0.005 */
  tauS?: number;
  /** Seed of the initial phases (and of Poisson inputs). @default 0 */
  seed?: number;
  /** How the pixels enter: constant currents J = W·x + b, or Poisson trains at `inputRate`·x Hz. @default 'current' */
  input?: 'current' | 'poisson';
  /** Poisson input: rate of a pixel equal to 1, Hz. @default 200 */
  inputRate?: number;
}

/** At most this many steps per presentation from the page. */
export const MAX_PRESENTATION_STEPS = 100_000;

function resolveView(o: SpikingViewOptions) {
  const duration = checkPositive('spikingView.duration', o.duration ?? 0.2);
  const dt = checkPositive('spikingView.dt', o.dt ?? 0.001);
  const tauS = checkPositive('spikingView.tauS', o.tauS ?? 0.005);
  const seed = checkInteger('spikingView.seed', o.seed ?? 0, 0);
  if (duration / dt > MAX_PRESENTATION_STEPS) throw new ValidationError('spikingView.dt', `gives ${Math.round(duration / dt)} steps per presentation; at most ${MAX_PRESENTATION_STEPS} are allowed`);
  const input = o.input ?? 'current';
  if (input !== 'current' && input !== 'poisson') throw new ValidationError('spikingView.input', `must be 'current' or 'poisson' (got ${describeValue(input)})`);
  const inputRate = checkPositive('spikingView.inputRate', o.inputRate ?? 200);
  return { duration, dt, tauS, seed, input, inputRate };
}

/** One digit through both networks. */
export interface SpikingDigitResult {
  run: SpikingRun;
  /** The rate network's output z (identity output: the logits) and its softmax. */
  rateLogits: number[];
  rateProbabilities: number[];
  ratePrediction: number;
  /** The spiking network's answer after each presentation time in `answerTimes` (s). */
  answerTimes: number[];
  answers: number[];
}

function softmax(z: ArrayLike<number>): number[] {
  const y = new Float64Array(z.length);
  softmaxRows(Float64Array.from(z), y, 1, z.length);
  return Array.from(y);
}

/** A model from its JSON (what `npm run sim -- mnist --save` writes). */
export function loadModel(json: MLPJson | string): MLP {
  return MLP.fromJSON(json, { wasm: false });
}

/** Presents one input (784 pixels) to the spiking network built from `mlp`; also the rate network's answer. */
export function runSpikingDigit(mlp: MLP, x: ArrayLike<number>, o: SpikingViewOptions = {}): SpikingDigitResult {
  const s = resolveView(o);
  const snn = toSpiking(mlp, { tauS: s.tauS, dt: s.dt, seed: s.seed, input: s.input, inputRate: s.inputRate });
  const run = snn.run(x, { duration: s.duration, seed: 0 });
  const logits = Array.from(snn.rateForward(x).y);
  // The answer had the presentation stopped at t: mean output current from the readout start to t.
  const [from] = snn.windowSteps(run.t.length, s.dt);
  const O = run.outputCurrents.length;
  const acc = new Float64Array(O);
  const answerTimes: number[] = [], answers: number[] = [];
  for (let k = 0; k < run.t.length; k++) {
    if (k < from) continue;
    for (let j = 0; j < O; j++) acc[j] += run.outputCurrents[j][k];
    answerTimes.push(run.t[k] + s.dt);
    answers.push(argmax(acc));
  }
  return { run, rateLogits: logits, rateProbabilities: softmax(logits), ratePrediction: argmax(logits), answerTimes, answers };
}

/** Accuracy against presentation time over labelled inputs, beside the rate network's. */
export interface SpikingAccuracyResult {
  durations: number[];
  accuracy: number[];
  rateAccuracy: number;
  samples: number;
  meanHiddenRate: number;
}

/** One run per sample as long as the longest duration (the simulation is causal: shorter ones are its prefixes). */
export function runSpikingAccuracy(mlp: MLP, X: Matrix, labels: ArrayLike<number>, o: SpikingViewOptions & { durations?: number[]; samples?: number } = {}, onProgress?: Progress): SpikingAccuracyResult {
  const s = resolveView({ ...o, duration: Math.max(...(o.durations ?? [0.3])) });
  const durations = (o.durations ?? [0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3]).map((d, i) => checkPositive(`spikingView.durations[${i}]`, d));
  const P = Math.min(X.rows, checkInteger('spikingView.samples', o.samples ?? X.rows, 1));
  const sub: Matrix = { rows: P, cols: X.cols, data: X.data.subarray(0, P * X.cols) };
  const snn = toSpiking(mlp, { tauS: s.tauS, dt: s.dt, seed: s.seed, input: s.input, inputRate: s.inputRate });
  const ot = accuracyOverTime(snn, sub, labels, { durations: durations.filter((d) => d >= s.dt), onProgress });
  return { durations: ot.durations, accuracy: ot.accuracy, rateAccuracy: ot.rateAccuracy, samples: P, meanHiddenRate: ot.meanHiddenRate };
}

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Figures of one digit: hidden raster; output currents z_j(t) with their running means; the two answers. */
export function spikingDigitFigures(r: SpikingDigitResult, label: number | null): Figure[] {
  const run = r.run;
  const what = label === null ? 'drawn digit' : `digit labelled ${label}`;
  const h = run.hidden[0];
  const raster: Figure = {
    title: 'Spiking hidden raster',
    data: [{ type: 'scatter', mode: 'markers', x: Array.from(h.spikes.time, (t) => t * 1e3), y: Array.from(h.spikes.index), name: 'spike', marker: { symbol: 'line-ns-open', size: 7, color: '#16213a' } }],
    layout: layout(`Hidden layer (${h.counts.length} LIF neurons): ${h.spikes.time.length} spikes, ${what}`, 'time (ms)', 'hidden neuron', { yaxis: { title: { text: 'hidden neuron' }, range: [-0.5, h.counts.length - 0.5] } }),
  };
  const tms = Array.from(run.t, (t) => t * 1e3);
  const [from] = [Math.round(run.window[0] / run.dt)];
  const data: Trace[] = [];
  const winner = run.prediction;
  for (let j = 0; j < run.outputCurrents.length; j++) {
    const z = run.outputCurrents[j];
    const mean: number[] = [], tm: number[] = [];
    let acc = 0;
    for (let k = from; k < z.length; k++) {
      acc += z[k];
      mean.push(acc / (k - from + 1));
      tm.push(tms[k]);
    }
    data.push(line(tms, z, `z${j}(t)`, { line: { width: 1, color: COLORS[j] }, opacity: 0.3, showlegend: false, legendgroup: `d${j}` }));
    data.push(line(tm, mean, `${j}${j === winner ? ' (answer)' : ''}`, { line: { width: j === winner ? 3.5 : 1.8, color: COLORS[j] }, legendgroup: `d${j}` }));
  }
  data.push(line([tms[0], tms[tms.length - 1]], [r.rateLogits[winner], r.rateLogits[winner]], `rate net z${winner}`, { line: { dash: 'dash', color: COLORS[winner], width: 1.5 } }));
  const currents: Figure = {
    title: 'Spiking output currents',
    data,
    layout: layout(`Output currents z(t) (faint) and their means from ${(run.window[0] * 1e3).toFixed(0)} ms (bold): answer ${winner}`, 'time (ms)', 'output current z'),
  };
  const spikingProb = softmax(run.meanCurrent);
  const digits = Array.from({ length: r.rateProbabilities.length }, (_, i) => i);
  const answers: Figure = {
    title: 'Rate and spiking answers',
    data: [
      { type: 'bar', x: digits, y: r.rateProbabilities.map((p) => 100 * p), name: `rate network: ${r.ratePrediction}`, marker: { color: '#2458c6' } },
      { type: 'bar', x: digits, y: spikingProb.map((p) => 100 * p), name: `spiking network: ${run.prediction}`, marker: { color: '#f59322' } },
    ],
    layout: layout(`Softmax of the outputs: rate ${r.ratePrediction}, spiking ${run.prediction} (${(run.duration * 1e3).toFixed(0)} ms)`, 'digit', 'softmax (%)', { barmode: 'group', xaxis: { title: { text: 'digit' }, dtick: 1 } }),
  };
  return [raster, currents, answers];
}

/** Accuracy against presentation time (rate network dashed). */
export function spikingAccuracyFigure(r: SpikingAccuracyResult): Figure {
  const ms = r.durations.map((d) => d * 1e3);
  return {
    title: 'Spiking accuracy vs presentation time',
    data: [
      line(ms, r.accuracy.map((a) => 100 * a), 'spiking LIF network', { mode: 'lines+markers' }),
      line([ms[0], ms[ms.length - 1]], [100 * r.rateAccuracy, 100 * r.rateAccuracy], 'rate network', { line: { dash: 'dash' } }),
    ],
    layout: layout(`Accuracy vs presentation time (${r.samples} test digits)`, 'presentation time (ms)', 'accuracy (%)', { xaxis: { title: { text: 'presentation time (ms)' }, type: 'log', tickvals: ms, ticktext: ms.map((m) => String(Number(m.toPrecision(6)))) } }),
  };
}
