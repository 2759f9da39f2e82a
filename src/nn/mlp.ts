/**
 * A multilayer perceptron trained by backprop in matrix form (notes §10, §14.1): z^(l+1) = W^(l) h^(l) + b^(l+1),
 * h = σ(z), batches as rows. Parameters, gradients and work buffers live in one {@link Arena} made at
 * construction; batches larger than the work block are processed block by block (gradients accumulate), so no
 * call allocates per step and the memory never grows.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { Rng } from '../core/rng.js';
import { maxOf } from '../core/arrays.js';
import { checkMemory } from '../core/budget.js';
import { checkInteger, checkKnownKeys, checkNonNegative, checkRange } from '../core/validate.js';
import { resolveActivation, type Activation, type ActivationSpec } from './activations.js';
import { Arena } from './arena.js';
import { initLayer, resolveInit, type InitSpec } from './init.js';
import { checkLoss, checkLossOutput, lossAndDelta, type LossName } from './losses.js';
import { addRowVector, asMatrix, sumRows, toRows, type Matrix } from './matrix.js';
import { maxMarginLossAndGradients } from './maxMargin.js';
import { countCorrect } from './metrics.js';
import { mlpFromJson, mlpToJson, type MLPJson } from './mlpJson.js';

export type { MLPJson } from './mlpJson.js';

/** Options of {@link MLP}. */
export interface MLPOptions {
  /** Units per layer, input first, e.g. `[784, 300, 10]`. */
  sizes: number[];
  /** Hidden activation: one spec for every hidden layer, or one per hidden layer. @default 'relu' */
  hidden?: ActivationSpec | ActivationSpec[];
  /** Output activation. @default 'identity' */
  output?: ActivationSpec;
  /** Seed of the weight initialization. @default 0 */
  seed?: number;
  /** Weight initialization. @default 'he' for the ReLU family, 'xavier' otherwise */
  init?: InitSpec;
  /** Rows processed per block (work buffers are sized for this). @default 256 */
  blockSize?: number;
  /** Use the WebAssembly SIMD kernels when available. @default true */
  wasm?: boolean;
}

/** One layer's parameters in the public layout: `W[out][in]`, `b[out]`, and prelu's learned slope `a[out]`. */
export interface LayerParameters {
  W: number[][];
  b: number[];
  a?: number[];
}

/** Regularization added to a loss: L2 λ‖W‖² (gradient 2λW, notes §11.2) and L1 λ Σ|W|, on weights only. */
export interface Regularization {
  /** @default 0 */
  l2?: number;
  /** @default 0 */
  l1?: number;
}

/** Options of one gradient computation (what `train` passes per batch). */
export interface BatchOptions extends Regularization {
  /** Inverted dropout on hidden layers: drop probability p ∈ [0, 1); kept units are scaled by 1/(1 − p). */
  dropout?: number;
  /** Random numbers for dropout masks. */
  rng?: Rng;
  /** Rows of X/T to use, in this order (default all rows in order). */
  index?: Int32Array;
  /** Start and count within `index` (or within the rows). */
  start?: number;
  count?: number;
  /** Rewrites a gathered input row in place (data augmentation), given the row and a random source. */
  transformInput?: (row: Float64Array, rng: Rng) => void;
  /** When given, `correct` is increased by the rows whose output argmax (or ≥ 0.5 for one output) matches T's. */
  stats?: { correct: number };
}

const RELU_FAMILY = new Set(['relu', 'leaky-relu', 'prelu', 'elu', 'softplus']);

interface Layer {
  fanIn: number;
  fanOut: number;
  act: Activation;
  W: Float64Array;
  b: Float64Array;
  a: Float64Array | null;
  gW: Float64Array;
  gb: Float64Array;
  ga: Float64Array | null;
  /** Work buffers, blockSize × fanOut: input current, activation, dropout-masked activation, ∂E/∂z, mask. */
  Z: Float64Array;
  A: Float64Array;
  Hd: Float64Array;
  D: Float64Array;
  mask: Float64Array;
}

