import { describe, expect, it } from 'vitest';
import { basisBounds, membraneResponse, phi, psi, stagePropagator } from '../../src/neurons/lifPropagator.js';

/** ∫_lo^hi f by composite 5-point Gauss–Legendre (exact to rounding for these smooth integrands). */
function quad(f: (x: number) => number, lo: number, hi: number, n = 400): number {
  const x = [-0.906179845938664, -0.538469310105683, 0, 0.538469310105683, 0.906179845938664];
  const w = [0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366, 0.236926885056189];
  let s = 0;
  const h = (hi - lo) / n;
  for (let i = 0; i < n; i++) for (let k = 0; k < 5; k++) s += (w[k] * h) / 2 * f(lo + i * h + (h / 2) * (x[k] + 1));
  return s;
}
const fact = (k: number): number => (k <= 1 ? 1 : k * fact(k - 1));

describe('the LIF membrane propagator (closed forms of lifPropagator.ts)', () => {
  it('F_m(h) = b∫e^{−b(h−s)}e^{−as}(as)^m/m! ds matches quadrature, including τ_s = τ_m and τ_s → τ_m', () => {
    for (const m of [0, 1, 2, 4]) {
      for (const [tauS, tauM] of [[0.005, 0.02], [0.02, 0.005], [0.02, 0.02], [0.02, 0.02 * (1 + 1e-7)], [0.001, 0.05], [0.05, 0.001]]) {
        for (const h of [1e-5, 1e-4, 1e-3, 1e-2, 0.1]) {
          const a = 1 / tauS, b = 1 / tauM;
          const ref = quad((s) => b * Math.exp(-b * (h - s)) * Math.exp(-a * s) * Math.pow(a * s, m) / fact(m), 0, h);
          const got = membraneResponse(m, a, b, h);
          expect(Math.abs(got - ref) / ref, `m ${m}, τ_s ${tauS}, τ_m ${tauM}, h ${h}`).toBeLessThan(1e-12);
        }
      }
    }
    // The degenerate case in closed form: F_0 = B e^{−B}, F_1 = B² e^{−B}/2 at a = b.
    expect(membraneResponse(0, 50, 50, 0.01)).toBeCloseTo(0.5 * Math.exp(-0.5), 15);
    expect(membraneResponse(1, 50, 50, 0.01)).toBeCloseTo(0.125 * Math.exp(-0.5), 15);
  });

  it('φ_k and ψ_m agree with their series/integral definitions on both sides of the series threshold', () => {
    for (const k of [1, 2, 3, 6]) {
      for (const w of [0, -1e-8, -0.5, -k - 0.5, -k - 2, -30, -300]) {
        const ref = quad((th) => Math.exp((1 - th) * w) * Math.pow(th, k - 1) / fact(k - 1), 0, 1);
        expect(Math.abs(phi(k, w) - ref) / ref, `φ_${k}(${w})`).toBeLessThan(1e-12);
      }
    }
    for (const m of [0, 1, 2, 5]) {
      for (const z of [0, -1e-8, -0.7, -m - 1.5, -m - 3, -40, -500]) {
        const ref = quad((th) => Math.exp(z * th) * Math.pow(th, m) / fact(m), 0, 1, 4000);
        expect(Math.abs(psi(m, z) - ref) / ref, `ψ_${m}(${z})`).toBeLessThan(1e-11);
      }
    }
  });

  it('the stage propagator is the Jordan-block exponential; basis bounds bracket the function', () => {
    const P = stagePropagator(0.3, 3, new Float64Array(4));
    for (let i = 0; i <= 3; i++) expect(P[i]).toBeCloseTo(Math.exp(-0.3) * Math.pow(0.3, i) / fact(i), 15);
    const out = new Float64Array(2);
    for (const m of [0, 1, 3]) {
      for (const [t1, t2] of [[0, 0.001], [0.001, 0.02], [0.004, 0.005]]) {
        basisBounds(m, 200, t1, t2, out);
        for (let k = 0; k <= 100; k++) {
          const t = t1 + ((t2 - t1) * k) / 100;
          const g = Math.exp(-200 * t) * Math.pow(200 * t, m) / fact(m);
          expect(g).toBeGreaterThanOrEqual(out[0] * (1 - 1e-14));
          expect(g).toBeLessThanOrEqual(out[1] * (1 + 1e-14));
        }
      }
    }
  });
});
