import { expect } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';

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

/** `f()` throws a ValidationError naming `param`, whose message matches every one of `parts`. */
export function throwsValidation(f: () => unknown, param: string, ...parts: (string | RegExp)[]): void {
  let err: unknown;
  try { f(); } catch (e) { err = e; }
  expect(err, 'expected a ValidationError').toBeInstanceOf(ValidationError);
  const e = err as ValidationError;
  expect(e.param).toBe(param);
  for (const p of parts) expect(e.message).toMatch(p);
}
