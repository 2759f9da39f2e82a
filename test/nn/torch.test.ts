/**
 * spikebridge against PyTorch (float64) on the same weights and data: losses, gradients (every hidden activation
 * and every loss), the max-margin objective and three steps of every optimizer.
 * Numbers from test/fixtures/nn/make_torch_fixtures.py (committed beside torch.json).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ActivationSpec } from '../../src/nn/activations.js';
import { MLP } from '../../src/nn/mlp.js';
import { createOptimizer, type OptimizerSpec } from '../../src/nn/optimizers.js';

const fx = JSON.parse(readFileSync(new URL('../fixtures/nn/torch.json', import.meta.url), 'utf8'));

const SPECS: Record<string, ActivationSpec> = {
  lif: { name: 'lif', amplitude: 0.02 },
  'soft-lif': { name: 'soft-lif', amplitude: 0.02, gamma: 0.05 },
  'leaky-relu': { name: 'leaky-relu', k: 0.01 },
  elu: { name: 'elu', alpha: 1 },
};

function close(a: number[], b: number[], rel: number, what: string) {
  expect(a.length).toBe(b.length);
  const scale = Math.max(1e-6, ...b.map(Math.abs)); // entries that cancel to 0 in torch may be ±1e-17 here
  a.forEach((v, i) => expect(Math.abs(v - b[i]) / scale, `${what}[${i}]: ${v} vs torch ${b[i]}`).toBeLessThan(rel));
}

describe('losses and gradients match PyTorch', () => {
  for (const c of fx.cases) {
    it(`${c.hidden} hidden, ${c.output} output, ${c.loss}`, () => {
      const net = new MLP({ sizes: fx.sizes, hidden: SPECS[c.hidden] ?? c.hidden, output: c.output });
      const params = fx.params.map((p: { W: number[][]; b: number[] }, l: number) => ({
        W: p.W, b: l === 0 ? p.b.map((v: number) => v + c.biasShift) : p.b, ...(l === 0 && c.hidden === 'prelu' ? { a: fx.preluSlope } : {}),
      }));
      net.setParameters(params);
      const { loss, grads } = net.lossAndGradients(fx.X, c.T, c.loss);
      expect(Math.abs(loss - c.lossValue) / Math.abs(c.lossValue), `loss ${loss} vs torch ${c.lossValue}`).toBeLessThan(1e-12);
      close(net.forward(fx.X).flat(), c.outputs.flat(), 1e-12, 'outputs');
      grads.forEach((g, l) => {
        close(g.W.flat(), c.grads[l].W.flat(), 1e-10, `grad W${l}`);
        close(g.b, c.grads[l].b, 1e-10, `grad b${l}`);
        if (c.grads[l].a) close(g.a!, c.grads[l].a, 1e-10, `grad a${l}`);
      });
    });
  }
  it('max-margin J = mean max(0, 1 + s_c − s) and its gradients', () => {
    const m = fx.maxMargin;
    const net = new MLP({ sizes: [20, 8, 1], hidden: 'sigmoid', output: 'identity' });
    net.setParameters(m.params);
    const { loss, grads } = net.maxMarginLossAndGradients(m.Xtrue, m.Xcorrupt, 1);
    expect(loss).toBeCloseTo(m.loss, 12);
    grads.forEach((g, l) => { close(g.W.flat(), m.grads[l].W.flat(), 1e-10, `W${l}`); close(g.b, m.grads[l].b, 1e-10, `b${l}`); });
  });
});

describe('optimizers match torch.optim step for step', () => {
  for (const run of fx.optimizer.runs) {
    it(run.name, () => {
      const opt = createOptimizer(run.spec as OptimizerSpec);
      const params = fx.optimizer.x0.map((a: number[]) => Float64Array.from(a));
      fx.optimizer.grads.forEach((g: number[][], t: number) => {
        opt.step(params, g.map((a) => Float64Array.from(a)));
        params.forEach((p: Float64Array, k: number) => close(Array.from(p), run.trace[t][k], 1e-13, `step ${t + 1} array ${k}`));
      });
    });
  }
});
