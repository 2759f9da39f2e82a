/**
 * Optimizers behind `createOptimizer({ name, lr, ... })` → `{ step(params, grads) }`: each rule a
 * pure kernel over one array (testable alone), the object keeping per-position state (PyTorch's torch/optim
 * shape). Ordered simple → complex.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkBoolean, checkKnownKeys, checkNonNegative, checkPositive, checkRange } from '../core/validate.js';

/** Index of the first entry that is NaN or ±Infinity, or −1. */
function firstNonFinite(a: Float64Array): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1;
}

/** Every optimizer name. */
export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'nesterov', 'adagrad', 'rmsprop', 'adam', 'nadam'] as const;
/** An optimizer name. */
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Options shared by every optimizer. */
interface Common {
  /** Learning rate α (> 0). */
  lr: number;
  /** Per-array learning-rate multipliers (e.g. Collobert's 1/√fanIn, seed 002 §2.7). @default all 1 */
  scales?: number[];
}

/** An optimizer spec: the rule's name, learning rate and its constants. */
export type OptimizerSpec =
  | ({ name: 'sgd' } & Common)
  | ({ name: 'momentum'; /** @default 0.9 */ mu?: number; /** notes §14.3's convex form v ← μv − (1−μ)αg. @default false */ convex?: boolean } & Common)
  | ({ name: 'nesterov'; /** @default 0.9 */ mu?: number } & Common)
  | ({ name: 'adagrad'; /** @default 1e-8 */ eps?: number } & Common)
  | ({ name: 'rmsprop'; /** @default 0.99 */ decay?: number; /** @default 1e-8 */ eps?: number } & Common)
  | ({ name: 'adam'; /** @default 0.9 */ beta1?: number; /** @default 0.999 */ beta2?: number; /** @default 1e-8 */ eps?: number } & Common)
  | ({ name: 'nadam'; beta1?: number; beta2?: number; eps?: number; /** PyTorch's ψ in μ_t = β₁(1 − ½·0.96^{tψ}). @default 0.004 */ momentumDecay?: number } & Common);

/** An optimizer: updates `params` in place from `grads`, keeping state per array position. */
export interface Optimizer {
  readonly spec: Readonly<Record<string, unknown>> & { name: OptimizerName };
  /** Current learning rate (a schedule may change it between steps). */
  lr: number;
  /** Number of steps taken. */
  readonly t: number;
  step(params: Float64Array[], grads: Float64Array[]): void;
}

/** x ← x − α g. */
export function sgdKernel(x: Float64Array, g: Float64Array, lr: number): void {
  for (let i = 0; i < x.length; i++) x[i] -= lr * g[i];
}

/**
 * v ← μv − αg, x ← x + v (seed 002 Snippet 2.2). Notes §14.3's convex V' ← βV' − (1−β)∂E/∂W is this rule with
 * μ = β and α replaced by (1 − β)α (pass `lr·(1 − mu)`).
 */
export function momentumKernel(x: Float64Array, g: Float64Array, v: Float64Array, lr: number, mu: number): void {
  for (let i = 0; i < x.length; i++) { v[i] = mu * v[i] - lr * g[i]; x[i] += v[i]; }
}

/**
 * Nesterov (seed 003: v ← μv − α∇f(x + μv), x ← x + v), written on the look-ahead point `x` that `step` is given,
 * as PyTorch's `nesterov=True`: v ← μv − αg, x ← x + μv − αg.
 */
export function nesterovKernel(x: Float64Array, g: Float64Array, v: Float64Array, lr: number, mu: number): void {
  for (let i = 0; i < x.length; i++) { const gi = g[i]; const vi = mu * v[i] - lr * gi; v[i] = vi; x[i] += mu * vi - lr * gi; }
}

/** cache ← cache + g², x ← x − αg/(√cache + ε) (seed 002 Snippet 2.3). */
export function adagradKernel(x: Float64Array, g: Float64Array, cache: Float64Array, lr: number, eps: number): void {
  for (let i = 0; i < x.length; i++) { const gi = g[i]; cache[i] += gi * gi; x[i] -= (lr * gi) / (Math.sqrt(cache[i]) + eps); }
}

/** cache ← d·cache + (1−d)g², x ← x − αg/(√cache + ε) (seed 002 Snippet 2.4). */
export function rmspropKernel(x: Float64Array, g: Float64Array, cache: Float64Array, lr: number, decay: number, eps: number): void {
  for (let i = 0; i < x.length; i++) {
    const gi = g[i];
    const c = decay * cache[i] + (1 - decay) * gi * gi;
    cache[i] = c;
    x[i] -= (lr * gi) / (Math.sqrt(c) + eps);
  }
}

