/** The scalar graph (the worked examples of Neychev's lecture) and, through it, an independent check of the matrix backprop. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { MLP } from '../../src/nn/mlp.js';
import { sum, Value } from '../../src/nn/value.js';

describe('worked examples of Neychev\'s lecture', () => {
  it('f = (x + y)z at (−2, 5, −4): f = −12, ∂f/∂x = ∂f/∂y = z = −4, ∂f/∂z = q = 3', () => {
    const x = new Value(-2), y = new Value(5), z = new Value(-4);
    const q = x.add(y), f = q.mul(z);
    f.backward();
    expect(f.data).toBe(-12);
    expect([x.grad, y.grad, z.grad, q.grad]).toEqual([-4, -4, 3, -4]);
  });
  it('sigmoid neuron f(w, x) = 1/(1 + e^−(w0x0 + w1x1 + w2)), gate by gate (exp, ·a, +c, 1/x) = one σ gate', () => {
    const w = [2, -3, -3].map((v) => new Value(v)), x = [-1, -2].map((v) => new Value(v));
    const dot = w[0].mul(x[0]).add(w[1].mul(x[1])).add(w[2]); // = 1
    const f = dot.neg().exp().add(1).pow(-1); // built from the four gates of the slide
    f.backward();
    const s = 1 / (1 + Math.exp(-1)), ds = s * (1 - s); // (1 − σ)σ = 0.1966
    expect(f.data).toBeCloseTo(s, 15);
    expect(w.map((v) => v.grad)).toEqual([-1 * ds, -2 * ds, ds].map((v) => expect.closeTo(v, 14)));
    expect(x.map((v) => v.grad)).toEqual([2 * ds, -3 * ds].map((v) => expect.closeTo(v, 14)));
    const g = dot.sigmoid(); // the same through a single σ gate
    g.backward();
    expect(w[0].grad).toBeCloseTo(-ds, 15);
  });
  it('a value used twice collects both gradients (notes Remark 9.1)', () => {
    const a = new Value(3);
    const b = a.mul(a).add(a); // a² + a
    b.backward();
    expect(a.grad).toBe(7);
  });
});

describe('matrix backprop = scalar graph on small networks', () => {
  for (const [hidden, output, loss] of [['tanh', 'identity', 'mse'], ['sigmoid', 'sigmoid', 'cross-entropy'], ['relu', 'identity', 'softmax-cross-entropy']] as const) {
    it(`3-4-3-2, ${hidden} hidden, ${output} output, ${loss}`, () => {
      const rng = new Rng(21);
      const net = new MLP({ sizes: [3, 4, 3, 2], hidden, output, seed: 8 });
      const X = Array.from({ length: 5 }, () => Array.from({ length: 3 }, () => rng.uniform(-1, 1)));
      const T = X.map((_, i) => (loss === 'mse' ? [rng.normal(), rng.normal()] : loss === 'cross-entropy' ? [rng.random(), rng.random()] : [i % 2, 1 - (i % 2)]));
      const params = net.getParameters().map((l) => ({ W: l.W.map((r) => r.map((v) => new Value(v))), b: l.b.map((v) => new Value(v)) }));
      const act = (v: Value, name: string) => (name === 'tanh' ? v.tanh() : name === 'sigmoid' ? v.sigmoid() : name === 'relu' ? v.relu() : v);
      const losses = X.map((x, p) => {
        let h = x.map((v) => new Value(v));
        let z: Value[] = [];
        params.forEach((l, li) => {
          z = l.W.map((row, i) => sum(row.map((w, j) => w.mul(h[j]))).add(l.b[i]));
          h = z.map((v) => act(v, li === params.length - 1 ? output : hidden));
        });
        if (loss === 'mse') return sum(h.map((y, k) => y.sub(T[p][k]).pow(2)));
        if (loss === 'cross-entropy') return sum(h.map((y, k) => y.log().mul(T[p][k]).add(y.neg().add(1).log().mul(1 - T[p][k])))).neg();
        const lse = sum(z.map((v) => v.exp())).log();
        return sum(z.map((v, k) => v.sub(lse).mul(T[p][k]))).neg();
      });
      const E = sum(losses).div(X.length);
      E.backward();
      const r = net.lossAndGradients(X, T, loss);
      expect(r.loss).toBeCloseTo(E.data, 13);
      r.grads.forEach((g, l) => {
        g.W.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(params[l].W[i][j].grad, 13)));
        g.b.forEach((v, i) => expect(v).toBeCloseTo(params[l].b[i].grad, 13));
      });
    });
  }
});
