/** train(): modes, determinism, validation, early stopping, schedules, callbacks; optimizers by hand. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { MLP } from '../../src/nn/mlp.js';
import { createOptimizer, momentumKernel } from '../../src/nn/optimizers.js';
import { createSchedule } from '../../src/nn/schedules.js';
import { train } from '../../src/nn/train.js';

const rng = new Rng(2);
const X = Array.from({ length: 40 }, () => [rng.uniform(-1, 1), rng.uniform(-1, 1)]);
const T = X.map(([a, b]) => [a * b > 0 ? 1 : 0]);
const make = (seed = 3) => new MLP({ sizes: [2, 8, 1], hidden: 'tanh', output: 'sigmoid', seed });

describe('train', () => {
  it('is reproducible: same seed, same history and weights; another seed differs', () => {
    const o = { loss: 'cross-entropy' as const, optimizer: { name: 'adam' as const, lr: 0.05 }, epochs: 5, batchSize: 8, seed: 4 };
    const a = make(), b = make(), c = make();
    const ha = train(a, { X, T }, o), hb = train(b, { X, T }, o), hc = train(c, { X, T }, { ...o, seed: 5 });
    expect(ha.loss).toEqual(hb.loss);
    expect(a.getParameters()).toEqual(b.getParameters());
    expect(hc.loss).not.toEqual(ha.loss);
  });
  it('full batch with plain SGD is gradient descent: one epoch = one step θ − α∇E', () => {
    const a = make(), b = make();
    const g = b.lossAndGradients(X, T, 'mse').grads;
    const before = b.getParameters();
    train(a, { X, T }, { loss: 'mse', optimizer: { name: 'sgd', lr: 0.3 }, epochs: 1, batchSize: 'full', shuffle: false });
    const after = a.getParameters();
    after[0].W.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(before[0].W[i][j] - 0.3 * g[0].W[i][j], 14)));
  });
  it('Collobert scaling (CS224n notes §2.7): each layer steps by α/√fanIn', () => {
    const a = new MLP({ sizes: [2, 8, 1], hidden: 'tanh', output: 'sigmoid', seed: 3 }), b = make();
    const g = b.lossAndGradients(X, T, 'mse').grads, before = b.getParameters();
    train(a, { X, T }, { loss: 'mse', optimizer: { name: 'sgd', lr: 0.3 }, epochs: 1, batchSize: 'full', shuffle: false, fanInScaling: true });
    const after = a.getParameters();
    expect(after[0].W[2][1]).toBeCloseTo(before[0].W[2][1] - (0.3 / Math.sqrt(2)) * g[0].W[2][1], 14);
    expect(after[1].b[0]).toBeCloseTo(before[1].b[0] - (0.3 / Math.sqrt(8)) * g[1].b[0], 14);
  });
  it('single-sample mode takes P steps per epoch (Adam t counts them)', () => {
    const opt = createOptimizer({ name: 'adam', lr: 0.01 });
    train(make(), { X, T }, { loss: 'mse', optimizer: opt, epochs: 2, batchSize: 1 });
    expect(opt.t).toBe(80);
  });
  it('learns the quadrant problem; history holds loss, accuracy, validation; callbacks fire', () => {
    const epochs: number[] = [];
    let last = 0;
    const h = train(make(), { X, T }, {
      loss: 'cross-entropy', optimizer: { name: 'adam', lr: 0.05 }, epochs: 150, batchSize: 8, validationSplit: 0.25, seed: 1,
      onEpoch: (e) => { epochs.push(e.epoch); }, onProgress: (d, t) => { last = d / t; },
    });
    expect(h.loss[h.loss.length - 1]).toBeLessThan(h.loss[0] / 3);
    expect(h.accuracy[h.accuracy.length - 1]).toBeGreaterThan(0.9);
    expect(h.valLoss).toHaveLength(h.epochs);
    expect(h.valAccuracy).toHaveLength(h.epochs);
    expect(epochs).toEqual(Array.from({ length: h.epochs }, (_, i) => i + 1));
    expect(last).toBe(1);
  });
  it('early stopping: stops after `patience` epochs without improvement and restores the best weights', () => {
    const Xv = X.slice(0, 10), Tv = T.slice(0, 10).map(([t]) => [1 - t]); // a validation set that disagrees: its loss rises
    const net = make();
    const h = train(net, { X, T }, { loss: 'cross-entropy', optimizer: { name: 'adam', lr: 0.05 }, epochs: 200, batchSize: 8, validation: { X: Xv, T: Tv }, earlyStopping: { patience: 3 } });
    expect(h.stoppedEarly).toBe(true);
    expect(h.epochs).toBe(h.bestEpoch + 3);
    expect(net.loss(Xv, Tv, 'cross-entropy')).toBeCloseTo(h.valLoss[h.bestEpoch - 1], 12);
  });
  it('dropout and image shifts train without breaking determinism', () => {
    const Xi = Array.from({ length: 12 }, (_, i) => Array.from({ length: 16 }, (_, j) => ((i + j) % 5) / 5));
    const Ti = Xi.map((_, i) => [i % 2]);
    const run = () => { const n = new MLP({ sizes: [16, 6, 1], hidden: 'relu', output: 'sigmoid', seed: 1 }); return train(n, { X: Xi, T: Ti }, { loss: 'cross-entropy', optimizer: { name: 'sgd', lr: 0.1 }, epochs: 3, dropout: 0.5, augment: { shift: 1, width: 4, height: 4 }, seed: 9 }).loss; };
    expect(run()).toEqual(run());
  });
});

describe('optimizers by hand on f(x) = Σx² (∇f = 2x)', () => {
  it('momentum: x = [1, −2], α = 0.1, μ = 0.9: v₁ = −0.2x₀ → x₁ = [0.8, −1.6]; v₂ = 0.9v₁ − 0.2x₁ → x₂ = [0.46, −0.92]', () => {
    const x = Float64Array.from([1, -2]), v = new Float64Array(2);
    momentumKernel(x, x.map((a) => 2 * a), v, 0.1, 0.9);
    expect(Array.from(x)).toEqual([0.8, -1.6].map((a) => expect.closeTo(a, 15)));
    momentumKernel(x, x.map((a) => 2 * a), v, 0.1, 0.9);
    expect(Array.from(x)).toEqual([0.46, -0.92].map((a) => expect.closeTo(a, 15)));
  });
  it('notes §14.3 convex form V ← βV − (1−β)∂E/∂W is momentum with α(1 − β)', () => {
    const opt = createOptimizer({ name: 'momentum', lr: 0.1, mu: 0.5, convex: true });
    const x = [Float64Array.from([1])];
    opt.step(x, [Float64Array.from([2])]); // V = −0.5·2 = −1, x = 1 + 0.1·(−1)
    expect(x[0][0]).toBeCloseTo(0.9, 15);
  });
  it('adam\'s first step is −α·sign(g) (bias correction), whatever the scale of g', () => {
    for (const g of [1e-3, 5, -40]) {
      const x = [Float64Array.from([0])];
      createOptimizer({ name: 'adam', lr: 0.01, eps: 0 }).step(x, [Float64Array.from([g])]);
      expect(x[0][0]).toBeCloseTo(-0.01 * Math.sign(g), 15);
    }
  });
  it('adagrad: cache = g², step α g/|g| = α; second step with the same g: α/√2', () => {
    const x = [Float64Array.from([0])];
    const o = createOptimizer({ name: 'adagrad', lr: 0.1, eps: 0 });
    o.step(x, [Float64Array.from([3])]); expect(x[0][0]).toBeCloseTo(-0.1, 15);
    o.step(x, [Float64Array.from([3])]); expect(x[0][0]).toBeCloseTo(-0.1 - 0.1 / Math.SQRT2, 15);
  });
  it('Collobert scaling multiplies each array\'s rate', () => {
    const x = [Float64Array.from([0]), Float64Array.from([0])];
    createOptimizer({ name: 'sgd', lr: 1, scales: [0.5, 0.25] }).step(x, [Float64Array.from([1]), Float64Array.from([1])]);
    expect([x[0][0], x[1][0]]).toEqual([-0.5, -0.25]);
  });
});

describe('learning-rate schedules (CS224n notes §2.7)', () => {
  it('step, exponential, α₀τ/max(t, τ)', () => {
    const step = createSchedule({ name: 'step', every: 10, factor: 0.5 });
    expect([0, 9, 10, 25].map((t) => step(1, t))).toEqual([1, 1, 0.5, 0.25]);
    expect(createSchedule({ name: 'exponential', k: 0.1 })(2, 10)).toBeCloseTo(2 * Math.exp(-1), 15);
    const inv = createSchedule({ name: 'inverse', tau: 5 });
    expect([0, 5, 10, 20].map((t) => inv(1, t))).toEqual([1, 1, 0.5, 0.25]);
  });
});
