/**
 * PSC kernels and a filtered spike train (notes §4.1, §5.2) as plain data and figures, shared by `sims/psc.ts`
 * and the web app: h(t) for several (n, τ_s) with their integrals, and one spike train filtered three ways
 * (exact sum of kernels, the recursive exact cascade, the notes' forward Euler) with their differences.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { checkFiniteArray, checkInteger, checkKnownKeys, checkPositive, checkTimeGrid } from '../core/validate.js';
import { filterSpikeTrain, pscKernel, resolvePsc } from '../synapses/psc.js';
import { poissonSpikeTrain } from '../synapses/spikeTrains.js';
import { layout, line, type Figure } from './figure.js';
import { maxOf } from '../core/arrays.js';

/** Options of {@link runPsc}. */
export interface PscRunOptions {
  /** Kernel orders to draw. @default [0, 1, 2] */
  ns?: number[];
  /** Time constants to draw, s. @default [0.002, 0.005, 0.01] */
  tauS?: number[];
  /** Spike times (s) to filter; default: a Poisson train at `rate`. */
  spikes?: number[];
  /** Rate of the default Poisson train, Hz. @default 40 */
  rate?: number;
  /** Seed of the default train. @default 1 */
  seed?: number;
  /** Order n of the filter applied to the train. @default 1 */
  n?: number;
  /** τ_s of the filter applied to the train, s. @default 0.005 */
  filterTauS?: number;
  /** Length of the train, s. @default 0.3 */
  duration?: number;
  /** Sample interval, s. @default 1e-4 */
  dt?: number;
}

/** The scenario's data. */
export interface PscRun {
  settings: Required<Omit<PscRunOptions, 'spikes'>> & { spikes: number[] | null };
  kernels: { t: Float64Array; curves: { n: number; tauS: number; h: Float64Array; integral: number; peakTime: number }[] };
  spikes: Float64Array;
  filtered: { t: Float64Array; exact: Float64Array; recursive: Float64Array; euler: Float64Array };
  /** max |exact − recursive|. */
  recursiveError: number;
  /** max |exact − euler|. */
  eulerError: number;
  /** Time average of the filtered train, and the train's rate (count / duration), Hz. */
  meanActivity: number;
  empiricalRate: number;
}

/** The resolved defaults of {@link runPsc} (the sim's flags and the page's fields read them). */
export const PSC_RUN_DEFAULTS = Object.freeze({
  ns: [0, 1, 2], tauS: [0.002, 0.005, 0.01], rate: 40, seed: 1, n: 1, filterTauS: 0.005, duration: 0.3, dt: 1e-4,
});

/** Kernels and a filtered spike train. */
export function runPsc(o: PscRunOptions = {}): PscRun {
  checkKnownKeys('psc', o, ['ns', 'tauS', 'spikes', 'rate', 'seed', 'n', 'filterTauS', 'duration', 'dt']);
  const s = {
    ns: o.ns ?? [...PSC_RUN_DEFAULTS.ns], tauS: o.tauS ?? [...PSC_RUN_DEFAULTS.tauS], rate: o.rate ?? PSC_RUN_DEFAULTS.rate, seed: o.seed ?? PSC_RUN_DEFAULTS.seed,
    n: o.n ?? PSC_RUN_DEFAULTS.n, filterTauS: o.filterTauS ?? PSC_RUN_DEFAULTS.filterTauS, duration: o.duration ?? PSC_RUN_DEFAULTS.duration, dt: o.dt ?? PSC_RUN_DEFAULTS.dt,
    spikes: o.spikes ?? null,
  };
  if (!s.ns.length || !s.tauS.length) throw new ValidationError('psc.ns', 'give at least one order and one time constant');
  s.ns.forEach((n, i) => checkInteger(`psc.ns[${i}]`, n, 0));
  s.tauS.forEach((x, i) => checkPositive(`psc.tauS[${i}]`, x));
  checkTimeGrid('psc', s.dt, s.duration);
  resolvePsc({ n: s.n, tauS: s.filterTauS }, 'psc');
  // Kernels on [0, 8 max τ_s (n_max + 1)], sampled finely; integrals by Simpson's rule on [0, (n + 60) τ_s].
  const tMax = maxOf(s.tauS) * (maxOf(s.ns) + 6);
  const m = 1000;
  const t = new Float64Array(m + 1);
  for (let i = 0; i <= m; i++) t[i] = (tMax * i) / m;
  const curves = [];
  for (const n of s.ns) for (const tauS of s.tauS) {
    const h = pscKernel({ n, tauS });
    const hv = Float64Array.from(t, h);
    const L = (n + 60) * tauS, K = 100000;
    let integral = 0;
    for (let k = 0; k <= K; k++) integral += (k === 0 || k === K ? 1 : k % 2 ? 4 : 2) * h((L * k) / K); // Simpson
    integral *= L / K / 3;
    curves.push({ n, tauS, h: hv, integral, peakTime: n * tauS });
  }
  const spikes = s.spikes ? checkFiniteArray('psc.spikes', s.spikes) : poissonSpikeTrain({ rate: s.rate, duration: s.duration, seed: s.seed });
  const fo = { n: s.n, tauS: s.filterTauS, dt: s.dt, duration: s.duration };
  const ex = filterSpikeTrain(spikes, { ...fo, method: 'exact' });
  const re = filterSpikeTrain(spikes, { ...fo, method: 'recursive' });
  const eu = filterSpikeTrain(spikes, { ...fo, method: 'euler' });
  let recursiveError = 0, eulerError = 0, mean = 0;
  for (let i = 0; i < ex.s.length; i++) {
    recursiveError = Math.max(recursiveError, Math.abs(ex.s[i] - re.s[i]));
    eulerError = Math.max(eulerError, Math.abs(ex.s[i] - eu.s[i]));
    mean += ex.s[i];
  }
  return {
    settings: s,
    kernels: { t, curves },
    spikes,
    filtered: { t: ex.t, exact: ex.s, recursive: re.s, euler: eu.s },
    recursiveError,
    eulerError,
    meanActivity: mean / ex.s.length,
    empiricalRate: spikes.length / s.duration,
  };
}

/** Figures: the kernels; the filtered train (three methods) with the spikes marked. */
export function pscFigures(r: PscRun): Figure[] {
  const ms = (a: ArrayLike<number>) => Array.from(a, (x) => x * 1e3);
  const kern: Figure = {
    title: 'PSC kernels',
    data: r.kernels.curves.map((c) => line(ms(r.kernels.t), c.h, `n = ${c.n}, τ_s = ${c.tauS * 1e3} ms`)),
    layout: layout('PSC kernels h(t) = k tⁿ e^(−t/τ_s), ∫h = 1', 't (ms)', 'h (1/s)'),
  };
  const f = r.filtered;
  const peak = Math.max(maxOf(f.exact), 1);
  const train: Figure = {
    title: 'Filtered spike train',
    data: [
      line(ms(f.t), f.exact, 'exact (sum of kernels)'),
      line(ms(f.t), f.recursive, 'recursive (exact cascade)', { line: { dash: 'dot' } }),
      line(ms(f.t), f.euler, "Euler (notes' Algorithm 1)", { line: { dash: 'dash' } }),
      { type: 'scatter', mode: 'markers', x: ms(r.spikes), y: Array.from(r.spikes, () => peak * 1.05), name: 'spikes', marker: { symbol: 'line-ns-open', size: 10 } },
    ],
    layout: layout(`Spike train filtered with n = ${r.settings.n}, τ_s = ${r.settings.filterTauS * 1e3} ms`, 't (ms)', 's(t) (1/s)'),
  };
  return [kern, train];
}
