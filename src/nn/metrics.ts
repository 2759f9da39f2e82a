/**
 * Classification metrics: the class a row of outputs stands for, and the fraction of rows classified right.
 * One rule everywhere (training statistics, evaluation, the spiking bridge): the class of a row is the index of
 * its largest entry, the first one on ties; a single output column is a binary class, 1 when the value is ≥ 0.5.
 * Targets may be class indices, one-hot rows, probability rows, or one 0/1 column.
 * @module
 */
import type { Matrix } from './matrix.js';

/** Index of the largest of `a[from .. from + count)`, counted from `from`; the first one on ties. */
export function argmax(a: ArrayLike<number>, from = 0, count = a.length - from): number {
  let best = 0;
  for (let j = 1; j < count; j++) if (a[from + j] > a[from + best]) best = j;
  return best;
}

/** The index of the largest entry of each row (class predictions from outputs or one-hot targets). */
export function argmaxRows(M: Matrix): Int32Array {
  const out = new Int32Array(M.rows);
  for (let r = 0; r < M.rows; r++) out[r] = argmax(M.data, r * M.cols, M.cols);
  return out;
}

/** The class of the row `y[from .. from + cols)`: its argmax, or for one column 1 when y ≥ 0.5, else 0. */
export function rowClass(y: ArrayLike<number>, from: number, cols: number): number {
  if (cols === 1) return y[from] >= 0.5 ? 1 : 0;
  return argmax(y, from, cols);
}

/** {@link rowClass} of every row. */
export function rowClasses(Y: Matrix): Int32Array {
  const out = new Int32Array(Y.rows);
  for (let r = 0; r < Y.rows; r++) out[r] = rowClass(Y.data, r * Y.cols, Y.cols);
  return out;
}

/**
 * True when T codes classes: one column of 0s and 1s, or rows of entries in [0, 1] that sum to 1 (one-hot or
 * probability rows). A regression target is not a class code and has no accuracy.
 */
export function isClassCode(T: Matrix): boolean {
  const cols = T.cols;
  if (cols === 1) {
    for (let i = 0; i < T.rows; i++) if (T.data[i] !== 0 && T.data[i] !== 1) return false;
    return true;
  }
  for (let r = 0; r < T.rows; r++) {
    let s = 0;
    for (let j = 0; j < cols; j++) {
      const v = T.data[r * cols + j];
      if (v < 0 || v > 1) return false;
      s += v;
    }
    if (Math.abs(s - 1) > 1e-9) return false;
  }
  return true;
}

/** Rows (of `rows` × `cols`, row-major) whose output class ({@link rowClass}) is the target's. */
export function countCorrect(Y: ArrayLike<number>, T: ArrayLike<number>, rows: number, cols: number): number {
  let ok = 0;
  for (let r = 0; r < rows; r++) if (rowClass(Y, r * cols, cols) === rowClass(T, r * cols, cols)) ok++;
  return ok;
}

/**
 * Fraction of rows classified right: the class of each output row ({@link rowClass}) against the target row's.
 * Null when T is not a class code ({@link isClassCode}).
 */
export function accuracy(Y: Matrix, T: Matrix): number | null {
  if (!isClassCode(T)) return null;
  return countCorrect(Y.data, T.data, T.rows, T.cols) / T.rows;
}

/** How many of the first `count` predicted classes equal their labels. */
export function countMatches(predicted: ArrayLike<number>, labels: ArrayLike<number>, count = predicted.length): number {
  let ok = 0;
  for (let i = 0; i < count; i++) if (predicted[i] === labels[i]) ok++;
  return ok;
}

/** Fraction of the first `count` predicted classes that equal their labels (class indices). */
export function labelAccuracy(predicted: ArrayLike<number>, labels: ArrayLike<number>, count = predicted.length): number {
  return countMatches(predicted, labels, count) / count;
}
