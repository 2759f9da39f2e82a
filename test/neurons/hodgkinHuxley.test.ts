import { describe, expect, it } from 'vitest';
import { HodgkinHuxley, exprel, hhRates, hhSteadyState, makeHhRhs, resolveHodgkinHuxley } from '../../src/neurons/hodgkinHuxley.js';
import { createStepper } from '../../src/ode/stepper.js';
import { SimulationDiverged } from '../../src/core/errors.js';
import { rateFromSpikes } from '../../src/core/arrays.js';
import { expectClose } from '../helpers/expect.js';

const hh = new HodgkinHuxley();

describe('Hodgkin-Huxley (NEURON hh defaults)', () => {
  it('rests near −65 mV with no spikes at I = 0', () => {
    const tr = hh.simulate({ current: 0, duration: 0.2, dt: 1e-5 });
    expect(tr.spikes.length).toBe(0);
    for (let i = 0; i < tr.V.length; i += 100) expectClose(tr.V[i], -65, 0.1, `V at ${tr.t[i]} s`);
    // gates start at steady state
    const ss = hhSteadyState(-65);
    expect(tr.m[0]).toBe(ss.m);
    expect(tr.h[0]).toBe(ss.h);
    expect(tr.n[0]).toBe(ss.n);
  });

  it('fires repetitively at 10 µA/cm², about 68 Hz', () => {
    const tr = hh.simulate({ current: 10, duration: 1, dt: 1e-5, record: false });
    expect(tr.spikes.length).toBe(69); // the hh benchmark workload's 69 spikes in 1 s (sims/bench/README.md)
    const r = hh.rate(10);
    expect(r).toBeGreaterThan(67.5);
    expect(r).toBeLessThan(69);
  });

  it('the rheobase for sustained repetitive firing lies between 6 and 7 µA/cm²', () => {
    expect(hh.rate(6)).toBe(0);
    expect(hh.rate(7)).toBeGreaterThan(40);
  });

  it('evaluates α_m at −40 mV and α_n at −55 mV by their limits (no NaN), continuously', () => {
    expect(exprel(0)).toBe(1);
    const at = hhRates(-40), near = hhRates(-40 + 1e-7);
    expect(at.am).toBe(1);
    expectClose(at.am, near.am, 1e-7, 'α_m continuity');
    const at55 = hhRates(-55), near55 = hhRates(-55 - 1e-7);
    expect(at55.an).toBeCloseTo(0.1, 15);
    expectClose(at55.an, near55.an, 1e-8, 'α_n continuity');
    // the fast right-hand side agrees with the textbook α/β at and around the singular points
    const p = resolveHodgkinHuxley();
    const f = makeHhRhs(p, () => 0);
    for (const V of [-40, -55, -40 - 1e-9, -55 + 1e-9, -39.05, -54.95, -65, 20, -90]) {
      const r = hhRates(V);
      const y = Float64Array.of(V, 0.3, 0.4, 0.5), d = new Float64Array(4);
      f(0, y, d);
      expectClose(d[1], r.am * 0.7 - r.bm * 0.3, 1e-12, `dm/dt at ${V}`);
      expectClose(d[2], r.ah * 0.6 - r.bh * 0.4, 1e-12, `dh/dt at ${V}`);
      expectClose(d[3], r.an * 0.5 - r.bn * 0.5, 1e-12, `dn/dt at ${V}`);
    }
    // a run that starts exactly at −40 and at −55 mV stays finite
    for (const V0 of [-40, -55]) {
      const tr = new HodgkinHuxley({ V0 }).simulate({ current: 0, duration: 0.02, dt: 1e-5 });
      expect(tr.V.every(Number.isFinite)).toBe(true);
    }
  });

  it('RK4 spike times at dt = 0.01 ms agree with a converged reference to 0.1 µs over 200 ms', () => {
    const ref = hh.simulate({ current: 10, duration: 0.2, dt: 1e-5, method: 'rk45', rtol: 1e-12, atol: 1e-12, record: false });
    const ref2 = hh.simulate({ current: 10, duration: 0.2, dt: 1.25e-6, record: false });
    const tr = hh.simulate({ current: 10, duration: 0.2, dt: 1e-5, record: false });
    expect(tr.spikes.length).toBe(ref.spikes.length);
    expect(ref.spikes.length).toBe(14);
    for (let i = 0; i < ref.spikes.length; i++) {
      expectClose(ref2.spikes[i], ref.spikes[i], 1e-9, `reference agreement, spike ${i}`);
      expectClose(tr.spikes[i], ref.spikes[i], 1e-7, `spike ${i}`);
    }
  });

  it('RK45 finds the same spikes within its tolerance, with far fewer evaluations than RK4', () => {
    const ref = hh.simulate({ current: 10, duration: 0.2, dt: 1e-5, method: 'rk45', rtol: 1e-12, atol: 1e-12, record: false });
    const tr = hh.simulate({ current: 10, duration: 0.2, dt: 1e-4, method: 'rk45', rtol: 1e-8, atol: 1e-10 });
    expect(tr.spikes.length).toBe(ref.spikes.length);
    for (let i = 0; i < ref.spikes.length; i++) expectClose(tr.spikes[i], ref.spikes[i], 2e-7, `spike ${i}`);
    expect(tr.evaluations).toBeLessThan(80_000); // RK4 at 0.01 ms: 80,001
  });

  it('the scalar RK4 loop equals the generic stepper over the same right-hand side', () => {
    const duration = 0.02, dt = 1e-5;
    const tr = hh.simulate({ current: 10, duration, dt });
    const f = makeHhRhs(hh.params, () => 10);
    const s = createStepper('rk4', 4);
    const y = hh.restingState();
    const steps = Math.round(duration / dt);
    let worst = 0;
    for (let i = 0; i < steps; i++) {
      s.step(f, i * 1e-2, y, 1e-2);
      worst = Math.max(worst, Math.abs(y[0] - tr.V[i + 1]));
    }
    expect(worst).toBeLessThan(1e-9);
  });

  it('takes the current as a number, a function of t or a formula, all alike', () => {
    const a = hh.simulate({ current: '10*heaviside(t - 0.01)', duration: 0.05, dt: 1e-5 });
    const b = hh.simulate({ current: (t: number) => (t >= 0.01 ? 10 : 0), duration: 0.05, dt: 1e-5 });
    expect(Array.from(a.spikes)).toEqual(Array.from(b.spikes));
    expect(a.spikes[0]).toBeGreaterThan(0.01);
    const c = hh.simulate({ current: '10', duration: 0.05, dt: 1e-5 });
    const d = hh.simulate({ current: 10, duration: 0.05, dt: 1e-5 });
    expect(Array.from(c.spikes)).toEqual(Array.from(d.spikes));
  });

  it('temperature scales every gate rate by Q10 = 3 per 10 °C', () => {
    const y = Float64Array.of(-50, 0.2, 0.5, 0.4);
    const d1 = new Float64Array(4), d2 = new Float64Array(4);
    makeHhRhs(resolveHodgkinHuxley(), () => 0)(0, y, d1);
    makeHhRhs(resolveHodgkinHuxley({ temperature: 16.3 }), () => 0)(0, y, d2);
    for (let k = 1; k < 4; k++) expectClose(d2[k] / d1[k], 3, 1e-12, `gate ${k}`);
    expect(d2[0]).toBe(d1[0]);
    // warmer neurons fire faster
    expect(new HodgkinHuxley({ temperature: 16.3 }).rate(10)).toBeGreaterThan(hh.rate(10));
  });

  it('records the ionic currents consistently with the membrane equation', () => {
    const tr = hh.simulate({ current: 10, duration: 0.02, dt: 1e-5 });
    // C dV/dt = I − (I_Na + I_K + I_L): compare with a centred difference of V
    const dt = 1e-2; // ms
    for (const i of [100, 500, 1000, 1500]) {
      const dVdt = (tr.V[i + 1] - tr.V[i - 1]) / (2 * dt);
      expectClose(dVdt, 10 - tr.INa[i] - tr.IK[i] - tr.IL[i], 0.05 * Math.max(1, Math.abs(dVdt)), `dV/dt at sample ${i}`);
    }
  });

  it('a diverging run (forward Euler at a large dt) stops with an error naming time and variable', () => {
    let err: unknown;
    try {
      hh.simulate({ current: 10, duration: 0.1, dt: 1e-4, method: 'euler' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SimulationDiverged);
    const d = err as SimulationDiverged;
    expect(['V', 'm', 'h', 'n']).toContain(d.variable);
    expect(d.time).toBeGreaterThan(0);
    expect(d.message).toMatch(/at t = [\d.]+ ms/);
  });

  it('rejects bad input with a clear message', () => {
    const ok = { current: 10, duration: 0.01, dt: 1e-5 };
    const cases: [() => unknown, RegExp][] = [
      [() => hh.simulate({ ...ok, dt: 0 }), /dt: must be > 0/],
      [() => hh.simulate({ ...ok, dt: -1e-5 }), /dt: must be > 0/],
      [() => hh.simulate({ ...ok, dt: NaN }), /dt: must be a finite number/],
      [() => hh.simulate({ ...ok, dt: 0.1 }), /dt: must be <= duration/],
      [() => hh.simulate({ ...ok, duration: Infinity }), /duration: must be a finite number/],
      [() => hh.simulate({ ...ok, current: NaN }), /current: must be a finite number/],
      [() => hh.simulate({ ...ok, current: '10 +' }), /current: cannot parse formula/],
      [() => hh.simulate({ ...ok, current: 'import("fs")' }), /current: formula .* is not allowed/],
      [() => hh.simulate({ ...ok, current: 'constructor' }), /unknown symbol 'constructor'/],
      [() => hh.simulate({ ...ok, method: 'rk2' as 'rk4' }), /method: must be one of/],
      [() => new HodgkinHuxley({ C: -1 }), /HodgkinHuxley\.C: must be > 0/],
      [() => new HodgkinHuxley({ gNa: -120 }), /HodgkinHuxley\.gNa: must be >= 0/],
      [() => new HodgkinHuxley({ temperature: NaN }), /temperature: must be a finite number/],
    ];
    for (const [f, re] of cases) expect(f).toThrow(re);
  });

  it('steps a population of HH neurons (NeuronType) like the single-neuron simulation', () => {
    const n = 3, dt = 1e-5;
    const st = hh.initialState(n);
    const input = Float64Array.of(0, 10, 15);
    const spikes: number[][] = [[], [], []];
    const buf = { index: new Int32Array(n), offset: new Float64Array(n), count: 0 };
    for (let i = 0; i < 10000; i++) {
      hh.step(dt, i * dt, input, st, buf);
      for (let k = 0; k < buf.count; k++) spikes[buf.index[k]].push(i * dt + buf.offset[k]);
    }
    const single = hh.simulate({ current: 10, duration: 0.1, dt, record: false });
    expect(spikes[0].length).toBe(0);
    expect(spikes[1].length).toBe(single.spikes.length);
    spikes[1].forEach((s, k) => expectClose(s, single.spikes[k], 1e-9, `spike ${k}`));
    expect(rateFromSpikes(spikes[2])).toBeGreaterThan(rateFromSpikes(spikes[1]));
  });
});
