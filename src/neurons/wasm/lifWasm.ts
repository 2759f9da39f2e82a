/**
 * The SIMD LIF kernel (lifKernel.wat) and the memory blocks it runs on. A population's v, refractory and
 * input arrays live in one WebAssembly memory of their own (so no view is ever detached by growth); the
 * LIF step finds the block from the `v` array it is handed. Falls back to TypeScript when WebAssembly SIMD
 * is unavailable.
 * @module
 */
import { lazyWasmModule } from '../../core/wasm.js';
import { WASM_BASE64 } from './lifKernel.wasm.js';

const lifModule = lazyWasmModule(WASM_BASE64);

/** Arrays of one population in WebAssembly memory, and the kernel bound to them. */
export interface LifBlock {
  readonly size: number;
  readonly v: Float64Array;
  readonly refractory: Float64Array;
  readonly input: Float64Array;
  readonly fix: Int32Array;
  /** Runs the common path over all neurons; returns how many indices it wrote to `fix`. */
  run(factor: number, dt: number, minV: number): number;
}

const blocks = new WeakMap<Float64Array, LifBlock>();

/** Allocates a block for `size` neurons, or returns null when WebAssembly SIMD is unavailable. */
export function allocLifBlock(size: number): LifBlock | null {
  const mod = lifModule();
  if (!mod || size < 1) return null;
  const even = Math.ceil(size / 4) * 4; // the kernel runs four lanes at a time; padding lanes stay at zero
  const bytes = even * 8 * 3 + even * 4;
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const inst = new WebAssembly.Instance(mod, { env: { memory } });
  const step = inst.exports.lif_step as (v: number, r: number, j: number, fix: number, n: number, f: number, dt: number, minV: number) => number;
  const vOff = 0, rOff = even * 8, jOff = even * 16, fixOff = even * 24;
  const block: LifBlock = {
    size,
    v: new Float64Array(memory.buffer, vOff, size),
    refractory: new Float64Array(memory.buffer, rOff, size),
    input: new Float64Array(memory.buffer, jOff, size),
    fix: new Int32Array(memory.buffer, fixOff, even),
    run: (factor, dt, minV) => step(vOff, rOff, jOff, fixOff, even, factor, dt, minV),
  };
  blocks.set(block.v, block);
  return block;
}

/** The block whose `v` array this is, if any. */
export function lifBlockOf(v: Float64Array): LifBlock | undefined {
  return blocks.get(v);
}
