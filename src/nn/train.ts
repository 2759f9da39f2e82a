/**
 * `train(mlp, { X, T }, options)`: epochs of shuffled mini-batches (seeded; seed 004's
 * mini-batch SGD), full-batch and single-sample modes (notes §14.1–14.2), a validation split or set, early
 * stopping, weight decay, dropout, image shifts, learning-rate schedules, and a history of loss and accuracy
 * per epoch. Progress goes to callbacks (the CLI draws a bar, the web app posts from its worker).
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { Rng } from '../core/rng.js';
import { checkBoolean, checkInteger, checkKnownKeys, checkNonNegative, checkRange } from '../core/validate.js';
import { checkLoss, type LossName } from './losses.js';
import type { Matrix } from './matrix.js';
import { accuracy, isClassCode } from './metrics.js';
import type { BatchOptions, MLP } from './mlp.js';
import { createOptimizer, type Optimizer, type OptimizerSpec } from './optimizers.js';
import { createSchedule, type ScheduleSpec } from './schedules.js';
import { shiftImage } from './augment.js';

/** A data set: inputs X and targets T, one row per sample. */
export interface Dataset {
  X: number[][] | Matrix;
  T: number[][] | Matrix;
}

/** What one finished epoch reports to `onEpoch`. */
export interface EpochInfo {
  epoch: number;
  epochs: number;
  loss: number;
  accuracy: number | null;
  valLoss: number | null;
  valAccuracy: number | null;
  lr: number;
}

/** Options of {@link train}. */
export interface TrainOptions {
  /** @default 'mse' */
  loss?: LossName;
  /** An optimizer spec (`createOptimizer`'s) or an optimizer. @default { name: 'sgd', lr: 0.1 } */
  optimizer?: OptimizerSpec | Optimizer;
  /** @default 10 */
  epochs?: number;
  /** Samples per update: a number (1 = single-sample SGD) or `'full'` (batch gradient descent). @default 32 */
  batchSize?: number | 'full';
  /** Reshuffle the samples each epoch. @default true */
  shuffle?: boolean;
  /** Seed for shuffling, the validation split, dropout and augmentation. @default 0 */
  seed?: number;
  /** A validation set (loss and accuracy per epoch). */
  validation?: Dataset;
  /** Or hold out this fraction of the training rows (random, seeded) as the validation set. */
  validationSplit?: number;
  /** Stop when the validation loss (training loss without a validation set) has not improved for `patience` epochs. */
  earlyStopping?: { patience: number; /** @default 0 */ minDelta?: number; /** put back the best weights. @default true */ restoreBest?: boolean };
  /** L2 weight decay λ (E + λ‖W‖², weights only). @default 0 */
  l2?: number;
  /** L1 weight decay λ (E + λΣ|W|, weights only). @default 0 */
  l1?: number;
  /** Inverted dropout probability p ∈ [0, 1) on hidden layers. @default 0 */
  dropout?: number;
  /** Data augmentation for images stored as rows: a random shift of up to `shift` pixels each way. */
  augment?: { shift: number; width: number; height: number };
  /** Learning-rate schedule over epochs. */
  schedule?: ScheduleSpec;
  /** Collobert's scaling: each layer's learning rate × 1/√fanIn (seed 002 §2.7). @default false */
  fanInScaling?: boolean;
  /** Called after each epoch; return `false` to stop. */
  onEpoch?: (info: EpochInfo) => void | boolean;
  /** Called with samples done and total samples (all epochs). */
  onProgress?: Progress;
}

/** What {@link train} returns. */
export interface History {
  /** Mean training loss per epoch (over the mini-batches, with dropout and weight decay as trained). */
  loss: number[];
  /** Training accuracy per epoch (classification only), else empty. */
  accuracy: number[];
  valLoss: number[];
  valAccuracy: number[];
  lr: number[];
  /** Epochs run. */
  epochs: number;
  stoppedEarly: boolean;
  /** Epoch (1-based) with the best monitored loss. */
  bestEpoch: number;
  /** Wall time of the training loop, s. */
  seconds: number;
}