/** A feed-forward network of dense layers: `new MLP({ sizes, hidden, output, seed?, init? })`. */
export class MLP {
  /** Units per layer, input first. */
  readonly sizes: readonly number[];
  /** Activation of each layer (hidden layers, then the output). */
  readonly activations: readonly Activation[];
  /** Rows per work block. */
  readonly blockSize: number;
  /** Which GEMM kernels run: `'wasm'` (SIMD) or `'ts'`. */
  readonly kernelKind: 'wasm' | 'ts';
  private readonly layers: Layer[];
  private readonly arena: Arena;
  /** Input block (blockSize × sizes[0]) and target block (blockSize × output size). */
  private readonly X0: Float64Array;
  private readonly T0: Float64Array;
  /** Scratch, blockSize × max layer size: ∂E/∂h before the activation's backward. */
  private readonly G: Float64Array;
  private readonly params: Float64Array[];
  private readonly grads: Float64Array[];
  /** Layer inputs of the last forward pass (the dropout-masked buffers when dropout was on). */
  private readonly inputs: Float64Array[];
  /** Views of the input block's rows (made once, on first use by augmentation). */
  private rowViews: Float64Array[] = [];
  private outRows = 0;
  private outScale = 1;
  /** The output layer's backward for the loss kernel, bound once (no closure per block). */
  private readonly outBackward = (g: Float64Array, dz: Float64Array): void => {
    const out = this.layers[this.layers.length - 1];
    out.act.backward(out.Z, out.A, g, dz, this.outRows, out.fanOut, out.a ?? undefined, out.ga ?? undefined, this.outScale);
  };

  constructor(options: MLPOptions) {
    const o = options as MLPOptions | undefined;
    if (!o || typeof o !== 'object') throw new ValidationError('MLP', `needs an options object { sizes, hidden, output } (got ${describeValue(o)})`);
    checkKnownKeys('MLP', o, ['sizes', 'hidden', 'output', 'seed', 'init', 'blockSize', 'wasm']);
    const sizes = o.sizes;
    if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((s) => Number.isInteger(s) && s > 0)) {
      throw new ValidationError('MLP.sizes', `must be an array of >= 2 positive integers (got ${Array.isArray(sizes) ? showSizes(sizes) : describeValue(sizes)})`);
    }
    const L = sizes.length - 1;
    this.blockSize = checkInteger('MLP.blockSize', o.blockSize ?? 256, 2);
    checkMlpMemory(sizes, this.blockSize);
    const hiddenSpecs = Array.isArray(o.hidden) ? o.hidden : new Array(L - 1).fill(o.hidden ?? 'relu');
    if (hiddenSpecs.length !== L - 1) {
      throw new ValidationError('MLP.hidden', `needs one activation per hidden layer: ${L - 1} for sizes [${sizes.join(', ')}] (got ${hiddenSpecs.length})`);
    }
    const acts = hiddenSpecs.map((s, i) => resolveActivation(s, L - 1 > 1 ? `MLP.hidden[${i}]` : 'MLP.hidden'));
    acts.forEach((a, i) => {
      if (a.rowwise) throw new ValidationError(L - 1 > 1 ? `MLP.hidden[${i}]` : 'MLP.hidden', `'softmax' is allowed only as the output activation`);
    });
    acts.push(resolveActivation(o.output ?? 'identity', 'MLP.output'));
    this.sizes = Object.freeze([...sizes]);
    this.activations = Object.freeze(acts);
    const seed = o.seed ?? 0;
    if (!Number.isInteger(seed)) throw new ValidationError('MLP.seed', `must be an integer (got ${describeValue(seed)})`);
    const fallback = acts.length > 1 && RELU_FAMILY.has(acts[0].name) ? 'he' : 'xavier';
    const init = resolveInit(o.init, fallback);

