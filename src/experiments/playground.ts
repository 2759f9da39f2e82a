/**
 * The training playground (the TensorFlow Playground of Neychev's lecture): its 2-D data sets (circle, XOR,
 * Gaussian blobs, spiral, with noise), the input features to toggle (x₁, x₂, x₁², x₂², x₁x₂, sin x₁, sin x₂), and an
 * MLP trained on them epoch by epoch with any activation (lif/soft-lif included), optimizer and regularization,
 * reporting the output on a grid (the decision boundary) and the train/test losses. Plain data; the web app runs a
 * {@link PlaygroundSession} in its worker and draws its snapshots (web/figures/playground.ts).
 *
 * The data follow the Playground's generators (playground.tensorflow.org, `dataset.ts`): 500 points in [−6, 6]²,
 * labels from the noisy point, noise in [0, 0.5]; the features are fed raw, as there.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive, checkRange } from '../core/validate.js';
import { ACTIVATION_NAMES, type ActivationSpec } from '../nn/activations.js';
import type { Matrix } from '../nn/matrix.js';
import { MLP, type LayerParameters } from '../nn/mlp.js';
import { createOptimizer, OPTIMIZER_NAMES, type Optimizer, type OptimizerName, type OptimizerSpec } from '../nn/optimizers.js';
import { evaluate, train } from '../nn/train.js';
import { checkMemory } from '../core/budget.js';

/** The data sets. */
export const PLAYGROUND_DATASETS = ['circle', 'xor', 'gauss', 'spiral'] as const;
/** A data set's name. */
export type PlaygroundDataset = (typeof PLAYGROUND_DATASETS)[number];

/** The input features, in the Playground's order. */
export const PLAYGROUND_FEATURES = ['x1', 'x2', 'x1sq', 'x2sq', 'x1x2', 'sinx1', 'sinx2'] as const;
/** An input feature's name. */
export type PlaygroundFeature = (typeof PLAYGROUND_FEATURES)[number];

/** Hidden activations offered (softmax is output-only; threshold has no gradient). */
export const PLAYGROUND_ACTIVATIONS = ACTIVATION_NAMES.filter((a) => a !== 'softmax' && a !== 'threshold');

/** The points live in [−DOMAIN, DOMAIN]². */
export const DOMAIN = 6;

/** A labelled 2-D point cloud (labels 0/1). */
export interface Points2D {
  x: Float64Array;
  y: Float64Array;
  label: Uint8Array;
}

/** Options of {@link makeDataset}. */
export interface DatasetOptions {
  kind: PlaygroundDataset;
  /** Points. @default 500 */
  samples?: number;
  /** Noise in [0, 0.5] (the Playground's slider 0–50 %). @default 0 */
  noise?: number;
  /** @default 0 */
  seed?: number;
}

/** A data set as the TensorFlow Playground generates it (seeded). */
export function makeDataset(o: DatasetOptions): Points2D {
  checkKnownKeys('playground.dataset', o, ['kind', 'samples', 'noise', 'seed']);
  const kind = checkOneOf('playground.dataset', o.kind, PLAYGROUND_DATASETS);
  const n = checkInteger('playground.samples', o.samples ?? 500, 4);
  checkMemory('playground.samples', 17 * n, `${n} points (x, y, label)`, ['fewer samples']);
  const noise = checkRange('playground.noise', o.noise ?? 0, 0, 0.5);
  const rng = new Rng(checkInteger('playground.seed', o.seed ?? 0, 0));
  const x = new Float64Array(n), y = new Float64Array(n), label = new Uint8Array(n);
  const u = (a: number, b: number) => rng.uniform(a, b);
  let k = 0;
  const push = (px: number, py: number, l: boolean) => { x[k] = px; y[k] = py; label[k++] = l ? 1 : 0; };
  switch (kind) {
    case 'circle': {
      const R = 5;
      const inside = (px: number, py: number) => Math.hypot(px, py) < R * 0.5;
      for (let i = 0; i < n; i++) {
        const pos = i < n / 2;
        const r = pos ? u(0, R * 0.5) : u(R * 0.7, R);
        const a = u(0, 2 * Math.PI);
        const px = r * Math.sin(a), py = r * Math.cos(a);
        const nx = u(-R, R) * noise, ny = u(-R, R) * noise;
        push(px, py, inside(px + nx, py + ny));
      }
      break;
    }
    case 'xor': {
      const pad = 0.3;
      for (let i = 0; i < n; i++) {
        let px = u(-5, 5);
        px += px > 0 ? pad : -pad;
        let py = u(-5, 5);
        py += py > 0 ? pad : -pad;
        const nx = u(-5, 5) * noise, ny = u(-5, 5) * noise;
        push(px, py, (px + nx) * (py + ny) >= 0);
      }
      break;
    }
    case 'gauss': {
      // Variance grows from 0.5 to 4 as noise goes 0 → 0.5.
      const sd = Math.sqrt(0.5 + 7 * noise);
      for (let i = 0; i < n; i++) {
        const pos = i < n / 2;
        const c = pos ? 2 : -2;
        push(rng.normal(c, sd), rng.normal(c, sd), pos);
      }
      break;
    }
    case 'spiral': {
      const half = Math.ceil(n / 2);
      for (let i = 0; i < n; i++) {
        const pos = i < half;
        const j = pos ? i : i - half, m = pos ? half : n - half;
        const r = (j / m) * 5;
        const t = (1.75 * j / m) * 2 * Math.PI + (pos ? 0 : Math.PI);
        push(r * Math.sin(t) + u(-1, 1) * noise, r * Math.cos(t) + u(-1, 1) * noise, pos);
      }
      break;
    }
  }
  return { x, y, label };
}

