/**
 * Statistics of recorded spike trains, as the benchmark papers report them (Brette et al. 2007): mean rates, and the
 * coefficient of variation of inter-spike intervals, CV = std(ISI)/mean(ISI) per neuron (population standard
 * deviation, as NumPy's default), averaged over the neurons with at least three spikes (two intervals).
 * @module
 */

/** A raster: spike i is neuron `index[i]` at `time[i]` (s), in time order. */
export interface Raster {
  readonly index: Int32Array;
  readonly time: Float64Array;
}

/** Spike counts and ISI statistics of one population. */
export interface SpikeStatistics {
  /** Spikes in all. */
  spikes: number;
  /** Mean rate per neuron over the duration, Hz. */
  meanRate: number;
  /** Mean CV of ISIs over the neurons with ≥ 3 spikes; null when no neuron has that many. */
  meanCv: number | null;
  /** Neurons that entered the CV mean. */
  cvNeurons: number;
  /** Spikes per neuron. */
  counts: Int32Array;
}

/** Counts, mean rate and mean CV of ISIs of a raster of `size` neurons over `duration` seconds. */
export function spikeStatistics(raster: Raster, size: number, duration: number): SpikeStatistics {
  const { index, time } = raster;
  const last = new Float64Array(size).fill(NaN);
  const s1 = new Float64Array(size), s2 = new Float64Array(size), intervals = new Int32Array(size), counts = new Int32Array(size);
  for (let k = 0; k < index.length; k++) {
    const i = index[k];
    counts[i]++;
    if (last[i] === last[i]) {
      const d = time[k] - last[i];
      s1[i] += d;
      s2[i] += d * d;
      intervals[i]++;
    }
    last[i] = time[k];
  }
  let acc = 0, n = 0;
  for (let i = 0; i < size; i++) {
    if (intervals[i] < 2) continue;
    const m = s1[i] / intervals[i];
    const v = Math.max(0, s2[i] / intervals[i] - m * m);
    acc += Math.sqrt(v) / m;
    n++;
  }
  return { spikes: index.length, meanRate: index.length / (size * duration), meanCv: n ? acc / n : null, cvNeurons: n, counts };
}
