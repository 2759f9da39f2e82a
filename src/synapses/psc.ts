/**
 * Post-synaptic currents (notes §4.1): h(t) = k tⁿ e^(−t/τ_s) for t ≥ 0, k = 1/(n! τ_s^(n+1)), so ∫h = 1, and
 * filtered spike trains a(t) = Σ_p h(t − t_p), the spike train Σ δ(t − t_p) convolved with h.
 *
 * h is the impulse response of 1/(1 + τ_s s)^(n+1), so a filter is n + 1 chained first-order stages
 * τ_s x₀' = −x₀ + a(t), τ_s x_k' = −x_k + x_{k−1}, with output x_n. A spike adds 1/τ_s to x₀. Over a step h
 * the stages evolve by the exponential of a Jordan block: x_k ← e^(−h/τ) Σ_{m≤k} x_{k−m} (h/τ)^m/m!, exact for
 * any step, and a spike landing r seconds before the step's end contributes e^(−r/τ)(r/τ)^k/(k! τ) to stage k.
 * @module
 */
import { checkMemory } from '../core/budget.js';
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { checkInteger, checkKnownKeys, checkOneOf, checkPositive, checkTimeGrid } from '../core/validate.js';
import { checkSpikeTimes } from './spikeTrains.js';

/** The shape of a PSC: order n (0 = exponential, 1 = alpha) and time constant τ_s (s). */
export interface PscOptions {
  /** Order n ≥ 0 of tⁿ. @default 0 */
  n?: number;
  /** Synaptic time constant τ_s, s (> 0). */
  tauS: number;
}

/** Validated PSC parameters. */
export function resolvePsc(o: PscOptions, owner = 'psc'): { n: number; tauS: number } {
  if (o === null || typeof o !== 'object') throw new ValidationError(owner, 'must be an options object { n, tauS }');
  const n = checkInteger(`${owner}.n`, o.n ?? 0, 0);
  if (n > 50) throw new ValidationError(`${owner}.n`, `must be an integer in [0, 50] (got ${n})`);
  const tauS = checkPositive(`${owner}.tauS`, o.tauS);
  return { n, tauS };
}

function logFactorial(n: number): number {
  let s = 0;
  for (let k = 2; k <= n; k++) s += Math.log(k);
  return s;
}

/**
 * The PSC kernel h(t) = tⁿ e^(−t/τ_s) / (n! τ_s^(n+1)) for t ≥ 0 and 0 before (notes §4.1). Integrates to 1.
 * @example
 * ```ts
 * const h = pscKernel({ n: 1, tauS: 0.005 });
 * h(0.005); // peak of the alpha kernel: 1/(e·τ_s) ≈ 73.6 per second
 * ```
 */
export function pscKernel(o: PscOptions): (t: number) => number {
  checkKnownKeys('pscKernel', o, ['n', 'tauS']);
  const { n, tauS } = resolvePsc(o, 'pscKernel');
  const lnK = -logFactorial(n) - Math.log(tauS); // k·τ_s^n: h = (t/τ)^n e^{−t/τ}·(1/(n! τ))
  if (n === 0) {
    const c = 1 / tauS;
    return (t) => (t >= 0 ? c * Math.exp(-t / tauS) : 0);
  }
  return (t) => {
    if (!(t > 0)) return t === 0 ? 0 : t !== t ? NaN : 0;
    const x = t / tauS;
    return Math.exp(lnK + n * Math.log(x) - x);
  };
}

/**
 * A bank of `size` PSC filters of one shape (n, τ_s), stored stage-major in one Float64Array: stage k of channel
 * j is `state[k·size + j]`; the filtered value (output) is stage n. Allocation-free after construction.
 */
export class PscFilter {
  readonly n: number;
  readonly tauS: number;
  readonly size: number;
  /** All stages, stage-major. */
  readonly state: Float64Array;
  /** The filtered activities s_j (a view of stage n). */
  readonly output: Float64Array;
  private cachedDt = NaN;
  /** e^(−h/τ)(h/τ)^m/m!, m = 0..n (the Jordan-block propagator's entries). */
  private readonly prop: Float64Array;
  /** Scratch: the landing coefficients of one spike. */
  readonly landing: Float64Array;