/** Loss and accuracy of a network on a data set (no dropout). */
export function evaluate(mlp: MLP, data: Dataset, loss: LossName): { loss: number; accuracy: number | null } {
  const { X, T } = mlp.checkData(data.X, data.T);
  const l = mlp.loss(X, T, checkLoss(loss));
  return { loss: l, accuracy: accuracy(mlp.predict(X), T) };
}

const KEYS = ['loss', 'optimizer', 'epochs', 'batchSize', 'shuffle', 'seed', 'validation', 'validationSplit', 'earlyStopping',
  'l2', 'l1', 'dropout', 'augment', 'schedule', 'fanInScaling', 'onEpoch', 'onProgress'];

/** Trains `mlp` in place on `data` and returns the history. */
export function train(mlp: MLP, data: Dataset, options: TrainOptions = {}): History {
  checkKnownKeys('train', options, KEYS);
  if (!data || typeof data !== 'object') throw new ValidationError('train.data', `must be { X, T } (got ${describeValue(data)})`);
  const o = options;
  const loss = checkLoss(o.loss ?? 'mse', 'train.loss');
  const epochs = checkInteger('train.epochs', o.epochs ?? 10, 1);
  const seed = checkInteger('train.seed', o.seed ?? 0, -(2 ** 31));
  const shuffle = checkBoolean('train.shuffle', o.shuffle ?? true);
  const l2 = checkNonNegative('train.l2', o.l2 ?? 0);
  const l1 = checkNonNegative('train.l1', o.l1 ?? 0);
  const dropout = checkRange('train.dropout', o.dropout ?? 0, 0, 1, true);
  const schedule = createSchedule(o.schedule, 'train.schedule');
  const rng = new Rng(seed);
  let { X, T } = mlp.checkData(data.X, data.T);
  let val: { X: Matrix; T: Matrix } | null = null;
  if (o.validation !== undefined) {
    if (o.validationSplit !== undefined) throw new ValidationError('train.validationSplit', 'give either validation or validationSplit, not both');
    val = mlp.checkData(o.validation.X, o.validation.T);
  } else if (o.validationSplit !== undefined && o.validationSplit > 0) {
    const frac = checkRange('train.validationSplit', o.validationSplit, 0, 1, true);
    const split = splitRows(X, T, frac, rng);
    X = split.train.X; T = split.train.T; val = split.val;
  }
  const P = X.rows;
  const batch = o.batchSize === 'full' ? P : checkInteger('train.batchSize', o.batchSize ?? 32, 1);
  const optimizer: Optimizer = o.optimizer && typeof (o.optimizer as Optimizer).step === 'function'
    ? (o.optimizer as Optimizer)
    : createOptimizer(withScales((o.optimizer as OptimizerSpec | undefined) ?? { name: 'sgd', lr: 0.1 }, o.fanInScaling ? mlp : null));
  const lr0 = optimizer.lr;
  let transform: ((row: Float64Array, r: Rng) => void) | undefined;
  if (o.augment !== undefined) {
    checkKnownKeys('train.augment', o.augment, ['shift', 'width', 'height']);
    const shift = checkInteger('train.augment.shift', o.augment.shift, 0);
    const w = checkInteger('train.augment.width', o.augment.width, 1), h = checkInteger('train.augment.height', o.augment.height, 1);
    if (w * h !== mlp.sizes[0]) throw new ValidationError('train.augment', `width × height must equal the input size ${mlp.sizes[0]} (got ${w}×${h})`);
    const tmp = new Float64Array(w * h);
    if (shift > 0) transform = (row, r) => shiftImage(row, w, h, r.int(2 * shift + 1) - shift, r.int(2 * shift + 1) - shift, tmp);
  }
  let patience = Infinity, minDelta = 0, restoreBest = true;
  if (o.earlyStopping !== undefined) {
    checkKnownKeys('train.earlyStopping', o.earlyStopping, ['patience', 'minDelta', 'restoreBest']);
    patience = checkInteger('train.earlyStopping.patience', o.earlyStopping.patience, 1);
    minDelta = checkNonNegative('train.earlyStopping.minDelta', o.earlyStopping.minDelta ?? 0);
    restoreBest = checkBoolean('train.earlyStopping.restoreBest', o.earlyStopping.restoreBest ?? true);
  }

  const order = new Int32Array(P);
  for (let i = 0; i < P; i++) order[i] = i;
  const params = mlp.parameterArrays(), grads = mlp.gradientArrays();
  const h: History = { loss: [], accuracy: [], valLoss: [], valAccuracy: [], lr: [], epochs: 0, stoppedEarly: false, bestEpoch: 0, seconds: 0 };
  let best = Infinity, since = 0, bestParams: Float64Array[] | null = null;
  const totalSamples = epochs * P;
  const t0 = performance.now();
  const stats = { correct: 0 };
  const classify = isClassCode(T);
  // one options object for every batch: a training step allocates nothing
  const batchOpts: BatchOptions = { index: order, start: 0, count: 0, dropout, rng, l2, l1, transformInput: transform, stats: classify ? stats : undefined };
  for (let epoch = 0; epoch < epochs; epoch++) {
    optimizer.lr = schedule(lr0, epoch);
    if (shuffle) rng.shuffle(order);
    let sum = 0;
    stats.correct = 0;
    for (let s = 0; s < P; s += batch) {
      const count = Math.min(batch, P - s);
      batchOpts.start = s;
      batchOpts.count = count;
      const l = mlp.computeGradients(X, T, loss, batchOpts);
      if (!Number.isFinite(l)) {
        throw new ValidationError('train', `the loss became ${l} at epoch ${epoch + 1}: the learning rate (${optimizer.lr}) is probably too large for this problem`);
      }
      optimizer.step(params, grads);
      sum += l * count;
      o.onProgress?.(epoch * P + s + count, totalSamples);
    }
    h.loss.push(sum / P);
    if (classify) h.accuracy.push(stats.correct / P);
    h.lr.push(optimizer.lr);
    let monitored = sum / P;
    let va: number | null = null, vl: number | null = null;
    if (val) {
      const ev = evaluate(mlp, val, loss);
      vl = ev.loss; va = ev.accuracy;
      h.valLoss.push(vl);
      if (va !== null) h.valAccuracy.push(va);
      monitored = vl;
    }
    h.epochs = epoch + 1;
    if (monitored < best - minDelta) {
      best = monitored; since = 0; h.bestEpoch = epoch + 1;
      if (Number.isFinite(patience) && restoreBest) bestParams = params.map((p) => p.slice());
    } else since++;
    const info: EpochInfo = { epoch: epoch + 1, epochs, loss: sum / P, accuracy: classify ? stats.correct / P : null, valLoss: vl, valAccuracy: va, lr: optimizer.lr };
    const go = o.onEpoch?.(info);
    if (since >= patience) { h.stoppedEarly = true; break; }
    if (go === false) break;
  }
  if (h.stoppedEarly && bestParams) params.forEach((p, k) => p.set(bestParams![k]));
  h.seconds = (performance.now() - t0) / 1000;
  return h;
}

