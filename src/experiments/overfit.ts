/**
 * Overfitting (notes Example 11.1, §11.2): a few noisy samples of u = 0.4x − 0.9 fitted by a 1-1000-1 network
 * (identity output, MSE), with and without L2 weight decay; training against test error.
 * @module
 */
import { Rng } from '../core/rng.js';
import { checkInteger, checkKnownKeys, checkNonNegative, checkPositive } from '../core/validate.js';
import { MLP } from '../nn/mlp.js';
import { train } from '../nn/train.js';
import { layout, line, type Figure } from './figure.js';
import { checkMemory } from '../core/budget.js';

/** Options of {@link runOverfit}. */
export interface OverfitOptions {
  /** Training samples (the notes use 5). @default 5 */
  samples?: number;
  /** Test samples. @default 200 */
  testSamples?: number;
  /** Noise standard deviation added to u. @default 0.1 */
  noise?: number;
  /** Hidden units. @default 1000 */
  hidden?: number;
  /** Full-batch epochs (the notes: 500). @default 500 */
  epochs?: number;
  /** Adam learning rate. @default 0.01 */
  lr?: number;
  /** L2 weight decay λ of the regularized run (E + λ‖W‖²). @default 0.03 */
  l2?: number;
  /** @default 1 */
  seed?: number;
}

/** One training run. */
export interface FitRun {
  l2: number;
  initialLoss: number;
  trainLoss: number;
  testLoss: number;
  loss: number[];
  /** Fitted curve on `grid`. */
  curve: number[];
  /** Slope and intercept of a least-squares line through the fitted curve on [−1, 1]. */
  slope: number;
  intercept: number;
}

/** Data and both runs. */
export interface OverfitResult {
  train: { x: number[]; u: number[] };
  test: { x: number[]; u: number[] };
  grid: number[];
  plain: FitRun;
  decay: FitRun;
}

/** Noisy samples of u = 0.4x − 0.9 on x ∈ [−1, 1]. */
export function linearSamples(n: number, noise: number, rng: Rng): { x: number[]; u: number[] } {
  const x = Array.from({ length: n }, () => rng.uniform(-1, 1));
  return { x, u: x.map((v) => 0.4 * v - 0.9 + rng.normal(0, noise)) };
}

/** The resolved defaults of {@link runOverfit} (notes Example 11.1; the sim's flags read them). */
export const OVERFIT_DEFAULTS = Object.freeze({
   samples: 5, testSamples: 200, noise: 0.1, hidden: 1000, epochs: 500, lr: 0.01, l2: 0.03, seed: 1,
});

/** Fits the samples twice (λ = 0 and λ = l2) from the same initial weights. */
export function runOverfit(o: OverfitOptions = {}): OverfitResult {
  checkKnownKeys('overfit', o, ['samples', 'testSamples', 'noise', 'hidden', 'epochs', 'lr', 'l2', 'seed']);
  const n = checkInteger('overfit.samples', o.samples ?? OVERFIT_DEFAULTS.samples, 1);
  const nt = checkInteger('overfit.testSamples', o.testSamples ?? OVERFIT_DEFAULTS.testSamples, 1);
  const noise = checkNonNegative('overfit.noise', o.noise ?? OVERFIT_DEFAULTS.noise);
  const hidden = checkInteger('overfit.hidden', o.hidden ?? OVERFIT_DEFAULTS.hidden, 1);
  const epochs = checkInteger('overfit.epochs', o.epochs ?? OVERFIT_DEFAULTS.epochs, 1);
  const lr = checkPositive('overfit.lr', o.lr ?? OVERFIT_DEFAULTS.lr);
  const l2 = checkNonNegative('overfit.l2', o.l2 ?? OVERFIT_DEFAULTS.l2);
  const seed = checkInteger('overfit.seed', o.seed ?? OVERFIT_DEFAULTS.seed, 0);
  checkMemory('overfit.samples', 200 * (n + nt), `${n} training and ${nt} test samples, about 200 bytes each`, ['fewer samples']);
  const rng = new Rng(seed);
  const tr = linearSamples(n, noise, rng), te = linearSamples(nt, noise, rng);
  const grid = Array.from({ length: 101 }, (_, i) => -1 + i / 50);
  const run = (lambda: number): FitRun => {
    const net = new MLP({ sizes: [1, hidden, 1], hidden: 'tanh', output: 'identity', seed, init: 'xavier' });
    const X = tr.x.map((v) => [v]), T = tr.u.map((v) => [v]);
    const initialLoss = net.loss(X, T, 'mse');
    const h = train(net, { X, T }, { loss: 'mse', optimizer: { name: 'adam', lr }, epochs, batchSize: 'full', l2: lambda, seed });
    const curve = net.forward(grid.map((v) => [v])).map((r) => r[0]);
    const mx = grid.reduce((s, v) => s + v, 0) / grid.length, my = curve.reduce((s, v) => s + v, 0) / curve.length;
    const slope = grid.reduce((s, v, i) => s + (v - mx) * (curve[i] - my), 0) / grid.reduce((s, v) => s + (v - mx) ** 2, 0);
    return {
      l2: lambda, initialLoss, loss: h.loss, curve, slope, intercept: my - slope * mx,
      trainLoss: net.loss(X, T, 'mse'), testLoss: net.loss(te.x.map((v) => [v]), te.u.map((v) => [v]), 'mse'),
    };
  };
  return { train: tr, test: te, grid, plain: run(0), decay: run(l2) };
}

/** Samples, the true line and both fits; both loss curves. */
export function overfitFigures(r: OverfitResult): Figure[] {
  return [
    {
      title: 'Fits of u = 0.4x − 0.9',
      data: [
        { type: 'scatter', mode: 'markers', x: r.test.x, y: r.test.u, name: 'test samples', marker: { size: 4, opacity: 0.4 } },
        { type: 'scatter', mode: 'markers', x: r.train.x, y: r.train.u, name: 'training samples', marker: { size: 10 } },
        line(r.grid, r.grid.map((x) => 0.4 * x - 0.9), 'u = 0.4x − 0.9', { line: { dash: 'dot' } }),
        line(r.grid, r.plain.curve, `no decay (test MSE ${r.plain.testLoss.toFixed(4)})`),
        line(r.grid, r.decay.curve, `λ = ${r.decay.l2} (test MSE ${r.decay.testLoss.toFixed(4)})`),
      ],
      layout: layout('Overfitting (notes Example 11.1) and weight decay (§11.2)', 'x', 'u'),
    },
    {
      title: 'Training loss',
      data: [line(r.plain.loss.map((_, i) => i + 1), r.plain.loss, 'no decay'), line(r.decay.loss.map((_, i) => i + 1), r.decay.loss, `λ = ${r.decay.l2}`)],
      layout: layout('Training loss (with the λ‖W‖² term)', 'epoch', 'MSE', { yaxis: { type: 'log', title: { text: 'MSE' } } }),
    },
  ];
}
