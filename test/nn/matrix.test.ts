import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng.js';
import { Arena } from '../../src/nn/arena.js';
import { addRowVector, gemmNN, gemmNT, gemmReference, gemmTN, outer, sumRows, TS_KERNELS } from '../../src/nn/matrix.js';

const rng = new Rng(7);
const rand = (n: number) => Float64Array.from({ length: n }, () => rng.uniform(-1, 1));

function maxDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

// shapes with ragged edges (not multiples of the 4×4 / 4×2 blocks), odd K, and MNIST's
const SHAPES: [number, number, number][] = [[1, 1, 1], [3, 5, 7], [4, 4, 4], [5, 6, 2], [9, 13, 11], [16, 10, 300], [64, 300, 784], [7, 3, 513]];

describe('GEMM kernels against the triple loop', () => {
  const wasm = new Arena(3 * 64 * 784 + 300 * 784 * 3);
  it('uses WebAssembly SIMD here', () => expect(wasm.kernels.kind).toBe('wasm'));
  for (const [M, N, K] of SHAPES) {
    for (const [alpha, beta] of [[1, 0], [0.5, 1], [-2, 0.25]]) {
      it(`M=${M} N=${N} K=${K} α=${alpha} β=${beta}: nt, tn, nn (TypeScript and WebAssembly)`, () => {
        const A = rand(M * K), B = rand(N * K), At = rand(K * M), B2 = rand(K * N), C0 = rand(M * N);
        const cases: [string, boolean, boolean, Float64Array, Float64Array][] = [['nt', false, true, A, B], ['tn', true, false, At, B2], ['nn', false, false, A, B2]];
        for (const [name, ta, tb, a, b] of cases) {
          const ref = C0.slice();
          gemmReference(ta, tb, M, N, K, alpha, a, b, beta, ref);
          for (const kernels of [TS_KERNELS, wasm.kernels]) {
            const wa = new Arena(a.length + b.length + C0.length, kernels.kind === 'wasm');
            const A2 = wa.alloc(a.length), Bb = wa.alloc(b.length), C = wa.alloc(C0.length);
            A2.set(a); Bb.set(b); C.set(C0);
            (wa.kernels as typeof TS_KERNELS)[name as 'nt'](M, N, K, alpha, A2, Bb, beta, C);
            expect(maxDiff(C, ref), `${name} ${kernels.kind}`).toBeLessThan(1e-12 * Math.max(1, K));
          }
        }
      });
    }
  }
  it('β = 0 ignores NaN already in C (a fresh buffer may hold anything)', () => {
    const C = new Float64Array(4 * 4).fill(NaN);
    gemmNT(4, 4, 2, 1, rand(8), rand(8), 0, C);
    gemmTN(4, 4, 2, 1, rand(8), rand(8), 0, C.fill(NaN));
    gemmNN(4, 4, 2, 1, rand(8), rand(8), 0, C.fill(NaN));
    expect(C.every(Number.isFinite)).toBe(true);
  });
});

describe('broadcast, column sums, outer product', () => {
  it('addRowVector adds b to every row; sumRows sums rows', () => {
    const Z = Float64Array.from([1, 2, 3, 4, 5, 6]);
    addRowVector(Z, 2, 3, Float64Array.from([10, 20, 30]));
    expect(Array.from(Z)).toEqual([11, 22, 33, 14, 25, 36]);
    const s = new Float64Array(3).fill(1);
    sumRows(Z, 2, 3, 0.5, 1, s);
    expect(Array.from(s)).toEqual([1 + 12.5, 1 + 23.5, 1 + 34.5]);
  });
  it('outer(u, v) = u vᵀ (∂E/∂W = δ hᵀ, notes §10.2)', () => {
    const out = new Float64Array(6);
    outer([1, 2], [3, 4, 5], 1, 0, out);
    expect(Array.from(out)).toEqual([3, 4, 5, 6, 8, 10]);
  });
});