/** Shuffles (seeded) and splits: the first `ratio` of the points train, the rest test (the Playground's split). */
export function splitDataset(d: Points2D, ratio: number, seed = 0): { train: Points2D; test: Points2D } {
  const r = checkRange('playground.trainRatio', ratio, 0.1, 0.9);
  const n = d.x.length;
  const perm = new Rng(seed + 7919).permutation(n);
  const nTrain = Math.max(1, Math.min(n - 1, Math.floor(n * r)));
  const pick = (idx: Int32Array): Points2D => ({
    x: Float64Array.from(idx, (i) => d.x[i]), y: Float64Array.from(idx, (i) => d.y[i]), label: Uint8Array.from(idx, (i) => d.label[i]),
  });
  return { train: pick(perm.subarray(0, nTrain)), test: pick(perm.subarray(nTrain)) };
}

/** The value of one feature at (x₁, x₂). */
export function featureValue(f: PlaygroundFeature, x1: number, x2: number): number {
  switch (f) {
    case 'x1': return x1;
    case 'x2': return x2;
    case 'x1sq': return x1 * x1;
    case 'x2sq': return x2 * x2;
    case 'x1x2': return x1 * x2;
    case 'sinx1': return Math.sin(x1);
    case 'sinx2': return Math.sin(x2);
  }
}

/** One row of features per point. */
export function featureMatrix(x: ArrayLike<number>, y: ArrayLike<number>, features: readonly PlaygroundFeature[]): Matrix {
  const rows = x.length, cols = features.length;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = featureValue(features[j], x[i], y[i]);
  return { rows, cols, data };
}

function targets(p: Points2D): Matrix {
  return { rows: p.label.length, cols: 1, data: Float64Array.from(p.label) };
}

/** Options of the playground (what the page's controls set). */
export interface PlaygroundOptions {
  /** @default 'circle' */
  dataset?: PlaygroundDataset;
  /** @default 0 */
  noise?: number;
  /** Fraction of the points used for training, 0.1–0.9. @default 0.5 */
  trainRatio?: number;
  /** @default 10 */
  batchSize?: number;
  /** @default ['x1', 'x2'] */
  features?: PlaygroundFeature[];
  /** Neurons per hidden layer (0–6 layers of 1–8 neurons). @default [8, 4] (the Playground's [4, 2] gets stuck on XOR for some seeds) */
  hidden?: number[];
  /** Hidden activation. @default 'tanh' */
  activation?: string;
  /** @default 'adam' */
  optimizer?: OptimizerName;
  /** @default 0.03 */
  lr?: number;
  /** @default 'none' */
  regularization?: 'none' | 'l1' | 'l2';
  /** λ of the regularization. @default 0.001 */
  regRate?: number;
  /** lif/soft-lif: output = amplitude · rate (Hz), as the MNIST recipe. @default 1/63 */
  amplitude?: number;
  /** Seed of the data, the split, the initialization and the shuffles. @default 1 */
  seed?: number;
  /** Points in the data set. @default 500 */
  samples?: number;
  /** Resolution of the decision-boundary grid (per axis). @default 51 */
  grid?: number;
}

/** Resolved options. */
export type PlaygroundSettings = Required<PlaygroundOptions>;

