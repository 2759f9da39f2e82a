/**
 * One block of memory per network: parameters, gradients and the per-batch work buffers are carved out of it
 * once, at construction, so a training step allocates nothing and the optimizer updates views in place. When
 * WebAssembly SIMD is available the block is a `WebAssembly.Memory` and the GEMMs run in `gemm.wat`; the
 * memory never grows, so no view is ever detached.
 * @module
 */
import { TS_KERNELS, type GemmKernels } from './matrix.js';
import { createWasmBacking } from './gemmWasm.js';

/** A fixed-size pool of Float64Array views, 16-byte aligned, with the GEMM kernels that can read it. */
export class Arena {
  /** The backing store (a WebAssembly memory's buffer, or a plain ArrayBuffer). */
  readonly buffer: ArrayBuffer;
  /** GEMMs for arrays in this arena (WebAssembly SIMD when available, else TypeScript). */
  readonly kernels: GemmKernels;
  private next = 0;

  /** Reserves room for `doubles` numbers; `wasm: false` forces the TypeScript kernels. */
  constructor(readonly doubles: number, wasm = true) {
    const bytes = (doubles + 64) * 8;
    const backing = wasm ? createWasmBacking(bytes) : null;
    this.buffer = backing ? backing.buffer : new ArrayBuffer(bytes);
    this.kernels = backing ? backing.kernels : TS_KERNELS;
  }

  /** A zeroed view of `n` numbers. */
  alloc(n: number): Float64Array {
    const start = this.next;
    const end = start + ((n + 1) & ~1); // keep every view 16-byte aligned for SIMD loads
    if (end * 8 > this.buffer.byteLength) throw new Error(`Arena: out of room (${end} > ${this.buffer.byteLength / 8} doubles)`);
    this.next = end;
    return new Float64Array(this.buffer, start * 8, n);
  }
}
