/**
 * The bridge in seconds: a 2-H-1 network with `soft-lif` hidden units trained on XOR (Neychev's lecture), run as
 * spiking LIF neurons. The four inputs enter as constant currents; the spiking network's output current,
 * averaged over the readout window, matches the rate network's z and classifies all four.
 * @module
 */
import { checkInteger, checkKnownKeys, checkPositive } from '../core/validate.js';
import { toSpiking, type SpikingRun, type ToSpikingOptions } from '../bridge/toSpiking.js';
import { countMatches } from '../nn/metrics.js';
import { MLP } from '../nn/mlp.js';
import { train } from '../nn/train.js';
import { layout, line, type Figure } from './figure.js';
import { maxOf } from '../core/arrays.js';

/** Options of {@link runSpikingXor}. */
export interface SpikingXorOptions {
  /** Hidden units. @default 8 */
  hidden?: number;
  /** Full-batch Adam epochs. @default 1500 */
  epochs?: number;
  /** Adam learning rate. @default 0.02 */
  lr?: number;
  /** soft-LIF smoothing γ (small: XOR puts units near threshold, where soft-LIF and LIF differ most). @default 0.005 */
  gamma?: number;
  /** Output = amplitude · rate. @default 1/63 */
  amplitude?: number;
  /** Presentation times, s. @default [0.05, 0.1, 0.2, 0.5] */
  durations?: number[];
  /** Seed of the weights. @default 1 */
  seed?: number;
  /** Options of {@link toSpiking} (τ_s, n, dt, …). */
  spiking?: ToSpikingOptions;
}

/** What {@link runSpikingXor} returns. */
export interface SpikingXorResult {
  settings: Required<Omit<SpikingXorOptions, 'spiking'>> & { spiking: ToSpikingOptions };
  inputs: number[][];
  targets: number[];
  /** The rate network's output (sigmoid) and pre-activation z per input. */
  rateOutput: number[];
  rateCurrent: number[];
  /** Per presentation time: the spiking network's mean output current z̄ and sigmoid(z̄) per input, and its classes. */
  spiking: { duration: number; current: number[]; output: number[]; classes: number[]; correct: number }[];
  /** Final training loss (cross-entropy). */
  loss: number;
  /** One run per input at the longest presentation time (for plots). */
  runs: SpikingRun[];
  seconds: number;
}

const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_T = [0, 1, 1, 0];

/** The resolved defaults of {@link runSpikingXor} (the sim's flags read them). */
export const SPIKING_XOR_DEFAULTS = Object.freeze({
  hidden: 8, epochs: 1500, lr: 0.02, gamma: 0.005, amplitude: 1 / 63, durations: [0.05, 0.1, 0.2, 0.5], seed: 1,
});

/** Trains XOR with soft-LIF hidden units and compares the rate and spiking networks. */
export function runSpikingXor(o: SpikingXorOptions = {}): SpikingXorResult {
  checkKnownKeys('spikingXor', o, ['hidden', 'epochs', 'lr', 'gamma', 'amplitude', 'durations', 'seed', 'spiking']);
  const s = {
    hidden: checkInteger('spikingXor.hidden', o.hidden ?? SPIKING_XOR_DEFAULTS.hidden, 1),
    epochs: checkInteger('spikingXor.epochs', o.epochs ?? SPIKING_XOR_DEFAULTS.epochs, 1),
    lr: checkPositive('spikingXor.lr', o.lr ?? SPIKING_XOR_DEFAULTS.lr),
    gamma: checkPositive('spikingXor.gamma', o.gamma ?? SPIKING_XOR_DEFAULTS.gamma),
    amplitude: checkPositive('spikingXor.amplitude', o.amplitude ?? SPIKING_XOR_DEFAULTS.amplitude),
    durations: (o.durations ?? [...SPIKING_XOR_DEFAULTS.durations]).map((d, i) => checkPositive(`spikingXor.durations[${i}]`, d)),
    seed: checkInteger('spikingXor.seed', o.seed ?? SPIKING_XOR_DEFAULTS.seed, 0),
    spiking: o.spiking ?? {},
  };
  const t0 = performance.now();
  const mlp = new MLP({ sizes: [2, s.hidden, 1], hidden: { name: 'soft-lif', gamma: s.gamma, amplitude: s.amplitude }, output: 'sigmoid', seed: s.seed });
  // Hidden biases at and above the threshold (1): every unit starts in the range where it fires, as in experiments/mnist.
  const p = mlp.getParameters();
  p[0].b = p[0].b.map((_, j) => 1 + (2 * j) / s.hidden);
  mlp.setParameters(p);
  const T = XOR_T.map((t) => [t]);
  const h = train(mlp, { X: XOR_X, T }, { loss: 'cross-entropy', optimizer: { name: 'adam', lr: s.lr }, epochs: s.epochs, batchSize: 'full', seed: s.seed });
  const snn = toSpiking(mlp, s.spiking);
  const rateY = mlp.forward(XOR_X).map((r) => r[0]);
  const rateZ = XOR_X.map((x) => logit(mlp.forward([x])[0][0]));
  const r = snn.predictOverTime(XOR_X, { durations: s.durations });
  const spiking = r.durations.map((duration, d) => {
    const current = Array.from(r.outputs[d]);
    const classes = Array.from(r.predictions[d]);
    return { duration, current, output: current.map(sigmoid), classes, correct: countMatches(classes, XOR_T) };
  });
  const longest = maxOf(s.durations);
  const runs = XOR_X.map((x, i) => snn.run(x, { duration: longest, seed: i }));
  return {
    settings: s, inputs: XOR_X, targets: XOR_T, rateOutput: rateY, rateCurrent: rateZ, spiking,
    loss: h.loss[h.loss.length - 1], runs, seconds: (performance.now() - t0) / 1000,
  };
}

/** Output currents over time for the four inputs (rate z dashed) and the first input's hidden raster. */
export function spikingXorFigures(r: SpikingXorResult): Figure[] {
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728'];
  const data = r.runs.flatMap((run, i) => {
    const ms = Array.from(run.t, (t) => t * 1e3);
    return [
      line(ms, run.outputCurrents[0], `x = (${r.inputs[i].join(', ')}): spiking z(t)`, { line: { color: colors[i] } }),
      line([0, ms[ms.length - 1]], [r.rateCurrent[i], r.rateCurrent[i]], `rate z`, { line: { color: colors[i], dash: 'dash' }, showlegend: i === 0 }),
    ];
  });
  const figs: Figure[] = [{ title: 'XOR output currents', data, layout: layout('XOR: spiking output current z(t) = W·s(t) + b and the rate network\'s z (dashed)', 'time (ms)', 'z (output > 0 ⇔ class 1)') }];
  r.runs.forEach((run, i) => {
    const sp = run.hidden[0].spikes;
    figs.push({
      title: `XOR hidden raster ${i}`,
      data: [{ type: 'scatter', mode: 'markers', x: Array.from(sp.time, (t) => t * 1e3), y: Array.from(sp.index), marker: { size: 4, symbol: 'line-ns-open' }, name: 'spikes' }],
      layout: layout(`XOR input (${r.inputs[i].join(', ')}): hidden spikes`, 'time (ms)', 'hidden neuron'),
    });
  });
  return figs;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function logit(y: number): number {
  return Math.log(y / (1 - y));
}