/**
 * Adam with bias correction (seed 004; Kingma & Ba; PyTorch's arithmetic): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * x ← x − α m̂/(√v̂ + ε) with m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ).
 */
export function adamKernel(x: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, lr: number, b1: number, b2: number, eps: number, t: number): void {
  const bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
  const stepSize = lr / bc1, sbc2 = Math.sqrt(bc2);
  for (let i = 0; i < x.length; i++) {
    const gi = g[i];
    const mi = b1 * m[i] + (1 - b1) * gi;
    const vi = b2 * v[i] + (1 - b2) * gi * gi;
    m[i] = mi; v[i] = vi;
    x[i] -= (stepSize * mi) / (Math.sqrt(vi) / sbc2 + eps);
  }
}

/**
 * Nadam (Dozat 2016, as PyTorch's NAdam): Adam with a Nesterov look-ahead on the first moment and the momentum
 * schedule μ_t = β₁(1 − ½·0.96^{tψ}):
 * x ← x − α(1−μ_t)/(1−Πμ) · g/(√v̂ + ε) − α μ_{t+1}/(1−Πμ·μ_{t+1}) · m/(√v̂ + ε).
 */
export function nadamKernel(
  x: Float64Array, g: Float64Array, m: Float64Array, v: Float64Array, lr: number, b1: number, b2: number, eps: number,
  mu: number, muNext: number, muProduct: number, t: number,
): void {
  const bc2 = 1 - Math.pow(b2, t);
  const cg = (lr * (1 - mu)) / (1 - muProduct);
  const cm = (lr * muNext) / (1 - muProduct * muNext);
  for (let i = 0; i < x.length; i++) {
    const gi = g[i];
    const mi = b1 * m[i] + (1 - b1) * gi;
    const vi = b2 * v[i] + (1 - b2) * gi * gi;
    m[i] = mi; v[i] = vi;
    const denom = Math.sqrt(vi / bc2) + eps;
    x[i] -= (cg * gi) / denom + (cm * mi) / denom;
  }
}

const KNOWN: Record<OptimizerName, string[]> = {
  sgd: [], momentum: ['mu', 'convex'], nesterov: ['mu'], adagrad: ['eps'], rmsprop: ['decay', 'eps'],
  adam: ['beta1', 'beta2', 'eps'], nadam: ['beta1', 'beta2', 'eps', 'momentumDecay'],
};

/** Validates a spec and fills its defaults. */
export function resolveOptimizer(spec: unknown, param = 'optimizer'): Record<string, unknown> & { name: OptimizerName; lr: number } {
  if (!spec || typeof spec !== 'object') throw new ValidationError(param, `must be { name, lr, ... } (got ${describeValue(spec)})`);
  const o = spec as Record<string, unknown>;
  const name = o.name;
  if (typeof name !== 'string' || !(OPTIMIZER_NAMES as readonly string[]).includes(name)) {
    throw new ValidationError(`${param}.name`, `unknown optimizer ${describeValue(name)}; known optimizers are ${OPTIMIZER_NAMES.join(', ')}`);
  }
  const n = name as OptimizerName;
  checkKnownKeys(param, o, ['name', 'lr', 'scales', ...KNOWN[n]]);
  const lr = checkPositive(`${param}.lr`, o.lr);
  const r: Record<string, unknown> & { name: OptimizerName; lr: number } = { name: n, lr };
  if (o.scales !== undefined) {
    if (!Array.isArray(o.scales)) throw new ValidationError(`${param}.scales`, `must be an array of positive numbers (got ${describeValue(o.scales)})`);
    r.scales = o.scales.map((s, i) => checkPositive(`${param}.scales[${i}]`, s));
  }
  switch (n) {
    case 'momentum':
      r.mu = checkRange(`${param}.mu`, o.mu ?? 0.9, 0, 1, true);
      r.convex = checkBoolean(`${param}.convex`, o.convex ?? false);
      break;
    case 'nesterov':
      r.mu = checkRange(`${param}.mu`, o.mu ?? 0.9, 0, 1, true);
      break;
    case 'adagrad':
      r.eps = checkNonNegative(`${param}.eps`, o.eps ?? 1e-8);
      break;
    case 'rmsprop':
      r.decay = checkRange(`${param}.decay`, o.decay ?? 0.99, 0, 1, true);
      r.eps = checkNonNegative(`${param}.eps`, o.eps ?? 1e-8);
      break;
    case 'adam':
    case 'nadam':
      r.beta1 = checkRange(`${param}.beta1`, o.beta1 ?? 0.9, 0, 1, true);
      r.beta2 = checkRange(`${param}.beta2`, o.beta2 ?? 0.999, 0, 1, true);
      r.eps = checkNonNegative(`${param}.eps`, o.eps ?? 1e-8);
      if (n === 'nadam') r.momentumDecay = checkNonNegative(`${param}.momentumDecay`, o.momentumDecay ?? 0.004);
      break;
  }
  return r;
}

