import { describe, expect, it } from 'vitest';
import { compileFormula, resolveSignal } from '../../src/core/formula.js';
import { ValidationError } from '../../src/core/errors.js';
import fc from 'fast-check';

describe('formulas typed by a user', () => {
  it('evaluate arithmetic in t', () => {
    expect(compileFormula('10 + 5*sin(2*pi*20*t)')(0.0125)).toBeCloseTo(15, 12);
    expect(compileFormula('2^3 + t')(1)).toBe(9);
    expect(compileFormula('-t + max(1, t, 3)')(2)).toBe(1);
    expect(compileFormula('t > 0.1 ? 1 : 0')(0.2)).toBe(1);
    expect(compileFormula('10*heaviside(t - 0.05)')(0.05)).toBe(10);
    expect(compileFormula('exp(-t/0.02)')(0.02)).toBeCloseTo(Math.exp(-1), 14);
  });

  it('agree with JavaScript on random polynomials (property)', () => {
    fc.assert(fc.property(
      fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }),
      (a, b, t) => {
        const f = compileFormula(`${a} * t^2 - (${b}) * t + 1`);
        const want = a * t * t - b * t + 1;
        return Math.abs(f(t) - want) <= 1e-9 * (1 + Math.abs(want));
      },
    ));
  });

  it('refuse anything beyond arithmetic in t', () => {
    const bad = [
      'import({}, {})', 'evaluate("1+1")', 'x = 3', 'f(x) = x', 'a.b', 'constructor', 't.constructor',
      '[1, 2]', '{a: 1}', '"text"', 'createUnit("foo")', 'parse("1")', 'y + 1', 'this', '5 mA', 'sin',
    ];
    for (const s of bad) {
      expect(() => compileFormula(s, 'input'), s).toThrow(ValidationError);
      expect(() => compileFormula(s, 'input'), s).toThrow(/^input: /);
    }
  });

  it('report malformed and empty text', () => {
    expect(() => compileFormula('3 +', 'I')).toThrow(/I: cannot parse formula "3 \+"/);
    expect(() => compileFormula('', 'I')).toThrow(/I: is empty/);
    expect(() => compileFormula('   ', 'I')).toThrow(/I: is empty/);
    expect(() => compileFormula('sin(t', 'I')).toThrow(/cannot parse/);
  });

  it('resolveSignal takes a number, a numeric string, a function or a formula', () => {
    expect(resolveSignal('s', 3).constant).toBe(3);
    expect(resolveSignal('s', ' 2.5e-1 ').constant).toBe(0.25);
    expect(Number.isNaN(resolveSignal('s', 't').constant)).toBe(true);
    expect(resolveSignal('s', (t: number) => 2 * t).fn(3)).toBe(6);
    expect(() => resolveSignal('s', NaN)).toThrow(/s: must be a finite number/);
    expect(() => resolveSignal('s', {})).toThrow(/s: must be a number, a function of t or a formula/);
  });
});
