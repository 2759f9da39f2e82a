/**
 * Unit tests (Node, fast) for the pure code behind issue 8's panels: the playground's data sets, features and
 * training session; the streaming network run against the sim's scenario; display thinning; the spiking view's
 * digit preparation and runs; the worker's part-2 jobs.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runNetwork } from '../../src/experiments/network.js';
import { runNetworkStreaming } from '../../src/experiments/networkStream.js';
import {
  DOMAIN, PlaygroundSession, featureMatrix, makeDataset, parseLayers, playgroundFigures, resolvePlayground, splitDataset,
} from '../../src/experiments/playground.js';
import { decodeDigits, drawingToDigit, loadModel, runSpikingAccuracy, runSpikingDigit, type DigitsJson } from '../../src/experiments/spikingView.js';
import { forDisplay, isWebJob2, runWebJob2, type WebJobResult2 } from '../../src/experiments/webJobs2.js';
import type { NetworkRun } from '../../src/experiments/network.js';
import { figureCsv } from '../../src/experiments/webFigures.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

describe('playground data sets and features', () => {
  it('each data set has 500 points in the domain, both classes, and is reproducible by seed', () => {
    for (const kind of ['circle', 'xor', 'gauss', 'spiral'] as const) {
      const d = makeDataset({ kind, seed: 3, noise: 0.1 });
      expect(d.x.length).toBe(500);
      const ones = d.label.reduce((a, b) => a + b, 0);
      expect(ones).toBeGreaterThan(150);
      expect(ones).toBeLessThan(350);
      for (let i = 0; i < 500; i++) {
        expect(Math.abs(d.x[i])).toBeLessThanOrEqual(DOMAIN);
        expect(Math.abs(d.y[i])).toBeLessThanOrEqual(DOMAIN);
      }
      expect(makeDataset({ kind, seed: 3, noise: 0.1 })).toEqual(d);
      expect(makeDataset({ kind, seed: 4, noise: 0.1 }).x).not.toEqual(d.x);
    }
  });

  it('labels follow the rule of each set without noise (XOR: sign of x₁x₂; circle: radius < 2.5)', () => {
    const xor = makeDataset({ kind: 'xor' });
    for (let i = 0; i < 500; i++) expect(xor.label[i]).toBe(xor.x[i] * xor.y[i] >= 0 ? 1 : 0);
    const c = makeDataset({ kind: 'circle' });
    for (let i = 0; i < 500; i++) expect(c.label[i]).toBe(Math.hypot(c.x[i], c.y[i]) < 2.5 ? 1 : 0);
    // Noise moves the labels' boundary: some XOR points near the axes flip.
    const noisy = makeDataset({ kind: 'xor', noise: 0.5 });
    let flipped = 0;
    for (let i = 0; i < 500; i++) if (noisy.label[i] !== (noisy.x[i] * noisy.y[i] >= 0 ? 1 : 0)) flipped++;
    expect(flipped).toBeGreaterThan(10);
  });

  it('splits by ratio and computes the seven features', () => {
    const d = makeDataset({ kind: 'gauss' });
    const { train, test } = splitDataset(d, 0.3, 1);
    expect(train.x.length).toBe(150);
    expect(test.x.length).toBe(350);
    const m = featureMatrix([2], [-3], ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2']);
    expect(Array.from(m.data)).toEqual([2, -3, 4, 9, -6, Math.sin(2), Math.sin(-3)]);
    expect(() => splitDataset(d, 0.95)).toThrow(/playground\.trainRatio/);
  });

  it('rejects bad options naming the option', () => {
    expect(() => resolvePlayground({ hidden: [9] })).toThrow(/playground\.hidden\[0\].*at most 8/);
    expect(() => resolvePlayground({ features: [] })).toThrow(/playground\.features/);
    expect(() => resolvePlayground({ activation: 'softmax' })).toThrow(/playground\.activation/);
    expect(() => resolvePlayground({ lr: -1 })).toThrow(/playground\.lr/);
    expect(parseLayers('8, 4')).toEqual([8, 4]);
    expect(parseLayers(' ')).toEqual([]);
    expect(parseLayers('8, 40')).toMatch(/1 to 8/);
    expect(parseLayers('1,1,1,1,1,1,1')).toMatch(/at most 6/);
  });
});

describe('playground session', () => {
  it('reaches < 5 % test error on circle and XOR in the default 200 epochs', () => {
    for (const dataset of ['circle', 'xor'] as const) {
      const s = new PlaygroundSession({ dataset });
      s.step(200);
      expect(s.error('test'), dataset).toBeLessThan(0.05);
    }
  });

  it('does not depend on how epochs are grouped into updates; restores from a snapshot', () => {
    const a = new PlaygroundSession({ dataset: 'xor' }), b = new PlaygroundSession({ dataset: 'xor' });
    a.step(6);
    b.step(2); b.step(1); b.step(3);
    expect(b.snapshot().params).toEqual(a.snapshot().params);
    expect(b.trainLoss).toEqual(a.trainLoss);
    const snap = a.snapshot();
    expect(snap.trainLoss.length).toBe(7);
    expect(snap.grid.p.length).toBe(51 * 51);
    const c = new PlaygroundSession({ dataset: 'xor' });
    c.restore(snap);
    expect(c.snapshot().params).toEqual(snap.params);
    expect(c.epoch).toBe(6);
  });

  it('figures: heatmap over the domain, training (and test) points, loss per epoch', () => {
    const s = new PlaygroundSession({ dataset: 'spiral', features: ['x1', 'x2', 'sinx1', 'sinx2'], activation: 'soft-lif' });
    s.step(2);
    const [b, l] = playgroundFigures(s.snapshot(), s.data, { showTest: true, discretize: true });
    expect(b.data.map((t) => t.type)).toEqual(['heatmap', 'scatter', 'scatter']);
    const z = b.data[0].z as number[][];
    expect(z.length).toBe(51);
    expect(new Set(z.flat())).toEqual(new Set(z.flat().filter((v) => v === 0 || v === 1)));
    expect(l.data[0].y!.length).toBe(3);
    // CSV export: the points (the heatmap is a grid, drawn but not listed).
    const csv = figureCsv(b).trim().split('\n');
    expect(csv[0]).toBe('trace,x₁,x₂');
    expect(csv.length - 1).toBe(s.data.train.x.length + s.data.test.x.length);
  });
});

describe('streaming network run', () => {
  it('ends exactly as runNetwork and hands out prefixes of it while running', () => {
    const o = { size: 200, p: 0.1, duration: 0.3, seed: 5 };
    const ref = runNetwork(o);
    const partials: NetworkRun[] = [];
    const run = runNetworkStreaming({ ...o, partialEvery: 0 }, undefined, (p) => partials.push(p));
    expect(run.raster).toEqual(ref.raster);
    expect(run.rate).toEqual(ref.rate);
    expect(run.traces).toEqual(ref.traces);
    expect(run.cv).toBe(ref.cv);
    expect(run.synapses).toBe(ref.synapses);
    expect(partials.length).toBeGreaterThan(10);
    const mid = partials[partials.length >> 1];
    const n = mid.raster.exc.time.length;
    expect(Array.from(mid.raster.exc.time)).toEqual(Array.from(ref.raster.exc.time.slice(0, n)));
    expect(Array.from(mid.rate.exc)).toEqual(Array.from(ref.rate.exc.slice(0, mid.rate.exc.length)));
    expect(mid.traces.t[mid.traces.t.length - 1]).toBeLessThan(0.3);
  });

  it('rejects runs too large for the page, naming the control', () => {
    expect(() => runNetworkStreaming({ size: 20000, duration: 100, dt: 1e-5 })).toThrow(/network\.duration/);
  });

  it('display: large rasters thinned by neuron, long traces min–max decimated', () => {
    const run = runNetwork({ size: 400, duration: 1, seed: 2 });
    const d = forDisplay(run, 2000, 1000);
    const total = d.raster.exc.index.length + d.raster.inh.index.length;
    expect(d.every).toBeGreaterThan(1);
    expect(total).toBeLessThan(1400);
    for (const i of d.raster.exc.index) expect(i % d.every).toBe(0);
    expect(d.traces.t.length).toBeLessThanOrEqual(2002);
    expect(Math.max(...d.traces.v[0])).toBe(Math.max(...run.traces.v[0]));
    expect(d.spikes).toEqual(run.spikes);
  });
});

describe('spiking view', () => {
  const model = loadModel(read('web/models/mnist-small.json'));
  const digits = decodeDigits(JSON.parse(read('web/models/mnist-test-digits.json')) as DigitsJson);

  it('the shipped model and digits: 784-32-10 soft-lif, 200 labelled digits in [0, 1], well classified', () => {
    expect(model.sizes).toEqual([784, 32, 10]);
    expect(model.activations[0].name).toBe('soft-lif');
    expect(digits.X.rows).toBe(200);
    expect(digits.X.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(digits.labels).size).toBe(10);
    const r = runSpikingAccuracy(model, digits.X, digits.labels, { durations: [0.01, 0.1], samples: 100 });
    expect(r.rateAccuracy).toBeGreaterThan(0.85);
    expect(r.accuracy[1]).toBeGreaterThan(r.accuracy[0] - 0.05);
    expect(Math.abs(r.accuracy[1] - r.rateAccuracy)).toBeLessThan(0.1);
  });

  it('a digit: the running mean ends at the classified mean current; answers as the rate net and the bridge say', () => {
    const x = digits.X.data.subarray(0, 784);
    const r = runSpikingDigit(model, x, { duration: 0.1 });
    expect(r.answers[r.answers.length - 1]).toBe(r.run.prediction);
    const y = model.predict({ rows: 1, cols: 784, data: Float64Array.from(x) }).data;
    expect(r.ratePrediction).toBe(y.indexOf(Math.max(...y)));
    expect(r.rateProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('a drawing becomes an MNIST-like digit: ink in a 20×20 box centred by mass, wherever it was drawn', () => {
    const draw = (ox: number) => {
      const g = new Float64Array(100 * 100);
      for (let y = 20; y < 80; y++) for (let x = ox; x < ox + 8; x++) g[y * 100 + x] = 1;
      return drawingToDigit(g, 100, 100);
    };
    const a = draw(10), b = draw(70);
    expect(Array.from(a)).toEqual(Array.from(b));
    let m = 0, cx = 0, cy = 0, rows = 0;
    for (let i = 0; i < 784; i++) { m += a[i]; cx += a[i] * (i % 28); cy += a[i] * Math.floor(i / 28); }
    expect(cx / m).toBeGreaterThan(12.5);
    expect(cx / m).toBeLessThan(14.5);
    expect(cy / m).toBeGreaterThan(12.5);
    expect(cy / m).toBeLessThan(14.5);
    for (let y = 0; y < 28; y++) if (a.subarray(y * 28, y * 28 + 28).some((v) => v > 0)) rows++;
    expect(rows).toBe(20);
    expect(Array.from(drawingToDigit(new Float64Array(16), 4, 4))).toEqual(new Array(784).fill(0));
  });
});

describe('worker jobs, part 2', () => {
  it('routes its kinds, runs synapses and keeps a playground session between jobs', () => {
    expect(isWebJob2({ kind: 'playground' })).toBe(true);
    expect(isWebJob2({ kind: 'hh' })).toBe(false);
    const syn = runWebJob2({ kind: 'synapses', n: 2, tauS: 0.004, train: 'regular', rate: 50, duration: 0.2, dt: 1e-4, seed: 0 }) as Extract<WebJobResult2, { kind: 'synapses' }>;
    expect(syn.run.spikes.length).toBe(10);
    expect(syn.run.kernels.curves.map((c) => c.n)).toEqual([2]);
    expect(() => runWebJob2({ kind: 'synapses', n: 1, tauS: 0.005, train: 'poisson', rate: 10, duration: 1000, dt: 1e-5, seed: 0 })).toThrow(/psc\.dt/);
    const job = { kind: 'playground' as const, session: 'a', options: { dataset: 'xor' as const }, epochs: 2 };
    const r1 = runWebJob2(job) as Extract<WebJobResult2, { kind: 'playground' }>;
    const r2 = runWebJob2(job) as Extract<WebJobResult2, { kind: 'playground' }>;
    expect([r1.fresh, r1.snapshot.epoch, r2.fresh, r2.snapshot.epoch]).toEqual([true, 2, false, 4]);
    // A "restarted worker" (another session id meanwhile) resumes from what the page sent back.
    runWebJob2({ ...job, session: 'b', epochs: 0 });
    const r3 = runWebJob2({ ...job, epochs: 1, resume: { epoch: r2.snapshot.epoch, params: r2.snapshot.params, trainLoss: r2.snapshot.trainLoss, testLoss: r2.snapshot.testLoss } }) as Extract<WebJobResult2, { kind: 'playground' }>;
    expect([r3.fresh, r3.snapshot.epoch, r3.snapshot.trainLoss.length]).toEqual([false, 5, 6]);
    expect(() => runWebJob2({ ...job, session: 'c', options: { hidden: [0] } })).toThrow(/playground\.hidden/);
  });

  it('the network job streams display-ready partial results', () => {
    const parts: WebJobResult2[] = [];
    const r = runWebJob2({ kind: 'network', size: 100, duration: 0.2, partialEvery: 0 }, undefined, (p) => parts.push(p));
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.every((p) => p.kind === 'network' && p.partial)).toBe(true);
    expect(r.kind === 'network' && !r.partial && r.fraction === 1).toBe(true);
  });
});
