/**
 * Vanishing and exploding gradients (notes §13): the norm of ∂E/∂z^(l) layer by layer (eq. 13.1) and the chain
 * network of §13.2 (logistic units, weights 8, biases −4, input 1/2), where every unit sits at z = 0, σ' = 1/4 and
 * each layer multiplies the gradient by w σ' = 2.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { checkInteger } from '../core/validate.js';
import { checkLoss, type LossName } from './losses.js';
import type { Matrix } from './matrix.js';
import { MLP } from './mlp.js';

/**
 * ‖∂E/∂z^(l)‖ for l = 1..L, input side first (notes eq. 13.1), at the current parameters: shows vanishing and
 * exploding gradients. One gradient computation over all rows, so at most `mlp.blockSize` of them.
 */
export function layerGradientNorms(mlp: MLP, X: number[][] | Matrix, T: number[][] | Matrix, loss: LossName): number[] {
  const { X: Xm, T: Tm } = mlp.checkData(X, T);
  if (Xm.rows > mlp.blockSize) throw new ValidationError('X', `at most blockSize = ${mlp.blockSize} rows for layerGradientNorms (got ${Xm.rows})`);
  mlp.computeGradients(Xm, Tm, checkLoss(loss));
  const rows = Xm.rows;
  return mlp.deltaArrays().map((D, l) => {
    const n = rows * mlp.sizes[l + 1];
    let s = 0;
    for (let i = 0; i < n; i++) s += D[i] * D[i];
    // D holds ∂(Σ_p E_p)/∂z; the loss is the mean over P rows, so divide by P.
    return Math.sqrt(s) / rows;
  });
}

/**
 * A chain of `layers` single logistic units with every weight `w` and bias `b` (notes §13.2 uses w = 8, b = −4).
 * With input 1/2 each unit gets z = w/2 + b.
 */
export function chainNetwork(layers: number, w = 8, b = -4): MLP {
  checkInteger('chainNetwork.layers', layers, 1);
  const mlp = new MLP({ sizes: new Array(layers + 1).fill(1), hidden: 'sigmoid', output: 'sigmoid', init: 'xavier', blockSize: 4 });
  mlp.setParameters(Array.from({ length: layers }, () => ({ W: [[w]], b: [b] })));
  return mlp;
}
