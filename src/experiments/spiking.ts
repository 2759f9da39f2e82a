/**
 * How close the spiking network is to the rate network it came from: accuracy against presentation
 * time, τ_s and dt beside the rate network's accuracy on the same test set, and each hidden unit's spiking rate
 * against G(v) for the same input currents (notes §2.1: a neuron held at v fires at G(v)). Plain data plus
 * plotly figure specs, shared by `sims/spiking-mnist.ts`, `sims/spiking-xor.ts` and the web app.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { LabelledProgress, Progress } from '../core/progress.js';
import { checkInteger, checkKnownKeys, checkPositive } from '../core/validate.js';
import { accuracyOverTime } from '../bridge/accuracyOverTime.js';
import { resolveSpikingOptions, toSpiking, type SpikingInit, type SpikingInputMode, type SpikingRun, type SpikingSettings } from '../bridge/toSpiking.js';
import type { Matrix } from '../nn/matrix.js';
import { labelAccuracy } from '../nn/metrics.js';
import type { MLP } from '../nn/mlp.js';
import { layout, line, type Figure } from './figure.js';
import { maxOf, minMax } from '../core/arrays.js';

/** Options of {@link evaluateSpiking}. Times in seconds. */
export interface SpikingEvalOptions {
  /** Presentation times, s. @default [0.01, 0.02, 0.05, 0.1, 0.2, 0.3] */
  durations?: number[];
  /** PSC time constant, s. @default 0.005 */
  tauS?: number;
  /** PSC order. @default 0 */
  n?: number;
  /** Time step, s. @default 0.001 */
  dt?: number;
  /** @default 'current' */
  input?: SpikingInputMode;
  /** Poisson input rate for x = 1, Hz. @default 200 */
  inputRate?: number;
  /** @default 'stationary' */
  init?: SpikingInit;
  /** Start of the readout window, s (default (n + 1)·τ_s). */
  readoutStart?: number;
  /** @default 0 */
  seed?: number;
  /** τ_s values for the accuracy-vs-τ_s sweep, s (empty: no sweep). @default [0.002, 0.005, 0.01, 0.02] */
  tauSweep?: number[];
  /** dt values for the accuracy-vs-dt sweep, s (empty: no sweep). @default [0.0002, 0.0005, 0.001, 0.002] */
  dtSweep?: number[];
  /** Presentation time of the sweeps, s. @default 0.2 */
  sweepDuration?: number;
  /** Test samples used by the sweeps (the first ones). @default all */
  sweepSamples?: number;
  /** Samples whose hidden units are checked against G(v). @default 10 */
  rateSamples?: number;
  /** Presentation time of the rate check, s (long: a unit at 20 Hz fires 100 spikes, so a count is within 1 %). @default 5 */
  rateDuration?: number;
  /** Index of the test sample shown in the raster and output-current figures. @default 0 */
  example?: number;
}

/** The bridge's resolved defaults (`toSpiking`'s τ_s, n, dt, input, inputRate, init, seed), for the sims' flags. */
export const TO_SPIKING_DEFAULTS = (({ amplitude: _a, readoutStart: _r, ...d }) => Object.freeze(d))(resolveSpikingOptions({}, []));

/** The resolved defaults of {@link evaluateSpiking}'s own options (the bridge's are {@link TO_SPIKING_DEFAULTS}). */
export const SPIKING_EVAL_DEFAULTS = Object.freeze({
  durations: [0.01, 0.02, 0.05, 0.1, 0.2, 0.3], tauSweep: [0.002, 0.005, 0.01, 0.02], dtSweep: [0.0002, 0.0005, 0.001, 0.002],
  sweepDuration: 0.2, rateSamples: 10, rateDuration: 5, example: 0,
});

/** Accuracy as a fraction (0–1) per setting. */
export interface Sweep {
  values: number[];
  accuracy: number[];
}

