/**
 * The SIMD LIF kernels and the memory blocks they run on: `lifKernel.wat` (precise timing without synaptic
 * receptors: the exact update, spikes finished in TypeScript) and `lifGridKernel.wat` (grid timing with one
 * exponential current receptor). A population's v, refractory, input and receptor-current arrays live in one
 * WebAssembly memory of their own (so no view is ever detached by growth); the LIF step finds the block from the
 * `v` array it is handed. Falls back to TypeScript when WebAssembly SIMD is unavailable.
 * @module
 */
import { lazyWasmModule, wasmMemory } from '../../core/wasm.js';
import { WASM_BASE64 } from './lifKernel.wasm.js';
import { WASM_BASE64 as GRID_BASE64 } from './lifGridKernel.wasm.js';
import { WASM_BASE64 as COND_BASE64 } from './lifCondKernel.wasm.js';
import { WASM_BASE64 as PRECISE_BASE64 } from './lifPreciseKernel.wasm.js';

const lifModule = lazyWasmModule(WASM_BASE64);
const gridModule = lazyWasmModule(GRID_BASE64);
const condModule = lazyWasmModule(COND_BASE64);
const preciseModule = lazyWasmModule(PRECISE_BASE64);

/** Arrays of one population in WebAssembly memory, and the kernels bound to them. */
export interface LifBlock {
  readonly size: number;
  readonly v: Float64Array;
  readonly refractory: Float64Array;
  readonly input: Float64Array;
  /** The current of one exponential receptor (grid kernel), or the first conductance (conductance kernel). */
  readonly I: Float64Array;
  /** The second conductance (conductance kernel). */
  readonly G1: Float64Array;
  /** Nonzero for neurons the precise kernel must leave to TypeScript (they receive input events this step). */
  readonly skip: Float64Array;
  readonly fix: Int32Array;
  /** Precise kernel over all neurons; returns how many indices it wrote to `fix`. */
  run(factor: number, dt: number, minV: number): number;
  /** Grid kernel with one exponential current (constants P11, P22, P21); returns how many indices it wrote to `fix`. */
  runGrid(P11: number, P22: number, P21: number): number;
  /** Conductance kernel: ĝ = I·s0 and G1·s1, reversal potentials e0, e1 (normalized), k = −dt/τ_m; returns the fix count. */
  runCond(s0: number, s1: number, e0: number, e1: number, k: number): number;
  /** Precise kernel with one exponential current I (constants P11, P22, F over dt); returns the fix count. */
  runPrecise(P11: number, P22: number, F: number, dt: number): number;
}

const blocks = new WeakMap<Float64Array, LifBlock>();

/** Allocates a block for `size` neurons, or returns null when WebAssembly SIMD is unavailable. */
export function allocLifBlock(size: number): LifBlock | null {
  const mod = lifModule(), grid = gridModule(), cond = condModule(), precise = preciseModule();
  if (!mod || !grid || !cond || !precise || size < 1) return null;
  const even = Math.ceil(size / 4) * 4; // the kernels run two or four lanes at a time; padding lanes stay at zero
  const bytes = even * 8 * 6 + even * 4;
  const memory = wasmMemory(bytes);
  if (!memory) return null; // no memory to be had (an address-space limit): the TypeScript loops run instead
  const inst = new WebAssembly.Instance(mod, { env: { memory } });
  const gridInst = new WebAssembly.Instance(grid, { env: { memory } });
  const condInst = new WebAssembly.Instance(cond, { env: { memory } });
  const preciseInst = new WebAssembly.Instance(precise, { env: { memory } });
  const preciseStep = preciseInst.exports.precise_step as (v: number, r: number, c: number, j: number, skip: number, fix: number, n: number,
    p11: number, p22: number, f: number, dt: number) => number;
  const step = inst.exports.lif_step as (v: number, r: number, j: number, fix: number, n: number, f: number, dt: number, minV: number) => number;
  const gridStep = gridInst.exports.clif_step as (v: number, r: number, c: number, j: number, fix: number, n: number, p11: number, p22: number, p21: number) => number;
  const condStep = condInst.exports.cond_step as (v: number, r: number, j: number, g0: number, g1: number, fix: number, n: number,
    s0: number, s1: number, e0: number, e1: number, k: number) => number;
  const vOff = 0, rOff = even * 8, jOff = even * 16, cOff = even * 24, gOff = even * 32, sOff = even * 40, fixOff = even * 48;
  const block: LifBlock = {
    size,
    v: new Float64Array(memory.buffer, vOff, size),
    refractory: new Float64Array(memory.buffer, rOff, size),
    input: new Float64Array(memory.buffer, jOff, size),
    I: new Float64Array(memory.buffer, cOff, size),
    G1: new Float64Array(memory.buffer, gOff, size),
    skip: new Float64Array(memory.buffer, sOff, size),
    fix: new Int32Array(memory.buffer, fixOff, even),
    run: (factor, dt, minV) => step(vOff, rOff, jOff, fixOff, even, factor, dt, minV),
    runGrid: (P11, P22, P21) => gridStep(vOff, rOff, cOff, jOff, fixOff, even, P11, P22, P21),
    runCond: (s0, s1, e0, e1, k) => condStep(vOff, rOff, jOff, cOff, gOff, fixOff, even, s0, s1, e0, e1, k),
    runPrecise: (P11, P22, F, dt) => preciseStep(vOff, rOff, cOff, jOff, sOff, fixOff, even, P11, P22, F, dt),
  };
  blocks.set(block.v, block);
  return block;
}

/** The block whose `v` array this is, if any. */
export function lifBlockOf(v: Float64Array): LifBlock | undefined {
  return blocks.get(v);
}