/** The playground's default run (reaches < 5 % test error on circle and XOR). */
export const PLAYGROUND_DEFAULTS: PlaygroundSettings = {
  dataset: 'circle', noise: 0, trainRatio: 0.5, batchSize: 10, features: ['x1', 'x2'], hidden: [8, 4], activation: 'tanh',
  optimizer: 'adam', lr: 0.03, regularization: 'none', regRate: 0.001, amplitude: 1 / 63, seed: 1, samples: 500, grid: 51,
};

const KEYS = Object.keys(PLAYGROUND_DEFAULTS);

/** Validates options, filling defaults; errors name `playground.<option>`. */
export function resolvePlayground(o: PlaygroundOptions = {}): PlaygroundSettings {
  checkKnownKeys('playground', o, KEYS);
  const s = { ...PLAYGROUND_DEFAULTS, ...o };
  checkOneOf('playground.dataset', s.dataset, PLAYGROUND_DATASETS);
  checkRange('playground.noise', s.noise, 0, 0.5);
  checkRange('playground.trainRatio', s.trainRatio, 0.1, 0.9);
  checkInteger('playground.batchSize', s.batchSize, 1);
  if (!Array.isArray(s.features) || s.features.length === 0) throw new ValidationError('playground.features', 'pick at least one input feature');
  s.features.forEach((f, i) => checkOneOf(`playground.features[${i}]`, f, PLAYGROUND_FEATURES));
  if (!Array.isArray(s.hidden) || s.hidden.length > 6) throw new ValidationError('playground.hidden', `must list 0 to 6 hidden layers (got ${JSON.stringify(s.hidden)})`);
  s.hidden.forEach((h, i) => {
    checkInteger(`playground.hidden[${i}]`, h, 1);
    if (h > 8) throw new ValidationError(`playground.hidden[${i}]`, `must be at most 8 neurons (got ${h})`);
  });
  checkOneOf('playground.activation', s.activation, PLAYGROUND_ACTIVATIONS);
  checkOneOf('playground.optimizer', s.optimizer, OPTIMIZER_NAMES);
  checkPositive('playground.lr', s.lr);
  if (s.lr > 10) throw new ValidationError('playground.lr', `must be at most 10 (got ${s.lr})`);
  checkOneOf('playground.regularization', s.regularization, ['none', 'l1', 'l2'] as const);
  checkNonNegative('playground.regRate', s.regRate);
  checkPositive('playground.amplitude', s.amplitude);
  checkInteger('playground.seed', s.seed, 0);
  checkInteger('playground.samples', s.samples, 20);
  if (s.samples > 5000) throw new ValidationError('playground.samples', `must be at most 5000 (got ${s.samples})`);
  checkInteger('playground.grid', s.grid, 2);
  checkMemory('playground.grid', 64 * s.grid * s.grid, `a ${s.grid}×${s.grid} grid of points and outputs, about 64 bytes each`, ['a coarser grid']);
  return s;
}

/** The hidden activation spec (lif/soft-lif with the MNIST recipe's τ's and amplitude). */
export function playgroundActivation(name: string, amplitude: number): ActivationSpec {
  if (name === 'lif') return { name: 'lif', tauM: 0.02, tauRef: 0.002, amplitude };
  if (name === 'soft-lif') return { name: 'soft-lif', tauM: 0.02, tauRef: 0.002, amplitude, gamma: 0.05 };
  return name as ActivationSpec;
}

/** What the page draws after each update. */
export interface PlaygroundSnapshot {
  epoch: number;
  /** Loss per epoch (cross-entropy, nats), index 0 = before training. */
  trainLoss: number[];
  testLoss: number[];
  /** Fraction misclassified now. */
  trainError: number;
  testError: number;
  /** The output σ(z) ∈ (0, 1) on the grid: boundary[j·G + i] at (gx[i], gy[j]). */
  grid: { x: Float64Array; y: Float64Array; p: Float64Array };
  /** Parameters now (small; lets a restarted worker resume). */
  params: LayerParameters[];
}

/**
 * An MLP being trained on a playground data set: sigmoid output, binary cross-entropy, `train()` one epoch at a
 * time (seeded per epoch, so the run does not depend on how epochs are grouped into updates).
 */
export class PlaygroundSession {
  readonly settings: PlaygroundSettings;
  readonly data: { all: Points2D; train: Points2D; test: Points2D };
  readonly mlp: MLP;
  epoch = 0;
  readonly trainLoss: number[] = [];
  readonly testLoss: number[] = [];
  private optimizer: Optimizer;
  private readonly sets: { train: { X: Matrix; T: Matrix }; test: { X: Matrix; T: Matrix } };
  private readonly gridX: Float64Array;
  private readonly gridFeatures: Matrix;

