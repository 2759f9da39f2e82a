/**
 * Spike-train generators. A spike train is a sum of Dirac deltas a(t) = Σ_p δ(t − t_p) (notes §4.1); here it is
 * the sorted list of its times t_p in seconds. All random generators are seeded.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { resolveSignal, type Signal } from '../core/formula.js';
import { FloatList } from '../core/arrays.js';
import { Rng } from '../core/rng.js';
import { checkKnownKeys, checkNonNegative, checkPositive, checkFinite } from '../core/validate.js';

/**
 * Validates a list of spike times: every entry a finite number, in non-decreasing order.
 * @returns a copy as a Float64Array
 * @throws ValidationError naming the first bad entry (NaN, ±Infinity, out of order)
 */
export function checkSpikeTimes(name: string, times: unknown): Float64Array {
  if (!(Array.isArray(times) || ArrayBuffer.isView(times))) {
    throw new ValidationError(name, `must be an array of spike times in seconds (got ${describeValue(times)})`);
  }
  const a = times as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new ValidationError(name, `spike time ${i} must be a finite number of seconds (got ${describeValue(x)})`);
    }
    if (i > 0 && x < out[i - 1]) {
      throw new ValidationError(name, `spike times must be in increasing order: entry ${i} (${x} s) comes before entry ${i - 1} (${out[i - 1]} s)`);
    }
    out[i] = x;
  }
  return out;
}

/** A spike train from a list of times (s), validated (finite, in order). */
export function spikeTrainFromList(times: ArrayLike<number>): Float64Array {
  return checkSpikeTimes('spikeTrainFromList.times', times);
}

/** Options of {@link regularSpikeTrain}. */
export interface RegularSpikeTrainOptions {
  /** Rate, Hz (> 0). */
  rate: number;
  /** End of the train, s (spikes at t < duration). */
  duration: number;
  /** Time of the first spike, s. @default 0 */
  start?: number;
}

/** Spikes at start, start + 1/rate, start + 2/rate, … before `duration`. */
export function regularSpikeTrain(o: RegularSpikeTrainOptions): Float64Array {
  checkKnownKeys('regularSpikeTrain', o, ['rate', 'duration', 'start']);
  const rate = checkPositive('regularSpikeTrain.rate', o.rate);
  const duration = checkPositive('regularSpikeTrain.duration', o.duration);
  const start = checkNonNegative('regularSpikeTrain.start', o.start ?? 0);
  const n = Math.max(0, Math.ceil((duration - start) * rate - 1e-9));
  if (n > 1e8) throw new ValidationError('regularSpikeTrain.rate', `gives ${n} spikes; at most 1e8 are allowed (got ${rate})`);
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) out[k] = start + k / rate; // k/rate, not a running sum: no drift
  return out;
}

/** Options of {@link poissonSpikeTrain}. */
export interface PoissonSpikeTrainOptions {
  /** Rate, Hz: a number (homogeneous) or a function of t (s) / formula in t (inhomogeneous). */
  rate: Signal;
  /** End of the train, s. */
  duration: number;
  /** Seed. @default 0 */
  seed?: number;
  /** Upper bound of a time-varying rate (thinning), Hz. Default: 1.2 × its maximum sampled on a 1,000-point grid. */
  rateMax?: number;
  /** Start of the train, s. @default 0 */
  start?: number;
}

/**
 * A Poisson spike train on [start, duration): exponential inter-spike intervals for a constant rate; thinning
 * (Lewis & Shedler) under λ_max for a rate given as a function or formula. A rate above λ_max is an error.
 */
export function poissonSpikeTrain(o: PoissonSpikeTrainOptions): Float64Array {
  checkKnownKeys('poissonSpikeTrain', o, ['rate', 'duration', 'seed', 'rateMax', 'start']);
  const duration = checkPositive('poissonSpikeTrain.duration', o.duration);
  const start = checkNonNegative('poissonSpikeTrain.start', o.start ?? 0);
  const seed = o.seed ?? 0;
  if (!Number.isInteger(seed)) throw new ValidationError('poissonSpikeTrain.seed', `must be an integer (got ${describeValue(seed)})`);
  const sig = resolveSignal('poissonSpikeTrain.rate', o.rate);
  const rng = new Rng(seed);
  const out = new FloatList(64);
  if (!Number.isNaN(sig.constant)) {
    const rate = checkNonNegative('poissonSpikeTrain.rate', sig.constant);
    if (rate === 0) return new Float64Array(0);
    if (rate * (duration - start) > 1e8) throw new ValidationError('poissonSpikeTrain.rate', `gives about ${rate * (duration - start)} spikes; at most 1e8 are allowed (got ${rate})`);
    for (let t = start + rng.exponential(rate); t < duration; t += rng.exponential(rate)) out.push(t);
    return out.toArray();
  }
  let lmax: number;
  if (o.rateMax !== undefined) lmax = checkPositive('poissonSpikeTrain.rateMax', o.rateMax);
  else {
    let m = 0;
    for (let k = 0; k <= 1000; k++) {
      const tk = start + ((duration - start) * k) / 1000;
      const v = checkFinite(`poissonSpikeTrain.rate(${tk})`, sig.fn(tk));
      if (v > m) m = v;
    }
    if (m === 0) return new Float64Array(0);
    lmax = 1.2 * m;
  }
  for (let t = start + rng.exponential(lmax); t < duration; t += rng.exponential(lmax)) {
    const lam = sig.fn(t);
    if (!(lam >= 0) || lam > lmax) {
      throw new ValidationError('poissonSpikeTrain.rate', `must stay in [0, rateMax = ${lmax} Hz] (got ${lam} at t = ${t} s); give a larger rateMax`);
    }
    if (rng.random() * lmax < lam) out.push(t);
  }
  return out.toArray();
}
