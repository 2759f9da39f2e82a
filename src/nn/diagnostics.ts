/**
 * Vanishing and exploding gradients (notes §13): the norm of ∂E/∂z^(l) layer by layer (eq. 13.1) and the chain
 * network of §13.2 (logistic units, weights 8, biases −4, input 1/2), where every unit sits at z = 0, σ' = 1/4 and
 * each layer multiplies the gradient by w σ' = 2.
 * @module
 */
import { checkInteger } from '../core/validate.js';
import type { LossName } from './losses.js';
import type { Matrix } from './matrix.js';
import { MLP } from './mlp.js';

/** ‖∂E/∂z^(l)‖ for l = 1..L, input side first (notes eq. 13.1). */
export function layerGradientNorms(mlp: MLP, X: number[][] | Matrix, T: number[][] | Matrix, loss: LossName): number[] {
  return mlp.deltaNorms(X, T, loss);
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
