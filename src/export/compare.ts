/**
 * Comparing two simulations of the same network spike by spike and by statistics: per-population mean rates,
 * mean CV of inter-spike intervals, the correlation of per-neuron spike counts between the two, and — for
 * deterministic networks, where both should produce the same spikes — per-neuron count equality and the
 * differences of matched spike times. Spikes are matched one to one, neuron by neuron and in time order, when they
 * lie within a window (1 ms by default: well above the numerical differences of two first-order simulators at
 * fine steps, well below inter-spike intervals); a spike without a partner is unmatched. A membrane potential that
 * just grazes the threshold fires or not at the whim of rounding, and such a spike then moves by milliseconds on
 * one side: it shows up as unmatched, not as a large difference. Chaotic (recurrent) networks diverge spike by
 * spike after a few tens of ms; compare them by the statistics.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { isiCvs, meanFinite } from '../core/arrays.js';
import { checkPositive } from '../core/validate.js';
import type { SpikeRecord } from './pynnResults.js';

/** Two values: [side a, side b]. */
export type Pair = [number, number];

/** How one population compares. */
export interface PopulationComparison {
  size: number;
  /** Total spikes, [a, b]. */
  spikes: Pair;
  /** Mean rate per neuron, Hz, [a, b]. */
  meanRate: Pair;
  /** Mean CV of inter-spike intervals over neurons with ≥ 3 spikes, [a, b] (NaN when none has). */
  meanCv: Pair;
  /** Pearson correlation of the per-neuron spike counts of a and b (NaN when either side's counts are all equal). */
  countCorrelation: number;
  /** Neurons with the same spike count on both sides. */
  equalCounts: number;
  /** Matched spike pairs and their time differences |t_a − t_b| (s); spikes of a and of b left unmatched. */
  spikeTimeDiff: { matched: number; unmatched: Pair; max: number; mean: number };
}

/** The comparison of two runs. */
export interface SpikeComparison {
  populations: Record<string, PopulationComparison>;
  /** All populations together. */
  total: {
    neurons: number;
    spikes: Pair;
    /** Fraction of neurons with equal counts on both sides. */
    equalCountFraction: number;
    /** True when every neuron has the same count on both sides. */
    perNeuronCountsEqual: boolean;
    /** Largest matched spike-time difference, s (0 when nothing was matched). */
    maxSpikeTimeDiff: number;
    /** Matched spike pairs, and the spikes of a and of b left unmatched. */
    matchedSpikes: number;
    unmatchedSpikes: Pair;
  };
}

/** Options of {@link compareSpikes}. */
export interface CompareOptions {
  /** The populations to compare, with their sizes (a population absent from a record has no spikes there). */
  populations: readonly { name: string; size: number }[];
  /** Duration of the runs, s (for the rates). */
  duration: number;
  /** Largest time difference (s) at which two spikes of a neuron are matched. @default 0.001 */
  window?: number;
}

/** Neuron-major view of a spike record: times of neuron i are time[start[i] .. start[i + 1]), ascending. */
function byNeuron(owner: string, r: SpikeRecord | undefined, size: number): { start: Int32Array; time: Float64Array; index: Int32Array } {
  const start = new Int32Array(size + 1);
  if (!r) return { start, time: new Float64Array(0), index: new Int32Array(0) };
  const { index, time } = r;
  if (index.length !== time.length) throw new ValidationError(owner, `index and time must have the same length (got ${index.length} and ${time.length})`);
  for (let k = 0; k < index.length; k++) {
    const i = index[k];
    if (!(i >= 0 && i < size)) throw new ValidationError(owner, `neuron index ${i} is outside [0, ${size - 1}]`);
    start[i + 1]++;
  }
  for (let i = 0; i < size; i++) start[i + 1] += start[i];
  const fill = start.slice(0, size);
  const out = new Float64Array(index.length);
  for (let k = 0; k < index.length; k++) out[fill[index[k]]++] = time[k];
  const idx = new Int32Array(index.length);
  for (let i = 0; i < size; i++) {
    out.subarray(start[i], start[i + 1]).sort();
    idx.fill(i, start[i], start[i + 1]);
  }
  return { start, time: out, index: idx };
}

