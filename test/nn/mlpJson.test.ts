/** Saved models: toJSON/fromJSON round trips exactly; a corrupt file is a ValidationError naming what is wrong. */
import { describe, expect, it } from 'vitest';
import { throwsValidation } from '../helpers/expect.js';
import { MLP } from '../../src/nn/mlp.js';
import { mlpFromJson, mlpToJson } from '../../src/nn/mlpJson.js';
import { train } from '../../src/nn/train.js';

const net = () => new MLP({ sizes: [2, 3, 1], hidden: 'tanh', seed: 1 });
const X = [[0, 1], [1, 0], [1, 1], [-0.5, 2]];

describe('saved models', () => {
  const saved = JSON.stringify(net().toJSON());
  it('round-trip: the loaded network computes the same outputs', () => {
    const a = net(), b = MLP.fromJSON(JSON.stringify(a.toJSON()));
    expect(b.forward(X)).toEqual(a.forward(X));
    expect(b.sizes).toEqual([2, 3, 1]);
  });
  it('round-trip of a trained net with per-layer activations, parameters and learned prelu slopes', () => {
    const a = new MLP({
      sizes: [2, 4, 3, 2], seed: 5,
      hidden: [{ name: 'prelu', init: 0.1 }, { name: 'soft-lif', tauM: 0.03, tauRef: 0.001, amplitude: 0.05, gamma: 0.02 }],
      output: 'softmax', wasm: false, // the same kernels on both sides: outputs equal to the last bit
    });
    const T = X.map(([u, v]) => (u > v ? [1, 0] : [0, 1]));
    train(a, { X, T }, { loss: 'cross-entropy', optimizer: { name: 'adam', lr: 0.05 }, epochs: 3, batchSize: 2 });
    const json = a.toJSON();
    expect(json.format).toBe('spikebridge-mlp');
    expect(json.hidden).toEqual([{ name: 'prelu', init: 0.1 }, { name: 'soft-lif', tauM: 0.03, tauRef: 0.001, amplitude: 0.05, gamma: 0.02 }]);
    expect(json.output).toEqual({ name: 'softmax' });
    // the slopes moved away from their initial 0.1 in training, and are saved
    expect(json.layers[0].a!.some((s) => s !== 0.1)).toBe(true);
    const b = MLP.fromJSON(JSON.stringify(json), { wasm: false, blockSize: 2 });
    expect(b.getParameters()).toEqual(a.getParameters());
    expect(b.activations.map((f) => f.params)).toEqual(a.activations.map((f) => f.params));
    expect(b.forward(X)).toEqual(a.forward(X));
    expect(b.blockSize).toBe(2);
    expect(b.kernelKind).toBe('ts');
  });
  it('the module functions are what the methods call', () => {
    const a = net();
    expect(mlpToJson(a)).toEqual(a.toJSON());
    const b = mlpFromJson(saved, (spec) => new MLP(spec));
    expect(b.forward(X)).toEqual(MLP.fromJSON(saved).forward(X));
  });
  it('truncated file', () => {
    throwsValidation(() => MLP.fromJSON(saved.slice(0, saved.length / 2)), 'model', 'is not valid JSON (truncated or corrupt file?)');
  });
  it('corrupt contents name what is wrong', () => {
    const o = JSON.parse(saved);
    throwsValidation(() => MLP.fromJSON({ ...o, format: 'keras' }), 'model.format', "must be 'spikebridge-mlp'");
    throwsValidation(() => MLP.fromJSON({ ...o, version: 2 }), 'model.version', 'must be 1 (got 2)');
    throwsValidation(() => MLP.fromJSON({ ...o, hidden: 'tanh' }), 'model.hidden', 'must be an array');
    const badShape = JSON.parse(saved); badShape.layers[0].W.pop();
    throwsValidation(() => MLP.fromJSON(badShape), 'model.layers[0].W', 'must be 3×2', '(got 2 rows)');
    const badValue = JSON.parse(saved); badValue.layers[1].b[0] = 'x';
    throwsValidation(() => MLP.fromJSON(badValue), 'model.layers[1].b', 'entry 0 must be a finite number', '(got "x")');
    const badAct = JSON.parse(saved); badAct.hidden[0].name = 'sigmund';
    throwsValidation(() => MLP.fromJSON(badAct), 'MLP.hidden', '"sigmund"');
    const noLayers = JSON.parse(saved); delete noLayers.layers;
    throwsValidation(() => MLP.fromJSON(noLayers), 'model.layers', 'must be an array');
  });
});
