/** Worked examples of the notes (README, Sources) reproduced with the nn modules: the perceptron, §13's gradients, softmax. */
import { describe, expect, it } from 'vitest';
import { BOOL_INPUTS, TRUTH } from '../../src/experiments/xor.js';
import { resolveActivation } from '../../src/nn/activations.js';
import { chainNetwork, layerGradientNorms } from '../../src/nn/diagnostics.js';
import { MLP } from '../../src/nn/mlp.js';
import { Perceptron } from '../../src/nn/perceptron.js';
import { Rng } from '../../src/core/rng.js';

describe('perceptron (notes §7.1)', () => {
  it('the worked OR example: from w = [0.6, −0.2], b = −0.1 to the notes\' final w = [0.6, 0.8], b = −0.1', () => {
    const p = new Perceptron(2, { w: [0.6, -0.2], b: -0.1 });
    expect(p.update([1, 0], 1)).toBe(0); // 0.5 ≥ 0: right, no change
    expect(p.update([0, 1], 1)).toBe(1); // −0.3 < 0: E = 1
    expect(Array.from(p.w)).toEqual([0.6, 0.8]);
    expect(p.b).toBeCloseTo(0.9, 15);
    expect(p.update([0, 0], 0)).toBe(-1); // 0.9 ≥ 0 but t = 0: E = −1, b ← b − 1
    expect(p.b).toBeCloseTo(-0.1, 15);
    expect(p.update([1, 1], 1)).toBe(0);
    expect(BOOL_INPUTS.map((x) => p.predict(x))).toEqual(TRUTH.or);
  });
  it('learns OR and AND, never XOR (not linearly separable, Remark 7.1)', () => {
    for (const f of ['or', 'and'] as const) {
      const p = new Perceptron(2, { w: [0.6, -0.2], b: -0.1 });
      expect(p.train(BOOL_INPUTS, TRUTH[f]).converged).toBe(true);
      expect(BOOL_INPUTS.map((x) => p.predict(x))).toEqual(TRUTH[f]);
    }
    const p = new Perceptron(2);
    const r = p.train(BOOL_INPUTS, TRUTH.xor, { maxEpochs: 200 });
    expect(r.converged).toBe(false);
    expect(Math.min(...r.errors)).toBeGreaterThan(0); // every pass makes a mistake
  });
});

describe('vanishing and exploding gradients (notes §13)', () => {
  it('§13.1: σ(5) = 0.9933, σ\'(5) = 0.0066; σ(0.1) = 0.525, σ\'(0.1) = 0.249; σ\'(4) = 0.0177', () => {
    const a = resolveActivation('sigmoid');
    const z = Float64Array.from([5, 0.1, 4]), y = new Float64Array(3), d = new Float64Array(3);
    a.forward(z, y, 1, 3);
    a.backward(z, y, new Float64Array(3).fill(1), d, 1, 3);
    expect(y[0]).toBeCloseTo(0.9933, 4); expect(d[0]).toBeCloseTo(0.0066, 4);
    expect(y[1]).toBeCloseTo(0.525, 3); expect(d[1]).toBeCloseTo(0.249, 3);
    expect(d[2]).toBeCloseTo(0.0177, 4);
  });
  it('a deep logistic net: ‖∂E/∂z^(l)‖ shrinks layer by layer toward the input (σ\' ≤ 1/4 at every layer)', () => {
    const rng = new Rng(5);
    const X = Array.from({ length: 16 }, () => Array.from({ length: 6 }, () => rng.normal()));
    const T = X.map(() => [rng.random()]);
    const net = new MLP({ sizes: [6, 6, 6, 6, 6, 1], hidden: 'sigmoid', output: 'identity', seed: 3, init: { weights: 'normal', sd: 1 } });
    const n = layerGradientNorms(net, X, T, 'mse');
    for (let l = 0; l + 1 < n.length - 1; l++) expect(n[l], `layer ${l + 1} vs ${l + 2}: ${n}`).toBeLessThan(n[l + 1]);
    expect(n[0] / n[n.length - 2]).toBeLessThan(0.1); // over 4 layers
  });
  it('§13.2: weights 8, biases −4, input 1/2 — ∂E/∂z^(1) = 16 ∂E/∂z^(5)', () => {
    const chain = chainNetwork(5);
    const n = layerGradientNorms(chain, [[0.5]], [[1]], 'mse');
    expect(n[0] / n[4]).toBeCloseTo(16, 12);
    n.slice(0, -1).forEach((v, i) => expect(v / n[i + 1]).toBeCloseTo(2, 12)); // w σ'(0) = 8 · 1/4 per layer
  });
});

describe('softmax, notes Example 6.1', () => {
  it('z = (0.6, 3.4, −1.2, 0.05) → y ≈ (0.06, 0.9, 0.009, 0.031)', () => {
    const a = resolveActivation('softmax');
    const y = new Float64Array(4);
    a.forward(Float64Array.from([0.6, 3.4, -1.2, 0.05]), y, 1, 4);
    [0.06, 0.9, 0.009, 0.031].forEach((v, i) => expect(Math.abs(y[i] - v)).toBeLessThan(0.006)); // the notes round (0.0550 → 0.06)
    expect(y.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 15);
  });
});