function pearson(x: Int32Array, y: Int32Array): number {
  const n = x.length;
  let mx = 0, my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i];
    my += y[i];
  }
  mx /= n;
  my /= n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const a = x[i] - mx, b = y[i] - my;
    sxy += a * b;
    sxx += a * a;
    syy += b * b;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : NaN;
}

/**
 * Compares two runs of one network (e.g. spikebridge's `SpikeRecorder.spikes` and {@link parsePyNNSpikes}'s result).
 * @example
 * ```ts
 * const c = compareSpikes(ours, parsePyNNSpikes(csv), { populations: [{ name: 'exc', size: 3200 }], duration: 1 });
 * c.populations.exc.meanRate; // [ours, PyNN's], Hz
 * ```
 */
export function compareSpikes(a: Record<string, SpikeRecord>, b: Record<string, SpikeRecord>, o: CompareOptions): SpikeComparison {
  const owner = 'compareSpikes';
  if (!o || !Array.isArray(o.populations)) throw new ValidationError(`${owner}.populations`, `must be an array of { name, size } (got ${describeValue(o?.populations)})`);
  const T = checkPositive(`${owner}.duration`, o.duration);
  const window = o.window === undefined ? 1e-3 : checkPositive(`${owner}.window`, o.window);
  const populations: Record<string, PopulationComparison> = {};
  let neurons = 0, equal = 0, matched = 0, maxDiff = 0;
  const spikes: Pair = [0, 0], unmatched: Pair = [0, 0];
  for (const { name, size } of o.populations) {
    if (!Number.isInteger(size) || size < 1) throw new ValidationError(`${owner}.populations.${name}.size`, `must be a whole number >= 1 (got ${describeValue(size)})`);
    const A = byNeuron(`${owner}.a.${name}`, a[name], size), B = byNeuron(`${owner}.b.${name}`, b[name], size);
    const ca = new Int32Array(size), cb = new Int32Array(size);
    let eq = 0, m = 0, max = 0, sum = 0;
    for (let i = 0; i < size; i++) {
      ca[i] = A.start[i + 1] - A.start[i];
      cb[i] = B.start[i + 1] - B.start[i];
      if (ca[i] === cb[i]) eq++;
      // In time order: pair the two earliest spikes when they are within the window, else drop the earlier one.
      let p = A.start[i], q = B.start[i];
      while (p < A.start[i + 1] && q < B.start[i + 1]) {
        const d = A.time[p] - B.time[q];
        if (Math.abs(d) <= window) {
          if (Math.abs(d) > max) max = Math.abs(d);
          sum += Math.abs(d);
          m++;
          p++;
          q++;
        } else if (d < 0) p++;
        else q++;
      }
    }
    const na = A.time.length, nb = B.time.length;
    const cvA = meanFinite(isiCvs(A.index, A.time, size)), cvB = meanFinite(isiCvs(B.index, B.time, size));
    populations[name] = {
      size, spikes: [na, nb], meanRate: [na / (size * T), nb / (size * T)], meanCv: [cvA, cvB],
      countCorrelation: pearson(ca, cb), equalCounts: eq, spikeTimeDiff: { matched: m, unmatched: [na - m, nb - m], max, mean: m ? sum / m : 0 },
    };
    neurons += size;
    equal += eq;
    matched += m;
    maxDiff = Math.max(maxDiff, max);
    spikes[0] += na;
    spikes[1] += nb;
    unmatched[0] += na - m;
    unmatched[1] += nb - m;
  }
  return {
    populations,
    total: { neurons, spikes, equalCountFraction: neurons ? equal / neurons : NaN, perNeuronCountsEqual: equal === neurons,
      maxSpikeTimeDiff: maxDiff, matchedSpikes: matched, unmatchedSpikes: unmatched,
    },
  };
}
