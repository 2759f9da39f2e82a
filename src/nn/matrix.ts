/**
 * Row-major `Float64Array` matrices and the kernels backprop needs (notes §14.1): the three GEMM shapes of a
 * batch forward/backward pass, a bias broadcast and a column sum. Rows are samples and columns units, so a batch
 * `H` is P×N and a layer's `W` is out×in (one row per post-synaptic unit, as the weight matrices of the network):
 *
 * - forward  Z = H Wᵀ + 1 bᵀ          → {@link gemmNT} (dot products along the contiguous `in` axis)
 * - weights  ∂E/∂W = (∂E/∂Z)ᵀ H        → {@link gemmTN} (i-k-j: a rank-1 update per sample)
 * - inputs   ∂E/∂H = (∂E/∂Z) W         → {@link gemmNN} (i-k-j)
 *
 * Each fast kernel keeps a block of C in registers (4 rows at a time) and streams the other operand
 * contiguously; none allocates. {@link gemmReference} is the plain triple loop they are all tested against
 * (and that the WebAssembly kernels in `gemmWasm.ts` are tested against).
 * @module
 */
import { checkMemory } from '../core/budget.js';
import { ValidationError, describeValue } from '../core/errors.js';
import { checkInteger } from '../core/validate.js';

/** A dense row-major matrix: `data[i * cols + j]` is row i, column j. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** A zero matrix. */
export function zeros(rows: number, cols: number): Matrix {
  checkInteger('zeros.rows', rows, 0);
  checkInteger('zeros.cols', cols, 0);
  checkMemory('zeros', rows * cols * 8, `${rows}×${cols} numbers, 8 bytes each`, ['fewer rows or columns']);
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** Copies `number[][]` (rows of equal length) into a {@link Matrix}; the checks name `name`. */
export function fromRows(rows: ArrayLike<ArrayLike<number>>, name = 'matrix'): Matrix {
  if (!isArrayLike(rows)) throw new ValidationError(name, `must be an array of rows (number[][]) (got ${describeValue(rows)})`);
  const n = rows.length;
  if (n === 0) throw new ValidationError(name, 'must have at least one row (got 0 rows)');
  const first = rows[0];
  // Rows must be real arrays: an object with a large `length` would otherwise size the allocation below.
  if (!isArrayLike(first)) throw new ValidationError(name, `must be an array of rows (number[][]); row 0 is ${describeValue(first)}`);
  const cols = first.length;
  if (cols === 0) throw new ValidationError(name, 'rows must have at least one column (got 0)');
  for (let i = 1; i < n; i++) {
    const r = rows[i];
    if (!isArrayLike(r) || r.length !== cols) {
      throw new ValidationError(name, `row ${i} has length ${isArrayLike(r) ? r.length : 'none'}; every row must have length ${cols} (that of row 0)`);
    }
  }
  checkMemory(name, n * cols * 8, `${n}×${cols} numbers, 8 bytes each`, ['fewer rows or columns']);
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    if (!r || r.length !== cols) {
      throw new ValidationError(name, `row ${i} has length ${r?.length ?? 'none'}; every row must have length ${cols} (that of row 0)`);
    }
    for (let j = 0; j < cols; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new ValidationError(name, `entry [${i}][${j}] must be a finite number (got ${describeValue(v)})`);
      }
      data[i * cols + j] = v;
    }
  }
  return { rows: n, cols, data };
}

/** A real array or typed array (not an object that merely has a `length`). */
function isArrayLike(x: unknown): x is ArrayLike<unknown> {
  return Array.isArray(x) || (ArrayBuffer.isView(x) && !(x instanceof DataView));
}

/** A {@link Matrix} back to `number[][]`. */
export function toRows(m: Matrix): number[][] {
  const out: number[][] = new Array(m.rows);
  for (let i = 0; i < m.rows; i++) out[i] = Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols));
  return out;
}

/** True when `x` looks like a {@link Matrix} (rows, cols and a Float64Array of rows·cols numbers). */
export function isMatrix(x: unknown): x is Matrix {
  const m = x as Matrix;
  return !!m && typeof m === 'object' && m.data instanceof Float64Array && Number.isInteger(m.rows) && Number.isInteger(m.cols) &&
    m.data.length === m.rows * m.cols;
}

