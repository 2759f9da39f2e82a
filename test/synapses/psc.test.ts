import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { linearFit } from '../../src/core/arrays.js';
import { filterSpikeTrain, pscKernel, PscFilter } from '../../src/synapses/psc.js';
import { poissonSpikeTrain } from '../../src/synapses/spikeTrains.js';

/** n! computed naively, for the closed form written independently of the library. */
const fact = (n: number): number => (n <= 1 ? 1 : n * fact(n - 1));

/** Composite Simpson on [a, b] with m (even) intervals. */
function simpson(f: (t: number) => number, a: number, b: number, m: number): number {
  const h = (b - a) / m;
  let s = f(a) + f(b);
  for (let k = 1; k < m; k++) s += (k % 2 ? 4 : 2) * f(a + k * h);
  return (s * h) / 3;
}

describe('pscKernel', () => {
  for (const n of [0, 1, 2, 3, 5]) {
    for (const tauS of [0.002, 0.005, 0.05]) {
      it(`n = ${n}, τ_s = ${tauS * 1e3} ms integrates to 1 and matches k tⁿ e^(−t/τ)`, () => {
        const h = pscKernel({ n, tauS });
        // ∫_0^∞ h: the tail beyond (n + 60)τ is below e^-50.
        const integral = simpson(h, 0, (n + 60) * tauS, 200_000);
        expect(Math.abs(integral - 1), `∫h = ${integral}`).toBeLessThan(1e-6);
        const k = 1 / (fact(n) * tauS ** (n + 1));
        for (const x of [0.1, 0.5, 1, 2, 7.3, 20]) {
          const t = x * tauS;
          const closed = k * t ** n * Math.exp(-t / tauS);
          expect(Math.abs(h(t) - closed) / closed, `h(${t})`).toBeLessThan(1e-12);
        }
        expect(h(-1e-9)).toBe(0);
        expect(h(-1)).toBe(0);
        expect(h(0)).toBe(n === 0 ? 1 / tauS : 0);
        if (n >= 1) {
          // The peak of tⁿe^{−t/τ} is at t = nτ: neighbours are lower.
          expect(h(n * tauS)).toBeGreaterThan(h(n * tauS * 0.999));
          expect(h(n * tauS)).toBeGreaterThan(h(n * tauS * 1.001));
        }
      });
    }
  }

  it('rejects a negative or zero τ_s and a non-integer n', () => {
    expect(() => pscKernel({ n: 0, tauS: -0.005 })).toThrow(ValidationError);
    expect(() => pscKernel({ n: 0, tauS: -0.005 })).toThrow(/pscKernel\.tauS: must be > 0 \(got -0\.005\)/);
    expect(() => pscKernel({ n: 0, tauS: 0 })).toThrow(/tauS/);
    expect(() => pscKernel({ n: 1.5, tauS: 0.005 })).toThrow(/pscKernel\.n: must be an integer/);
    expect(() => pscKernel({ n: -1, tauS: 0.005 })).toThrow(/pscKernel\.n/);
  });
});

