/**
 * Seeded random numbers. `mulberry32` is the common 32-bit generator the benchmark workloads are defined with, so
 * connectivity and initial states can be reproduced by other simulators draw for draw.
 * @module
 */
import { ValidationError, describeValue } from './errors.js';

/** A seed: any integer (NaN, fractions and non-numbers would all silently act as some other seed). */
function checkSeed(name: string, seed: unknown): number {
  if (typeof seed !== 'number' || !Number.isInteger(seed)) throw new ValidationError(name, `must be an integer (got ${describeValue(seed)})`);
  return seed;
}

/**
 * mulberry32: returns a function giving uniform numbers in [0, 1), each a multiple of 2⁻³².
 * `a += 0x6D2B79F5; t = imul(a ^ a>>>15, a|1); t ^= t + imul(t ^ t>>>7, t|61); ((t ^ t>>>14)>>>0) / 2³²`.
 */
export function mulberry32(seed: number): () => number {
  let a = checkSeed('mulberry32.seed', seed) | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A seeded generator with the draws the library needs (uniform, normal, integers, shuffles). */
export class Rng {
  private readonly next: () => number;
  private spare = NaN;
  /** @param seed any integer; the same seed gives the same sequence. */
  constructor(readonly seed: number = 0) {
    this.next = mulberry32(checkSeed('Rng.seed', seed));
  }
  /** Uniform in [0, 1). */
  random(): number {
    return this.next();
  }
  /** Uniform in [lo, hi). */
  uniform(lo = 0, hi = 1): number {
    return lo + (hi - lo) * this.next();
  }
  /** Standard normal by Box–Muller (the second value is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = NaN;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return mean + sd * r * Math.cos(2 * Math.PI * v);
  }
  /** Integer uniform in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  /** Exponential with the given rate (mean 1/rate). */
  exponential(rate: number): number {
    let u = 0;
    while (u === 0) u = this.next();
    return -Math.log(u) / rate;
  }
  /** Fisher–Yates shuffle in place. */
  shuffle<T extends { length: number; [i: number]: any }>(a: T): T {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = a[i];
      a[i] = a[j];
      a[j] = tmp;
    }
    return a;
  }
  /** A permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }
}

/** 32-bit finalizer of MurmurHash3 (a bijection with good avalanche), for seeding. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Independent random streams, one per index (e.g. one per neuron of a Poisson population): each is a
 * xoshiro128** generator (period 2¹²⁸ − 1) whose state is seeded from (seed, index) by SplitMix, so what stream i
 * draws depends on nothing but the seed and i — not on how draws of different streams interleave (which changes
 * with dt in a simulation).
 */
export class RandomStreams {
  private readonly s: Uint32Array;
  /** @param seed any integer; @param count number of streams */
  constructor(readonly seed: number, readonly count: number) {
    checkSeed('RandomStreams.seed', seed);
    this.s = new Uint32Array(4 * count);
    const key = fmix32(seed ^ 0x5bd1e995) ^ fmix32(Math.floor(seed / 4294967296) + 0x27d4eb2f);
    for (let i = 0; i < count; i++) {
      let x = (key ^ fmix32(i + 0x9e3779b9)) >>> 0;
      for (let k = 0; k < 4; k++) {
        x = (x + 0x9e3779b9) >>> 0; // SplitMix32: a Weyl sequence through a finalizer
        this.s[4 * i + k] = fmix32(x) || 1;
      }
    }
  }
  /** Uniform in (0, 1] from stream i (a multiple of 2⁻³², never 0, so −ln u is finite). */
  uniform(i: number): number {
    const s = this.s, b = 4 * i;
    const s0 = s[b], s1 = s[b + 1];
    let s2 = s[b + 2], s3 = s[b + 3];
    const m = Math.imul(s1, 5);
    const r = Math.imul((m << 7) | (m >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s[b + 1] = s1 ^ s2;
    s[b] = s0 ^ s3;
    s[b + 2] = s2 ^ t;
    s[b + 3] = (s3 << 11) | (s3 >>> 21);
    return (r + 1) / 4294967296;
  }
  /** Exponential with the given rate (mean 1/rate) from stream i. */
  exponential(i: number, rate: number): number {
    return -Math.log(this.uniform(i)) / rate;
  }
}
