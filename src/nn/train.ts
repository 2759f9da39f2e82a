/**
 * `train(mlp, { X, T }, options)`: epochs of shuffled mini-batches (seeded; seed 004's
 * mini-batch SGD), full-batch and single-sample modes (notes §14.1–14.2), a validation split or set, early
 * stopping, weight decay, dropout, image shifts, learning-rate schedules, and a history of loss and accuracy
 * per epoch. Progress goes to callbacks (the CLI draws a bar, the web app posts from its worker).
 * @module
 */
import { TrainingDiverged, ValidationError, describeValue } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { Rng } from '../core/rng.js';
import { checkBoolean, checkFunction, checkInteger, checkKnownKeys, checkNonNegative, checkRange } from '../core/validate.js';
import { takeRows } from './data.js';
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
  /**
   * Cancels the run between two mini-batches once `aborted` is true (an `AbortSignal`, or any object with that
   * flag): training stops, the network keeps what it learned so far and the history says `cancelled`.
   */
  signal?: { readonly aborted: boolean };
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
  /** Epochs run (completed). */
  epochs: number;
  stoppedEarly: boolean;
  /** True when `signal` cancelled the run (the last epoch may be unfinished and is not in the history). */
  cancelled: boolean;
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
  'l2', 'l1', 'dropout', 'augment', 'schedule', 'fanInScaling', 'onEpoch', 'onProgress', 'signal'];

/** A loss this many times the lowest seen (or than 1, if that is larger) means training blew up. */
const BLOW_UP = 1e8;

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
  if (o.onEpoch !== undefined) checkFunction('train.onEpoch', o.onEpoch, '(info) => void | boolean');
  if (o.onProgress !== undefined) checkFunction('train.onProgress', o.onProgress, '(done, total) => void');
  const signal = o.signal;
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || typeof signal.aborted !== 'boolean')) {
    throw new ValidationError('train.signal', `must be an AbortSignal (an object with a boolean 'aborted') (got ${describeValue(signal)})`);
  }
  const rng = new Rng(seed);
  let { X, T } = mlp.checkData(data.X, data.T);
  let val: { X: Matrix; T: Matrix } | null = null;
  if (o.validation !== undefined) {
    if (o.validationSplit !== undefined) throw new ValidationError('train.validationSplit', 'give either validation or validationSplit, not both');
    if (!o.validation || typeof o.validation !== 'object') throw new ValidationError('train.validation', `must be { X, T } (got ${describeValue(o.validation)})`);
    try {
      val = mlp.checkData(o.validation.X, o.validation.T);
    } catch (e) {
      // the set's own checks name X or T; say which set
      if (e instanceof ValidationError && !e.param.startsWith('train.')) throw new ValidationError(`train.validation.${e.param}`, e.message.slice(e.param.length + 2));
      throw e;
    }
  } else if (o.validationSplit !== undefined) {
    const frac = checkRange('train.validationSplit', o.validationSplit, 0, 1, true); // 0: no validation set
    if (frac > 0) {
      const split = splitRows(X, T, frac, rng);
      X = split.train.X; T = split.train.T; val = split.val;
    }
  }
  const P = X.rows;
  if (epochs * P > Number.MAX_SAFE_INTEGER) {
    throw new ValidationError('train.epochs', `× ${P} samples must stay <= 2^53 samples, so that progress counts are exact (got ${epochs})`);
  }
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
  const h: History = { loss: [], accuracy: [], valLoss: [], valAccuracy: [], lr: [], epochs: 0, stoppedEarly: false, cancelled: false, bestEpoch: 0, seconds: 0 };
  // Divergence: a loss that is not finite, or BLOW_UP times the lowest seen. Checked on every mini-batch (before its
  // update), on every validation loss, and once after the last update.
  let lowest = Infinity;
  const checkLossValue = (what: string, l: number, epoch: number, where: string): void => {
    if (Number.isFinite(l) && l <= BLOW_UP * Math.max(1, lowest)) {
      if (l < lowest) lowest = l;
      return;
    }
    throw new TrainingDiverged(what, l, epoch, where,
      `the learning rate (${optimizer.lr}) is probably too large for this problem (or the data's scale is)`, h);
  };
  const batches = Math.ceil(P / batch);
  let best = Infinity, since = 0, bestParams: Float64Array[] | null = null;
  const totalSamples = epochs * P;
  const t0 = performance.now();
  const stats = { correct: 0 };
  const classify = isClassCode(T);
  // one options object for every batch: a training step allocates nothing
  const batchOpts: BatchOptions = { index: order, start: 0, count: 0, dropout, rng, l2, l1, transformInput: transform, stats: classify ? stats : undefined };
  let last = { start: 0, count: 0, epoch: 0 }; // the last mini-batch trained on
  for (let epoch = 0; epoch < epochs; epoch++) {
    optimizer.lr = schedule(lr0, epoch);
    if (shuffle) rng.shuffle(order);
    let sum = 0;
    stats.correct = 0;
    for (let s = 0; s < P; s += batch) {
      if (signal?.aborted) break;
      const count = Math.min(batch, P - s);
      batchOpts.start = s;
      batchOpts.count = count;
      const l = mlp.computeGradients(X, T, loss, batchOpts);
      checkLossValue('the training loss', l, epoch + 1, `mini-batch ${s / batch + 1} of ${batches}, before its update`);
      optimizer.step(params, grads);
      last = { start: s, count, epoch: epoch + 1 };
      sum += l * count;
      o.onProgress?.(epoch * P + s + count, totalSamples);
    }
    if (signal?.aborted) { h.cancelled = true; break; }
    h.loss.push(sum / P);
    if (classify) h.accuracy.push(stats.correct / P);
    h.lr.push(optimizer.lr);
    let monitored = sum / P;
    let va: number | null = null, vl: number | null = null;
    if (val) {
      const ev = evaluate(mlp, val, loss);
      vl = ev.loss; va = ev.accuracy;
      checkLossValue('the validation loss', vl, epoch + 1, 'after the epoch');
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
  else if (last.count > 0 && !val) {
    // The losses above were measured before each update: the last update is checked here, on the rows it used.
    const rows = order.slice(last.start, last.start + last.count);
    const after = mlp.loss(takeRows(X, rows), takeRows(T, rows), loss, { l2, l1 });
    checkLossValue('the training loss after the last update', after, last.epoch, 'on the last mini-batch');
  }
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