/** What {@link evaluateSpiking} returns. */
export interface SpikingEvalResult {
  settings: SpikingSettings & { durations: number[]; tauSweep: number[]; dtSweep: number[]; sweepDuration: number; sweepSamples: number; rateSamples: number; rateDuration: number };
  samples: number;
  /** The rate network's test accuracy (0–1). */
  rateAccuracy: number;
  /** Spiking accuracy per presentation time (values in s). */
  overTime: Sweep;
  /** Spiking accuracy per τ_s (values in s) at `sweepDuration`, with the rate accuracy on the same samples. */
  overTauS: Sweep & { rateAccuracy: number };
  /** Spiking accuracy per dt (values in s) at `sweepDuration`. */
  overDt: Sweep & { rateAccuracy: number };
  /**
   * Hidden units of the first layer over `rateSamples` inputs: the input current J, G(J) (Hz) and the measured
   * rate (spikes / duration, Hz); relative errors over units firing above 20 Hz.
   */
  hiddenRates: { current: number[]; predicted: number[]; measured: number[]; units: number; unitsAbove20Hz: number; maxRelativeError: number; meanRelativeError: number };
  /** Mean firing rate of the hidden neurons during the presentations, Hz. */
  meanHiddenRate: number;
  /** One input presented at the longest time: raster, filtered activities, output currents. */
  example: SpikingRun & { label: number; index: number };
  /** Wall time of the spiking evaluation over time (all samples), s, and samples per second of simulation. */
  seconds: number;
}

const KEYS = ['durations', 'tauS', 'n', 'dt', 'input', 'inputRate', 'init', 'readoutStart', 'seed', 'tauSweep', 'dtSweep', 'sweepDuration',
  'sweepSamples', 'rateSamples', 'rateDuration', 'example'];

/** A labelled test set: inputs as rows and the class of each. */
export interface LabelledSet {
  X: Matrix;
  labels: ArrayLike<number>;
}

/**
 * Converts `mlp` with {@link toSpiking} and measures it on `test`: accuracy over presentation times (one run per
 * sample at the longest time gives all of them), over τ_s and dt, the rate network's accuracy, and the hidden
 * units' rates against G(v).
 */
