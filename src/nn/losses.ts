/**
 * The losses (averaged over the P samples by the caller):
 * - `'mse'`: E = (1/P) Σ_p ‖y_p − t_p‖² (notes §6.3; the sum over outputs, not their mean),
 * - `'cross-entropy'`: E = −(1/P) Σ_p Σ_k [t ln y + (1 − t) ln(1 − y)] for outputs in (0, 1) (notes §6.3),
 * - `'softmax-cross-entropy'`: E = −(1/P) Σ_p Σ_k t_pk ln softmax(z_p)_k, on the output layer's input current z
 *   whatever the output activation is (so `identity` or `softmax` outputs both work; PyTorch's CrossEntropyLoss).
 *
 * Each kernel returns the summed loss of a block of rows and writes ∂(Σ_p E_p)/∂z of the output layer, the
 * error signal backprop starts from (notes §14.1: Y − T for the matched pairs).
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { softmaxRow, type Activation } from './activations.js';

/** Every loss name. */
export const LOSS_NAMES = ['mse', 'cross-entropy', 'softmax-cross-entropy'] as const;
/** A loss name. */
export type LossName = (typeof LOSS_NAMES)[number];

/** Checks a loss name. */
export function checkLoss(name: unknown, param = 'loss'): LossName {
  if (typeof name !== 'string' || !(LOSS_NAMES as readonly string[]).includes(name)) {
    throw new ValidationError(param, `unknown loss ${describeValue(name)}; known losses are ${LOSS_NAMES.join(', ')}, and maxMarginLossAndGradients for 'max-margin'`);
  }
  return name as LossName;
}

/** Checks that a loss suits the output activation (cross-entropy needs outputs in (0, 1)). */
export function checkLossOutput(loss: LossName, output: Activation, param = 'loss'): void {
  if (loss === 'cross-entropy' && output.name !== 'sigmoid' && output.name !== 'softmax') {
    throw new ValidationError(param, `'cross-entropy' needs outputs in (0, 1): use a 'sigmoid' or 'softmax' output (got output '${output.name}'), or 'softmax-cross-entropy' on logits`);
  }
}

/**
 * Loss of `rows` samples (summed, not averaged) and ∂/∂z into `dz` (which may be a scratch buffer distinct from
 * z, y and t). `g` is a scratch buffer of the same size for ∂E/∂y when the output needs the general chain rule;
 * `outBackward(g, dz)` applies the output activation's backward (the MLP passes one that knows prelu's slope).
 */
export function lossAndDelta(
  loss: LossName, output: Activation, z: Float64Array, y: Float64Array, t: Float64Array,
  rows: number, cols: number, dz: Float64Array, g: Float64Array,
  outBackward: (g: Float64Array, dz: Float64Array) => void = (gg, d) => output.backward(z, y, gg, d, rows, cols),
): number {
  const n = rows * cols;
  let total = 0;
  if (loss === 'softmax-cross-entropy') {
    // −Σ t_k (z_k − m − ln Σ e^{z_j − m}) with m the row max; ∂/∂z = softmax(z)·Σt − t (= softmax − t for one-hot t).
    for (let r = 0; r < rows; r++) {
      const o = r * cols;
      const lse = softmaxRow(z, dz, o, cols); // dz ← softmax(z) for now
      let tsum = 0;
      for (let j = 0; j < cols; j++) { total -= t[o + j] * (z[o + j] - lse); tsum += t[o + j]; }
      for (let j = 0; j < cols; j++) dz[o + j] = dz[o + j] * tsum - t[o + j];
    }
    return total;
  }
  if (loss === 'cross-entropy' && output.name === 'sigmoid') {
    // With y = σ(z): −[t ln σ(z) + (1 − t) ln(1 − σ(z))] = softplus(z) − t z, stable for any z; ∂/∂z = y − t.
    for (let i = 0; i < n; i++) {
      const v = z[i];
      total += (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v))) - t[i] * v;
      dz[i] = y[i] - t[i];
    }
    return total;
  }
  if (loss === 'mse') {
    for (let i = 0; i < n; i++) { const d = y[i] - t[i]; total += d * d; g[i] = 2 * d; }
  } else {
    // cross-entropy on softmax outputs: ∂E/∂y = (y − t)/(y(1 − y)).
    for (let i = 0; i < n; i++) {
      const v = y[i], tv = t[i];
      total -= tv * Math.log(v) + (1 - tv) * Math.log1p(-v);
      g[i] = (v - tv) / (v * (1 - v));
    }
  }
  outBackward(g, dz);
  return total;
}
