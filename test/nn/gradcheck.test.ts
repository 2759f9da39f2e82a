/**
 * CS224n notes §2.1: backprop against centred differences, relative error < 1e-6, for every activation (inputs kept
 * away from kinks) and every loss, plus weight decay and the max-margin objective.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { resolveActivation, type ActivationSpec } from '../../src/nn/activations.js';
import { gradCheck } from '../../src/nn/gradCheck.js';
import { MLP } from '../../src/nn/mlp.js';

const rng = new Rng(3);
const mat = (r: number, c: number, lo = -1, hi = 1) => Array.from({ length: r }, () => Array.from({ length: c }, () => rng.uniform(lo, hi)));
const oneHotRows = (r: number, c: number) => Array.from({ length: r }, (_, i) => Array.from({ length: c }, (_, j) => (j === (i * 7) % c ? 1 : 0)));

/** Hidden activations, with the parameter ranges and a bias offset that keep currents away from kinks. */
const HIDDEN: { spec: ActivationSpec; bias?: number }[] = [
  { spec: 'identity' }, { spec: 'sigmoid' }, { spec: 'tanh' }, { spec: 'arctan' }, { spec: 'relu' },
  { spec: { name: 'leaky-relu', k: 0.05 } }, { spec: { name: 'prelu', init: 0.2 } }, { spec: 'hardtanh' }, { spec: 'softsign' },
  { spec: 'softplus' }, { spec: { name: 'elu', alpha: 0.7 } },
  { spec: { name: 'lif', amplitude: 0.02 }, bias: 2.5 }, { spec: { name: 'soft-lif', amplitude: 0.02, gamma: 0.05 }, bias: 1 },
];

/** Smallest distance of any hidden current (every hidden layer) from the activation's kinks. */
function kinkDistance(net: MLP, X: number[][], kinks: number[]): number {
  const layers = net.getParameters();
  let m = Infinity;
  for (const x of X) {
    let h = x;
    layers.slice(0, -1).forEach((p, l) => {
      const z = p.W.map((row, i) => p.b[i] + row.reduce((s, w, j) => s + w * h[j], 0));
      for (const v of z) for (const k of kinks) m = Math.min(m, Math.abs(v - k));
      const y = new Float64Array(z.length);
      net.activations[l].forward(Float64Array.from(z), y, 1, z.length, p.a ? Float64Array.from(p.a) : undefined);
      h = Array.from(y);
    });
  }
  return m;
}

const KINKS: Record<string, number[]> = { relu: [0], 'leaky-relu': [0], prelu: [0], hardtanh: [-1, 1], softsign: [0], elu: [0], lif: [1] };

