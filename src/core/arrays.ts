/** Small typed-array helpers used across the library. */

/** n evenly spaced numbers from a to b inclusive. */
export function linspace(a: number, b: number, n: number): Float64Array {
  const out = new Float64Array(n);
  if (n === 1) {
    out[0] = a;
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = a + ((b - a) * i) / (n - 1);
  return out;
}

/** t[i] = t0 + i·dt for i = 0..steps (steps + 1 samples). */
export function timeGrid(t0: number, dt: number, steps: number): Float64Array {
  const t = new Float64Array(steps + 1);
  for (let i = 0; i <= steps; i++) t[i] = t0 + i * dt;
  return t;
}

/** Fits y ≈ a + b·x by least squares; returns the slope b and intercept a. */
export function linearFit(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } {
  const n = x.length;
  let sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (let i = 0; i < n; i++) {
    sx += x[i]; sy += y[i]; sxx += x[i] * x[i]; sxy += x[i] * y[i];
  }
  const slope = (n * sxy - sx * sy) / (n * sxx - sx * sx);
  return { slope, intercept: (sy - slope * sx) / n };
}

/** Firing rate (Hz) from sorted spike times: (count − 1)/(last − first), the ISI estimate; 0 with < 2 spikes. */
export function rateFromSpikes(spikes: ArrayLike<number>): number {
  const n = spikes.length;
  if (n < 2) return 0;
  return (n - 1) / (spikes[n - 1] - spikes[0]);
}

/** A growable Float64Array list (amortized doubling), for spike times and other event data. */
export class FloatList {
  private buf: Float64Array;
  length = 0;
  constructor(capacity = 16) {
    this.buf = new Float64Array(Math.max(1, capacity));
  }
  push(x: number): void {
    if (this.length === this.buf.length) {
      const nb = new Float64Array(this.buf.length * 2);
      nb.set(this.buf);
      this.buf = nb;
    }
    this.buf[this.length++] = x;
  }
  /** A copy trimmed to the length. */
  toArray(): Float64Array {
    return this.buf.slice(0, this.length);
  }
}

/**
 * Coefficient of variation (std/mean) of each neuron's inter-spike intervals, from a spike list (neuron index,
 * time) in time order per neuron; NaN for neurons with fewer than 3 spikes (2 intervals).
 */
export function isiCvs(index: ArrayLike<number>, time: ArrayLike<number>, size: number): Float64Array {
  const last = new Float64Array(size).fill(NaN);
  const s1 = new Float64Array(size), s2 = new Float64Array(size), c = new Int32Array(size);
  for (let k = 0; k < index.length; k++) {
    const i = index[k];
    if (last[i] === last[i]) {
      const d = time[k] - last[i];
      s1[i] += d;
      s2[i] += d * d;
      c[i]++;
    }
    last[i] = time[k];
  }
  const out = new Float64Array(size).fill(NaN);
  for (let i = 0; i < size; i++) if (c[i] >= 2) {
    const m = s1[i] / c[i];
    out[i] = Math.sqrt(Math.max(0, s2[i] / c[i] - m * m)) / m;
  }
  return out;
}

/** Mean of the finite entries (NaN when there are none). */
export function meanFinite(a: ArrayLike<number>): number {
  let s = 0, n = 0;
  for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) {
    s += a[i];
    n++;
  }
  return n ? s / n : NaN;
}
