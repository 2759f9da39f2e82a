/**
 * e^z by a polynomial, operation for operation as the SIMD kernels compute it (lifCondKernel.wat, hhKernel.wat), so
 * the TypeScript and SIMD paths give bit-identical results on every engine (Math.exp may differ by an ulp between
 * engines; this does not).
 * @module
 */

/**
 * 2^n for −1022 ≤ n ≤ 1023 (expPoly's n stays within ±1010), exact: one load, where writing the exponent bits through
 * an Int32Array view and reading them back as a double stalls the store-to-load path on every call.
 */
const POW2 = Float64Array.from({ length: 2046 }, (_, i) => 2 ** (i - 1022));

/**
 * e^z: z clamped to [−700, 700], z = n·ln 2 + r (n rounded to even by the 1.5·2⁵² trick, ln 2 split in two), e^r by
 * its Taylor polynomial to r¹³ (|r| ≤ ln2/2: remainder < 5e-18) written 1 + (r + r²·Q(r)) with Q evaluated by Estrin's
 * scheme (pairs of terms, then r², r⁴, r⁸: a dependency chain a third as long as Horner's, which is what limits the
 * SIMD kernels), times 2^n. Within 1 ulp of Math.exp.
 */
export function expPoly(z: number): number {
  z = Math.min(Math.max(z, -700), 700);
  const n = z * 1.4426950408889634 + 6755399441055744 - 6755399441055744;
  const r = z - n * 0.6931471803691238 - n * 1.9082149292705877e-10;
  const r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
  const b0 = (0.5 + 0.16666666666666666 * r) + (0.041666666666666664 + 0.008333333333333333 * r) * r2;
  const b1 = (0.001388888888888889 + 0.0001984126984126984 * r) + (2.48015873015873e-05 + 2.7557319223985893e-06 * r) * r2;
  const b2 = (2.755731922398589e-07 + 2.505210838544172e-08 * r) + (2.08767569878681e-09 + 1.6059043836821613e-10 * r) * r2;
  const p = 1 + (r + r2 * (b0 + b1 * r4 + b2 * r8));
  return p * POW2[n + 1022];
}
