/**
 * Feed-forward scenario (notes §5.1): N Poisson inputs at rates r → a dense weight matrix W (M×N) and biases b →
 * M LIF neurons. Since ∫h = 1, each filtered input s_i(t) has mean r_i, so the input current z = W s + b
 * fluctuates around W r + b; the output rates follow G(W r + b) up to the effect of the fluctuations.
 * @module
 */
import { mulberry32 } from '../core/rng.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkKnownKeys, checkNonNegative, checkPositive, checkRange } from '../core/validate.js';
import { lifRate } from '../neurons/rates.js';
import { Network } from '../network/network.js';
import { Population } from '../network/population.js';
import { SpikeRecorder, StateRecorder } from '../network/recorders.js';
import { layout, line, type Figure } from './figure.js';

/** Options of {@link runFeedforward}. */
export interface FeedforwardOptions {
  /** Number of Poisson inputs N. @default 50 */
  inputs?: number;
  /** Number of LIF outputs M. @default 20 */
  outputs?: number;
  /** Input rates spread evenly from rateMin to rateMax, Hz. @default 5 */
  rateMin?: number;
  /** @default 50 */
  rateMax?: number;
  /** Mean of W r over the outputs (weights are uniform in [0, 2·this/(N r̄)]). @default 1 */
  drive?: number;
  /** Biases uniform in [biasMin, biasMax]. @default -0.2 */
  biasMin?: number;
  /** @default 0.8 */
  biasMax?: number;
  /** PSC τ_s, s. @default 0.005 */
  tauS?: number;
  /** PSC order. @default 0 */
  n?: number;
  /** s. @default 2 */
  duration?: number;
  /** s. @default 1e-4 */
  dt?: number;
  /** Time excluded from averages (filter warm-up), s. @default 0.1 */
  settle?: number;
  /** Seed of weights, biases and inputs. @default 1 */
  seed?: number;
  /** Store W as CSR instead of dense. @default false */
  sparse?: boolean;
}

/** The scenario's data. */
export interface FeedforwardRun {
  settings: Required<FeedforwardOptions>;
  rates: Float64Array;
  W: Float64Array;
  bias: Float64Array;
  /** W r + b, per output. */
  predictedZ: Float64Array;
  /** Time average of z per output (after settle). */
  measuredZ: Float64Array;
  /** Output rates (spikes after settle / time), Hz. */
  outputRates: Float64Array;
  /** G(W r + b), Hz. */
  analyticRates: Float64Array;
  /** z(t) of the first few outputs. */
  traces: { t: Float64Array; z: Float64Array[]; neurons: number[] };
  /** Input spikes counted, and the inputs' measured rates, Hz. */
  inputRates: Float64Array;
  wallSeconds: number;
}

/** The resolved defaults of {@link runFeedforward} (the sim's flags read them). */
export const FEEDFORWARD_DEFAULTS = Object.freeze({
  inputs: 50, outputs: 20, rateMin: 5, rateMax: 50, drive: 1, biasMin: -0.2, biasMax: 0.8, tauS: 0.005, n: 0,
  duration: 2, dt: 1e-4, settle: 0.1, seed: 1, sparse: false,
});

/** Validates the options, filling defaults. */
export function resolveFeedforward(o: FeedforwardOptions = {}): Required<FeedforwardOptions> {
  checkKnownKeys('feedforward', o, ['inputs', 'outputs', 'rateMin', 'rateMax', 'drive', 'biasMin', 'biasMax', 'tauS', 'n', 'duration', 'dt', 'settle', 'seed', 'sparse']);
  const s = {
    inputs: checkInteger('feedforward.inputs', o.inputs ?? FEEDFORWARD_DEFAULTS.inputs, 1),
    outputs: checkInteger('feedforward.outputs', o.outputs ?? FEEDFORWARD_DEFAULTS.outputs, 1),
    rateMin: checkNonNegative('feedforward.rateMin', o.rateMin ?? FEEDFORWARD_DEFAULTS.rateMin),
    rateMax: checkNonNegative('feedforward.rateMax', o.rateMax ?? FEEDFORWARD_DEFAULTS.rateMax),
    drive: checkNonNegative('feedforward.drive', o.drive ?? FEEDFORWARD_DEFAULTS.drive),
    biasMin: o.biasMin ?? FEEDFORWARD_DEFAULTS.biasMin,
    biasMax: o.biasMax ?? FEEDFORWARD_DEFAULTS.biasMax,
    tauS: checkPositive('feedforward.tauS', o.tauS ?? FEEDFORWARD_DEFAULTS.tauS),
    n: checkInteger('feedforward.n', o.n ?? FEEDFORWARD_DEFAULTS.n, 0),
    duration: checkPositive('feedforward.duration', o.duration ?? FEEDFORWARD_DEFAULTS.duration),
    dt: checkPositive('feedforward.dt', o.dt ?? FEEDFORWARD_DEFAULTS.dt),
    settle: checkNonNegative('feedforward.settle', o.settle ?? FEEDFORWARD_DEFAULTS.settle),
    seed: checkInteger('feedforward.seed', o.seed ?? FEEDFORWARD_DEFAULTS.seed, 0),
    sparse: o.sparse ?? FEEDFORWARD_DEFAULTS.sparse,
  };
  checkRange('feedforward.rateMax', s.rateMax, s.rateMin, Infinity);
  checkRange('feedforward.biasMax', s.biasMax, s.biasMin, 1e6);
  checkRange('feedforward.settle', s.settle, 0, s.duration, true);
  return s;
}

/** The scenario's network and what it is made of (no run). */
export interface FeedforwardNetwork {
  net: Network;
  inputs: Population;
  outputs: Population;
  settings: Required<FeedforwardOptions>;
  /** Input rates, Hz. */
  rates: Float64Array;
  /** W, [output][input] row-major. */
  W: Float64Array;
  bias: Float64Array;
  /** W r + b, per output. */
  predictedZ: Float64Array;
}

