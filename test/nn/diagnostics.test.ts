/** layerGradientNorms: ‖∂E/∂z^(l)‖ by hand on a one-weight net, and its one-block limit. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { layerGradientNorms } from '../../src/nn/diagnostics.js';
import { MLP } from '../../src/nn/mlp.js';

describe('layerGradientNorms', () => {
  it('y = w x + b, w = 1, b = 0, mse on x = 1, 2 with targets 0: ∂(Σ E_p)/∂z_p = 2(y_p − t_p) = 2, 4 → √20 / 2', () => {
    const net = new MLP({ sizes: [1, 1], output: 'identity', blockSize: 2 });
    net.setParameters([{ W: [[1]], b: [0] }]);
    expect(layerGradientNorms(net, [[1], [2]], [[0], [0]], 'mse')).toEqual([expect.closeTo(Math.sqrt(5), 14)]);
  });
  it('two layers: the output delta goes back through W and σ\'', () => {
    // z1 = 0 → σ = 1/2, σ' = 1/4; y = 2 · 1/2 = 1; δ2 = 2(1 − 0) = 2; δ1 = σ'(0) · 2 · δ2 = 1
    const net = new MLP({ sizes: [1, 1, 1], hidden: 'sigmoid', output: 'identity' });
    net.setParameters([{ W: [[0]], b: [0] }, { W: [[2]], b: [0] }]);
    expect(layerGradientNorms(net, [[5]], [[0]], 'mse')).toEqual([expect.closeTo(1, 14), expect.closeTo(2, 14)]);
  });
  it('at most one work block of rows', () => {
    const net = new MLP({ sizes: [1, 1], output: 'identity', blockSize: 2 });
    expect(() => layerGradientNorms(net, [[1], [2], [3]], [[0], [0], [0]], 'mse')).toThrow(ValidationError);
    expect(() => layerGradientNorms(net, [[1], [2], [3]], [[0], [0], [0]], 'mse')).toThrow(/at most blockSize = 2 rows .*\(got 3\)/);
  });
});