function withScales(spec: OptimizerSpec, mlp: MLP | null): OptimizerSpec {
  if (!mlp) return spec;
  return { ...spec, scales: mlp.fanIns().map((f) => 1 / Math.sqrt(f)) } as OptimizerSpec;
}

/** Splits rows at random (seeded) into training and validation parts; `frac` of the rows go to validation. */
export function splitRows(X: Matrix, T: Matrix, frac: number, rng: Rng): { train: { X: Matrix; T: Matrix }; val: { X: Matrix; T: Matrix } } {
  const P = X.rows;
  const nVal = Math.round(P * frac);
  if (nVal < 1 || nVal >= P) throw new ValidationError('validationSplit', `leaves ${P - nVal} training and ${nVal} validation rows of ${P}; both need at least 1 (got ${frac})`);
  const perm = rng.permutation(P);
  const pick = (idx: Int32Array, M: Matrix): Matrix => {
    const out: Matrix = { rows: idx.length, cols: M.cols, data: new Float64Array(idx.length * M.cols) };
    idx.forEach((r, i) => out.data.set(M.data.subarray(r * M.cols, (r + 1) * M.cols), i * M.cols));
    return out;
  };
  const vi = perm.subarray(0, nVal), ti = perm.subarray(nVal);
  return { train: { X: pick(ti, X), T: pick(ti, T) }, val: { X: pick(vi, X), T: pick(vi, T) } };
}

