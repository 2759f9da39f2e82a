/** The address of a view (web/state.ts): the open panel and its non-default settings, round-tripped. */
import { describe, expect, it } from 'vitest';
import { formatHash, parseHash, sameParams } from '../../web/state.js';

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
