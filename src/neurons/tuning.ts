/**
 * Tuning curves. Single-neuron f–I curves (simulated LIF beside the analytic G; simulated HH) and NEF-style
 * population tuning: N neurons with encoders e_i = ±1 whose gain α_i and bias J_i are solved analytically from a
 * chosen maximum rate (at e_i·x = 1) and x-intercept, so that a_i(x) = G(α_i e_i x + J_i).
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { checkInteger, checkKnownKeys, checkPositive, checkFinite } from '../core/validate.js';
import { lifRateInverse, lifRateRaw, type LifRateParams } from './rates.js';

/** Options of {@link nefPopulation}. */
export interface NefPopulationOptions {
  /** Number of neurons. @default 20 */
  n?: number;
  /** Range of maximum rates (Hz) reached at e·x = 1, drawn uniformly. @default [100, 200] */
  maxRates?: [number, number];
  /** Range of x-intercepts (where a neuron starts firing), drawn uniformly. @default [-0.95, 0.95] */
  intercepts?: [number, number];
  /** Membrane and refractory time constants (s). */
  tauM?: number;
  tauRef?: number;
  /** @default 0 */
  seed?: number;
}

/** The resolved defaults of {@link nefPopulation} (τ_m and τ_ref: the normalized LIF's 20 ms and 2 ms). */
export const NEF_POPULATION_DEFAULTS = Object.freeze({
  n: 20, maxRates: [100, 200] as [number, number], intercepts: [-0.95, 0.95] as [number, number], tauM: 0.02, tauRef: 0.002, seed: 0,
});

/** A population's encoders, gains and biases (and the rates and intercepts they were solved from). */
export interface NefPopulation {
  encoders: Float64Array;
  gains: Float64Array;
  biases: Float64Array;
  maxRates: Float64Array;
  intercepts: Float64Array;
  tauM: number;
  tauRef: number;
}

function checkPair(name: string, v: unknown, lo: number, hi: number): [number, number] {
  if (!Array.isArray(v) || v.length !== 2 || !v.every((x) => typeof x === 'number' && Number.isFinite(x))) {
    throw new ValidationError(name, `must be a pair [low, high] of finite numbers (got ${JSON.stringify(v)})`);
  }
  const [a, b] = v as [number, number];
  if (a > b) throw new ValidationError(name, `low must be <= high (got [${a}, ${b}])`);
  if (a < lo || b > hi) throw new ValidationError(name, `must lie within [${lo}, ${hi}] (got [${a}, ${b}])`);
  return [a, b];
}

/**
 * Solves gains and biases from max rates and intercepts (the NEF's `LIFRate.gain_bias`):
 * threshold at x = intercept: α·c + J = 1; rate r_max at x = 1: α + J = G⁻¹(r_max). So α = (G⁻¹(r_max) − 1)/(1 − c).
 */
export function nefPopulation(o: NefPopulationOptions = {}): NefPopulation {
  checkKnownKeys('nefPopulation', o, ['n', 'maxRates', 'intercepts', 'tauM', 'tauRef', 'seed']);
  const D = NEF_POPULATION_DEFAULTS;
  const n = checkInteger('nefPopulation.n', o.n ?? D.n, 1);
  const tauM = checkPositive('nefPopulation.tauM', o.tauM ?? D.tauM);
  const tauRef = checkFinite('nefPopulation.tauRef', o.tauRef ?? D.tauRef);
  if (tauRef < 0) throw new ValidationError('nefPopulation.tauRef', `must be >= 0 (got ${tauRef})`);
  const maxR = tauRef > 0 ? 1 / tauRef : Infinity;
  const [r0, r1] = checkPair('nefPopulation.maxRates', o.maxRates ?? D.maxRates, Number.MIN_VALUE, maxR);
  if (r1 >= maxR) throw new ValidationError('nefPopulation.maxRates', `must be below 1/tauRef = ${maxR} Hz (got [${r0}, ${r1}])`);
  const [c0, c1] = checkPair('nefPopulation.intercepts', o.intercepts ?? D.intercepts, -Infinity, 1);
  if (c1 >= 1) throw new ValidationError('nefPopulation.intercepts', `must be < 1 (got [${c0}, ${c1}])`);
  const rng = new Rng(o.seed ?? D.seed);
  const pop: NefPopulation = {
    encoders: new Float64Array(n), gains: new Float64Array(n), biases: new Float64Array(n),
    maxRates: new Float64Array(n), intercepts: new Float64Array(n), tauM, tauRef,
  };
  for (let i = 0; i < n; i++) {
    const e = rng.random() < 0.5 ? -1 : 1;
    const r = rng.uniform(r0, r1);
    const c = rng.uniform(c0, c1);
    const vMax = lifRateInverse(r, { tauM, tauRef });
    const gain = (vMax - 1) / (1 - c);
    pop.encoders[i] = e;
    pop.maxRates[i] = r;
    pop.intercepts[i] = c;
    pop.gains[i] = gain;
    pop.biases[i] = 1 - gain * c;
  }
  return pop;
}

/** a_i(x) = G(α_i e_i x + J_i) for every neuron i and every x: rates[i][k] in Hz. */
export function nefTuningCurves(pop: NefPopulation, xs: ArrayLike<number>, params?: LifRateParams): Float64Array[] {
  const tauM = params?.tauM ?? pop.tauM, tauRef = params?.tauRef ?? pop.tauRef;
  const out: Float64Array[] = [];
  for (let i = 0; i < pop.gains.length; i++) {
    const row = new Float64Array(xs.length);
    for (let k = 0; k < xs.length; k++) row[k] = lifRateRaw(pop.gains[i] * pop.encoders[i] * xs[k] + pop.biases[i], tauM, tauRef);
    out.push(row);
  }
  return out;
}