  constructor(options: PlaygroundOptions = {}) {
    const s = resolvePlayground(options);
    this.settings = s;
    const all = makeDataset({ kind: s.dataset, samples: s.samples, noise: s.noise, seed: s.seed });
    const { train: tr, test: te } = splitDataset(all, s.trainRatio, s.seed);
    this.data = { all, train: tr, test: te };
    this.sets = {
      train: { X: featureMatrix(tr.x, tr.y, s.features), T: targets(tr) },
      test: { X: featureMatrix(te.x, te.y, s.features), T: targets(te) },
    };
    const spec = playgroundActivation(s.activation, s.amplitude);
    this.mlp = new MLP({ sizes: [s.features.length, ...s.hidden, 1], hidden: spec, output: 'sigmoid', seed: s.seed, wasm: false });
    // LIF units fire only above threshold: hidden biases start at the threshold (as the MNIST recipe), so each unit
    // starts at the edge of firing.
    if (s.activation === 'lif' || s.activation === 'soft-lif') this.mlp.parameterArrays().forEach((p, k) => { if (k % 2 === 1 && k < 2 * s.hidden.length) p.fill(1); });
    this.optimizer = createOptimizer({ name: s.optimizer, lr: s.lr } as OptimizerSpec);
    const G = s.grid;
    this.gridX = Float64Array.from({ length: G }, (_, i) => -DOMAIN + (2 * DOMAIN * i) / (G - 1));
    const gx = new Float64Array(G * G), gy = new Float64Array(G * G);
    for (let j = 0; j < G; j++) for (let i = 0; i < G; i++) { gx[j * G + i] = this.gridX[i]; gy[j * G + i] = this.gridX[j]; }
    this.gridFeatures = featureMatrix(gx, gy, s.features);
    this.record();
  }

  /** Changes what may change during training without a reset: learning rate, optimizer, regularization, batch size. */
  configure(o: Pick<PlaygroundOptions, 'lr' | 'optimizer' | 'regularization' | 'regRate' | 'batchSize'>): void {
    const given = Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
    const s = resolvePlayground({ ...this.settings, ...given });
    if (s.optimizer !== this.settings.optimizer) this.optimizer = createOptimizer({ name: s.optimizer, lr: s.lr } as OptimizerSpec);
    this.optimizer.lr = s.lr;
    Object.assign(this.settings, { lr: s.lr, optimizer: s.optimizer, regularization: s.regularization, regRate: s.regRate, batchSize: s.batchSize });
  }

  /** Puts back parameters and history (a worker restarted mid-run); the optimizer's state starts afresh. */
  restore(state: { epoch: number; params: LayerParameters[]; trainLoss: number[]; testLoss: number[] }): void {
    this.mlp.setParameters(state.params);
    this.epoch = state.epoch;
    this.trainLoss.length = 0;
    this.testLoss.length = 0;
    for (const l of state.trainLoss) this.trainLoss.push(l);
    for (const l of state.testLoss) this.testLoss.push(l);
  }

  /** Trains `epochs` more epochs. */
  step(epochs = 1): void {
    const s = this.settings;
    for (let e = 0; e < epochs; e++) {
      train(this.mlp, this.sets.train, {
        loss: 'cross-entropy', optimizer: this.optimizer, epochs: 1, batchSize: s.batchSize, seed: s.seed * 100003 + this.epoch,
        l1: s.regularization === 'l1' ? s.regRate : 0, l2: s.regularization === 'l2' ? s.regRate : 0,
      });
      this.epoch++;
      this.record();
    }
  }

  private record(): void {
    this.trainLoss.push(evaluate(this.mlp, this.sets.train, 'cross-entropy').loss);
    this.testLoss.push(evaluate(this.mlp, this.sets.test, 'cross-entropy').loss);
  }

  /** Misclassified fraction on the training or test points. */
  error(which: 'train' | 'test'): number {
    const acc = evaluate(this.mlp, this.sets[which], 'cross-entropy').accuracy ?? NaN;
    return 1 - acc;
  }

  snapshot(): PlaygroundSnapshot {
    const p = this.mlp.predict(this.gridFeatures).data.slice();
    return {
      epoch: this.epoch, trainLoss: [...this.trainLoss], testLoss: [...this.testLoss],
      trainError: this.error('train'), testError: this.error('test'),
      grid: { x: this.gridX.slice(), y: this.gridX.slice(), p }, params: this.mlp.getParameters(),
    };
  }
}