/** Builds the scenario's network: Poisson inputs → dense W (PSC τ_s, n) → LIF outputs with biases. */
export function buildFeedforward(o: FeedforwardOptions = {}): FeedforwardNetwork {
  const s = resolveFeedforward(o);
  const N = s.inputs, M = s.outputs;
  const rand = mulberry32(s.seed);
  const rates = new Float64Array(N);
  for (let i = 0; i < N; i++) rates[i] = N === 1 ? s.rateMin : s.rateMin + ((s.rateMax - s.rateMin) * i) / (N - 1);
  const rMean = rates.reduce((a, b) => a + b, 0) / N;
  const wMax = rMean > 0 ? (2 * s.drive) / (N * rMean) : 0;
  const W = new Float64Array(M * N);
  for (let k = 0; k < W.length; k++) W[k] = wMax * rand();
  const bias = Float64Array.from({ length: M }, () => s.biasMin + (s.biasMax - s.biasMin) * rand());
  const predictedZ = new Float64Array(M);
  for (let j = 0; j < M; j++) {
    let z = bias[j];
    for (let i = 0; i < N; i++) z += W[j * N + i] * rates[i];
    predictedZ[j] = z;
  }
  const net = new Network();
  const inputs = net.add(Population.poisson('inputs', N, { rate: rates, seed: s.seed + 1 }));
  const outputs = net.add(Population.lif('outputs', M, {}, { bias }));
  net.connect(inputs, outputs, { weights: W, sparse: s.sparse, tauS: s.tauS, n: s.n });
  return { net, inputs, outputs, settings: s, rates, W, bias, predictedZ };
}

/** Runs the scenario. */
export function runFeedforward(o: FeedforwardOptions = {}, onProgress?: Progress): FeedforwardRun {
  const { net, inputs: inp, outputs: out, settings: s, rates, W, bias, predictedZ } = buildFeedforward(o);
  const M = s.outputs;
  const every = Math.max(1, Math.round(1e-3 / s.dt)); // z sampled every ms
  const zRec = new StateRecorder(out, 'input', { every });
  const outSpikes = new SpikeRecorder(out, { countOnly: true });
  const inSpikes = new SpikeRecorder(inp, { countOnly: true });
  // Warm-up (filters reach their stationary state), then the measured run.
  net.run(s.settle > 0 ? s.settle : s.dt, s.dt);
  const T = s.duration - s.settle;
  const info = net.run(T, s.dt, { recorders: [zRec, outSpikes, inSpikes], onProgress });
  const measuredZ = new Float64Array(M);
  const nS = zRec.t.length;
  for (let j = 0; j < M; j++) {
    let acc = 0;
    for (let k = 1; k < nS; k++) acc += zRec.values[j][k]; // sample 0 is the state before the run
    measuredZ[j] = acc / (nS - 1);
  }
  const outputRates = Float64Array.from(outSpikes.counts, (c) => c / T);
  const inputRates = Float64Array.from(inSpikes.counts, (c) => c / T);
  const analyticRates = Float64Array.from(predictedZ, (z) => lifRate(z));
  const shown = Array.from({ length: Math.min(4, M) }, (_, j) => j);
  return {
    settings: s, rates, W, bias, predictedZ, measuredZ, outputRates, analyticRates, inputRates,
    traces: { t: zRec.t.subarray(1), z: shown.map((j) => zRec.values[j].subarray(1)), neurons: shown },
    wallSeconds: info.wallSeconds,
  };
}

/** Figures: z(t) against W r + b; measured against predicted z; output rates against G(W r + b). */
export function feedforwardFigures(r: FeedforwardRun): Figure[] {
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  const tr = r.traces;
  const t0 = tr.t[0], t1 = tr.t[tr.t.length - 1];
  const zFig: Figure = {
    title: 'Input current z(t)',
    data: tr.neurons.flatMap((j, k) => [
      line(tr.t, tr.z[k], `z_${j}(t)`, { line: { color: colors[k % 4], width: 1 } }),
      line([t0, t1], [r.predictedZ[j], r.predictedZ[j]], `(W r + b)_${j}`, { line: { color: colors[k % 4], dash: 'dash', width: 2 } }),
    ]),
    layout: layout('z = W s(t) + b fluctuates around W r + b (∫h = 1)', 't (s)', 'z (v_in, threshold 1)'),
  };
  const lo = Math.min(...r.predictedZ, ...r.measuredZ), hi = Math.max(...r.predictedZ, ...r.measuredZ);
  const scatter: Figure = {
    title: 'Mean z against W r + b',
    data: [
      { type: 'scatter', mode: 'markers', x: Array.from(r.predictedZ), y: Array.from(r.measuredZ), name: 'outputs' },
      line([lo, hi], [lo, hi], 'identity', { line: { dash: 'dot', color: 'gray' } }),
    ],
    layout: layout('Time-averaged z against W r + b', 'W r + b', 'mean z(t)'),
  };
  const order = Array.from(r.predictedZ.keys()).sort((a, b) => r.predictedZ[a] - r.predictedZ[b]);
  const rates: Figure = {
    title: 'Output rates',
    data: [
      { type: 'scatter', mode: 'markers', x: order.map((j) => r.predictedZ[j]), y: order.map((j) => r.outputRates[j]), name: 'measured (spiking, noisy input)' },
      line(order.map((j) => r.predictedZ[j]), order.map((j) => r.analyticRates[j]), 'G(W r + b)'),
    ],
    layout: layout('Output rate against the mean input', 'W r + b', 'rate (Hz)'),
  };
  return [zFig, scatter, rates];
}
