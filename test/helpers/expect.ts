import { expect } from 'vitest';

/** |actual − expected| ≤ tol, with the numbers in the failure message. */
export function expectClose(actual: number, expected: number, tol: number, what = 'value'): void {
  const ok = Math.abs(actual - expected) <= tol;
  expect(ok, `${what}: got ${actual}, expected ${expected} ± ${tol} (off by ${Math.abs(actual - expected)})`).toBe(true);
}

/** |actual/expected − 1| ≤ rel. */
export function expectRel(actual: number, expected: number, rel: number, what = 'value'): void {
  const r = Math.abs(actual / expected - 1);
  expect(r <= rel, `${what}: got ${actual}, expected ${expected} within ${rel * 100} % (off by ${(r * 100).toPrecision(3)} %)`).toBe(true);
}