describe('filterSpikeTrain', () => {
  const train = poissonSpikeTrain({ rate: 80, duration: 1, seed: 3 });
  const weights = Float64Array.from(train, (_, i) => 0.5 + ((i * 37) % 11) / 10);

  for (const n of [0, 1, 2, 4]) {
    it(`exact and recursive agree within 1e-9 (n = ${n}, on and off the spike grid)`, () => {
      for (const dt of [1e-4, 1.7e-3]) {
        const o = { n, tauS: 0.007, dt, duration: 1, weight: weights };
        const a = filterSpikeTrain(train, { ...o, method: 'exact' });
        const b = filterSpikeTrain(train, { ...o, method: 'recursive' });
        expect(a.s.length).toBe(Math.round(1 / dt) + 1);
        let worst = 0, peak = 0;
        for (let i = 0; i < a.s.length; i++) {
          worst = Math.max(worst, Math.abs(a.s[i] - b.s[i]));
          peak = Math.max(peak, Math.abs(a.s[i]));
        }
        expect(peak).toBeGreaterThan(10); // the comparison is not between zeros
        expect(worst, `max |exact − recursive| at dt = ${dt}`).toBeLessThan(1e-9);
      }
    });
  }

  it('counts a spike exactly on a sample time (h is right-continuous: s = 1/τ for n = 0)', () => {
    const o = { n: 0, tauS: 0.01, dt: 0.001, duration: 0.01 };
    const ex = filterSpikeTrain([0, 0.005], { ...o, method: 'exact' });
    const re = filterSpikeTrain([0, 0.005], { ...o, method: 'recursive' });
    expect(ex.s[0]).toBeCloseTo(100, 10);
    for (let i = 0; i < ex.s.length; i++) expect(re.s[i]).toBeCloseTo(ex.s[i], 9);
  });

  it("the notes' Euler algorithm converges at first order as dt shrinks", () => {
    const spikes = [0.0123, 0.0311, 0.0335, 0.0702];
    const T = 0.1, coarse = 1e-3;
    const ref = (t: number) => spikes.reduce((acc, tp) => acc + pscKernel({ n: 1, tauS: 0.005 })(t - tp), 0);
    const dts = [coarse / 2, coarse / 4, coarse / 8, coarse / 16, coarse / 32];
    const errs = dts.map((dt) => {
      const e = filterSpikeTrain(spikes, { n: 1, tauS: 0.005, dt, duration: T, method: 'euler' });
      const stride = Math.round(coarse / dt);
      let worst = 0;
      for (let i = 0; i < e.s.length; i += stride) worst = Math.max(worst, Math.abs(e.s[i] - ref(e.t[i])));
      return worst;
    });
    const fit = linearFit(dts.map(Math.log), errs.map(Math.log));
    expect(fit.slope, `errors ${errs.map((x) => x.toExponential(2)).join(', ')}`).toBeGreaterThan(0.9);
    expect(fit.slope).toBeLessThan(1.15);
    // and it is consistent: the finest error is small against the peak (1/(e τ) ≈ 74)
    expect(errs[errs.length - 1]).toBeLessThan(1);
  });

  it('Poisson input at rate r: the mean filtered activity converges to r (tolerance from the spike count)', () => {
    for (const [r, n, seed] of [[40, 0, 1], [100, 2, 2]] as const) {
      const T = 100, tauS = 0.01;
      const tr = poissonSpikeTrain({ rate: r, duration: T, seed });
      const f = filterSpikeTrain(tr, { n, tauS, dt: 1e-3, duration: T });
      let mean = 0;
      for (let i = 0; i < f.s.length; i++) mean += f.s[i];
      mean /= f.s.length;
      // The count N is Poisson(rT): the rate estimate N/T has sd sqrt(rT)/T. The sampled mean of s equals N/T up
      // to the kernel mass cut off at T (expected r (n + 1) τ_s / T) and sampling noise far below that sd.
      const sd = Math.sqrt(r * T) / T;
      const tol = 4 * sd + (r * (n + 1) * tauS * 3) / T;
      expect(Math.abs(mean - r), `mean ${mean} vs r ${r} (tol ${tol}, ${tr.length} spikes)`).toBeLessThan(tol);
      // The filter conserves spikes: the mean is the empirical rate N/T far more closely than it is r.
      expect(Math.abs(mean - tr.length / T), `mean ${mean} vs N/T ${tr.length / T}`).toBeLessThan(sd / 2);
    }
  });

  it('rejects spike times out of order, NaN or infinite, and bad options', () => {
    const o = { n: 0, tauS: 0.005, dt: 1e-3, duration: 0.1 };
    expect(() => filterSpikeTrain([0.01, 0.005], o)).toThrow(ValidationError);
    expect(() => filterSpikeTrain([0.01, 0.005], o)).toThrow(/increasing order: entry 1 \(0\.005 s\) comes before entry 0 \(0\.01 s\)/);
    expect(() => filterSpikeTrain([0.01, NaN], o)).toThrow(/spike time 1 must be a finite number of seconds \(got NaN\)/);
    expect(() => filterSpikeTrain([Infinity], o)).toThrow(/spike time 0/);
    expect(() => filterSpikeTrain([0.01], { ...o, tauS: -0.005 })).toThrow(/filterSpikeTrain\.tauS: must be > 0/);
    expect(() => filterSpikeTrain([0.01], { ...o, method: 'rk4' as never })).toThrow(/method: must be one of 'exact', 'recursive', 'euler'/);
    expect(() => filterSpikeTrain([0.01], { ...o, dt: 0 })).toThrow(/dt: must be > 0/);
  });
});

describe('PscFilter', () => {
  it('a spike landing r before the step end equals the kernel sampled later (n = 0..3)', () => {
    for (const n of [0, 1, 2, 3]) {
      const tauS = 0.004, dt = 5e-4;
      const f = new PscFilter({ n, tauS }, 2);
      f.addSpike(1, 2.5, 0.3e-3); // arrived 0.3 ms before the end of step 0
      const h = pscKernel({ n, tauS });
      for (let k = 0; k < 40; k++) {
        const t = 0.3e-3 + k * dt;
        expect(f.output[1]).toBeCloseTo(2.5 * h(t), 10);
        expect(f.output[0]).toBe(0);
        f.decay(dt);
      }
    }
  });
});
