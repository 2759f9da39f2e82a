/**
 * The Traub-Miles kinetics against Brian2 2.5.1 (exponential Euler, the COBAHH example's equations) and SciPy (tight
 * RK45), one neuron at constant currents; the numbers come from test/fixtures/neurons/make_traub_miles.py.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HodgkinHuxley } from '../../src/neurons/hodgkinHuxley.js';

interface Brian2Run { dt: number; spikes: number[]; sampleDt: number; V: number[] }
interface Case { current: number; duration: number; brian2: Brian2Run[]; scipy: number[]; scipyCheck: number }
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'neurons', 'traub_miles.json'), 'utf8')) as {
  source: string; params: Record<string, number>; cases: Case[];
};

const tm = new HodgkinHuxley({ kinetics: 'traub-miles', refractory: 0.003 });

describe(`Traub-Miles HH against ${fixture.source}`, () => {
  it("the 'traub-miles' defaults are the fixture's (COBAHH per area)", () => {
    const p = fixture.params;
    expect(tm.params).toMatchObject({ C: p.C, gL: p.gL, gNa: p.gNa, gK: p.gK, EL: p.EL, EK: p.EK, ENa: p.ENa, VT: p.VT, threshold: p.threshold, V0: p.V0 });
    expect(tm.params.method).toBe('exponential-euler');
  });

  it("exponential Euler reproduces Brian2's exponential_euler: V to 1e-6 mV every 1 ms, and each spike inside the step Brian2 reports it at", () => {
    for (const c of fixture.cases) {
      for (const b of c.brian2) {
        const every = Math.round(b.sampleDt / b.dt);
        const tr = tm.simulate({ current: c.current, duration: c.duration, dt: b.dt, recordEvery: every });
        const what = `${c.current} µA/cm² at dt = ${b.dt * 1e3} ms`;
        expect(tr.V.length, what).toBe(b.V.length + 1); // Brian2's monitor stops before t = duration
        b.V.forEach((v, k) => expect(Math.abs(tr.V[k] - v), `${what}: V at ${k} ms, ours ${tr.V[k]}, Brian2 ${v}`).toBeLessThan(1e-6));
        expect(tr.spikes.length, what).toBe(b.spikes.length);
        // Brian2 stamps a spike with the start of the step at whose end v > −20 mV; we locate it inside that step.
        b.spikes.forEach((t, i) => {
          expect(tr.spikes[i], `${what}: spike ${i}`).toBeGreaterThan(t);
          expect(tr.spikes[i], `${what}: spike ${i}`).toBeLessThanOrEqual(t + b.dt * (1 + 1e-9));
        });
      }
    }
  });

  it("RK4 at dt = 0.01 ms and RK45 at rtol = 1e-10 reproduce SciPy's converged spike times (to 0.1 µs and 1 ns)", () => {
    for (const c of fixture.cases) {
      expect(c.scipyCheck).toBeLessThan(1e-10); // the reference is converged
      for (const [method, tol] of [['rk4', 1e-7], ['rk45', 1e-9]] as const) {
        const tr = tm.simulate({ current: c.current, duration: c.duration, dt: 1e-5, method, rtol: 1e-10, atol: 1e-10, record: false });
        const what = `${method}, ${c.current} µA/cm²`;
        expect(tr.spikes.length, what).toBe(c.scipy.length);
        c.scipy.forEach((t, i) => expect(Math.abs(tr.spikes[i] - t), `${what}: spike ${i} at ${tr.spikes[i]} s, SciPy ${t} s`).toBeLessThan(tol));
      }
    }
  });
});