    const B = this.blockSize;
    const maxSize = maxOf(sizes);
    let doubles = B * sizes[0] + B * sizes[L] + B * maxSize;
    for (let l = 0; l < L; l++) {
      const n = sizes[l + 1] * sizes[l] + sizes[l + 1] + (acts[l].learned ? sizes[l + 1] : 0);
      doubles += 2 * n + 5 * B * sizes[l + 1] + 16;
    }
    this.arena = new Arena(doubles, o.wasm ?? true);
    this.kernelKind = this.arena.kernels.kind;
    const ar = this.arena;
    this.layers = [];
    for (let l = 0; l < L; l++) {
      const fanIn = sizes[l], fanOut = sizes[l + 1];
      this.layers.push({
        fanIn, fanOut, act: acts[l],
        W: ar.alloc(fanOut * fanIn), b: ar.alloc(fanOut), a: acts[l].learned ? ar.alloc(fanOut) : null,
        gW: ar.alloc(fanOut * fanIn), gb: ar.alloc(fanOut), ga: acts[l].learned ? ar.alloc(fanOut) : null,
        Z: ar.alloc(B * fanOut), A: ar.alloc(B * fanOut), Hd: ar.alloc(B * fanOut), D: ar.alloc(B * fanOut), mask: ar.alloc(B * fanOut),
      });
    }
    this.X0 = ar.alloc(B * sizes[0]);
    this.T0 = ar.alloc(B * sizes[L]);
    this.G = ar.alloc(B * maxSize);
    this.params = [];
    this.grads = [];
    for (const ly of this.layers) {
      this.params.push(ly.W, ly.b);
      this.grads.push(ly.gW, ly.gb);
      if (ly.a) { this.params.push(ly.a); this.grads.push(ly.ga!); }
    }
    this.inputs = new Array(L + 1).fill(this.X0);
    const rng = new Rng(seed);
    for (const ly of this.layers) {
      initLayer(ly.W, ly.b, ly.fanIn, ly.fanOut, init, rng);
      if (ly.a) ly.a.fill(ly.act.params.init);
    }
  }

  /** Number of layers of weights (sizes.length − 1). */
  get depth(): number {
    return this.layers.length;
  }

  /** Total number of trainable numbers. */
  get parameterCount(): number {
    return this.params.reduce((s, p) => s + p.length, 0);
  }

  /**
   * The live parameter arrays, `[W⁰, b⁰, (a⁰), W¹, b¹, …]` (views into the network's memory: an optimizer's
   * `step(params, grads)` updates the network in place). `W` is row-major out×in.
   */
  parameterArrays(): Float64Array[] {
    return this.params.slice();
  }

  /** The gradient arrays matching {@link parameterArrays}, written by the last gradient computation. */
  gradientArrays(): Float64Array[] {
    return this.grads.slice();
  }

  /** For each parameter array: its layer's fan-in (Collobert's learning-rate scaling uses 1/√fanIn, seed 002 §2.7). */
  fanIns(): number[] {
    const out: number[] = [];
    for (const ly of this.layers) {
      out.push(ly.fanIn, ly.fanIn);
      if (ly.a) out.push(ly.fanIn);
    }
    return out;
  }

  /** For each parameter array: true for weight matrices (what weight decay applies to), false for biases/slopes. */
  isWeight(): boolean[] {
    const out: boolean[] = [];
    for (const ly of this.layers) {
      out.push(true, false);
      if (ly.a) out.push(false);
    }
    return out;
  }

  /** Copies of the parameters: `layers[l] = { W: number[][] /* [out][in] *\/, b: number[] }` (+ `a` for prelu). */
  getParameters(): LayerParameters[] {
    return this.layers.map((ly) => {
      const p: LayerParameters = { W: toRows({ rows: ly.fanOut, cols: ly.fanIn, data: ly.W }), b: Array.from(ly.b) };
      if (ly.a) p.a = Array.from(ly.a);
      return p;
    });
  }

  /** Sets the parameters from the {@link getParameters} layout, checking every shape and value. */
  setParameters(layers: LayerParameters[]): void {
    const name = 'MLP.setParameters';
    if (!Array.isArray(layers) || layers.length !== this.layers.length) {
      throw new ValidationError(name, `needs ${this.layers.length} layers for sizes [${this.sizes.join(', ')}] (got ${Array.isArray(layers) ? layers.length : describeValue(layers)})`);
    }
    // Validate everything before writing anything, so a bad layer leaves the network unchanged.
    const checked = layers.map((p, l) => {
      const ly = this.layers[l];
      if (!p || typeof p !== 'object') throw new ValidationError(`${name}[${l}]`, `must be { W, b } (got ${describeValue(p)})`);
      const W = asMatrix(p.W, `${name}[${l}].W`);
      if (W.rows !== ly.fanOut || W.cols !== ly.fanIn) {
        throw new ValidationError(`${name}[${l}].W`, `must be ${ly.fanOut}×${ly.fanIn} ([out][in]) (got ${W.rows}×${W.cols})`);
      }
      const b = vector(p.b, ly.fanOut, `${name}[${l}].b`);
      const a = ly.a ? vector(p.a ?? new Array(ly.fanOut).fill(ly.act.params.init), ly.fanOut, `${name}[${l}].a`) : null;
      return { W, b, a };
    });
    checked.forEach((c, l) => {
      const ly = this.layers[l];
      ly.W.set(c.W.data);
      ly.b.set(c.b);
      if (ly.a && c.a) ly.a.set(c.a);
    });
  }

  /** Outputs for each row of X, as `number[][]` (one row per sample). */
  forward(X: number[][] | Matrix): number[][] {
    return toRows(this.predict(X));
  }

  /** Outputs as a {@link Matrix} (no dropout; blocks of {@link blockSize} rows). */
  predict(X: number[][] | Matrix): Matrix {
    const M = this.checkInput(X, 'X');
    const nOut = this.sizes[this.depth];
    const out: Matrix = { rows: M.rows, cols: nOut, data: new Float64Array(M.rows * nOut) };
    const n0 = this.sizes[0];
    for (let s = 0; s < M.rows; s += this.blockSize) {
      const rows = Math.min(this.blockSize, M.rows - s);
      this.X0.set(M.data.subarray(s * n0, (s + rows) * n0));
      this.forwardBlock(rows, 0, null);
      out.data.set(this.layers[this.depth - 1].A.subarray(0, rows * nOut), s * nOut);
    }
    const d = out.data;
    for (let k = 0; k < d.length; k++) {
      if (!Number.isFinite(d[k])) {
        throw new ValidationError('X', `row ${Math.floor(k / nOut)} gives a non-finite output (${d[k]} at output ${k % nOut}): the inputs or the weights are too large for double precision`);
      }
    }
    return out;
  }

  /**
   * Loss averaged over the P rows and its gradients in the {@link getParameters} layout.
   * `reg` adds L2/L1 weight decay to both.
   */
  lossAndGradients(X: number[][] | Matrix, T: number[][] | Matrix, loss: LossName, reg: Regularization = {}): { loss: number; grads: LayerParameters[] } {
    const { X: Xm, T: Tm } = this.checkData(X, T);
    const value = this.computeGradients(Xm, Tm, checkLoss(loss), reg);
    return { loss: value, grads: this.getGradients() };
  }

  /** The loss alone (averaged, with `reg`), without touching the gradient arrays' meaning. */
  loss(X: number[][] | Matrix, T: number[][] | Matrix, loss: LossName, reg: Regularization = {}): number {
    const { X: Xm, T: Tm } = this.checkData(X, T);
    const name = checkLoss(loss);
    checkLossOutput(name, this.activations[this.depth - 1]);
    let total = 0;
    const n0 = this.sizes[0], nOut = this.sizes[this.depth];
    const out = this.layers[this.depth - 1];
    for (let s = 0; s < Xm.rows; s += this.blockSize) {
      const rows = Math.min(this.blockSize, Xm.rows - s);
      this.X0.set(Xm.data.subarray(s * n0, (s + rows) * n0));
      this.T0.set(Tm.data.subarray(s * nOut, (s + rows) * nOut));
      this.forwardBlock(rows, 0, null);
      total += lossAndDelta(name, out.act, out.Z, out.A, this.T0, rows, nOut, out.D, this.G, () => {});
    }
    return total / Xm.rows + this.penalty(reg);
  }

  /**
   * The fast path `train` uses: loss (averaged, with regularization) and gradients into {@link gradientArrays}
   * for the rows `index[start .. start + count)` of already-validated X and T.
   */
  computeGradients(X: Matrix, T: Matrix, loss: LossName, opts: BatchOptions = {}): number {
    checkLossOutput(loss, this.activations[this.depth - 1]);
    const dropout = opts.dropout ?? 0;
    if (dropout !== 0) checkRange('dropout', dropout, 0, 1, true);
    if (dropout > 0 && !opts.rng) throw new ValidationError('dropout', 'needs an rng (seeded random numbers) for its masks');
    const start = opts.start ?? 0;
    const count = opts.count ?? (opts.index ? opts.index.length : X.rows) - start;
    const index = opts.index;
    const n0 = this.sizes[0], nOut = this.sizes[this.depth];
    const scale = 1 / count;
    const out = this.layers[this.depth - 1];
    const Xd = X.data, Td = T.data, X0 = this.X0, T0 = this.T0;
    let total = 0;
    for (let s = 0; s < count; s += this.blockSize) {
      const rows = Math.min(this.blockSize, count - s);
      // gather the block's rows (shuffled order) with plain loops: no typed-array views are made per row
      for (let r = 0; r < rows; r++) {
        const src = index ? index[start + s + r] : start + s + r;
        const xo = src * n0, ro = r * n0;
        for (let j = 0; j < n0; j++) X0[ro + j] = Xd[xo + j];
        const to = src * nOut, rt = r * nOut;
        for (let j = 0; j < nOut; j++) T0[rt + j] = Td[to + j];
        if (opts.transformInput) opts.transformInput(this.rowView(r), opts.rng!);
      }
      this.forwardBlock(rows, dropout, opts.rng ?? null);
      if (s === 0 && out.ga) out.ga.fill(0);
      this.outRows = rows;
      this.outScale = scale;
      total += lossAndDelta(loss, out.act, out.Z, out.A, this.T0, rows, nOut, out.D, this.G, this.outBackward);
      if (opts.stats) opts.stats.correct += countCorrect(out.A, this.T0, rows, nOut);
      this.backwardBlock(rows, scale, s === 0, dropout > 0);
    }
    this.addPenaltyGradients(opts);
    return total * scale + this.penalty(opts);
  }

  /**
   * Max-margin objective (seeds 000/002 §1.4): J = (1/P) Σ_p max(0, margin + s_c − s), with s the single output
   * score of a true window and s_c that of its corrupt partner (row p of each). Returns J and its gradients.
   */
  maxMarginLossAndGradients(Xtrue: number[][] | Matrix, Xcorrupt: number[][] | Matrix, margin = 1): { loss: number; grads: LayerParameters[] } {
    return maxMarginLossAndGradients(this, Xtrue, Xcorrupt, margin);
  }

  /** Copies of the gradients of the last gradient computation, in the {@link getParameters} layout. */
  getGradients(): LayerParameters[] {
    return this.layers.map((ly) => {
      const p: LayerParameters = { W: toRows({ rows: ly.fanOut, cols: ly.fanIn, data: ly.gW }), b: Array.from(ly.gb) };
      if (ly.ga) p.a = Array.from(ly.ga);
      return p;
    });
  }

  /** A plain-object copy: sizes, activation specs and parameters (validated again by {@link MLP.fromJSON}). */
  toJSON(): MLPJson {
    return mlpToJson(this);
  }

  /**
   * Rebuilds a network from {@link toJSON}'s object or its JSON text. A corrupt or truncated file is a
   * {@link ValidationError} naming what is wrong, never a half-loaded network.
   */
  static fromJSON(json: string | MLPJson, options: { wasm?: boolean; blockSize?: number } = {}): MLP {
    return mlpFromJson(json, (m) => new MLP({ ...m, wasm: options.wasm, blockSize: options.blockSize }));
  }

  /** Validates inputs: a matrix whose rows have the network's input size. */
  checkInput(X: number[][] | Matrix, name: string): Matrix {
    const M = asMatrix(X, name);
    if (M.cols !== this.sizes[0]) {
      throw new ValidationError(name, `rows must have ${this.sizes[0]} entries, the network's input size (sizes [${this.sizes.join(', ')}]) (got ${M.cols})`);
    }
    return M;
  }

  /** Validates X and T against each other and the network. */
  checkData(X: number[][] | Matrix, T: number[][] | Matrix): { X: Matrix; T: Matrix } {
    const Xm = this.checkInput(X, 'X');
    const Tm = asMatrix(T, 'T');
    const nOut = this.sizes[this.depth];
    if (Tm.cols !== nOut) throw new ValidationError('T', `rows must have ${nOut} entries, the network's output size (sizes [${this.sizes.join(', ')}]) (got ${Tm.cols})`);
    if (Tm.rows !== Xm.rows) throw new ValidationError('T', `must have one row per row of X (${Xm.rows}) (got ${Tm.rows})`);
    return { X: Xm, T: Tm };
  }

  // ---- block-level access for the losses and diagnostics beside this class (maxMargin.ts, diagnostics.ts) ----

  /** @internal The input block (blockSize × sizes[0]) that {@link forwardInputBlock} reads. */
  inputBlock(): Float64Array {
    return this.X0;
  }

  /** @internal Forward pass over the first `rows` rows of the input block (no dropout); returns the output block. */
  forwardInputBlock(rows: number): Float64Array {
    this.forwardBlock(rows, 0, null);
    return this.layers[this.depth - 1].A;
  }

  /** @internal Where a caller writes ∂E_p/∂y_p of the output block for {@link backwardFromOutput}. */
  outputGradientBlock(): Float64Array {
    return this.G;
  }

  /**
   * @internal Backprop of the first `rows` rows of {@link outputGradientBlock} after {@link forwardInputBlock}:
   * gradients × `scale` into the gradient arrays, overwritten when `first`, accumulated otherwise.
   */
  backwardFromOutput(rows: number, scale: number, first: boolean): void {
    const out = this.layers[this.depth - 1];
    if (first && out.ga) out.ga.fill(0);
    out.act.backward(out.Z, out.A, this.G, out.D, rows, out.fanOut, out.a ?? undefined, out.ga ?? undefined, scale);
    this.backwardBlock(rows, scale, first, false);
  }

  /**
   * @internal ∂(Σ_p E_p)/∂z of each layer (blockSize × fanOut, row-major) for the rows of the last block of the
   * last gradient computation: the error signals backprop carried (notes §14.1).
   */
  deltaArrays(): Float64Array[] {
    return this.layers.map((ly) => ly.D);
  }

  // ---- internals ----

  private rowView(r: number): Float64Array {
    if (this.rowViews.length === 0) {
      const n0 = this.sizes[0];
      for (let i = 0; i < this.blockSize; i++) this.rowViews.push(this.X0.subarray(i * n0, (i + 1) * n0));
    }
    return this.rowViews[r];
  }

  /** Forward pass over the first `rows` rows of X0; hidden outputs are dropout-masked when `dropout > 0`. */
  private forwardBlock(rows: number, dropout: number, rng: Rng | null): void {
    const K = this.arena.kernels;
    let H = this.X0;
    const L = this.layers.length;
    for (let l = 0; l < L; l++) {
      const ly = this.layers[l];
      this.inputs[l] = H;
      // Z = H Wᵀ + 1 bᵀ (notes §14.1 with samples as rows)
      K.nt(rows, ly.fanOut, ly.fanIn, 1, H, ly.W, 0, ly.Z);
      addRowVector(ly.Z, rows, ly.fanOut, ly.b);
      ly.act.forward(ly.Z, ly.A, rows, ly.fanOut, ly.a ?? undefined);
      H = ly.A;
      if (dropout > 0 && l < L - 1) {
        // inverted dropout (notes §12.1, seed 002 §2.3): keep with probability 1 − p, scale kept units by 1/(1 − p)
        const keep = 1 / (1 - dropout), n = rows * ly.fanOut;
        for (let i = 0; i < n; i++) {
          const m = rng!.random() < dropout ? 0 : keep;
          ly.mask[i] = m;
          ly.Hd[i] = ly.A[i] * m;
        }
        H = ly.Hd;
      }
    }
    this.inputs[L] = H;
  }

  /**
   * Backward pass from the output layer's D (∂ΣE/∂z): gradients scaled by `scale` into the gradient arrays
   * (overwritten when `first`, accumulated otherwise).
   */
  private backwardBlock(rows: number, scale: number, first: boolean, dropout: boolean): void {
    const K = this.arena.kernels;
    const beta = first ? 0 : 1;
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const ly = this.layers[l];
      // ∂E/∂W = (∂E/∂Z)ᵀ H and ∂E/∂b = Σ_p ∂E/∂z_p (notes §14.1)
      K.tn(ly.fanOut, ly.fanIn, rows, scale, ly.D, this.inputs[l], beta, ly.gW);
      sumRows(ly.D, rows, ly.fanOut, scale, beta, ly.gb);
      if (l === 0) break;
      const below = this.layers[l - 1];
      // ∂E/∂h = (∂E/∂Z) W, then through the mask and σ': ∂E/∂z = σ'(z) ⊙ (mask ⊙ Wᵀδ) (notes §10.2, §12.1)
      K.nn(rows, ly.fanIn, ly.fanOut, 1, ly.D, ly.W, 0, this.G);
      const n = rows * ly.fanIn;
      if (dropout) for (let i = 0; i < n; i++) this.G[i] *= below.mask[i];
      if (first && below.ga) below.ga.fill(0);
      below.act.backward(below.Z, below.A, this.G, below.D, rows, below.fanOut, below.a ?? undefined, below.ga ?? undefined, scale);
    }
  }

  private penalty(reg: Regularization): number {
    const l2 = reg.l2 ?? 0, l1 = reg.l1 ?? 0;
    if (l2 === 0 && l1 === 0) return 0;
    checkNonNegative('l2', l2);
    checkNonNegative('l1', l1);
    let s = 0;
    for (const ly of this.layers) {
      const W = ly.W;
      for (let i = 0; i < W.length; i++) s += l2 * W[i] * W[i] + l1 * Math.abs(W[i]);
    }
    return s;
  }

  private addPenaltyGradients(reg: Regularization): void {
    const l2 = reg.l2 ?? 0, l1 = reg.l1 ?? 0;
    if (l2 === 0 && l1 === 0) return;
    for (const ly of this.layers) {
      const W = ly.W, g = ly.gW;
      // ∂/∂θ of λ‖θ‖² is 2λθ (notes §11.2); of λ Σ|θ| is λ sgn θ. Biases are not decayed (seed 002 §2.2).
      for (let i = 0; i < W.length; i++) g[i] += 2 * l2 * W[i] + l1 * Math.sign(W[i]);
    }
  }
}

