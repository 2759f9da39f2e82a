/**
 * The WebAssembly SIMD GEMM kernels (`wasm/gemm.wat`, assembled by `npm run build:wasm` into `wasm/gemm.wasm.ts`)
 * behind the {@link GemmKernels} interface. The kernels cover the block-aligned part of C (4-row blocks; 4 or 2
 * columns); the TypeScript loops here finish the ragged edges. Every array must live in the backing memory
 * (an {@link Arena} guarantees it); anything else falls back to the TypeScript kernels of matrix.ts.
 * @module
 */
import { gemmNN, gemmNT, gemmTN, type GemmKernels } from './matrix.js';
import { WASM_BASE64 } from './wasm/gemm.wasm.js';
import { lazyWasmModule, wasmMemory } from '../core/wasm.js';

const gemmModule = lazyWasmModule(WASM_BASE64);

type XnFn = (M: number, N: number, K: number, alpha: number, a: number, b: number, beta: number, c: number, sai: number, sak: number, MB: number, NB: number) => void;
type NtFn = (M: number, N: number, K: number, alpha: number, a: number, b: number, beta: number, c: number, MB: number, NB: number, KL: number) => void;

/**
 * k-panel of the forward product: 256 columns of W (300×256 f64 = 600 KB) fit a 2 MB L2 while every 4-row block of A
 * passes. On the 2-core EPYC this was written on (32 MB L3) panels and one pass measured the same (~14 GFLOP/s);
 * they are kept for machines with less cache.
 */
const K_PANEL = 256;

/** C[i][j] for i ∈ [i0, i1), j ∈ [j0, j1) of α·op(A)·B + β·C, with A(i, k) = A[i·sai + k·sak] and B K×N. */
function xnEdge(M: number, N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
  sai: number, sak: number, i0: number, i1: number, j0: number, j1: number): void {
  void M;
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[i * sai + k * sak] * B[k * N + j];
      const c = i * N + j;
      C[c] = alpha * s + (beta === 0 ? 0 : beta * C[c]);
    }
  }
}

/** C[i][j] for i ∈ [i0, i1), j ∈ [j0, j1) of α·A·Bᵀ + β·C (A M×K, B N×K). */
function ntEdge(N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array,
  i0: number, i1: number, j0: number, j1: number): void {
  for (let i = i0; i < i1; i++) {
    for (let j = j0; j < j1; j++) {
      let s = 0;
      for (let k = 0; k < K; k++) s += A[i * K + k] * B[j * K + k];
      const c = i * N + j;
      C[c] = alpha * s + (beta === 0 ? 0 : beta * C[c]);
    }
  }
}

/**
 * A WebAssembly memory of at least `bytes` bytes and SIMD kernels bound to it, or null when WebAssembly SIMD is
 * unavailable or no memory can be had. The memory never grows, so views into it stay valid.
 */
export function createWasmBacking(bytes: number): { buffer: ArrayBuffer; kernels: GemmKernels } | null {
  const mod = gemmModule();
  if (!mod) return null;
  const memory = wasmMemory(bytes);
  if (!memory) return null; // an address-space limit: the arena takes a plain buffer and the TypeScript kernels
  const inst = new WebAssembly.Instance(mod, { env: { memory } });
  const xn = inst.exports.gemm_xn as XnFn;
  const nt = inst.exports.gemm_nt as NtFn;
  const buffer = memory.buffer;
  const inMemory = (a: Float64Array, b: Float64Array, c: Float64Array) => a.buffer === buffer && b.buffer === buffer && c.buffer === buffer;

  /** op(A)·B via gemm_xn on the 4×4-aligned block, TypeScript on the edges. */
  const xnAll = (M: number, N: number, K: number, alpha: number, A: Float64Array, B: Float64Array, beta: number, C: Float64Array, sai: number, sak: number) => {
    const MB = M & ~3, NB = N & ~3;
    if (MB > 0 && NB > 0) xn(M, N, K, alpha, A.byteOffset, B.byteOffset, beta, C.byteOffset, sai, sak, MB, NB);
    if (NB < N) xnEdge(M, N, K, alpha, A, B, beta, C, sai, sak, 0, MB, NB, N);
    if (MB < M) xnEdge(M, N, K, alpha, A, B, beta, C, sai, sak, MB, M, 0, N);
  };

  const kernels: GemmKernels = {
    kind: 'wasm',
    nt(M, N, K, alpha, A, B, beta, C) {
      if ((K & 1) !== 0 || M < 4 || N < 2 || !inMemory(A, B, C)) return gemmNT(M, N, K, alpha, A, B, beta, C);
      const MB = M & ~3, NB = N & ~1;
      for (let k0 = 0; k0 < K; k0 += K_PANEL) {
        const kl = Math.min(K_PANEL, K - k0); // even, since K and K_PANEL are
        nt(M, N, K, alpha, A.byteOffset + 8 * k0, B.byteOffset + 8 * k0, k0 === 0 ? beta : 1, C.byteOffset, MB, NB, kl);
      }
      if (NB < N) ntEdge(N, K, alpha, A, B, beta, C, 0, MB, NB, N);
      if (MB < M) ntEdge(N, K, alpha, A, B, beta, C, MB, M, 0, N);
    },
    tn(M, N, K, alpha, A, B, beta, C) {
      if (M < 4 || N < 4 || !inMemory(A, B, C)) return gemmTN(M, N, K, alpha, A, B, beta, C);
      xnAll(M, N, K, alpha, A, B, beta, C, 1, M); // A stored K×M: A(i, k) = A[k·M + i]
    },
    nn(M, N, K, alpha, A, B, beta, C) {
      if (M < 4 || N < 4 || !inMemory(A, B, C)) return gemmNN(M, N, K, alpha, A, B, beta, C);
      xnAll(M, N, K, alpha, A, B, beta, C, K, 1); // A stored M×K
    },
  };
  return { buffer, kernels };
}
