/**
 * The SIMD LIF kernels and the memory blocks they run on: `lifKernel.wat` (precise timing without synaptic
 * receptors: the exact update, spikes finished in TypeScript) and `lifGridKernel.wat` (grid timing with one
 * exponential current receptor). A population's v, refractory, input and receptor-current arrays live in one
 * WebAssembly memory of their own (so no view is ever detached by growth); the LIF step finds the block from the
 * `v` array it is handed. Falls back to TypeScript when WebAssembly SIMD is unavailable.
 * @module
 */
import { lazyWasmModule } from '../../core/wasm.js';
import { WASM_BASE64 } from './lifKernel.wasm.js';
import { WASM_BASE64 as GRID_BASE64 } from './lifGridKernel.wasm.js';

const lifModule = lazyWasmModule(WASM_BASE64);
const gridModule = lazyWasmModule(GRID_BASE64);

/** Arrays of one population in WebAssembly memory, and the kernels bound to them. */
export interface LifBlock {
  readonly size: number;
  readonly v: Float64Array;
  readonly refractory: Float64Array;
  readonly input: Float64Array;
  /** The current of one exponential receptor (grid kernel). */
  readonly I: Float64Array;
  readonly fix: Int32Array;
  /** Precise kernel over all neurons; returns how many indices it wrote to `fix`. */
  run(factor: number, dt: number, minV: number): number;
  /** Grid kernel with one exponential current (constants P11, P22, P21); returns how many indices it wrote to `fix`. */
  runGrid(P11: number, P22: number, P21: number): number;
}

const blocks = new WeakMap<Float64Array, LifBlock>();

/** Allocates a block for `size` neurons, or returns null when WebAssembly SIMD is unavailable. */
export function allocLifBlock(size: number): LifBlock | null {
  const mod = lifModule(), grid = gridModule();
  if (!mod || !grid || size < 1) return null;
  const even = Math.ceil(size / 4) * 4; // the kernels run two or four lanes at a time; padding lanes stay at zero
  const bytes = even * 8 * 4 + even * 4;
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  } catch {
    return null; // no memory to be had (an address-space limit): the TypeScript loops run instead
  }
  const inst = new WebAssembly.Instance(mod, { env: { memory } });
  const gridInst = new WebAssembly.Instance(grid, { env: { memory } });
  const step = inst.exports.lif_step as (v: number, r: number, j: number, fix: number, n: number, f: number, dt: number, minV: number) => number;
  const gridStep = gridInst.exports.clif_step as (v: number, r: number, c: number, j: number, fix: number, n: number, p11: number, p22: number, p21: number) => number;
  const vOff = 0, rOff = even * 8, jOff = even * 16, cOff = even * 24, fixOff = even * 32;
  const block: LifBlock = {
    size,
    v: new Float64Array(memory.buffer, vOff, size),
    refractory: new Float64Array(memory.buffer, rOff, size),
    input: new Float64Array(memory.buffer, jOff, size),
    I: new Float64Array(memory.buffer, cOff, size),
    fix: new Int32Array(memory.buffer, fixOff, even),
    run: (factor, dt, minV) => step(vOff, rOff, jOff, fixOff, even, factor, dt, minV),
    runGrid: (P11, P22, P21) => gridStep(vOff, rOff, cOff, jOff, fixOff, even, P11, P22, P21),
  };
  blocks.set(block.v, block);
  return block;
}

/** The block whose `v` array this is, if any. */
export function lifBlockOf(v: Float64Array): LifBlock | undefined {
  return blocks.get(v);
}
