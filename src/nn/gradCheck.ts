/**
 * Gradient check (seed 002 §2.1; notes §8.1): every parameter θ_i perturbed by ±ε, the centred difference
 * (J(θ + ε) − J(θ − ε)) / 2ε compared with backprop's ∂J/∂θ_i by the relative error |a − n| / max(|a|, |n|).
 * @module
 */
import { checkPositive } from '../core/validate.js';
import type { LossName } from './losses.js';
import type { Matrix } from './matrix.js';
import type { MLP, Regularization } from './mlp.js';

/** Result of {@link gradCheck}. */
export interface GradCheckResult {
  /** Largest relative error over all checked parameters. */
  maxRelativeError: number;
  /** Largest absolute difference. */
  maxAbsoluteError: number;
  /** Number of parameters checked. */
  checked: number;
  /** Per parameter array (W⁰, b⁰, …): the largest relative error. */
  perArray: number[];
  /** Backprop's gradient and the numerical one, flattened in parameter order. */
  analytic: number[];
  numeric: number[];
}

/**
 * Relative error of backprop against centred differences for every parameter of `mlp` (or every `stride`-th,
 * for big networks) on (X, T) under `loss` (+ `reg`). Parameters are restored afterwards. The relative error's
 * denominator is floored at `floor` (default 1e-4): a loss of O(1) is known to ~1e-16, so a centred difference
 * with ε = 1e-5 (seed 002's h) is good to ~1e-11 absolute, and a relative error of a gradient smaller than
 * the floor would measure that round-off, not backprop.
 */
export function gradCheck(
  mlp: MLP, X: number[][] | Matrix, T: number[][] | Matrix, loss: LossName,
  o: { eps?: number; stride?: number; reg?: Regularization; floor?: number } = {},
): GradCheckResult {
  const eps = checkPositive('gradCheck.eps', o.eps ?? 1e-5);
  const stride = Math.max(1, Math.floor(o.stride ?? 1));
  const floor = o.floor ?? 1e-4;
  const reg = o.reg ?? {};
  const data = mlp.checkData(X, T);
  mlp.lossAndGradients(data.X, data.T, loss, reg);
  const grads = mlp.gradientArrays().map((g) => g.slice());
  const params = mlp.parameterArrays();
  const r: GradCheckResult = { maxRelativeError: 0, maxAbsoluteError: 0, checked: 0, perArray: [], analytic: [], numeric: [] };
  let counter = 0;
  params.forEach((p, k) => {
    let worst = 0;
    for (let i = 0; i < p.length; i++) {
      if (counter++ % stride !== 0) continue;
      const old = p[i];
      p[i] = old + eps;
      const up = mlp.loss(data.X, data.T, loss, reg);
      p[i] = old - eps;
      const down = mlp.loss(data.X, data.T, loss, reg);
      p[i] = old; // very important: restore (seed 002 Snippet 2.1)
      const n = (up - down) / (2 * eps), a = grads[k][i];
      const diff = Math.abs(a - n);
      const rel = diff / Math.max(Math.abs(a), Math.abs(n), floor);
      worst = Math.max(worst, rel);
      r.maxAbsoluteError = Math.max(r.maxAbsoluteError, diff);
      r.analytic.push(a);
      r.numeric.push(n);
      r.checked++;
    }
    r.perArray.push(worst);
    r.maxRelativeError = Math.max(r.maxRelativeError, worst);
  });
  return r;
}
