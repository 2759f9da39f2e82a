/**
 * The perceptron of notes §7.1: one threshold unit y = [w·x + b ≥ 0], trained by w ← w + κEx, b ← b + κE with the
 * "L1 error" E = t − y. (The notes print b ← b + Et; with b ← b + E their worked example ends at exactly the
 * weights they give, w = [0.6, 0.8], b = −0.1, so that is the rule implemented.) It learns any linearly
 * separable function (OR, AND) and never settles on XOR (Remark 7.1).
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { checkInteger, checkPositive } from '../core/validate.js';
import { asMatrix, type Matrix } from './matrix.js';

/** A single threshold unit. */
export class Perceptron {
  readonly w: Float64Array;
  b: number;
  constructor(inputs: number, init: { w?: number[]; b?: number } = {}) {
    checkInteger('Perceptron.inputs', inputs, 1);
    this.w = new Float64Array(inputs);
    if (init.w) {
      if (init.w.length !== inputs) throw new ValidationError('Perceptron.w', `must have length ${inputs} (got ${init.w.length})`);
      this.w.set(init.w);
    }
    this.b = init.b ?? 0;
  }

  /** 1 if w·x + b ≥ 0, else 0 (notes §3.1's threshold). */
  predict(x: ArrayLike<number>): number {
    let z = this.b;
    for (let i = 0; i < this.w.length; i++) z += this.w[i] * x[i];
    return z >= 0 ? 1 : 0;
  }

  /** One update on one sample; returns the error E = t − y. */
  update(x: ArrayLike<number>, t: number, rate = 1): number {
    const e = t - this.predict(x);
    if (e !== 0) {
      for (let i = 0; i < this.w.length; i++) this.w[i] += rate * e * x[i];
      this.b += rate * e;
    }
    return e;
  }

  /**
   * Passes over the samples in order until an epoch makes no mistake or `maxEpochs` run out. Returns whether it
   * converged, the epochs used and the mistakes per epoch.
   */
  train(X: number[][] | Matrix, t: number[], o: { maxEpochs?: number; rate?: number } = {}): { converged: boolean; epochs: number; errors: number[] } {
    const M = asMatrix(X, 'X');
    if (M.cols !== this.w.length) throw new ValidationError('X', `rows must have ${this.w.length} entries (got ${M.cols})`);
    if (!Array.isArray(t) || t.length !== M.rows) throw new ValidationError('t', `must have one target per row of X (${M.rows}) (got ${Array.isArray(t) ? t.length : typeof t})`);
    t.forEach((v, i) => { if (v !== 0 && v !== 1) throw new ValidationError('t', `entry ${i} must be 0 or 1 (got ${v})`); });
    const maxEpochs = checkInteger('Perceptron.maxEpochs', o.maxEpochs ?? 100, 1);
    const rate = checkPositive('Perceptron.rate', o.rate ?? 1);
    const errors: number[] = [];
    for (let ep = 0; ep < maxEpochs; ep++) {
      let mistakes = 0;
      for (let p = 0; p < M.rows; p++) if (this.update(M.data.subarray(p * M.cols, (p + 1) * M.cols), t[p], rate) !== 0) mistakes++;
      errors.push(mistakes);
      if (mistakes === 0) return { converged: true, epochs: ep + 1, errors };
    }
    return { converged: false, epochs: maxEpochs, errors };
  }
}