/** Creates an optimizer. State (velocity, caches, moments) is kept per array position. */
export function createOptimizer(spec: OptimizerSpec): Optimizer {
  const s = resolveOptimizer(spec);
  const state1: Float64Array[] = [];
  const state2: Float64Array[] = [];
  const scales = s.scales as number[] | undefined;
  let t = 0;
  let muProduct = 1;
  const opt: Optimizer = {
    spec: Object.freeze(s),
    lr: s.lr,
    get t() { return t; },
    step(params, grads) {
      if (!Array.isArray(params) || !Array.isArray(grads) || params.length !== grads.length) {
        throw new ValidationError('Optimizer.step', `needs as many gradient arrays as parameter arrays (got ${describeValue(params)} and ${describeValue(grads)})`);
      }
      if (scales && scales.length !== params.length) {
        throw new ValidationError('optimizer.scales', `must have one entry per parameter array (${params.length}) (got ${scales.length})`);
      }
      if (typeof opt.lr !== 'number' || !(opt.lr >= 0) || !Number.isFinite(opt.lr)) { // a schedule may end at 0
        throw new ValidationError('optimizer.lr', `must be a finite number >= 0 (got ${describeValue(opt.lr)}); the parameters were left unchanged`);
      }
      // Every gradient is checked before any parameter is written: a NaN would otherwise spread into the weights
      // (and into the optimizer's state) for good.
      for (let k = 0; k < params.length; k++) {
        const x = params[k], g = grads[k];
        if (!(x instanceof Float64Array) || !(g instanceof Float64Array)) {
          throw new ValidationError(`Optimizer.step.${x instanceof Float64Array ? 'grads' : 'params'}[${k}]`, `must be a Float64Array (got ${describeValue(x instanceof Float64Array ? g : x)})`);
        }
        if (x.length !== g.length) {
          throw new ValidationError(`Optimizer.step.grads[${k}]`, `must have the length of params[${k}] (${x.length}) (got ${g.length})`);
        }
        const bad = firstNonFinite(g);
        if (bad >= 0) {
          throw new ValidationError(`Optimizer.step.grads[${k}]`, `entry ${bad} must be a finite number (got ${g[bad]}); the parameters were left unchanged`);
        }
      }
      t++;
      let mu = 0, muNext = 0;
      if (s.name === 'nadam') {
        const psi = s.momentumDecay as number, b1 = s.beta1 as number;
        mu = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
        muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
        muProduct *= mu;
      }
      for (let k = 0; k < params.length; k++) {
        const x = params[k], g = grads[k];
        if (!state1[k] || state1[k].length !== x.length) { state1[k] = new Float64Array(x.length); state2[k] = new Float64Array(x.length); }
        const lr = opt.lr * (scales ? scales[k] : 1);
        switch (s.name) {
          case 'sgd': sgdKernel(x, g, lr); break;
          case 'momentum': {
            const m = s.mu as number;
            momentumKernel(x, g, state1[k], s.convex ? lr * (1 - m) : lr, m);
            break;
          }
          case 'nesterov': nesterovKernel(x, g, state1[k], lr, s.mu as number); break;
          case 'adagrad': adagradKernel(x, g, state1[k], lr, s.eps as number); break;
          case 'rmsprop': rmspropKernel(x, g, state1[k], lr, s.decay as number, s.eps as number); break;
          case 'adam': adamKernel(x, g, state1[k], state2[k], lr, s.beta1 as number, s.beta2 as number, s.eps as number, t); break;
          case 'nadam':
            nadamKernel(x, g, state1[k], state2[k], lr, s.beta1 as number, s.beta2 as number, s.eps as number, mu, muNext, muProduct, t);
            break;
        }
        const over = firstNonFinite(x);
        if (over >= 0) {
          throw new ValidationError('optimizer.lr', `the update overflowed: parameter array ${k}, entry ${over} became ${x[over]} ` +
            `(lr = ${opt.lr}, gradient ${g[over]}); the learning rate is far too large for these gradients`);
        }
      }
    },
  };
  return opt;
}
