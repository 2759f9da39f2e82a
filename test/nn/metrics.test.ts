/** Classification metrics: argmax with ties, the one-column 0.5 rule, class codes, accuracy by index and by row. */
import { describe, expect, it } from 'vitest';
import { oneHot } from '../../src/nn/data.js';
import type { Matrix } from '../../src/nn/matrix.js';
import {
  accuracy, argmax, argmaxRows, countCorrect, countMatches, isClassCode, labelAccuracy, rowClass, rowClasses,
} from '../../src/nn/metrics.js';

const m = (rows: number[][]): Matrix => ({ rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) });

describe('argmax', () => {
  it('the first of equal maxima wins; a slice counts from its start', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
    expect(argmax([-5, -2, -7])).toBe(1);
    expect(argmax([4, 4, 4])).toBe(0);
    expect(argmax([7])).toBe(0);
    // [9, | 1, 5, 5 |, 0]: the slice from 1 of length 3 peaks at its 2nd entry (the first 5)
    expect(argmax([9, 1, 5, 5, 0], 1, 3)).toBe(1);
    expect(argmax(Float64Array.from([0, 0, 2, 0, 3, 1]), 3, 3)).toBe(1);
  });
  it('per row of a matrix', () => {
    expect(Array.from(argmaxRows(m([[0.1, 0.7, 0.2], [0.5, 0.5, 0], [0, 0, 1]])))).toEqual([1, 0, 2]);
  });
});

describe('rowClass', () => {
  it('one column is a binary class: 1 from 0.5 up', () => {
    expect(rowClass([0.5], 0, 1)).toBe(1);
    expect(rowClass([0.4999], 0, 1)).toBe(0);
    expect(rowClass([3, 0.2, -1], 1, 1)).toBe(0);
    expect(Array.from(rowClasses(m([[0.9], [0.1], [0.5]])))).toEqual([1, 0, 1]);
  });
  it('several columns: the argmax, the first on ties', () => {
    expect(rowClass([0, 0, 0.2, 0.8, 0.8], 2, 3)).toBe(1);
    expect(Array.from(rowClasses(m([[2, 1], [1, 2], [1, 1]])))).toEqual([0, 1, 0]);
  });
});

describe('isClassCode', () => {
  it('one-hot rows, probability rows and one 0/1 column are class codes', () => {
    expect(isClassCode(m([[0, 1, 0], [1, 0, 0]]))).toBe(true);
    expect(isClassCode(m([[0.2, 0.5, 0.3], [0.1, 0.1, 0.8]]))).toBe(true);
    expect(isClassCode(m([[0], [1], [1]]))).toBe(true);
  });
  it('regression targets are not', () => {
    expect(isClassCode(m([[0.3], [1]]))).toBe(false); // one column not all 0/1
    expect(isClassCode(m([[0.5, 0.6]]))).toBe(false); // sums to 1.1
    expect(isClassCode(m([[1.5, -0.5]]))).toBe(false); // sums to 1, entries outside [0, 1]
  });
});

describe('accuracy', () => {
  it('outputs against one-hot rows: the tie [0.4, 0.4, 0.2] is class 0', () => {
    const Y = m([[0.1, 0.7, 0.2], [0.5, 0.4, 0.1], [0.4, 0.4, 0.2], [0.4, 0.4, 0.2]]);
    // right, wrong (0 ≠ 2), right (0 = 0), wrong (0 ≠ 1)
    expect(accuracy(Y, m([[0, 1, 0], [0, 0, 1], [1, 0, 0], [0, 1, 0]]))).toBe(0.5);
  });
  it('probability rows as targets count their most likely class', () => {
    const Y = m([[0.1, 0.7, 0.2], [0.6, 0.3, 0.1], [0, 0, 1]]);
    // targets' classes 1, 1, 2: right, wrong, right
    expect(accuracy(Y, m([[0.1, 0.6, 0.3], [0.2, 0.5, 0.3], [0.25, 0.25, 0.5]]))).toBeCloseTo(2 / 3, 15);
  });
  it('one 0/1 column: output ≥ 0.5 is class 1', () => {
    // 0.5 → 1 right; 0.49 → 0 right; 0.9 → 1 wrong
    expect(accuracy(m([[0.5], [0.49], [0.9]]), m([[1], [0], [0]]))).toBeCloseTo(2 / 3, 15);
  });
  it('null for regression targets', () => {
    expect(accuracy(m([[0.7], [0.2]]), m([[0.3], [-1.2]]))).toBeNull();
    expect(accuracy(m([[0.7, 2]]), m([[0.3, 3]]))).toBeNull();
  });
  it('countCorrect counts the same rows on flat arrays', () => {
    const Y = [0.1, 0.7, 0.2, 0.5, 0.4, 0.1], T = [0, 1, 0, 0, 0, 1];
    expect(countCorrect(Y, T, 2, 3)).toBe(1);
    expect(countCorrect([0.5, 0.2, 0.7], [1, 1, 1], 3, 1)).toBe(2);
  });
});

describe('labelAccuracy', () => {
  it('class indices against labels, over all or the first n', () => {
    expect(countMatches([1, 2, 0, 2], [1, 0, 0, 1])).toBe(2);
    expect(labelAccuracy([1, 2, 0, 2], [1, 0, 0, 1])).toBe(0.5);
    expect(labelAccuracy(Int32Array.from([1, 2, 0, 2]), [1, 0, 0, 1], 1)).toBe(1);
    expect(labelAccuracy([1, 2, 0, 2], [1, 0, 0, 1], 3)).toBeCloseTo(2 / 3, 15);
  });
  it('class index and one-hot targets give the same accuracy; so do a 0/1 column and its labels', () => {
    const Y = m([[0.1, 0.7, 0.2], [0.5, 0.4, 0.1], [0.4, 0.4, 0.2], [0.3, 0.3, 0.4], [0.2, 0.2, 0.6]]);
    const labels = [1, 2, 0, 1, 2]; // right, wrong, right, wrong, right
    expect(labelAccuracy(rowClasses(Y), labels)).toBe(0.6);
    expect(accuracy(Y, oneHot(labels, 3))).toBe(0.6);
    const y = m([[0.2], [0.5], [0.8], [0.1]]), bits = [0, 0, 1, 1]; // right, wrong, right, wrong
    expect(labelAccuracy(rowClasses(y), bits)).toBe(0.5);
    expect(accuracy(y, m(bits.map((b) => [b])))).toBe(0.5);
  });
});
