/**
 * The max-margin objective of seeds 000/002 (§1.4–1.5) for a network with one output score:
 * J = (1/P) Σ_p max(0, margin + s_c − s), with s the score of a true window and s_c that of its corrupt partner.
 * Runs on the network's own blocks: each forward pass carries a run of true windows and their partners together.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import type { Matrix } from './matrix.js';
import type { LayerParameters, MLP } from './mlp.js';

/**
 * J and its gradients (in the `getParameters()` layout) for the pairs (row p of `Xtrue`, row p of `Xcorrupt`).
 * The network's gradient arrays hold the gradients afterwards, as after any gradient computation.
 */
export function maxMarginLossAndGradients(net: MLP, Xtrue: number[][] | Matrix, Xcorrupt: number[][] | Matrix, margin = 1): { loss: number; grads: LayerParameters[] } {
  if (net.sizes[net.depth] !== 1) {
    throw new ValidationError('maxMarginLossAndGradients', `needs a single-score output (sizes ending in 1) (got ${net.sizes[net.depth]} outputs)`);
  }
  const Xt = net.checkInput(Xtrue, 'Xtrue'), Xc = net.checkInput(Xcorrupt, 'Xcorrupt');
  if (Xt.rows !== Xc.rows) throw new ValidationError('Xcorrupt', `must have one row per row of Xtrue (${Xt.rows}) (got ${Xc.rows})`);
  if (typeof margin !== 'number' || !Number.isFinite(margin)) throw new ValidationError('margin', `must be a finite number (got ${describeValue(margin)})`);
  const P = Xt.rows, n0 = net.sizes[0], half = net.blockSize >> 1;
  const X0 = net.inputBlock(), g = net.outputGradientBlock();
  let total = 0;
  for (let s = 0; s < P; s += half) {
    const c = Math.min(half, P - s);
    // rows 0..c−1 are true windows, rows c..2c−1 their corrupt partners: one forward pass for both.
    X0.set(Xt.data.subarray(s * n0, (s + c) * n0));
    X0.set(Xc.data.subarray(s * n0, (s + c) * n0), c * n0);
    const y = net.forwardInputBlock(2 * c);
    for (let p = 0; p < c; p++) {
      const h = margin + y[c + p] - y[p];
      // ∂J/∂s = −1 and ∂J/∂s_c = +1 where the hinge is active (J > 0), else no update (seed 002 §1.5).
      if (h > 0) { total += h; g[p] = -1; g[c + p] = 1; } else { g[p] = 0; g[c + p] = 0; }
    }
    net.backwardFromOutput(2 * c, 1 / P, s === 0);
  }
  return { loss: total / P, grads: net.getGradients() };
}
