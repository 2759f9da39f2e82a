/**
 * Min–max decimation for display: a trace of 20,000+ samples is drawn with a few thousand points that keep every
 * bucket's extremes, so spike peaks and troughs stay exact while plotting stays fast (a plot is ~1,000 px wide).
 * Pure data, used by the worker's jobs before results are posted (so a long run never crosses to the page whole) and
 * by the page's last pass over every figure (`figures/thin.ts`); the integration itself is never coarsened.
 * @module
 */

/** Columns a plot is thinned to (more than the pixel columns of a plot on a wide screen). */
export const DISPLAY_COLUMNS = 2000;
/** A line of up to this many points is drawn whole; a longer one keeps each column's minimum and maximum. */
export const DISPLAY_LINE_POINTS = 2 * DISPLAY_COLUMNS + 2;

/**
 * Indices of the samples to keep: the first and last, and in each of `buckets` equal runs of samples the
 * positions of the minimum and maximum of every series in `series`, in increasing order.
 */
export function minMaxIndices(series: readonly ArrayLike<number>[], length: number, buckets: number): Int32Array {
  if (length <= 2 * buckets * Math.max(1, series.length) + 2) return Int32Array.from({ length }, (_, i) => i);
  const keep = new Uint8Array(length);
  keep[0] = 1;
  keep[length - 1] = 1;
  for (let b = 0; b < buckets; b++) {
    const lo = Math.floor((b * length) / buckets), hi = Math.floor(((b + 1) * length) / buckets);
    for (const y of series) {
      let iMin = lo, iMax = lo;
      for (let i = lo + 1; i < hi; i++) {
        if (y[i] < y[iMin]) iMin = i;
        if (y[i] > y[iMax]) iMax = i;
      }
      keep[iMin] = 1;
      keep[iMax] = 1;
    }
  }
  let n = 0;
  for (let i = 0; i < length; i++) n += keep[i];
  const out = new Int32Array(n);
  for (let i = 0, k = 0; i < length; i++) if (keep[i]) out[k++] = i;
  return out;
}

/** Picks `indices` from every array of `trace` that has `length` samples; other fields are copied as they are. */
export function pickSamples<T extends object>(trace: T, length: number, indices: Int32Array): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(trace)) {
    if (v instanceof Float64Array && v.length === length) {
      const a = new Float64Array(indices.length);
      for (let i = 0; i < indices.length; i++) a[i] = v[indices[i]];
      out[k] = a;
    } else out[k] = v;
  }
  return out as T;
}

/**
 * A trace decimated for display by the extremes of the named series (about `maxPoints` samples per series),
 * e.g. `decimateTrace(hhTrace, ['V'], 2000)`. Arrays of other lengths (spike times) are kept whole.
 */
export function decimateTrace<T extends { t: Float64Array }>(trace: T, keys: readonly (keyof T & string)[], maxPoints = 2000): T {
  const length = trace.t.length;
  const series = keys.map((k) => trace[k] as unknown as Float64Array);
  const buckets = Math.max(1, Math.floor(maxPoints / (2 * Math.max(1, keys.length))));
  return pickSamples(trace, length, minMaxIndices(series, length, buckets));
}
