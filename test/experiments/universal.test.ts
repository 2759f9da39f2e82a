/** Universal approximation by sums of ReLUs (src/experiments/universal.ts). */
import { describe, expect, it } from 'vitest';
import { interpolantNetwork, runUniversal, universalFigures } from '../../src/experiments/universal.js';

describe('universal', () => {
  it('more ReLUs, smaller error (trained and constructed)', () => {
    const r = runUniversal({ units: [2, 32], epochs: 1500 });
    expect(r.fits[1].rmsError).toBeLessThan(0.5 * r.fits[0].rmsError);
    expect(r.constructed[1].rmsError).toBeLessThan(0.05 * r.constructed[0].rmsError);
    expect(r.pieces).toHaveLength(32);
    expect(universalFigures(r)).toHaveLength(3);
  });
});

describe('universal approximation by translated ReLUs (Krzakala & Baker)', () => {
  it('the interpolant network reproduces f at the knots and its error falls ~4× per doubling of N', () => {
    const f = (x: number) => Math.sin(3 * x);
    const xs = Array.from({ length: 401 }, (_, i) => -2 + i / 100);
    const err = (N: number) => {
      const net = interpolantNetwork(f, -2, 2, N);
      const y = net.forward(xs.map((x) => [x])).map((r) => r[0]);
      return Math.max(...y.map((v, i) => Math.abs(v - f(xs[i]))));
    };
    const net = interpolantNetwork(f, -2, 2, 8);
    expect(net.forward([[-2], [-1], [0], [1.5]]).map((r) => r[0])).toEqual([f(-2), f(-1), f(0), f(1.5)].map((v) => expect.closeTo(v, 12)));
    const e16 = err(16), e32 = err(32), e64 = err(64);
    expect(e16 / e32).toBeGreaterThan(3);
    expect(e32 / e64).toBeGreaterThan(3.5);
  });
});
