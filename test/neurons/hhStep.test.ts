/**
 * The Hodgkin-Huxley population step: its integrators against closed forms and converged references, conductance
 * synapses, refractoriness, the single-neuron RK4 loop against it, the kinetics' fast rates against the textbook.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { fittedOrder } from '../../src/experiments/convergence.js';
import { integrate } from '../../src/ode/integrate.js';
import { gateRates, hhDerivatives, traubMilesRates } from '../../src/neurons/hhKinetics.js';
import { hhStep, type HhState } from '../../src/neurons/hhStep.js';
import { HodgkinHuxley, type HodgkinHuxleyOptions } from '../../src/neurons/hodgkinHuxley.js';
import { createSpikeBuffer, type SynapticInput } from '../../src/neurons/types.js';
import { expectClose } from '../helpers/expect.js';

/** Conductance receptors with the given reversal potentials (mV) and conductance arrays (mS/cm²). */
function conductances(...rs: { E: number; g: Float64Array }[]): SynapticInput {
  return { currents: [], conductances: rs.map((r) => ({ tauS: 0.005, n: 0, state: r.g, ...r })), events: null };
}

/** Steps a population and returns V after each step (neuron-major: out[i][k]) and the spike times. */
function run(hh: HodgkinHuxley, steps: number, dt: number, input: Float64Array, st: HhState, syn?: (k: number) => SynapticInput) {
  const n = input.length;
  const V = Array.from({ length: n }, () => new Float64Array(steps + 1));
  const spikes: number[][] = Array.from({ length: n }, () => []);
  const buf = createSpikeBuffer(n);
  for (let i = 0; i < n; i++) V[i][0] = st.V[i];
  for (let k = 0; k < steps; k++) {
    hh.step(dt, k * dt, input, st, buf, syn?.(k));
    for (let j = 0; j < buf.count; j++) spikes[buf.index[j]].push(k * dt + buf.offset[j]);
    for (let i = 0; i < n; i++) V[i][k + 1] = st.V[i];
  }
  return { V, spikes };
}

/** The same spike times up to the rounding of t + offset. */
function expectSameTimes(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expectClose(a[i], b[i], 1e-15, `spike ${i}`);
}

