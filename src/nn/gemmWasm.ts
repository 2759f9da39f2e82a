/** WebAssembly SIMD GEMM kernels (placeholder until gemm.wat lands). @module */
import type { GemmKernels } from './matrix.js';

/** A WebAssembly memory of at least `bytes` bytes and kernels bound to it, or null without SIMD support. */
export function createWasmBacking(_bytes: number): { buffer: ArrayBuffer; kernels: GemmKernels } | null {
  return null;
}
