/** The address of a view (web/state.ts): the open panel and its non-default settings, round-tripped. */
import { describe, expect, it } from 'vitest';
import { formatHash, MAX_HASH_LENGTH, parseHash, sameParams } from '../../web/state.js';
import { inPageUnits, thousands } from '../../web/messages.js';

describe('URL state', () => {
  it('round-trips a panel and its settings, formulas included', () => {
    const route = { panel: 'hh', params: { input: 'formula', f: '10 + 5*sin(2*pi*20*t)', dt: '0.005' } };
    const hash = formatHash(route);
    expect(hash.startsWith('#hh?')).toBe(true);
    expect(parseHash(hash)).toEqual(route);
    expect(parseHash('')).toEqual({ panel: '', params: {} });
    expect(parseHash('#lif')).toEqual({ panel: 'lif', params: {} });
    expect(sameParams({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameParams({ a: '1' }, { a: '1', b: '2' })).toBe(false);
  });
});

describe('hostile addresses', () => {
  it('malformed percent-encoding, prototype keys and megabyte links parse without throwing', () => {
    expect(parseHash('#%E0%A4%A')).toEqual({ panel: '%E0%A4%A', params: {} });
    expect(parseHash('#lif?I=%E0%A4%A&dt=%ZZ')).toEqual({ panel: 'lif', params: { I: '\uFFFD%A', dt: '%ZZ' } });
    const proto = parseHash('#hh?__proto__=1&constructor=2');
    expect(Object.getPrototypeOf(proto.params)).toBe(Object.prototype);
    expect(Object.keys(proto.params)).toEqual(['__proto__', 'constructor']);
    expect(proto.params.__proto__).toBe('1');
    const long = parseHash(`#hh?I=${'9'.repeat(5_000_000)}`);
    expect(long.params.I.length).toBe(MAX_HASH_LENGTH - '#hh?I='.length);
  });
});

describe("the models' messages in the page's units", () => {
  it('seconds become ms; a bare value of a time parameter too', () => {
    expect(inPageUnits('simulation diverged: v = -Infinity at t = 12 ms (input 0.5, method rk4 at dt = 0.00001 s)'))
      .toBe('simulation diverged: v = -Infinity at t = 12 ms (input 0.5, method rk4 at dt = 0.01 ms)');
    expect(inPageUnits("LIF.dt: forward Euler is unstable for dt > 0.04 s (2 τ_m with τ_m = 0.02 s): use a smaller dt or method 'exact' (got 0.1)", 'LIF.dt'))
      .toBe("LIF.dt: forward Euler is unstable for dt > 40 ms (2 τ_m with τ_m = 20 ms): use a smaller dt or method 'exact' (got 100 ms)");
    expect(inPageUnits('rk4 at dt = 1e-5 s; N = 1,000 s')).toBe('rk4 at dt = 0.01 ms; N = 1,000 s');
    expect(inPageUnits('gives 5 steps (got 3)', 'psc.n')).toBe('gives 5 steps (got 3)');
  });

  it('thousands separators as toLocaleString("en") writes them', () => {
    for (const n of [0, 7, 999, 1000, 20001, 1_000_001, 123_456_789, -45_000, 1012798.5]) expect(thousands(n)).toBe(n.toLocaleString('en', { maximumFractionDigits: 20 }));
  });
});
