/**
 * Izhikevich behaviour beyond the reference spike times: the resting state and the rheobase against their closed
 * forms, no NaN at coarse steps and huge currents, populations equal single neurons, names and abbreviations, errors.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../src/core/errors.js';
import { IZHIKEVICH_PATTERN_NAMES, IZHIKEVICH_VPEAK, Izhikevich, izhikevichRest } from '../../src/neurons/izhikevich.js';
import { createSpikeBuffer } from '../../src/neurons/types.js';
import { expectRel } from '../helpers/expect.js';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'neurons', 'adex_izhikevich.json'), 'utf8')) as { izhikevich: { name: string; spikes: number[] }[] };

describe('Izhikevich', () => {
  it('starts at rest: izhikevichRest(b, I) is a fixed point of v\' and u\', and the neuron stays there', () => {
    for (const [b, I] of [[0.2, 0], [0.25, 0], [0.26, 0], [0.25, -10], [0.2, 3]]) {
      const v = izhikevichRest(b, I);
      expect(Math.abs(0.04 * v * v + 5 * v + 140 - b * v + I), `b ${b}, I ${I}`).toBeLessThan(1e-10);
    }
    expect(izhikevichRest(0.2)).toBeCloseTo(-70, 12); // 0.04 v² + 4.8 v + 140 = 0
    expect(Number.isNaN(izhikevichRest(0.2, 5))).toBe(true); // past the saddle-node at I = 4.8²/0.16 − 140 = 4
    const tr = Izhikevich.pattern('regular-spiking').simulate({ current: 0, duration: 0.5, dt: 1e-4 });
    expect(tr.spikes.length).toBe(0);
    expect(Math.abs(tr.v[tr.v.length - 1] + 70)).toBeLessThan(1e-9);
  });

  it('the rheobase of regular spiking brackets the closed form: rest persists at I = 3.5, no fixed point is left above I = 4', () => {
    const n = Izhikevich.pattern('RS');
    expect(n.rate(3.5)).toBe(0);
    expect(n.rate(4.5)).toBeGreaterThan(0);
    expect(n.rate(20)).toBeGreaterThan(n.rate(10));
  });

  it('rate(I) is the steady rate: fast spiking at I = 10 fires at 1 / the reference\'s last interval', () => {
    const ref = fixture.izhikevich.find((c) => c.name === 'fast-spiking')!.spikes;
    expectRel(Izhikevich.pattern('FS').rate(10), 1 / (ref[ref.length - 1] - ref[ref.length - 2]), 1e-4, 'rate (Hz)');
  });

  it('no NaN at dt = 1 ms with a huge current: v stays finite and below the cut, and the count matches a fine run', () => {
    const n = Izhikevich.pattern('CH');
    const coarse = n.simulate({ current: 1e4, duration: 0.1, dt: 1e-3 });
    const fine = n.simulate({ current: 1e4, duration: 0.1, dt: 1e-5, record: false });
    expect(coarse.v.every((v) => Number.isFinite(v) && v < IZHIKEVICH_VPEAK)).toBe(true);
    expect(coarse.u.every(Number.isFinite)).toBe(true);
    expect(fine.spikes.length).toBeGreaterThan(1000);
    expect(Math.abs(coarse.spikes.length / fine.spikes.length - 1)).toBeLessThan(0.01);
  });

  it('a population of N identical neurons equals N single-neuron runs, to the bit', () => {
    const n = Izhikevich.pattern('IB');
    const currents = [0, 3, 5, 10, 20];
    const dt = 2e-4, steps = 1000;
    const st = n.initialState(currents.length);
    const buf = createSpikeBuffer(currents.length);
    const spikes: number[][] = currents.map(() => []);
    for (let i = 0; i < steps; i++) {
      n.step(dt, i * dt, Float64Array.from(currents), st, buf);
      for (let k = 0; k < buf.count; k++) spikes[buf.index[k]].push(i * dt + buf.offset[k]);
    }
    currents.forEach((I, j) => {
      const one = n.simulate({ current: I, duration: steps * dt, dt });
      expect(Array.from(one.spikes), `I = ${I}`).toEqual(spikes[j]);
      expect(one.v[steps]).toBe(st.v[j]);
      expect(one.u[steps]).toBe(st.u[j]);
    });
  });

  it('takes pattern names and the paper\'s abbreviations; overrides change single parameters', () => {
    expect(Izhikevich.pattern('FS').pattern).toBe('fast-spiking');
    expect(new Izhikevich({ pattern: 'LTS' }).params).toMatchObject({ a: 0.02, b: 0.25, c: -65, d: 2 });
    expect(Izhikevich.pattern('chattering', { d: 3 }).params).toMatchObject({ a: 0.02, b: 0.2, c: -50, d: 3 });
    const rs = new Izhikevich().params;
    expect(rs).toMatchObject({ a: 0.02, b: 0.2, c: -65, d: 8 });
    expect(rs.v0).toBeCloseTo(-70, 12);
    expect(rs.u0).toBeCloseTo(-14, 12);
    expect(IZHIKEVICH_PATTERN_NAMES).toEqual(['regular-spiking', 'intrinsically-bursting', 'chattering', 'fast-spiking',
      'low-threshold-spiking', 'thalamo-cortical', 'thalamo-cortical-rebound', 'resonator']);
  });

  it('rejects bad parameters with errors naming them', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => Izhikevich.pattern('XX' as never), /Izhikevich\.pattern: must be one of 'regular-spiking', .*'resonator' or an abbreviation \(RS, IB, CH, FS, LTS, TC, TC-rebound, RZ\) \(got "XX"\)/],
      [() => new Izhikevich({ a: 0 }), /Izhikevich\.a: must be > 0 \(got 0\)/],
      [() => new Izhikevich({ c: 30 }), /Izhikevich\.c: must be < 30 mV, the spike cut \(got 30\)/],
      [() => new Izhikevich({ v0: 35 }), /Izhikevich\.v0: must be < 30 mV/],
      [() => new Izhikevich({ d: Infinity }), /Izhikevich\.d: must be a finite number/],
      [() => new Izhikevich().simulate({ duration: 0.1 }), /Izhikevich\.simulate\.current: is required/],
      [() => new Izhikevich().simulate({ current: 10, duration: 0.1, dt: 0 }), /Izhikevich\.simulate\.dt: must be > 0/],
    ];
    for (const [f, re] of cases) {
      expect(f).toThrow(ValidationError);
      expect(f).toThrow(re);
    }
  });
});