/** Accepts `number[][]` or a {@link Matrix}; checks every entry is finite (NaN in data is a clear error). */
export function asMatrix(x: unknown, name: string): Matrix {
  if (isMatrix(x)) {
    const d = x.data;
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i])) {
        throw new ValidationError(name, `entry [${Math.floor(i / x.cols)}][${i % x.cols}] must be a finite number (got ${d[i]})`);
      }
    }
    if (x.rows < 1 || x.cols < 1) throw new ValidationError(name, `must have at least one row and column (got ${x.rows}×${x.cols})`);
    return x;
  }
  return fromRows(x as ArrayLike<ArrayLike<number>>, name);
}

/**
 * C ← α·op(A)·op(B) + β·C, the plain triple loop (the reference every fast kernel is tested against).
 * op(A) is M×K: A is stored M×K, or K×M when `transA`; op(B) is K×N: B stored K×N, or N×K when `transB`.
 */
export function gemmReference(
  transA: boolean, transB: boolean, M: number, N: number, K: number,
  alpha: number, A: ArrayLike<number>, B: ArrayLike<number>, beta: number, C: Float64Array,
): void {
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) {
        const a = transA ? A[k * M + i] : A[i * K + k];
        const b = transB ? B[j * K + k] : B[k * N + j];
        s += a * b;
      }
      C[i * N + j] = alpha * s + (beta === 0 ? 0 : beta * C[i * N + j]);
    }
  }
}

/** C ← β·C (β = 0 clears, so NaN/garbage in C never leaks through). */
function scaleC(C: Float64Array, n: number, beta: number): void {
  if (beta === 0) C.fill(0, 0, n);
  else if (beta !== 1) for (let i = 0; i < n; i++) C[i] *= beta;
}

/**
 * C (M×N) ← α·A·Bᵀ + β·C with A M×K and B N×K: each entry a dot product of two contiguous rows. A 2×4 block of
 * C is kept in registers while k runs, so each A and B value loaded feeds 4 or 2 multiply-adds.
 */
