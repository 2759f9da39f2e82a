/**
 * The random numbers (src/core/rng.ts). mulberry32 is checked draw for draw against the benchmark workloads'
 * definition of the generator (sims/bench/README.md), transcribed here in exact integer arithmetic (BigInt mod 2³²)
 * rather than with Math.imul; the Rng's distributions are checked by their moments, each within 4 standard errors
 * of the sample statistic (the draws are seeded, so the test is deterministic; a wrong formula misses by far more).
 */
import { describe, expect, it } from 'vitest';
import { mulberry32, Rng } from '../../src/core/rng.js';

const M = 2n ** 32n;
/** `a += 0x6D2B79F5; t = imul(a ^ a>>>15, a|1); t ^= t + imul(t ^ t>>>7, t|61); return ((t ^ t>>>14)>>>0) / 2^32`, in uint32. */
function referenceMulberry32(seed: number): () => number {
  let a = BigInt.asUintN(32, BigInt(seed));
  const mul = (x: bigint, y: bigint) => (x * y) % M; // imul keeps the low 32 bits; the sign is irrelevant in uint32
  return () => {
    a = (a + 0x6d2b79f5n) % M;
    let t = mul(a ^ (a >> 15n), a | 1n);
    t = t ^ ((t + mul(t ^ (t >> 7n), t | 61n)) % M);
    return Number(t ^ (t >> 14n)) / 2 ** 32;
  };
}

/** Sample mean, variance (n − 1), and the standardized third and fourth moments. */
function moments(xs: Float64Array) {
  const n = xs.length;
  let m = 0;
  for (const x of xs) m += x;
  m /= n;
  let m2 = 0, m3 = 0, m4 = 0;
  for (const x of xs) {
    const d = x - m;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  const variance = m2 / (n - 1), pop = m2 / n;
  return { mean: m, variance, skewness: m3 / n / pop ** 1.5, kurtosis: m4 / n / pop ** 2 };
}

/** |got − want| within k standard errors, with the numbers in the message. */
function within(got: number, want: number, se: number, what: string, k = 4): void {
  expect(Math.abs(got - want) <= k * se, `${what}: ${got}, expected ${want} ± ${k}·${se.toExponential(2)}`).toBe(true);
}

const N = 200_000;
const draw = (f: () => number) => Float64Array.from({ length: N }, f);

describe('mulberry32', () => {
  it('gives the reference sequence draw for draw, for several seeds (negative and beyond 32 bits too)', () => {
    for (const seed of [0, 1, 7, 2024, 12345, -1, 2 ** 31, 0xdeadbeef]) {
      const ours = mulberry32(seed), ref = referenceMulberry32(seed);
      for (let i = 0; i < 2000; i++) expect(ours(), `seed ${seed}, draw ${i}`).toBe(ref());
    }
  });

  it('draws lie in [0, 1) as multiples of 2⁻³², and a seed fixes the sequence', () => {
    const u = mulberry32(99);
    const bad = Array.from({ length: 10_000 }, u).filter((x) => !(x >= 0 && x < 1 && Number.isInteger(x * 2 ** 32)));
    expect(bad).toEqual([]);
    const a = mulberry32(5), b = mulberry32(5), c = mulberry32(6);
    const sa = Array.from({ length: 50 }, a);
    expect(Array.from({ length: 50 }, b)).toEqual(sa);
    expect(Array.from({ length: 50 }, c)).not.toEqual(sa);
  });
});

describe('Rng distributions, by their moments', () => {
  it('random() and uniform(lo, hi): mean (lo + hi)/2, variance (hi − lo)²/12', () => {
    const r = new Rng(3);
    expect(r.random()).toBe(mulberry32(3)()); // random() is the generator itself
    for (const [lo, hi] of [[0, 1], [-5, 2]]) {
      const m = moments(draw(() => r.uniform(lo, hi)));
      const w = hi - lo, variance = (w * w) / 12;
      // SE of the mean √(σ²/n); of the sample variance √((μ₄ − σ⁴)/n) with μ₄ = w⁴/80 for a uniform.
      within(m.mean, (lo + hi) / 2, Math.sqrt(variance / N), `uniform(${lo}, ${hi}) mean`);
      within(m.variance, variance, Math.sqrt((w ** 4 / 80 - variance ** 2) / N), `uniform(${lo}, ${hi}) variance`);
    }
  });

  it('normal(μ, σ): mean μ, variance σ², skewness 0, kurtosis 3', () => {
    const r = new Rng(11);
    for (const [mu, sd] of [[0, 1], [2.5, 0.3]]) {
      const m = moments(draw(() => r.normal(mu, sd)));
      within(m.mean, mu, sd / Math.sqrt(N), `normal(${mu}, ${sd}) mean`);
      within(m.variance, sd * sd, sd * sd * Math.sqrt(2 / N), `normal(${mu}, ${sd}) variance`);
      within(m.skewness, 0, Math.sqrt(6 / N), `normal(${mu}, ${sd}) skewness`);
      within(m.kurtosis, 3, Math.sqrt(24 / N), `normal(${mu}, ${sd}) kurtosis`);
    }
  });

  it('exponential(λ): mean 1/λ, variance 1/λ², all draws > 0', () => {
    const r = new Rng(17);
    const lambda = 40;
    const xs = draw(() => r.exponential(lambda));
    expect(xs.every((x) => x > 0)).toBe(true);
    const m = moments(xs);
    within(m.mean, 1 / lambda, 1 / lambda / Math.sqrt(N), 'exponential mean');
    // μ₄ = 9/λ⁴ for an exponential, so the SE of the sample variance is √(8/n)/λ².
    within(m.variance, 1 / lambda ** 2, Math.sqrt(8 / N) / lambda ** 2, 'exponential variance');
  });

  it('int(n): each of 0..n−1 with frequency 1/n (binomial SE per value), nothing outside', () => {
    const r = new Rng(23);
    const n = 7, counts = new Array(n).fill(0);
    let outside = 0;
    for (let i = 0; i < N; i++) {
      const k = r.int(n);
      if (Number.isInteger(k) && k >= 0 && k < n) counts[k]++;
      else outside++;
    }
    expect(outside).toBe(0);
    const p = 1 / n;
    counts.forEach((c, k) => within(c, N * p, Math.sqrt(N * p * (1 - p)), `count of ${k}`));
  });

  it('shuffle and permutation: a permutation, each of the 3! orders of three items equally often', () => {
    const r = new Rng(29);
    const perm = r.permutation(1000);
    expect(Array.from(perm).sort((a, b) => a - b)).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    const orders = new Map<string, number>();
    const T = 60_000;
    for (let i = 0; i < T; i++) {
      const key = r.shuffle(['a', 'b', 'c']).join('');
      orders.set(key, (orders.get(key) ?? 0) + 1);
    }
    expect(orders.size).toBe(6);
    for (const [key, c] of orders) within(c, T / 6, Math.sqrt((T * (1 / 6) * 5) / 6), `order ${key}`);
  });

  it('the same seed gives the same draws across every method', () => {
    const seq = (seed: number) => {
      const r = new Rng(seed);
      return [r.random(), r.normal(), r.normal(), r.int(10), r.exponential(2), ...r.permutation(5)];
    };
    expect(seq(42)).toEqual(seq(42));
    expect(seq(42)).not.toEqual(seq(43));
  });
});