describe('HH population step', () => {
  it('a passive membrane (g_Na = g_K = 0) with constant synaptic conductances relaxes to V* = (g_L E_L + Σ g E + I)/(g_L + Σ g) along e^{−t/τ}', () => {
    const gE = Float64Array.of(0, 0.1, 0.5), gI = Float64Array.of(0.3, 0, 0.2), I = Float64Array.of(1, -2, 0.5);
    const syn = conductances({ E: 0, g: gE }, { E: -80, g: gI });
    for (const [method, tol] of [['exponential-euler', 1e-12], ['rk4', 1e-6]] as const) {
      const hh = new HodgkinHuxley({ kinetics: 'traub-miles', gNa: 0, gK: 0, method });
      const st = hh.initialState(3);
      const dt = 1e-4, steps = 500;
      const { V } = run(hh, steps, dt, I.slice(), st, () => syn);
      const { gL, EL, C, V0 } = hh.params;
      for (let i = 0; i < 3; i++) {
        const G = gL + gE[i] + gI[i];
        const Vstar = (gL * EL + gE[i] * 0 + gI[i] * -80 + I[i]) / G;
        for (let k = 0; k <= steps; k += 50) {
          const exact = Vstar + (V0 - Vstar) * Math.exp((-G / C) * k * dt * 1e3);
          expect(Math.abs(V[i][k] / exact - 1), `${method}, neuron ${i}, step ${k}: ${V[i][k]} vs ${exact}`).toBeLessThan(tol);
        }
      }
    }
  });

  it('a decaying conductance g(t) = g0 e^{−t/τ}, held over each step, converges to a tight RK45 of the same ODE at first order', () => {
    const g0 = 0.1, tau = 5, E = 0; // mS/cm², ms, mV: a kick that makes one spike
    const duration = 0.01;
    for (const method of ['exponential-euler', 'rk4'] as const) {
      const hh = new HodgkinHuxley({ kinetics: 'traub-miles', V0: -70, method });
      const k = hh.kinetics;
      const fine = 1e-4; // ms: the reference's samples, crossing interpolated linearly between them (error ~1e-12 s)
      const ref = integrate((t, y, d) => {
        const g = g0 * Math.exp(-t / tau);
        hhDerivatives(d, y[0], y[1], y[2], y[3], g * E, g, k);
      }, hh.restingState(), { t1: duration * 1e3, dt: fine, method: 'rk45', rtol: 1e-11, atol: 1e-11 });
      const Vr = ref.y[0], thr = hh.params.threshold;
      const c = Vr.findIndex((v, i) => i > 0 && Vr[i - 1] < thr && v >= thr);
      const tRef = ((c - 1) + (thr - Vr[c - 1]) / (Vr[c] - Vr[c - 1])) * fine * 1e-3;
      const dts = [2e-5, 1e-5, 5e-6, 2.5e-6];
      const errors = dts.map((dt) => {
        const g = new Float64Array(1);
        const { spikes } = run(hh, Math.round(duration / dt), dt, new Float64Array(1), hh.initialState(1), (i) => {
          g[0] = g0 * Math.exp(-(i * dt * 1e3) / tau);
          return conductances({ E, g });
        });
        expect(spikes[0].length, `${method} at dt = ${dt}`).toBe(1);
        return Math.abs(spikes[0][0] - tRef);
      });
      const order = fittedOrder(dts, errors);
      expect(order, `${method}: spike-time errors ${errors.map((e) => e.toExponential(2)).join(', ')} s`).toBeGreaterThan(0.9);
      expect(order).toBeLessThan(1.1);
    }
  });

  it('exponential Euler converges at first order: first spike time against RK45 at rtol = 1e-12 (Traub-Miles, 5 µA/cm²)', () => {
    const hh = new HodgkinHuxley({ kinetics: 'traub-miles' });
    const ref = hh.simulate({ current: 5, duration: 0.005, dt: 1e-4, method: 'rk45', rtol: 1e-12, atol: 1e-12, record: false }).spikes[0];
    const dts = [2e-5, 1e-5, 5e-6, 2.5e-6];
    const errors = dts.map((dt) => Math.abs(hh.simulate({ current: 5, duration: 0.005, dt, record: false }).spikes[0] - ref));
    const order = fittedOrder(dts, errors);
    expect(order, `errors ${errors.map((e) => e.toExponential(2)).join(', ')} s`).toBeGreaterThan(0.95);
    expect(order).toBeLessThan(1.05);
  });

  it("refractoriness drops exactly the crossings within `refractory` of the last spike, and V is not clamped", () => {
    for (const o of [{ kinetics: 'traub-miles' }, { kinetics: 'traub-miles', method: 'rk4' }, {}] as HodgkinHuxleyOptions[]) {
      const free = new HodgkinHuxley(o).simulate({ current: 20, duration: 0.2, dt: 1e-5 });
      const refractory = 0.012; // longer than the free inter-spike interval, so some crossings must go
      const tr = new HodgkinHuxley({ ...o, refractory }).simulate({ current: 20, duration: 0.2, dt: 1e-5 });
      const kept: number[] = [];
      for (const s of free.spikes) if (kept.length === 0 || s - kept[kept.length - 1] >= refractory) kept.push(s);
      expect(kept.length, JSON.stringify(o)).toBeLessThan(free.spikes.length);
      expect(Array.from(tr.spikes), JSON.stringify(o)).toEqual(kept);
      expect(Array.from(tr.V)).toEqual(Array.from(free.V));
    }
    // RK45 applies the same rule
    const free = new HodgkinHuxley().simulate({ current: 20, duration: 0.1, dt: 1e-4, method: 'rk45', record: false });
    const tr = new HodgkinHuxley({ refractory: 0.012 }).simulate({ current: 20, duration: 0.1, dt: 1e-4, method: 'rk45', record: false });
    const kept: number[] = [];
    for (const s of free.spikes) if (kept.length === 0 || s - kept[kept.length - 1] >= 0.012) kept.push(s);
    expect(Array.from(tr.spikes)).toEqual(kept);
  });

  it('a last spike later than the step (left by an earlier run before a reset) does not silence the neuron', () => {
    const hh = new HodgkinHuxley({ refractory: 0.05 });
    const fresh = run(hh, 2000, 1e-5, Float64Array.of(10), hh.initialState(1));
    const st = hh.initialState(1);
    st.lastSpike[0] = 0.5;
    const stale = run(hh, 2000, 1e-5, Float64Array.of(10), st);
    expect(fresh.spikes[0].length).toBe(1);
    expect(stale.spikes[0]).toEqual(fresh.spikes[0]);
  });

  it("simulate's single-neuron RK4 loop gives the population step's trace to the bit (constant current) and to rounding (time-varying)", () => {
    for (const kinetics of ['hh', 'traub-miles'] as const) {
      const hh = new HodgkinHuxley({ kinetics, method: 'rk4' });
      const dt = 1e-5, steps = 3000;
      const tr = hh.simulate({ current: 10, duration: steps * dt, dt });
      const pop = run(hh, steps, dt, Float64Array.of(10), hh.initialState(1));
      expect(Array.from(tr.V)).toEqual(Array.from(pop.V[0]));
      expectSameTimes(tr.spikes, pop.spikes[0]);
      expect(tr.spikes.length).toBeGreaterThan(0);
      // a sinusoidal current, which RK4 reads at each step's start, midpoint and end
      const I = (t: number) => 10 + 8 * Math.sin(2 * Math.PI * 200 * t);
      const sv = hh.simulate({ current: I, duration: steps * dt, dt });
      const st = hh.initialState(1), buf = createSpikeBuffer(1);
      const I0 = new Float64Array(1), Im = new Float64Array(1), I1 = new Float64Array(1);
      let worst = 0;
      for (let k = 0; k < steps; k++) {
        I0[0] = I(k * dt); Im[0] = I((k + 0.5) * dt); I1[0] = I((k + 1) * dt);
        hhStep({ kinetics: hh.kinetics, method: 'rk4', threshold: hh.params.threshold, refractory: 0 }, dt, k * dt, I0, Im, I1, st, buf, null);
        worst = Math.max(worst, Math.abs(st.V[0] - sv.V[k + 1]));
      }
      expect(worst, kinetics).toBeLessThan(1e-9);
    }
  });

  it('simulate runs exponential Euler and Euler as a population of one', () => {
    for (const method of ['exponential-euler', 'euler'] as const) {
      const hh = new HodgkinHuxley({ kinetics: 'traub-miles', method });
      const dt = method === 'euler' ? 1e-6 : 1e-5, steps = 5000;
      const tr = hh.simulate({ current: 5, duration: steps * dt, dt });
      const pop = run(hh, steps, dt, Float64Array.of(5), hh.initialState(1));
      expect(Array.from(tr.V)).toEqual(Array.from(pop.V[0]));
      expectSameTimes(tr.spikes, pop.spikes[0]);
    }
  });

  it('exponential Euler is stable at COBAHH’s dt = 0.1 ms, where RK4 diverges with a named error', () => {
    const tm = new HodgkinHuxley({ kinetics: 'traub-miles', refractory: 0.003 });
    const tr = tm.simulate({ current: 5, duration: 0.2, dt: 1e-4, record: false });
    const fine = tm.simulate({ current: 5, duration: 0.2, dt: 1e-6, record: false });
    expect(Math.abs(tr.spikes.length - fine.spikes.length)).toBeLessThanOrEqual(3);
    expect(() => tm.simulate({ current: 5, duration: 0.2, dt: 1e-4, method: 'rk4' })).toThrow(/simulation diverged: [Vmhn] = .* at t = [\d.]+ ms \(rk4 at dt = 0.0001 s/);
  });

  it("the fast rates equal Traub-Miles' textbook α and β, also at the removable singularities", () => {
    const tm = new HodgkinHuxley({ kinetics: 'traub-miles', VT: -58 });
    const r = new Float64Array(6);
    const VT = -58;
    // α_m's singular point is V = V_T + 13, β_m's V_T + 40, α_n's V_T + 15
    for (const V of [-100, -80, -65, -58, VT + 13, VT + 13 + 1e-9, VT + 40, VT + 40 - 1e-7, VT + 15, VT + 15.05, -20, 0, 40]) {
      gateRates(r, V, tm.kinetics);
      const t = traubMilesRates(V, VT);
      expectClose(r[0], t.am, 1e-12 * t.am, `α_m at ${V}`);
      expectClose(r[1] - r[0], t.bm, 1e-12 * (t.am + t.bm), `β_m at ${V}`);
      expectClose(r[2], t.ah, 1e-12 * t.ah, `α_h at ${V}`);
      expectClose(r[3] - r[2], t.bh, 1e-12 * (t.ah + t.bh), `β_h at ${V}`);
      expectClose(r[4], t.an, 1e-12 * t.an, `α_n at ${V}`);
      expectClose(r[5] - r[4], t.bn, 1e-12 * (t.an + t.bn), `β_n at ${V}`);
    }
    expect(traubMilesRates(VT + 13, VT).am).toBeCloseTo(1.28, 14); // 0.32·4/exprel(0)
  });

  it('the neuron starts at V0 with the gates at the steady state of its kinetics', () => {
    const tm = new HodgkinHuxley({ kinetics: 'traub-miles', V0: -65 });
    const [V, m, h, n] = tm.restingState();
    const t = traubMilesRates(-65, -63);
    expect(V).toBe(-65);
    expectClose(m, t.am / (t.am + t.bm), 1e-15, 'm∞');
    expectClose(h, t.ah / (t.ah + t.bh), 1e-15, 'h∞');
    expectClose(n, t.an / (t.an + t.bn), 1e-15, 'n∞');
  });

  it('rejects bad kinetics, options of the other kinetics, bad methods and states without lastSpike', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => new HodgkinHuxley({ kinetics: 'squid' as 'hh' }), /HodgkinHuxley\.kinetics: must be one of 'hh', 'traub-miles' \(got "squid"\)/],
      [() => new HodgkinHuxley({ kinetics: 'traub-miles', temperature: 20 }), /HodgkinHuxley\.temperature: applies to the 'hh' kinetics only, not 'traub-miles' \(got 20\)/],
      [() => new HodgkinHuxley({ kinetics: 'traub-miles', rateTable: true }), /HodgkinHuxley\.rateTable: applies to the 'hh' kinetics only/],
      [() => new HodgkinHuxley({ VT: -60 }), /HodgkinHuxley\.VT: applies to the 'traub-miles' kinetics only, not 'hh' \(got -60\)/],
      [() => new HodgkinHuxley({ method: 'rk45' as 'rk4' }), /HodgkinHuxley\.method: must be one of 'euler', 'rk4', 'exponential-euler' \(got "rk45"\)/],
      [() => new HodgkinHuxley({ refractory: -1e-3 }), /HodgkinHuxley\.refractory: must be >= 0 \(got -0\.001\)/],
      [() => new HodgkinHuxley({ kinetics: 'traub-miles', VT: NaN }), /HodgkinHuxley\.VT: must be a finite number/],
      [() => new HodgkinHuxley().step(1e-5, 0, new Float64Array(1), { V: new Float64Array(1), m: new Float64Array(1), h: new Float64Array(1), n: new Float64Array(1) }, createSpikeBuffer(1)),
        /HodgkinHuxley\.step\.state: needs a lastSpike array/],
    ];
    for (const [f, re] of cases) {
      expect(f).toThrow(ValidationError);
      expect(f).toThrow(re);
    }
  });

  it('declares conductance synapses in mV and mS/cm²', () => {
    expect(new HodgkinHuxley().synapticInput).toEqual({ conductance: { voltage: 'mV', conductance: 'mS/cm²' } });
  });
});