  constructor(o: PscOptions, size: number) {
    const { n, tauS } = resolvePsc(o, 'PscFilter');
    checkInteger('PscFilter.size', size, 1);
    checkMemory('PscFilter.size', (n + 1) * size * 8, `${n + 1} stages × ${size} channels, 8 bytes each`, ['fewer channels (neurons)', 'a lower PSC order n']);
    this.n = n;
    this.tauS = tauS;
    this.size = size;
    this.state = new Float64Array((n + 1) * size);
    this.output = this.state.subarray(n * size);
    this.prop = new Float64Array(n + 1);
    this.landing = new Float64Array(n + 1);
  }

  /** Clears every stage. */
  reset(): void {
    this.state.fill(0);
  }

  /** Exact decay of every channel over a step of h seconds (no input). */
  decay(h: number): void {
    if (h !== this.cachedDt) {
      this.cachedDt = h;
      const x = h / this.tauS;
      let term = Math.exp(-x);
      for (let m = 0; m <= this.n; m++) {
        this.prop[m] = term;
        term *= x / (m + 1);
      }
    }
    const s = this.state, N = this.size, p = this.prop;
    if (this.n === 0) {
      const a = p[0];
      for (let j = 0; j < N; j++) s[j] *= a;
      return;
    }
    // New x_k uses old x_0..x_k: update from the last stage down so the lower stages are still old.
    for (let k = this.n; k >= 0; k--) {
      const base = k * N;
      for (let j = 0; j < N; j++) {
        let acc = p[0] * s[base + j];
        for (let m = 1; m <= k; m++) acc += p[m] * s[base - m * N + j];
        s[base + j] = acc;
      }
    }
  }

  /**
   * Fills {@link landing} with the contribution to each stage, at the step's end, of a unit-weight spike that
   * arrived `r` seconds before it: e^(−r/τ)(r/τ)^k/(k! τ). Returns the array.
   */
  landingCoefficients(r: number): Float64Array {
    const x = r / this.tauS;
    let term = Math.exp(-x) / this.tauS;
    for (let k = 0; k <= this.n; k++) {
      this.landing[k] = term;
      term *= x / (k + 1);
    }
    return this.landing;
  }

  /** Adds a spike of weight w on channel j, `r` seconds before the end of the current step (0 ≤ r). */
  addSpike(j: number, w: number, r: number): void {
    const c = this.landingCoefficients(r);
    const s = this.state, N = this.size;
    for (let k = 0; k <= this.n; k++) s[k * N + j] += w * c[k];
  }
}

/** Methods of {@link filterSpikeTrain}. */
export type FilterMethod = 'exact' | 'recursive' | 'euler';
/** All filtering methods. */
export const FILTER_METHODS: readonly FilterMethod[] = ['exact', 'recursive', 'euler'];

/** Options of {@link filterSpikeTrain}. */
export interface FilterSpikeTrainOptions extends PscOptions {
  /** Sample interval, s. */
  dt: number;
  /** End time, s; samples at t_i = i·dt, i = 0..round(duration/dt). */
  duration: number;
  /**
   * 'exact': Σ_p h(t_i − t_p) directly; 'recursive' (default): the n + 1 stage cascade with exact decay and each
   * spike landing at its true time inside the step; 'euler': the notes' Algorithm 1 (§5.2), s ← s(1 − Δt/τ_s)
   * then + w/τ_s for spikes in the step, applied to each stage (first order in Δt).
   */
  method?: FilterMethod;
  /** Weight of each spike (one number, or one per spike). @default 1 */
  weight?: number | ArrayLike<number>;
}

/** A filtered spike train sampled on the grid. */
export interface FilteredTrain {
  t: Float64Array;
  s: Float64Array;
}

/**
 * The spike train Σ_p w_p δ(t − t_p) convolved with the PSC h, sampled at t_i = i·dt.
 * The value at t_i counts spikes with t_p ≤ t_i (h is right-continuous: h(0) = 1/τ_s for n = 0).
 * @throws ValidationError for spike times that are NaN, infinite or out of order, or a bad n, τ_s, dt, duration
 * @example
 * ```ts
 * const { t, s } = filterSpikeTrain([0.01, 0.02, 0.025], { n: 1, tauS: 0.005, dt: 1e-4, duration: 0.1 });
 * ```
 */
