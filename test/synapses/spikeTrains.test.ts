import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { poissonSpikeTrain, regularSpikeTrain, spikeTrainFromList } from '../../src/synapses/spikeTrains.js';

describe('spike-train generators', () => {
  it('regular: spikes at start + k/rate, none at or after the duration', () => {
    const tr = regularSpikeTrain({ rate: 40, duration: 0.1, start: 0.005 });
    expect(Array.from(tr)).toEqual([0.005, 0.005 + 1 / 40, 0.005 + 2 / 40, 0.005 + 3 / 40]);
    expect(regularSpikeTrain({ rate: 10, duration: 1 }).length).toBe(10);
  });

  it('Poisson, homogeneous: count within 4 sd of rT, intervals exponential (CV ≈ 1), seeded', () => {
    const r = 50, T = 200;
    const tr = poissonSpikeTrain({ rate: r, duration: T, seed: 11 });
    expect(Math.abs(tr.length - r * T)).toBeLessThan(4 * Math.sqrt(r * T));
    const isi = Array.from(tr.slice(1), (t, i) => t - tr[i]);
    const m = isi.reduce((a, b) => a + b, 0) / isi.length;
    const sd = Math.sqrt(isi.reduce((a, b) => a + (b - m) ** 2, 0) / isi.length);
    expect(Math.abs(sd / m - 1)).toBeLessThan(0.03); // CV of an exponential is 1; its sampling sd here ≈ 0.007
    expect(Array.from(poissonSpikeTrain({ rate: r, duration: 1, seed: 11 }))).toEqual(Array.from(tr.filter((t) => t < 1)));
    expect(Array.from(poissonSpikeTrain({ rate: r, duration: 1, seed: 12 }))).not.toEqual(Array.from(tr.filter((t) => t < 1)));
  });

  it('Poisson with a rate formula: counts in each window follow ∫λ dt', () => {
    // λ(t) = 100 (1 + sin 2πt): over [0, 0.5) ∫λ = 50 + 100/π, over [0.5, 1) 50 − 100/π; repeated 100 times.
    const tr = poissonSpikeTrain({ rate: '100*(1 + sin(2*pi*t))', duration: 100, seed: 5 });
    let up = 0, down = 0;
    for (const t of tr) (t % 1 < 0.5 ? up++ : down++);
    const eUp = 100 * (50 + 100 / Math.PI), eDown = 100 * (50 - 100 / Math.PI);
    expect(Math.abs(up - eUp)).toBeLessThan(4 * Math.sqrt(eUp));
    expect(Math.abs(down - eDown)).toBeLessThan(4 * Math.sqrt(eDown));
    // A function of t works the same and is seeded the same.
    const f = poissonSpikeTrain({ rate: (t) => 100 * (1 + Math.sin(2 * Math.PI * t)), duration: 2, seed: 5, rateMax: 240 });
    const g = poissonSpikeTrain({ rate: '100*(1 + sin(2*pi*t))', duration: 2, seed: 5, rateMax: 240 });
    expect(Array.from(f)).toEqual(Array.from(g));
    expect(() => poissonSpikeTrain({ rate: '100*(1 + sin(2*pi*t))', duration: 2, rateMax: 150 })).toThrow(/rateMax/);
  });

  it('from a list: validated', () => {
    expect(Array.from(spikeTrainFromList([0.1, 0.2, 0.2]))).toEqual([0.1, 0.2, 0.2]);
    expect(() => spikeTrainFromList([0.2, 0.1])).toThrow(ValidationError);
    expect(() => spikeTrainFromList([0.2, NaN])).toThrow(/spike time 1 must be a finite number/);
    expect(() => poissonSpikeTrain({ rate: -1, duration: 1 })).toThrow(/rate: must be >= 0/);
  });
});