export function gemmNT(M: number, N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void {
  let i = 0;
  for (; i + 2 <= M; i += 2) {
    const a0 = i * K, a1 = a0 + K;
    let j = 0;
    for (; j + 4 <= N; j += 4) {
      const b0 = j * K, b1 = b0 + K, b2 = b1 + K, b3 = b2 + K;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      for (let k = 0; k < K; k++) {
        const x0 = A[a0 + k], x1 = A[a1 + k];
        const y0 = B[b0 + k], y1 = B[b1 + k], y2 = B[b2 + k], y3 = B[b3 + k];
        s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3;
        s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3;
      }
      const c0 = i * N + j, c1 = c0 + N;
      if (beta === 0) {
        C[c0] = alpha * s00; C[c0 + 1] = alpha * s01; C[c0 + 2] = alpha * s02; C[c0 + 3] = alpha * s03;
        C[c1] = alpha * s10; C[c1 + 1] = alpha * s11; C[c1 + 2] = alpha * s12; C[c1 + 3] = alpha * s13;
      } else {
        C[c0] = alpha * s00 + beta * C[c0]; C[c0 + 1] = alpha * s01 + beta * C[c0 + 1];
        C[c0 + 2] = alpha * s02 + beta * C[c0 + 2]; C[c0 + 3] = alpha * s03 + beta * C[c0 + 3];
        C[c1] = alpha * s10 + beta * C[c1]; C[c1 + 1] = alpha * s11 + beta * C[c1 + 1];
        C[c1 + 2] = alpha * s12 + beta * C[c1 + 2]; C[c1 + 3] = alpha * s13 + beta * C[c1 + 3];
      }
    }
    for (; j < N; j++) {
      const b0 = j * K;
      let s0 = 0, s1 = 0;
      for (let k = 0; k < K; k++) { const y = B[b0 + k]; s0 += A[a0 + k] * y; s1 += A[a1 + k] * y; }
      const c0 = i * N + j;
      C[c0] = alpha * s0 + (beta === 0 ? 0 : beta * C[c0]);
      C[c0 + N] = alpha * s1 + (beta === 0 ? 0 : beta * C[c0 + N]);
    }
  }
  for (; i < M; i++) {
    const a0 = i * K;
    for (let j = 0; j < N; j++) {
      const b0 = j * K;
      let s = 0;
      for (let k = 0; k < K; k++) s += A[a0 + k] * B[b0 + k];
      const c = i * N + j;
      C[c] = alpha * s + (beta === 0 ? 0 : beta * C[c]);
    }
  }
}

/**
 * C (M×N) ← α·Aᵀ·B + β·C with A stored K×M and B K×N: for each k, a rank-1 update of 4 rows of C at a time
 * (i-k-j order, so B's row k and C's rows stream contiguously).
 */
export function gemmTN(M: number, N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void {
  scaleC(C, M * N, beta);
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
    for (let k = 0; k < K; k++) {
      const ak = k * M + i;
      const x0 = alpha * A[ak], x1 = alpha * A[ak + 1], x2 = alpha * A[ak + 2], x3 = alpha * A[ak + 3];
      if (x0 === 0 && x1 === 0 && x2 === 0 && x3 === 0) continue; // ReLU zeros: nothing to add
      const bk = k * N;
      for (let j = 0; j < N; j++) {
        const y = B[bk + j];
        C[c0 + j] += x0 * y; C[c1 + j] += x1 * y; C[c2 + j] += x2 * y; C[c3 + j] += x3 * y;
      }
    }
  }
  for (; i < M; i++) {
    const c0 = i * N;
    for (let k = 0; k < K; k++) {
      const x = alpha * A[k * M + i];
      if (x === 0) continue;
      const bk = k * N;
      for (let j = 0; j < N; j++) C[c0 + j] += x * B[bk + j];
    }
  }
}

/** C (M×N) ← α·A·B + β·C with A M×K and B K×N (i-k-j order, 4 rows of C per pass over a row of B). */
export function gemmNN(M: number, N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void {
  scaleC(C, M * N, beta);
  let i = 0;
  for (; i + 4 <= M; i += 4) {
    const a0 = i * K, a1 = a0 + K, a2 = a1 + K, a3 = a2 + K;
    const c0 = i * N, c1 = c0 + N, c2 = c1 + N, c3 = c2 + N;
    for (let k = 0; k < K; k++) {
      const x0 = alpha * A[a0 + k], x1 = alpha * A[a1 + k], x2 = alpha * A[a2 + k], x3 = alpha * A[a3 + k];
      const bk = k * N;
      for (let j = 0; j < N; j++) {
        const y = B[bk + j];
        C[c0 + j] += x0 * y; C[c1 + j] += x1 * y; C[c2 + j] += x2 * y; C[c3 + j] += x3 * y;
      }
    }
  }
  for (; i < M; i++) {
    const a0 = i * K, c0 = i * N;
    for (let k = 0; k < K; k++) {
      const x = alpha * A[a0 + k];
      const bk = k * N;
      for (let j = 0; j < N; j++) C[c0 + j] += x * B[bk + j];
    }
  }
}

/** Z (rows×cols) ← Z + 1·bᵀ: the bias broadcast over a batch (notes §14.1, b [1 … 1]). */
export function addRowVector(Z: Float64Array, rows: number, cols: number, b: Float64Array): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) Z[o + j] += b[j];
  }
}

/** out ← β·out + α·Σ_rows G: the bias gradient ∂E/∂b = Σ_p ∂E/∂z_p. */
export function sumRows(G: Float64Array, rows: number, cols: number, alpha: number, beta: number, out: Float64Array): void {
  if (beta === 0) out.fill(0, 0, cols);
  else if (beta !== 1) for (let j = 0; j < cols; j++) out[j] *= beta;
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    for (let j = 0; j < cols; j++) out[j] += alpha * G[o + j];
  }
}

/** out (m×n) ← α·u vᵀ + β·out: the outer product ∂E/∂W = δ hᵀ of one sample (notes §10.2). */
export function outer(u: ArrayLike<number>, v: ArrayLike<number>, alpha: number, beta: number, out: Float64Array): void {
  const m = u.length, n = v.length;
  for (let i = 0; i < m; i++) {
    const a = alpha * u[i], o = i * n;
    for (let j = 0; j < n; j++) out[o + j] = a * v[j] + (beta === 0 ? 0 : beta * out[o + j]);
  }
}

/** The three GEMM shapes a layer needs; the TypeScript kernels or the WebAssembly ones behind one interface. */
export interface GemmKernels {
  /** `'wasm'` (SIMD) or `'ts'`. */
  readonly kind: 'wasm' | 'ts';
  nt(M: number, N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void;
  tn(M: number, N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void;
  nn(M: number, N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array): void;
}

/** The TypeScript kernels. */
export const TS_KERNELS: GemmKernels = { kind: 'ts', nt: gemmNT, tn: gemmTN, nn: gemmNN };