describe('gradient check: every hidden activation × every loss', () => {
  for (const { spec, bias } of HIDDEN) {
    const name = typeof spec === 'string' ? spec : spec.name;
    for (const [loss, output] of [['mse', 'identity'], ['softmax-cross-entropy', 'identity'], ['cross-entropy', 'sigmoid'], ['cross-entropy', 'softmax']] as const) {
      it(`${name} hidden, ${output} output, ${loss}`, () => {
        const net = new MLP({ sizes: [3, 4, 3, 2], hidden: spec, output, seed: 11, init: { weights: 'xavier', bias: bias ?? 0 } });
        let X = mat(5, 3);
        // move samples until every current is ≥ 0.02 from a kink (centred differences straddle it otherwise)
        for (let tries = 0; tries < 50 && kinkDistance(net, X, KINKS[name] ?? []) < 0.02; tries++) X = mat(5, 3);
        const T = loss === 'cross-entropy' && output === 'sigmoid' ? mat(5, 2, 0.1, 0.9) : oneHotRows(5, 2);
        const r = gradCheck(net, X, T, loss);
        expect(r.checked).toBe(net.parameterCount);
        expect(r.maxRelativeError, `max relative error ${r.maxRelativeError}`).toBeLessThan(1e-6);
      });
    }
  }
  it('threshold units pass no gradient (σ\' = 0 away from the kink) and finite differences agree', () => {
    const net = new MLP({ sizes: [2, 3, 1], hidden: 'threshold', seed: 2 });
    const r = gradCheck(net, mat(4, 2), mat(4, 1), 'mse');
    expect(r.maxAbsoluteError).toBeLessThan(1e-9);
    const g = net.lossAndGradients(mat(4, 2), mat(4, 1), 'mse').grads;
    expect(g[0].W.flat().every((v) => v === 0)).toBe(true);
  });
  it('L2 and L1 weight decay on weights only (notes §11.2)', () => {
    const net = new MLP({ sizes: [3, 5, 2], hidden: 'tanh', seed: 4 });
    const X = mat(6, 3), T = mat(6, 2);
    const r = gradCheck(net, X, T, 'mse', { reg: { l2: 0.3, l1: 0.05 } });
    expect(r.maxRelativeError).toBeLessThan(1e-6);
    const plain = net.lossAndGradients(X, T, 'mse');
    const reg = net.lossAndGradients(X, T, 'mse', { l2: 0.3 });
    const W = net.getParameters()[0].W;
    expect(reg.grads[0].W[1][2] - plain.grads[0].W[1][2]).toBeCloseTo(2 * 0.3 * W[1][2], 12);
    expect(reg.grads[0].b[1]).toBe(plain.grads[0].b[1]); // biases are not decayed
  });
  it('max-margin objective J = mean max(0, 1 + s_c − s)', () => {
    const net = new MLP({ sizes: [20, 8, 1], hidden: 'sigmoid', output: 'identity', seed: 5, init: { weights: 'normal', sd: 0.5 } });
    const Xt = mat(7, 20), Xc = mat(7, 20);
    const { loss, grads } = net.maxMarginLossAndGradients(Xt, Xc);
    const f = () => net.maxMarginLossAndGradients(Xt, Xc).loss;
    const params = net.parameterArrays();
    const flat = grads.flatMap((g) => [...g.W.flat(), ...g.b]);
    let worst = 0, idx = 0;
    for (const p of params) for (let i = 0; i < p.length; i++, idx++) {
      const old = p[i];
      p[i] = old + 1e-5; const up = f();
      p[i] = old - 1e-5; const dn = f();
      p[i] = old;
      const n = (up - dn) / 2e-5, a = flat[idx];
      worst = Math.max(worst, Math.abs(a - n) / Math.max(Math.abs(a), Math.abs(n), 1e-4));
    }
    expect(loss).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-6);
  });
  it('batches larger than the work block accumulate to the same gradient', () => {
    const a = new MLP({ sizes: [3, 4, 2], hidden: 'tanh', seed: 9, blockSize: 4 });
    const b = new MLP({ sizes: [3, 4, 2], hidden: 'tanh', seed: 9, blockSize: 64 });
    const X = mat(23, 3), T = mat(23, 2);
    const ga = a.lossAndGradients(X, T, 'mse'), gb = b.lossAndGradients(X, T, 'mse');
    expect(ga.loss).toBeCloseTo(gb.loss, 13);
    ga.grads.forEach((g, l) => g.W.flat().forEach((v, i) => expect(v).toBeCloseTo(gb.grads[l].W.flat()[i], 13)));
  });
});

describe('activation derivatives against centred differences, elementwise', () => {
  const pts = [-2.3, -0.7, -0.2, 0.3, 0.8, 1.7, 3.1];
  for (const spec of ['sigmoid', 'tanh', 'arctan', 'relu', 'softsign', 'softplus', 'hardtanh', { name: 'elu', alpha: 1.3 }, { name: 'leaky-relu', k: 0.1 },
    { name: 'lif', amplitude: 0.5 }, { name: 'soft-lif', amplitude: 0.5, gamma: 0.03 }] as ActivationSpec[]) {
    const a = resolveActivation(spec);
    it(a.name, () => {
      const zs = a.name.includes('lif') ? pts.map((p) => p + 1.2).filter((z) => Math.abs(z - 1) > 0.05) : pts;
      const z = Float64Array.from(zs), y = new Float64Array(z.length), d = new Float64Array(z.length);
      a.forward(z, y, 1, z.length);
      a.backward(z, y, new Float64Array(z.length).fill(1), d, 1, z.length);
      const h = 1e-6, up = new Float64Array(z.length), dn = new Float64Array(z.length);
      a.forward(z.map((v) => v + h), up, 1, z.length);
      a.forward(z.map((v) => v - h), dn, 1, z.length);
      z.forEach((_, i) => {
        const n = (up[i] - dn[i]) / (2 * h);
        const scale = Math.max(Math.abs(n), Math.abs(d[i]), 1e-12);
        expect(Math.abs(n - d[i]) / scale, `z = ${z[i]}`).toBeLessThan(1e-6);
      });
    });
  }
});
