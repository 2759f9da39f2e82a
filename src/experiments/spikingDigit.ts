/**
 * One MNIST digit through a rate network and its spiking twin (`toSpiking`): the rate network's answer, the
 * hidden raster, the output currents and the answer the spiking network would give had the presentation stopped
 * at each step; and accuracy against presentation time over labelled digits, beside the rate network's. Plain
 * data in and out; the web app's spiking view runs these in its worker and draws them (web/figures/spikingDigit.ts).
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkPositive } from '../core/validate.js';
import { accuracyOverTime } from '../bridge/accuracyOverTime.js';
import { toSpiking, type SpikingInputMode, type SpikingRun } from '../bridge/toSpiking.js';
import { softmaxRows } from '../nn/activations.js';
import type { Matrix } from '../nn/matrix.js';
import { argmax } from '../nn/metrics.js';
import type { MLP } from '../nn/mlp.js';
import { TO_SPIKING_DEFAULTS } from './spiking.js';
import { maxOf } from '../core/arrays.js';

/** Settings of a presentation. Times in seconds. */
export interface SpikingDigitOptions {
  /** Presentation time, s. @default 0.2 */
  duration?: number;
  /** @default 0.001 */
  dt?: number;
  /** PSC τ_s, s. @default 0.005 */
  tauS?: number;
  /** Seed of the initial phases (and of Poisson inputs). @default 0 */
  seed?: number;
  /** How the pixels enter: constant currents J = W·x + b, or Poisson trains at `inputRate`·x Hz. @default 'current' */
  input?: SpikingInputMode;
  /** Poisson input: rate of a pixel equal to 1, Hz. @default 200 */
  inputRate?: number;
}

/** The resolved defaults of {@link SpikingDigitOptions}: the bridge's, and 200 ms (the web app's fields start from these). */
export const SPIKING_DIGIT_DEFAULTS: Readonly<Required<SpikingDigitOptions>> = Object.freeze({
  duration: 0.2, dt: TO_SPIKING_DEFAULTS.dt, tauS: TO_SPIKING_DEFAULTS.tauS, seed: TO_SPIKING_DEFAULTS.seed,
  input: TO_SPIKING_DEFAULTS.input, inputRate: TO_SPIKING_DEFAULTS.inputRate,
});

/** Presentation times of {@link runSpikingAccuracy} when none are given, s. */
export const SPIKING_ACCURACY_DURATIONS: readonly number[] = Object.freeze([0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.3]);

/** Validates a presentation's settings, filling {@link SPIKING_DIGIT_DEFAULTS}; errors name `spikingDigit.<option>`. */
export function resolveSpikingDigit(o: SpikingDigitOptions = {}): Required<SpikingDigitOptions> {
  const D = SPIKING_DIGIT_DEFAULTS;
  const duration = checkPositive('spikingDigit.duration', o.duration ?? D.duration);
  const dt = checkPositive('spikingDigit.dt', o.dt ?? D.dt);
  const tauS = checkPositive('spikingDigit.tauS', o.tauS ?? D.tauS);
  const seed = checkInteger('spikingDigit.seed', o.seed ?? D.seed, 0);
  const input = o.input ?? D.input;
  if (input !== 'current' && input !== 'poisson') throw new ValidationError('spikingDigit.input', `must be 'current' or 'poisson' (got ${describeValue(input)})`);
  const inputRate = checkPositive('spikingDigit.inputRate', o.inputRate ?? D.inputRate);
  return { duration, dt, tauS, seed, input, inputRate };
}

/** One digit through both networks. */
export interface SpikingDigitResult {
  run: SpikingRun;
  /** The rate network's output z (identity output: the logits) and its softmax. */
  rateLogits: number[];
  rateProbabilities: number[];
  ratePrediction: number;
  /** Softmax of the spiking network's mean output currents over the readout window. */
  spikingProbabilities: number[];
  /** The spiking network's answer after each presentation time in `answerTimes` (s). */
  answerTimes: number[];
  answers: number[];
}

function softmax(z: ArrayLike<number>): number[] {
  const y = new Float64Array(z.length);
  softmaxRows(Float64Array.from(z), y, 1, z.length);
  return Array.from(y);
}

/** Presents one input (784 pixels) to the spiking network built from `mlp`; also the rate network's answer. */
export function runSpikingDigit(mlp: MLP, x: ArrayLike<number>, o: SpikingDigitOptions = {}): SpikingDigitResult {
  const s = resolveSpikingDigit(o);
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
  return {
    run, rateLogits: logits, rateProbabilities: softmax(logits), ratePrediction: argmax(logits),
    spikingProbabilities: softmax(run.meanCurrent), answerTimes, answers,
  };
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
export function runSpikingAccuracy(mlp: MLP, X: Matrix, labels: ArrayLike<number>, o: SpikingDigitOptions & { durations?: number[]; samples?: number } = {}, onProgress?: Progress): SpikingAccuracyResult {
  const s = resolveSpikingDigit({ ...o, duration: maxOf(o.durations ?? [0.3]) });
  const durations = (o.durations ?? SPIKING_ACCURACY_DURATIONS).map((d, i) => checkPositive(`spikingDigit.durations[${i}]`, d));
  const P = Math.min(X.rows, checkInteger('spikingDigit.samples', o.samples ?? X.rows, 1));
  const sub: Matrix = { rows: P, cols: X.cols, data: X.data.subarray(0, P * X.cols) };
  const snn = toSpiking(mlp, { tauS: s.tauS, dt: s.dt, seed: s.seed, input: s.input, inputRate: s.inputRate });
  const ot = accuracyOverTime(snn, sub, labels, { durations: durations.filter((d) => d >= s.dt), onProgress });
  return { durations: ot.durations, accuracy: ot.accuracy, rateAccuracy: ot.rateAccuracy, samples: P, meanHiddenRate: ot.meanHiddenRate };
}
