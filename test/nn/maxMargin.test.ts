/** The max-margin objective J = (1/P) Σ max(0, margin + s_c − s) by hand, and over several work blocks. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { Rng } from '../../src/core/rng.js';
import { maxMarginLossAndGradients } from '../../src/nn/maxMargin.js';
import { MLP } from '../../src/nn/mlp.js';

describe('maxMarginLossAndGradients', () => {
  it('a one-weight scorer s = w x + b with w = 1, b = 0, by hand, one pair per work block', () => {
    // blockSize 2: one true window and its partner per forward pass, so three blocks accumulate.
    const net = new MLP({ sizes: [1, 1], output: 'identity', blockSize: 2 });
    net.setParameters([{ W: [[1]], b: [0] }]);
    const Xt = [[2], [0.5], [1]], Xc = [[0], [1], [1]];
    // hinges 1 + 0 − 2 = −1 → 0, 1 + 1 − 0.5 = 1.5, 1 + 1 − 1 = 1: J = 2.5 / 3
    // ∂J/∂w = (1/3) Σ_active (x_c − x_t) = (0.5 + 0) / 3; ∂J/∂b = (1/3) Σ_active (1 − 1) = 0
    const r = maxMarginLossAndGradients(net, Xt, Xc);
    expect(r.loss).toBeCloseTo(2.5 / 3, 15);
    expect(r.grads[0].W[0][0]).toBeCloseTo(0.5 / 3, 15);
    expect(r.grads[0].b[0]).toBe(0);
    // margin 0: hinges −2, 0.5 and 0; one exactly at 0 is inactive, so only the second pair counts
    const m = net.maxMarginLossAndGradients(Xt, Xc, 0);
    expect(m.loss).toBeCloseTo(0.5 / 3, 15);
    expect(m.grads[0].W[0][0]).toBeCloseTo(0.5 / 3, 15);
    // the network's gradient arrays hold the same numbers
    expect(net.gradientArrays()[0][0]).toBe(m.grads[0].W[0][0]);
  });
  it('many pairs over small work blocks give the loss and gradients of one large block', () => {
    const rng = new Rng(3);
    const rows = () => Array.from({ length: 11 }, () => Array.from({ length: 5 }, () => rng.normal()));
    const Xt = rows(), Xc = rows();
    const make = (blockSize: number) => new MLP({ sizes: [5, 4, 1], hidden: 'prelu', output: 'identity', seed: 2, blockSize, wasm: false });
    const small = make(4).maxMarginLossAndGradients(Xt, Xc, 0.5), big = make(64).maxMarginLossAndGradients(Xt, Xc, 0.5);
    expect(small.loss).toBeGreaterThan(0);
    expect(small.loss).toBeCloseTo(big.loss, 14);
    small.grads.forEach((g, l) => {
      g.W.flat().forEach((v, i) => expect(v).toBeCloseTo(big.grads[l].W.flat()[i], 14));
      g.b.forEach((v, i) => expect(v).toBeCloseTo(big.grads[l].b[i], 14));
      g.a?.forEach((v, i) => expect(v).toBeCloseTo(big.grads[l].a![i], 14));
    });
  });
  it('rejects outputs other than one score, unpaired rows and a non-finite margin', () => {
    const param = (f: () => unknown) => { try { f(); } catch (e) { expect(e).toBeInstanceOf(ValidationError); return (e as ValidationError).param; } return null; };
    expect(param(() => new MLP({ sizes: [2, 2] }).maxMarginLossAndGradients([[0, 1]], [[1, 0]]))).toBe('maxMarginLossAndGradients');
    expect(param(() => new MLP({ sizes: [2, 1] }).maxMarginLossAndGradients([[0, 1]], [[1, 0], [1, 1]]))).toBe('Xcorrupt');
    expect(param(() => new MLP({ sizes: [2, 1] }).maxMarginLossAndGradients([[0, 1]], [[1, 0]], NaN))).toBe('margin');
  });
});
