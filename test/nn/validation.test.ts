/** Bad input is a ValidationError naming the parameter, the value and what is allowed. */
import { describe, it } from 'vitest';
import { throwsValidation } from '../helpers/expect.js';
import { resolveActivation } from '../../src/nn/activations.js';
import { MLP } from '../../src/nn/mlp.js';
import { createOptimizer, type OptimizerSpec } from '../../src/nn/optimizers.js';
import { train } from '../../src/nn/train.js';

const net = () => new MLP({ sizes: [2, 3, 1], hidden: 'tanh', seed: 1 });
const X = [[0, 1], [1, 0], [1, 1]], T = [[1], [1], [0]];

describe('network construction', () => {
  it('sizes', () => {
    throwsValidation(() => new MLP({ sizes: [784] }), 'MLP.sizes', 'must be an array of >= 2 positive integers (got [784])');
    throwsValidation(() => new MLP({ sizes: [2, 0, 1] }), 'MLP.sizes', '[2, 0, 1]');
    throwsValidation(() => new MLP({ sizes: [2, 1.5, 1] }), 'MLP.sizes');
  });
  it('unknown activation names the choices', () => {
    throwsValidation(() => new MLP({ sizes: [2, 3, 1], hidden: 'relu6' as never }), 'MLP.hidden', '"relu6"', /known activations are identity, sigmoid/);
    throwsValidation(() => new MLP({ sizes: [2, 3, 1], output: { name: 'bogus' } as never }), 'MLP.output', '"bogus"');
    throwsValidation(() => new MLP({ sizes: [2, 3, 1], hidden: 'softmax' }), 'MLP.hidden', 'only as the output');
    throwsValidation(() => resolveActivation({ name: 'elu', alfa: 1 } as never, 'act'), 'act.alfa', 'unknown option');
    throwsValidation(() => resolveActivation({ name: 'soft-lif', gamma: 0 }, 'act'), 'act.gamma', 'must be > 0 (got 0)');
    throwsValidation(() => new MLP({ sizes: [2, 3, 3, 1], hidden: ['tanh'] }), 'MLP.hidden', 'one activation per hidden layer: 2');
  });
});

describe('data against the network', () => {
  it('mismatched shapes between X, T and the network', () => {
    throwsValidation(() => net().lossAndGradients([[0, 1, 2]], [[1]], 'mse'), 'X', 'rows must have 2 entries', '(got 3)');
    throwsValidation(() => net().lossAndGradients(X, [[1, 0], [1, 0], [0, 1]], 'mse'), 'T', 'rows must have 1 entries', '(got 2)');
    throwsValidation(() => net().lossAndGradients(X, [[1], [0]], 'mse'), 'T', 'one row per row of X (3) (got 2)');
    throwsValidation(() => net().forward([[0, 1], [1]]), 'X', 'row 1 has length 1');
    throwsValidation(() => train(net(), { X, T: [[1]] }), 'T', 'one row per row of X');
  });
  it('NaN in data', () => {
    throwsValidation(() => net().forward([[0, NaN]]), 'X', 'entry [0][1] must be a finite number (got NaN)');
    throwsValidation(() => train(net(), { X, T: [[1], [Infinity], [0]] }), 'T', 'entry [1][0]', 'Infinity');
  });
  it('unknown loss; cross-entropy on outputs outside (0, 1)', () => {
    throwsValidation(() => net().lossAndGradients(X, T, 'hinge' as never), 'loss', '"hinge"', /known losses are mse, cross-entropy, softmax-cross-entropy/);
    throwsValidation(() => train(net(), { X, T }, { loss: 'l1' as never }), 'train.loss', '"l1"');
    throwsValidation(() => net().lossAndGradients(X, T, 'cross-entropy'), 'loss', "use a 'sigmoid' or 'softmax' output", "got output 'identity'");
  });
});

describe('optimizers and training options', () => {
  it('unknown optimizer, non-positive learning rate', () => {
    throwsValidation(() => createOptimizer({ name: 'adamw', lr: 0.1 } as never), 'optimizer.name', '"adamw"', /known optimizers are sgd, momentum/);
    throwsValidation(() => createOptimizer({ name: 'sgd', lr: 0 }), 'optimizer.lr', 'must be > 0 (got 0)');
    throwsValidation(() => createOptimizer({ name: 'adam', lr: -1e-3 }), 'optimizer.lr', 'must be > 0 (got -0.001)');
    throwsValidation(() => createOptimizer({ name: 'momentum', lr: 0.1, mu: 1 } as OptimizerSpec), 'optimizer.mu', 'must be in [0, 1)');
    throwsValidation(() => train(net(), { X, T }, { optimizer: { name: 'sgd', lr: NaN } }), 'optimizer.lr', 'finite');
  });
  it('dropout outside [0, 1)', () => {
    throwsValidation(() => train(net(), { X, T }, { dropout: 1 }), 'train.dropout', 'must be in [0, 1) (got 1)');
    throwsValidation(() => train(net(), { X, T }, { dropout: -0.1 }), 'train.dropout', '(got -0.1)');
  });
  it('misspelt options', () => {
    throwsValidation(() => train(net(), { X, T }, { epoch: 3 } as never), 'train.epoch', 'unknown option');
    throwsValidation(() => train(net(), { X, T }, { batchSize: 0 }), 'train.batchSize', 'integer >= 1');
  });
});
