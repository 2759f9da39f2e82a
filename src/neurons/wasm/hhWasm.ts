/**
 * The SIMD kernel of Hodgkin-Huxley populations (`hhKernel.wat`: the exponential-Euler step with up to two
 * conductance receptors) and the memory block it runs on. A population's V, m, h, n, input and receptor conductances
 * live in one WebAssembly memory of its own; the step finds the block from the `V` array it is handed. Null (and
 * the TypeScript loop) where WebAssembly SIMD is unavailable.
 * @module
 */
import { lazyWasmModule } from '../../core/wasm.js';
import type { HhKinetics } from '../hhKinetics.js';
import { WASM_BASE64 } from './hhKernel.wasm.js';

const hhModule = lazyWasmModule(WASM_BASE64);

/** Arrays of one population in WebAssembly memory, and the kernel bound to them. */
export interface HhBlock {
  readonly size: number;
  readonly V: Float64Array;
  readonly m: Float64Array;
  readonly h: Float64Array;
  readonly n: Float64Array;
  readonly input: Float64Array;
  /** The conductances of the first and second receptor (mS/cm²), zero where there is none. */
  readonly g0: Float64Array;
  readonly g1: Float64Array;
  readonly fix: Int32Array;
  /**
   * One exponential-Euler step of the first 2·⌊size/2⌋ neurons over mh = −h ms with reversal potentials E0, E1 (mV);
   * returns how many indices it wrote to `fix`.
   */
  run(k: HhKinetics, mh: number, E0: number, E1: number, threshold: number): number;
}

const blocks = new WeakMap<Float64Array, HhBlock>();

/** Allocates a block for `size` neurons, or returns null when WebAssembly SIMD is unavailable. */
export function allocHhBlock(size: number): HhBlock | null {
  const mod = hhModule();
  if (!mod || size < 1) return null;
  const stride = Math.ceil(size / 2) * 16; // bytes per array, a whole number of lane pairs
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil((7 * stride + 4 * size) / 65536)) });
  } catch {
    return null; // no memory to be had (an address-space limit): the TypeScript loop runs instead
  }
  const inst = new WebAssembly.Instance(mod, { env: { memory } });
  const step = inst.exports.hh_step as (pv: number, pm: number, ph: number, pn: number, pi: number, pg0: number, pg1: number, pfix: number,
    count: number, kind: number, vt: number, phi: number, e0: number, e1: number, gna: number, gk: number, gl: number, glel: number,
    ena: number, ek: number, invc: number, mh: number, thr: number) => number;
  const at = (k: number) => new Float64Array(memory.buffer, k * stride, size);
  const even = size - (size % 2);
  const fixOff = 7 * stride;
  const block: HhBlock = {
    size, V: at(0), m: at(1), h: at(2), n: at(3), input: at(4), g0: at(5), g1: at(6),
    fix: new Int32Array(memory.buffer, fixOff, size),
    run: (k, mh, E0, E1, thr) => step(0, stride, 2 * stride, 3 * stride, 4 * stride, 5 * stride, 6 * stride, fixOff, even,
      k.kind === 2 ? 1 : 0, k.VT, k.phi, E0, E1, k.gNa, k.gK, k.gL, k.gL * k.EL, k.ENa, k.EK, k.invC, mh, thr),
  };
  blocks.set(block.V, block);
  return block;
}

/** The block whose `V` array this is, if any. */
export function hhBlockOf(V: Float64Array): HhBlock | undefined {
  return blocks.get(V);
}