/**
 * Refuses sizes whose parameters, gradients and work buffers (what the constructor allocates, counting a learned
 * slope per unit as if every layer were prelu, plus about 1 kB of objects per layer) exceed the memory budget.
 */
function checkMlpMemory(sizes: number[], B: number): void {
  const L = sizes.length - 1;
  let weights = 0, doubles = B * sizes[0] + B * sizes[L] + B * maxOf(sizes) + 64;
  for (let l = 0; l < L; l++) {
    const n = sizes[l + 1] * sizes[l] + 2 * sizes[l + 1];
    weights += n;
    doubles += 2 * n + 5 * B * sizes[l + 1] + 16;
  }
  checkMemory('MLP.sizes', doubles * 8 + 1024 * L,
    `${weights} parameters and as many gradients, plus work buffers for ${B} rows, 8 bytes each, for sizes ${showSizes(sizes)}`,
    ['fewer or smaller layers', 'a smaller blockSize (rows per work block)']);
}

/** Sizes in a message: the list, or its length and extremes when it is long. */
function showSizes(sizes: unknown[]): string {
  if (sizes.length <= 12) return `[${sizes.join(', ')}]`;
  return `[${sizes.slice(0, 3).join(', ')}, … ${sizes.length - 4} more …, ${sizes[sizes.length - 1]}]`;
}

function vector(v: unknown, n: number, name: string): Float64Array {
  if (!(Array.isArray(v) || ArrayBuffer.isView(v))) throw new ValidationError(name, `must be an array of ${n} numbers (got ${describeValue(v)})`);
  const a = v as ArrayLike<unknown>;
  if (a.length !== n) throw new ValidationError(name, `must have length ${n} (got length ${a.length})`);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new ValidationError(name, `entry ${i} must be a finite number (got ${describeValue(x)})`);
    out[i] = x;
  }
  return out;
}
