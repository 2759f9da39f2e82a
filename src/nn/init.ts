/**
 * Seeded weight initialization (seed 002 §2.6): Xavier/Glorot uniform, small normal, He, and PyTorch's default.
 * Biases start at 0 unless `bias` is given (a `lif`/`soft-lif` layer may start at its threshold, bias 1).
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkFinite, checkKnownKeys, checkPositive } from '../core/validate.js';
import type { Rng } from '../core/rng.js';

/** Weight schemes. */
export const INIT_NAMES = ['xavier', 'he', 'normal', 'pytorch'] as const;
/** A weight scheme name. */
export type InitName = (typeof INIT_NAMES)[number];

/** How to initialize: a scheme name, or `{ weights, sd, bias }`. */
export type InitSpec = InitName | {
  /** @default 'xavier' for saturating hidden units, 'he' for the ReLU family */
  weights?: InitName;
  /** standard deviation for `'normal'`. @default 0.01 */
  sd?: number;
  /** every bias starts at this value (ignored by 'pytorch', which draws biases). @default 0 */
  bias?: number;
};

/** An init spec with every field filled in. */
export interface ResolvedInit { weights: InitName; sd: number; bias: number }

/** Validates an init spec; `fallback` is the scheme used when none is named. */
export function resolveInit(spec: unknown, fallback: InitName, param = 'MLP.init'): ResolvedInit {
  if (spec === undefined) return { weights: fallback, sd: 0.01, bias: 0 };
  const o = typeof spec === 'string' ? { weights: spec } : spec;
  if (!o || typeof o !== 'object') throw new ValidationError(param, `must be one of ${INIT_NAMES.join(', ')} or { weights, sd, bias } (got ${describeValue(spec)})`);
  checkKnownKeys(param, o, ['weights', 'sd', 'bias']);
  const r = o as { weights?: unknown; sd?: unknown; bias?: unknown };
  const weights = r.weights ?? fallback;
  if (typeof weights !== 'string' || !(INIT_NAMES as readonly string[]).includes(weights)) {
    throw new ValidationError(typeof spec === 'string' ? param : `${param}.weights`, `unknown initialization ${describeValue(weights)}; known schemes are ${INIT_NAMES.join(', ')}`);
  }
  return {
    weights: weights as InitName,
    sd: checkPositive(`${param}.sd`, r.sd ?? 0.01),
    bias: checkFinite(`${param}.bias`, r.bias ?? 0),
  };
}

/**
 * Fills W (fanOut×fanIn) and b for one layer:
 * - `'xavier'`: U(−√(6/(fanIn+fanOut)), +√(6/(fanIn+fanOut))) (seed 002 §2.6), b = bias;
 * - `'he'`: N(0, 2/fanIn) (He et al. 2015, for ReLU units), b = bias;
 * - `'normal'`: N(0, sd²) ("small random numbers normally distributed around 0", seed 002 §2.6), b = bias;
 * - `'pytorch'`: W and b both U(−1/√fanIn, 1/√fanIn), what `torch.nn.Linear` does by default.
 */
export function initLayer(W: Float64Array, b: Float64Array, fanIn: number, fanOut: number, init: ResolvedInit, rng: Rng): void {
  switch (init.weights) {
    case 'xavier': {
      const r = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < W.length; i++) W[i] = rng.uniform(-r, r);
      b.fill(init.bias);
      break;
    }
    case 'he': {
      const sd = Math.sqrt(2 / fanIn);
      for (let i = 0; i < W.length; i++) W[i] = rng.normal(0, sd);
      b.fill(init.bias);
      break;
    }
    case 'normal':
      for (let i = 0; i < W.length; i++) W[i] = rng.normal(0, init.sd);
      b.fill(init.bias);
      break;
    case 'pytorch': {
      const r = 1 / Math.sqrt(fanIn);
      for (let i = 0; i < W.length; i++) W[i] = rng.uniform(-r, r);
      for (let i = 0; i < b.length; i++) b[i] = rng.uniform(-r, r);
      break;
    }
  }
}