export function filterSpikeTrain(spikeTimes: ArrayLike<number>, o: FilterSpikeTrainOptions): FilteredTrain {
  checkKnownKeys('filterSpikeTrain', o, ['n', 'tauS', 'dt', 'duration', 'method', 'weight']);
  const times = checkSpikeTimes('filterSpikeTrain.spikeTimes', spikeTimes);
  const { n, tauS } = resolvePsc(o, 'filterSpikeTrain');
  const steps = checkTimeGrid('filterSpikeTrain', o.dt, o.duration);
  const method = checkOneOf('filterSpikeTrain.method', o.method ?? 'recursive', FILTER_METHODS);
  checkMemory('filterSpikeTrain.duration', (steps + 1) * 16, `${steps + 1} samples of t and s, 8 bytes each`, [
    'a larger dt', 'a shorter duration',
  ]);
  const dt = o.dt;
  const m = times.length;
  let weights: Float64Array;
  if (o.weight === undefined || typeof o.weight === 'number') {
    const w = o.weight ?? 1;
    if (!Number.isFinite(w)) throw new ValidationError('filterSpikeTrain.weight', `must be a finite number (got ${w})`);
    weights = new Float64Array(m).fill(w);
  } else {
    if (o.weight.length !== m) throw new ValidationError('filterSpikeTrain.weight', `must have one weight per spike (${m}) (got ${o.weight.length})`);
    weights = Float64Array.from(o.weight);
    for (let i = 0; i < m; i++) if (!Number.isFinite(weights[i])) throw new ValidationError('filterSpikeTrain.weight', `entry ${i} must be finite (got ${weights[i]})`);
  }
  const t = new Float64Array(steps + 1);
  for (let i = 0; i <= steps; i++) t[i] = i * dt;
  const s = new Float64Array(steps + 1);

  if (method === 'exact') {
    const h = pscKernel({ n, tauS });
    // Skip spikes whose kernel has decayed below 1e-25 of its peak (beyond double-precision relevance).
    const cut = kernelCutoff(n) * tauS;
    let first = 0;
    for (let i = 0; i <= steps; i++) {
      const ti = t[i];
      while (first < m && ti - times[first] > cut) first++;
      let acc = 0;
      for (let p = first; p < m && times[p] <= ti; p++) acc += weights[p] * h(ti - times[p]);
      s[i] = acc;
    }
    return finiteTrain(t, s);
  }

  const f = new PscFilter({ n, tauS }, 1);
  let p = 0;
  if (method === 'recursive') {
    // Spikes at or before t_0 land in the initial state, r = t_0 − t_p before it.
    while (p < m && times[p] <= t[0]) {
      f.addSpike(0, weights[p], t[0] - times[p]);
      p++;
    }
    s[0] = f.output[0];
    for (let i = 0; i < steps; i++) {
      f.decay(dt);
      const tEnd = t[i + 1];
      // Spikes in (t_i, t_{i+1}] land r = t_{i+1} − t_p before the step's end.
      while (p < m && times[p] <= tEnd) {
        f.addSpike(0, weights[p], tEnd - times[p]);
        p++;
      }
      s[i + 1] = f.output[0];
    }
    return finiteTrain(t, s);
  }

  // Euler (notes §5.2, Algorithm 1): every stage takes one forward-Euler step, then spikes in [t_i, t_{i+1}) add w/τ_s.
  const x = new Float64Array(n + 1);
  const a = dt / tauS;
  while (p < m && times[p] < 0) p++; // spikes before the grid are ignored by this algorithm
  s[0] = 0;
  for (let i = 0; i < steps; i++) {
    for (let k = n; k >= 1; k--) x[k] += a * (x[k - 1] - x[k]);
    x[0] *= 1 - a;
    const tEnd = t[i + 1];
    while (p < m && times[p] < tEnd) {
      x[0] += weights[p] / tauS;
      p++;
    }
    s[i + 1] = x[n];
  }
  return finiteTrain(t, s);
}

/**
 * Weights and τ_s can be finite and still overflow (w / τ_s beyond double range): such a train is refused, naming
 * the first sample that left the range, rather than returned with Infinity or NaN in it.
 */
function finiteTrain(t: Float64Array, s: Float64Array): FilteredTrain {
  for (let i = 0; i < s.length; i++) {
    if (!Number.isFinite(s[i])) {
      throw new SimulationDiverged('s', t[i], s[i], 0, 'the weights over τ_s overflow double precision; scale the weights down');
    }
  }
  return { t, s };
}

/** x beyond which xⁿe^(−x)/n! < 1e-25 times its peak (used to skip old spikes in the exact sum). */
function kernelCutoff(n: number): number {
  const lnPeak = n === 0 ? 0 : n * Math.log(n) - n;
  let x = Math.max(n, 1);
  while (n * Math.log(x) - x - lnPeak > -57.6) x += 1; // ln(1e-25) ≈ −57.6
  return x;
}
