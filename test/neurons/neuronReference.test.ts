/**
 * Against NEURON itself: spike times of NEURON 8.2's `hh` (CVODE, rtol = atol = 1e-10) for several currents and
 * temperatures, made by test/fixtures/neurons/make_neuron_hh.py, both with NEURON's default rate table
 * (usetable_hh = 1, our `rateTable: true`) and with the exact rates (usetable_hh = 0, our default).
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HodgkinHuxley } from '../../src/neurons/hodgkinHuxley.js';

interface Case { current: number; duration: number; temperature: number; exact: number[]; table: number[] }
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'neurons', 'neuron_hh.json'), 'utf8')) as { source: string; cases: Case[] };

describe(`Hodgkin-Huxley against ${fixture.source.split(',')[0]}`, () => {
  for (const mode of ['exact', 'table'] as const) {
    it(`RK4 at dt = 0.01 ms reproduces NEURON's spike times to 0.1 µs (${mode === 'exact' ? 'usetable_hh = 0' : 'NEURON default rate table'})`, () => {
      for (const c of fixture.cases) {
        const hh = new HodgkinHuxley({ temperature: c.temperature, rateTable: mode === 'table' });
        const tr = hh.simulate({ current: c.current, duration: c.duration, dt: 1e-5, record: false });
        const ref = c[mode];
        const what = `${c.current} µA/cm², ${c.temperature} °C, ${c.duration} s`;
        expect(tr.spikes.length, what).toBe(ref.length);
        ref.forEach((t, i) => expect(Math.abs(tr.spikes[i] - t), `${what}: spike ${i} at ${tr.spikes[i]} s, NEURON ${t} s`).toBeLessThan(1e-7));
      }
    });
  }

  it('the rate table matters: exact and tabulated rates drift apart by far more than the integration error', () => {
    const c = fixture.cases.find((x) => x.current === 10 && x.temperature === 6.3)!;
    const last = c.exact.length - 1;
    expect(Math.abs(c.exact[last] - c.table[last])).toBeGreaterThan(1e-4);
    const tr = new HodgkinHuxley({ rateTable: true }).simulate({ current: 10, duration: c.duration, dt: 1e-4, method: 'rk45', rtol: 1e-10, atol: 1e-12, record: false });
    c.table.forEach((t, i) => expect(Math.abs(tr.spikes[i] - t)).toBeLessThan(1e-7));
  });
});