export function evaluateSpiking(mlp: MLP, test: LabelledSet, options: SpikingEvalOptions = {}, onProgress?: LabelledProgress): SpikingEvalResult {
  checkKnownKeys('evaluateSpiking', options, KEYS);
  const o = options;
  const list = (name: string, v: number[] | undefined, def: number[], allowEmpty: boolean) => {
    const a = v ?? def;
    if (!Array.isArray(a) || (!allowEmpty && a.length === 0)) throw new ValidationError(`evaluateSpiking.${name}`, `must be ${allowEmpty ? 'an' : 'a non-empty'} array of times in seconds`);
    return a.map((x, i) => checkPositive(`evaluateSpiking.${name}[${i}]`, x));
  };
  const D = SPIKING_EVAL_DEFAULTS;
  const durations = list('durations', o.durations, D.durations, false);
  const tauSweep = list('tauSweep', o.tauSweep, D.tauSweep, true);
  const dtSweep = list('dtSweep', o.dtSweep, D.dtSweep, true);
  const sweepDuration = checkPositive('evaluateSpiking.sweepDuration', o.sweepDuration ?? D.sweepDuration);
  const P = test.X.rows;
  if (test.labels.length !== P) throw new ValidationError('evaluateSpiking.labels', `must have one label per row of X (${P}) (got ${test.labels.length})`);
  const sweepSamples = Math.min(P, checkInteger('evaluateSpiking.sweepSamples', o.sweepSamples ?? P, 1));
  const rateSamples = Math.min(P, checkInteger('evaluateSpiking.rateSamples', o.rateSamples ?? D.rateSamples, 1));
  const rateDuration = checkPositive('evaluateSpiking.rateDuration', o.rateDuration ?? D.rateDuration);
  const exampleIndex = checkInteger('evaluateSpiking.example', o.example ?? D.example, 0);
  if (exampleIndex >= P) throw new ValidationError('evaluateSpiking.example', `must be a sample index below ${P} (got ${exampleIndex})`);
  const base = { tauS: o.tauS, n: o.n, dt: o.dt, input: o.input, inputRate: o.inputRate, init: o.init, readoutStart: o.readoutStart, seed: o.seed };
  const snn = toSpiking(mlp, base);
  const progress = (label: string): Progress => (d, t) => onProgress?.(d, t, label);

  const ot = accuracyOverTime(snn, test.X, test.labels, { durations, onProgress: progress('spiking, all presentation times') });
  const rateAccuracy = ot.rateAccuracy;
  const overTime = { values: ot.durations, accuracy: ot.accuracy };

  const sub: Matrix = { rows: sweepSamples, cols: test.X.cols, data: test.X.data.subarray(0, sweepSamples * test.X.cols) };
  const subRate = labelAccuracy(ot.rateClasses, test.labels, sweepSamples);
  const overTauS = {
    values: tauSweep, rateAccuracy: subRate,
    accuracy: tauSweep.map((tauS) => labelAccuracy(toSpiking(mlp, { ...base, tauS, readoutStart: undefined }).predict(sub, { duration: sweepDuration, onProgress: progress(`τ_s = ${tauS * 1e3} ms`) }), test.labels)),
  };
  const overDt = {
    values: dtSweep, rateAccuracy: subRate,
    accuracy: dtSweep.map((dt) => labelAccuracy(snn.predict(sub, { duration: sweepDuration, dt, onProgress: progress(`dt = ${dt * 1e3} ms`) }), test.labels)),
  };

  // Hidden units against G(v): same input currents, long presentations (counts of ≥ 20 spikes above 20 Hz).
  const current: number[] = [], predicted: number[] = [], measured: number[] = [];
  for (let p = 0; p < rateSamples; p++) {
    const x = test.X.data.subarray(p * test.X.cols, (p + 1) * test.X.cols);
    const r = snn.run(x, { duration: rateDuration, seed: p });
    const z = snn.rateForward(x).z[0];
    const h = r.hidden[0];
    for (let i = 0; i < h.rates.length; i++) {
      current.push(z[i]);
      predicted.push(h.rateNetRates[i]);
      measured.push(h.rates[i]);
    }
    onProgress?.(p + 1, rateSamples, 'hidden rates vs G(v)');
  }
  let nAbove = 0, maxRel = 0, sumRel = 0;
  for (let k = 0; k < predicted.length; k++) {
    if (predicted[k] > 20) {
      const e = Math.abs(measured[k] - predicted[k]) / predicted[k];
      nAbove++;
      sumRel += e;
      if (e > maxRel) maxRel = e;
    }
  }
  const longest = maxOf(durations);
  const ex = snn.run(test.X.data.subarray(exampleIndex * test.X.cols, (exampleIndex + 1) * test.X.cols), { duration: longest, seed: exampleIndex });
  return {
    settings: { ...snn.settings, durations, tauSweep, dtSweep, sweepDuration, sweepSamples, rateSamples, rateDuration },
    samples: P, rateAccuracy, overTime, overTauS, overDt,
    hiddenRates: { current, predicted, measured, units: predicted.length, unitsAbove20Hz: nAbove, maxRelativeError: maxRel, meanRelativeError: nAbove ? sumRel / nAbove : NaN },
    meanHiddenRate: ot.meanHiddenRate,
    example: { ...ex, label: test.labels[exampleIndex], index: exampleIndex },
    seconds: ot.seconds,
  };
}

/** Accuracy keyed by presentation time in milliseconds (the sim's JSON keys `spikingAccuracy`, `rateAccuracy`). */
export function accuracyByMs(r: SpikingEvalResult): { spikingAccuracy: Record<string, number>; rateAccuracy: Record<string, number> } {
  const spikingAccuracy: Record<string, number> = {}, rateAccuracy: Record<string, number> = {};
  r.overTime.values.forEach((d, k) => {
    const key = String(Number((d * 1e3).toPrecision(6)));
    spikingAccuracy[key] = r.overTime.accuracy[k];
    rateAccuracy[key] = r.rateAccuracy;
  });
  return { spikingAccuracy, rateAccuracy };
}

/** A readable table: presentation time, rate and spiking accuracy and their difference (percentage points). */
export function spikingTable(r: SpikingEvalResult): string {
  const rows = ['presentation (ms) | rate net (%) | spiking (%) | spiking − rate (points)', '---|---|---|---'];
  r.overTime.values.forEach((d, k) => {
    const a = r.overTime.accuracy[k];
    rows.push(`${(d * 1e3).toFixed(0)} | ${(100 * r.rateAccuracy).toFixed(2)} | ${(100 * a).toFixed(2)} | ${(100 * (a - r.rateAccuracy)).toFixed(2)}`);
  });
  return rows.join('\n');
}

