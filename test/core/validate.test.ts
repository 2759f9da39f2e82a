/**
 * The boundary checks (src/core/validate.ts): each returns a valid value unchanged and rejects anything else with a
 * `ValidationError` whose `param` is the name given and whose message reads `<name>: <what is allowed> (got <value>)`.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import {
  checkBoolean, checkFinite, checkFiniteArray, checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive, checkRange,
  checkTimeGrid,
} from '../../src/core/validate.js';

/** The ValidationError `fn` throws (fails the test if it throws anything else, or nothing). */
function rejection(fn: () => unknown): ValidationError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ValidationError);
    return e as ValidationError;
  }
  throw new Error('expected a ValidationError, got a return');
}

describe('number checks', () => {
  it('checkFinite: numbers pass unchanged; NaN, ±Infinity and non-numbers are named and shown', () => {
    for (const v of [0, -0, -3.5, 1e-300, Number.MAX_VALUE]) expect(checkFinite('a.b', v)).toBe(v);
    const cases: [unknown, string][] = [[NaN, 'NaN'], [Infinity, 'Infinity'], [-Infinity, '-Infinity'], ['1', '"1"'], [null, 'null'], [undefined, 'undefined'], [[1], 'an array of length 1']];
    for (const [v, shown] of cases) {
      const e = rejection(() => checkFinite('LIF.tauM', v));
      expect(e.param).toBe('LIF.tauM');
      expect(e.message).toBe(`LIF.tauM: must be a finite number (got ${shown})`);
    }
  });

  it('checkPositive and checkNonNegative: the boundary 0 on the right side of each', () => {
    expect(checkPositive('x', 1e-300)).toBe(1e-300);
    expect(rejection(() => checkPositive('x', 0)).message).toBe('x: must be > 0 (got 0)');
    expect(rejection(() => checkPositive('x', -0.01)).message).toBe('x: must be > 0 (got -0.01)');
    expect(rejection(() => checkPositive('x', NaN)).message).toBe('x: must be a finite number (got NaN)');
    expect(checkNonNegative('y', 0)).toBe(0);
    expect(rejection(() => checkNonNegative('y', -1e-300)).message).toBe('y: must be >= 0 (got -1e-300)');
  });

  it('checkRange: closed [lo, hi], or half-open [lo, hi) when asked', () => {
    expect(checkRange('p', 0, 0, 1)).toBe(0);
    expect(checkRange('p', 1, 0, 1)).toBe(1);
    expect(rejection(() => checkRange('p', 1.5, 0, 1)).message).toBe('p: must be in [0, 1] (got 1.5)');
    expect(rejection(() => checkRange('p', -0.1, 0, 1)).message).toBe('p: must be in [0, 1] (got -0.1)');
    expect(checkRange('q', 0.999, 0, 1, true)).toBe(0.999);
    expect(rejection(() => checkRange('q', 1, 0, 1, true)).message).toBe('q: must be in [0, 1) (got 1)');
  });

  it('checkInteger: whole numbers from `min` (0 by default)', () => {
    expect(checkInteger('n', 0)).toBe(0);
    expect(checkInteger('n', 7, 7)).toBe(7);
    expect(rejection(() => checkInteger('n', 6, 7)).message).toBe('n: must be an integer >= 7 (got 6)');
    expect(rejection(() => checkInteger('n', -1)).message).toBe('n: must be an integer >= 0 (got -1)');
    expect(rejection(() => checkInteger('n', 2.5, 1)).message).toBe('n: must be an integer >= 1 (got 2.5)');
    expect(rejection(() => checkInteger('n', Infinity)).message).toBe('n: must be an integer >= 0 (got Infinity)');
  });
});

describe('other checks', () => {
  it('checkOneOf lists the allowed values; checkBoolean takes only true and false', () => {
    expect(checkOneOf('m', 'rk4', ['euler', 'rk4'] as const)).toBe('rk4');
    expect(rejection(() => checkOneOf('m', 'rk3', ['euler', 'rk4'])).message).toBe("m: must be one of 'euler', 'rk4' (got \"rk3\")");
    expect(rejection(() => checkOneOf('m', 4, ['euler', 'rk4'])).message).toBe("m: must be one of 'euler', 'rk4' (got 4)");
    expect(checkBoolean('b', false)).toBe(false);
    expect(rejection(() => checkBoolean('b', 0)).message).toBe('b: must be true or false (got 0)');
  });

  it('checkFiniteArray copies into a Float64Array, checks the length and names the bad entry', () => {
    const src = [1, 2, 3];
    const a = checkFiniteArray('y0', src);
    expect(a).toBeInstanceOf(Float64Array);
    expect(Array.from(a)).toEqual(src);
    a[0] = 9;
    expect(src[0]).toBe(1);
    expect(Array.from(checkFiniteArray('y0', new Float32Array([0.5]), 1))).toEqual([0.5]);
    expect(rejection(() => checkFiniteArray('y0', [1, NaN, 3])).message).toBe('y0: entry 1 must be a finite number (got NaN)');
    expect(rejection(() => checkFiniteArray('y0', [1, 2], 3)).message).toBe('y0: must have length 3 (got length 2)');
    expect(rejection(() => checkFiniteArray('y0', 'abc')).message).toBe('y0: must be an array of numbers (got "abc")');
  });

  it('checkTimeGrid: round(duration / dt) steps; dt ≤ duration; both > 0', () => {
    expect(checkTimeGrid('sim', 1e-4, 1)).toBe(10000);
    expect(checkTimeGrid('sim', 0.3, 1)).toBe(3);
    expect(checkTimeGrid('sim', 0.1, 0.1)).toBe(1);
    expect(rejection(() => checkTimeGrid('sim', 0.2, 0.1)).message).toBe('sim.dt: must be <= duration (0.1 s) (got 0.2)');
    expect(rejection(() => checkTimeGrid('sim', 0, 1)).param).toBe('sim.dt');
    expect(rejection(() => checkTimeGrid('sim', 1e-4, -1)).param).toBe('sim.duration');
    expect(rejection(() => checkTimeGrid('sim', 1e-12, 1e3)).message).toMatch(/^sim\.dt: gives 1000000000000000 steps; at most 2e9/);
  });

  it('checkKnownKeys names an unknown option (a typo) and lists the known ones', () => {
    expect(() => checkKnownKeys('LIF', { tauM: 1 }, ['tauM', 'tauRef'])).not.toThrow();
    expect(() => checkKnownKeys('LIF', undefined, ['tauM'])).not.toThrow();
    const e = rejection(() => checkKnownKeys('LIF', { tau_m: 1 }, ['tauM', 'tauRef']));
    expect(e.param).toBe('LIF.tau_m');
    expect(e.message).toBe('LIF.tau_m: unknown option; known options are tauM, tauRef');
    expect(rejection(() => checkKnownKeys('LIF', 3 as unknown as object, ['tauM'])).message).toBe('LIF: must be an options object (got 3)');
  });
});