/**
 * Figures: accuracy vs presentation time, vs τ_s and vs dt (rate accuracy dashed), hidden rates vs G(v), and one
 * input's hidden raster and output currents over time.
 */
export function spikingFigures(r: SpikingEvalResult, what = 'test set'): Figure[] {
  const pct = (a: number[]) => a.map((x) => 100 * x);
  const flat = (xs: number[], y: number) => line(minMax(xs), [100 * y, 100 * y], 'rate network', { line: { dash: 'dash' } });
  const ms = (a: number[]) => a.map((x) => x * 1e3);
  const figs: Figure[] = [
    {
      title: 'Spiking accuracy vs presentation time',
      data: [line(ms(r.overTime.values), pct(r.overTime.accuracy), 'spiking LIF network', { mode: 'lines+markers' }), flat(ms(r.overTime.values), r.rateAccuracy)],
      layout: layout(`Accuracy vs presentation time (${what}, τ_s = ${r.settings.tauS * 1e3} ms, dt = ${r.settings.dt * 1e3} ms)`, 'presentation time (ms)', 'accuracy (%)'),
    },
  ];
  if (r.overTauS.values.length) {
    figs.push({
      title: 'Spiking accuracy vs tau_s',
      data: [line(ms(r.overTauS.values), pct(r.overTauS.accuracy), 'spiking', { mode: 'lines+markers' }), flat(ms(r.overTauS.values), r.overTauS.rateAccuracy)],
      layout: layout(`Accuracy vs τ_s (${r.settings.sweepDuration * 1e3} ms presentations, ${r.settings.sweepSamples} samples)`, 'τ_s (ms)', 'accuracy (%)'),
    });
  }
  if (r.overDt.values.length) {
    figs.push({
      title: 'Spiking accuracy vs dt',
      data: [line(ms(r.overDt.values), pct(r.overDt.accuracy), 'spiking', { mode: 'lines+markers' }), flat(ms(r.overDt.values), r.overDt.rateAccuracy)],
      layout: layout(`Accuracy vs dt (${r.settings.sweepDuration * 1e3} ms presentations, ${r.settings.sweepSamples} samples)`, 'dt (ms)', 'accuracy (%)', { xaxis: { title: { text: 'dt (ms)' }, type: 'log' } }),
    });
  }
  const h = r.hiddenRates;
  const top = Math.max(1, ...h.predicted);
  figs.push({
    title: 'Hidden rates vs G(v)',
    data: [
      { type: 'scattergl', mode: 'markers', x: h.predicted, y: h.measured, name: 'hidden units', marker: { size: 3 } },
      line([0, top], [0, top], 'measured = G(J)', { line: { dash: 'dash' } }),
    ],
    layout: layout(`Hidden units: spiking rate vs G(J) (${h.unitsAbove20Hz} units above 20 Hz: max error ${(100 * h.maxRelativeError).toFixed(2)} %)`, 'G(J) (Hz)', 'spikes / duration (Hz)'),
  });
  const ex = r.example;
  const raster = ex.hidden[0].spikes;
  figs.push({
    title: 'Hidden raster',
    data: [{ type: 'scattergl', mode: 'markers', x: Array.from(raster.time, (t) => t * 1e3), y: Array.from(raster.index), marker: { size: 2 }, name: 'spikes' }],
    layout: layout(`Sample ${ex.index} (label ${ex.label}): first hidden layer raster`, 'time (ms)', 'hidden neuron'),
  });
  figs.push({
    title: 'Output currents',
    data: ex.outputCurrents.map((z, j) => line(Array.from(ex.t, (t) => t * 1e3), z, `output ${j}${j === ex.prediction ? ' (predicted)' : ''}`, j === ex.label ? { line: { width: 3 } } : {})),
    layout: layout(`Sample ${ex.index} (label ${ex.label}): output currents z(t) = W·s(t) + b (readout from ${(ex.window[0] * 1e3).toFixed(0)} ms)`, 'time (ms)', 'z'),
  });
  return figs;
}
