/**
 * AdEx behaviour beyond the reference spike times: no NaN at the exponential blow-up, populations equal single
 * neurons, conductance input against the closed form of the passive membrane, the refractory clamp, the rheobase of
 * the f–I curve against its closed form, a network driven by Poisson spikes against the same input written out, and
 * the errors bad parameters get.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SimulationDiverged, ValidationError } from '../../src/core/errors.js';
import { ADEX_PATTERN_NAMES, AdEx } from '../../src/neurons/adex.js';
import { createSpikeBuffer, type SynapticInput } from '../../src/neurons/types.js';
import { Network } from '../../src/network/network.js';
import { Population } from '../../src/network/population.js';
import { SpikeRecorder, StateRecorder } from '../../src/network/recorders.js';
import { expectRel } from '../helpers/expect.js';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'neurons', 'adex_izhikevich.json'), 'utf8')) as { adex: { name: string; spikes: number[] }[] };

const conductances = (list: { g: number; E: number }[], size = 1): SynapticInput => ({
  currents: [], events: null,
  conductances: list.map((c) => {
    const g = new Float64Array(size).fill(c.g);
    return { tauS: Infinity, n: 0, E: c.E, g, state: g };
  }),
});

describe('AdEx', () => {
  it('never returns NaN when V blows up: a 100 nA current at dt = 1 ms fires like a fine run, V stays finite and below V_peak', () => {
    const n = AdEx.pattern('tonic');
    const coarse = n.simulate({ current: 1e5, duration: 0.1, dt: 1e-3 });
    const fine = n.simulate({ current: 1e5, duration: 0.1, dt: 1e-5, record: false });
    expect(coarse.V.every((v) => Number.isFinite(v) && v < n.params.Vpeak)).toBe(true);
    expect(coarse.w.every(Number.isFinite)).toBe(true);
    // ~ 3 kHz: several spikes per 1 ms step, each located inside the step and reset from there.
    expect(fine.spikes.length).toBeGreaterThan(200);
    expect(Math.abs(coarse.spikes.length / fine.spikes.length - 1)).toBeLessThan(0.01);
    for (let i = 1; i < coarse.spikes.length; i++) expect(coarse.spikes[i]).toBeGreaterThan(coarse.spikes[i - 1]);
  });

  it('a state just below V_peak with a huge drive at dt = 5 ms spikes at once, without overflow', () => {
    const n = new AdEx({ pattern: 'tonic', V0: -1e-9, DeltaT: 0.1 });
    const tr = n.simulate({ current: 1e4, duration: 0.05, dt: 5e-3 });
    expect(tr.spikes[0]).toBeLessThan(1e-9);
    expect(tr.V.every(Number.isFinite) && tr.w.every(Number.isFinite)).toBe(true);
  });

  it('a population step that cannot hold its spikes, or a non-finite input, throws SimulationDiverged naming V', () => {
    const n = AdEx.pattern('tonic');
    const st = n.initialState(1);
    expect(() => n.step(1e-3, 0, Float64Array.of(1e7), st, createSpikeBuffer(1))).toThrow(/V = .*more than 1 spikes in one step/);
    expect(() => n.step(1e-4, 0, Float64Array.of(NaN), n.initialState(1), createSpikeBuffer(1))).toThrow(SimulationDiverged);
    expect(() => n.step(1e-4, 0, Float64Array.of(Infinity), n.initialState(1), createSpikeBuffer(1))).toThrow(/input is not finite/);
  });

  it('a population of N identical neurons equals N single-neuron runs, to the bit', () => {
    const n = AdEx.pattern('adapting', { tRef: 0.002 });
    const currents = [0, 150, 300, 500, 800, 2000];
    const N = currents.length, dt = 1e-4, steps = 3000;
    const st = n.initialState(N);
    const input = Float64Array.from(currents);
    const buf = createSpikeBuffer(N);
    const spikes: number[][] = currents.map(() => []);
    for (let i = 0; i < steps; i++) {
      n.step(dt, i * dt, input, st, buf);
      for (let k = 0; k < buf.count; k++) spikes[buf.index[k]].push(i * dt + buf.offset[k]);
    }
    currents.forEach((I, j) => {
      const one = n.simulate({ current: I, duration: steps * dt, dt });
      expect(Array.from(one.spikes), `I = ${I} pA`).toEqual(spikes[j]);
      expect(one.V[steps]).toBe(st.V[j]);
      expect(one.w[steps]).toBe(st.w[j]);
    });
    expect(spikes[5].length).toBeGreaterThan(20);
  });

  it('conductance input on a passive membrane follows the closed form V* + (V0 − V*) e^(−t(g_L + Σg)/C) to 1e-9', () => {
    // a = b = 0 (no adaptation) and V far below V_T with a small Δ_T: the exponential term is below 1e-16 pA.
    const n = new AdEx({ C: 200, gL: 10, EL: -70, VT: -40, DeltaT: 0.5, a: 0, b: 0, Vpeak: 0, V0: -70 });
    const gs = [{ g: 6, E: -50 }, { g: 4, E: -75 }];
    const gSum = 10;
    const Vstar = (10 * -70 + 6 * -50 + 4 * -75) / (10 + gSum);
    const tau = 200 / (10 + gSum); // ms
    const dt = 1e-4, steps = 1000;
    const st = n.initialState(1);
    const buf = createSpikeBuffer(1);
    const syn = conductances(gs);
    let worst = 0;
    for (let i = 1; i <= steps; i++) {
      n.step(dt, (i - 1) * dt, new Float64Array(1), st, buf, syn);
      expect(buf.count).toBe(0);
      const exact = Vstar + (-70 - Vstar) * Math.exp((-i * dt * 1e3) / tau);
      worst = Math.max(worst, Math.abs(st.V[0] - exact) / Math.abs(exact));
    }
    expect(worst).toBeLessThan(1e-9);
    // The single-neuron API's constant conductances are the same input.
    const tr = n.simulate({ current: 0, duration: steps * dt, dt, conductances: gs });
    expect(tr.V[steps]).toBe(st.V[0]);
  });

  it('a conductance of 1e5 nS (time constant 2 µs) at dt = 1 ms stays stable and lands on V* (the substeps bound h·(g_L + g)/C)', () => {
    const n = AdEx.pattern('tonic', { a: 0 }); // w stays 0 without spikes
    const st = n.initialState(1);
    const buf = createSpikeBuffer(1);
    for (let i = 0; i < 20; i++) n.step(1e-3, i * 1e-3, Float64Array.of(300), st, buf, conductances([{ g: 1e5, E: -80 }]));
    const Vstar = (10 * -70 + 1e5 * -80 + 300) / (10 + 1e5);
    expectRel(st.V[0], Vstar, 1e-9, 'V');
  });

  it('a fast adaptation current (τ_w = 10 µs) at dt = 0.1 ms stays stable and matches dt = 1 µs (substeps bound h/τ_w too)', () => {
    const n = AdEx.pattern('adapting', { tauW: 1e-5 });
    const coarse = n.simulate({ duration: 0.1, dt: 1e-4 }), fine = n.simulate({ duration: 0.1, dt: 1e-6, record: false });
    expect(coarse.spikes.length).toBe(fine.spikes.length);
    coarse.spikes.forEach((s, i) => expect(Math.abs(s - fine.spikes[i])).toBeLessThan(1e-8));
    expect(coarse.w.every((w) => Math.abs(w) < 1e3)).toBe(true);
  });

  it('holds V at V_r for t_ref after each spike while w relaxes', () => {
    const n = new AdEx({ pattern: 'tonic', tRef: 0.005 });
    const dt = 1e-4;
    const tr = n.simulate({ current: 800, duration: 0.2, dt });
    expect(tr.spikes.length).toBeGreaterThan(5);
    let held = 0;
    for (const s of tr.spikes) {
      for (let i = Math.ceil(s / dt + 1e-9); i * dt < s + 0.005 - 1e-12 && i < tr.V.length; i++) {
        expect(tr.V[i], `t = ${i * dt} s after a spike at ${s} s`).toBe(n.params.Vr);
        held++;
      }
    }
    expect(held).toBeGreaterThan(200);
    for (let k = 1; k < tr.spikes.length; k++) expect(tr.spikes[k] - tr.spikes[k - 1]).toBeGreaterThan(0.005);
  });

  it('rate(I) is the steady firing rate: the tonic pattern at 500 pA fires at 1 / the reference\'s last interval', () => {
    const ref = fixture.adex.find((c) => c.name === 'tonic')!.spikes;
    const period = ref[ref.length - 1] - ref[ref.length - 2];
    expectRel(AdEx.pattern('tonic').rate(500), 1 / period, 1e-5, 'rate (Hz)');
  });

  it('the rheobase is the closed form I_rh = (g_L + a)(V* − E_L − Δ_T), V* = V_T + Δ_T ln(1 + a/g_L) (a saddle-node when a/g_L < τ_m/τ_w)', () => {
    const n = AdEx.pattern('tonic'); // g_L 10 nS, a 2 nS, τ_m 20 ms, τ_w 30 ms
    const { gL, a, EL, VT, DeltaT } = n.params;
    const Irh = (gL + a) * (VT + DeltaT * Math.log(1 + a / gL) - EL - DeltaT);
    expect(Irh).toBeCloseTo(220.38, 2);
    expect(n.rate(Irh * 0.98)).toBe(0);
    expect(n.rate(Irh * 1.02)).toBeGreaterThan(0);
    // Type I: the rate starts low just above the rheobase.
    expect(n.rate(Irh * 1.02)).toBeLessThan(0.3 * n.rate(2 * Irh));
  });

  it('an off-grid current step (dt = 0.3 ms) is split inside the step: Brette & Gerstner\'s protocol still matches the reference', () => {
    const ref = fixture.adex.find((c) => c.name === 'brette-gerstner')!.spikes;
    const s = AdEx.pattern('brette-gerstner').simulate({ dt: 3e-4, record: false }).spikes;
    expect(s.length).toBe(ref.length);
    ref.forEach((t, i) => expect(Math.abs(s[i] - t)).toBeLessThan(2e-6));
  });

  it('runs in a Network: Poisson spikes through exponential PSCs into an AdEx population match simulate() driven by the PSC sum written out', () => {
    const net = new Network();
    const inp = net.add(Population.poisson('in', 20, { rate: 40, seed: 3 }));
    const out = net.add(new Population('adex', AdEx.pattern('tonic'), 3));
    const tauS = 0.005;
    const W = [0.3, 0.35, 0.4].map((w, j) => Array.from({ length: 20 }, (_, i) => w * (0.5 + ((i * 7 + j * 3) % 10) / 10))); // pA·s
    net.connect(inp, out, { weights: W, tauS });
    const inRec = new SpikeRecorder(inp), outRec = new SpikeRecorder(out), vRec = new StateRecorder(out, 'V');
    const dt = 1e-5, duration = 0.3;
    net.run(duration, dt, { recorders: [inRec, outRec, vRec] });
    expect(vRec.values.every((v) => v.every(Number.isFinite))).toBe(true);
    const pre = inRec.spikes;
    expect(pre.time.length).toBeGreaterThan(150);
    let total = 0;
    for (let j = 0; j < 3; j++) {
      // I_j(t) = Σ_i W_ji Σ_k e^(−(t − t_ik)/τ_s)/τ_s, summed as e^(−t/τ)·(prefix sum of W e^(t_k/τ)/τ) over sorted arrivals.
      const order = Array.from(pre.time.keys()).sort((x, y) => pre.time[x] - pre.time[y]);
      const times = order.map((k) => pre.time[k]);
      const prefix = [0];
      for (const k of order) prefix.push(prefix[prefix.length - 1] + (W[j][pre.index[k]] / tauS) * Math.exp(pre.time[k] / tauS));
      const current = (t: number) => {
        let lo = 0, hi = times.length;
        while (lo < hi) { const m = (lo + hi) >> 1; if (times[m] <= t) lo = m + 1; else hi = m; }
        return Math.exp(-t / tauS) * prefix[lo];
      };
      const ref = AdEx.pattern('tonic').simulate({ current, duration, dt: 2e-6, record: false }).spikes;
      const got = outRec.timesOf(j);
      expect(got.length, `neuron ${j}`).toBe(ref.length);
      // The network holds each step's input at its value at the step's start, which overestimates the decaying PSC
      // charge by ≈ dt/2τ_s: an O(dt) shift (measured: at most 39 µs at dt = 10 µs, 16 µs at 5 µs).
      ref.forEach((t, k) => expect(Math.abs(got[k] - t), `neuron ${j} spike ${k}`).toBeLessThan(5 * dt));
      total += ref.length;
    }
    expect(total).toBeGreaterThan(10);
  });

  it('rejects bad parameters with errors naming them', () => {
    const cases: [() => unknown, RegExp][] = [
      [() => AdEx.pattern('bursty' as never), /AdEx\.pattern: must be one of 'tonic', 'adapting', 'initial-burst', .*'irregular'.* \(got "bursty"\)/],
      [() => new AdEx({ C: -200 }), /AdEx\.C: must be > 0 \(got -200\)/],
      [() => new AdEx({ gL: 0 }), /AdEx\.gL: must be > 0/],
      [() => new AdEx({ tauW: 0 }), /AdEx\.tauW: must be > 0 \(got 0\)/],
      [() => new AdEx({ DeltaT: -1 }), /AdEx\.DeltaT: must be > 0/],
      [() => new AdEx({ Vpeak: -60 }), /AdEx\.Vpeak: must be > VT \(-50\.4 mV\) \(got -60\)/],
      [() => new AdEx({ Vr: -30 }), /AdEx\.Vr: must be < Vpeak \(-40\.4 mV\) \(got -30\)/],
      [() => new AdEx({ tRef: -0.001 }), /AdEx\.tRef: must be >= 0/],
      [() => new AdEx({ a: NaN }), /AdEx\.a: must be a finite number/],
      [() => new AdEx({ tau_w: 0.1 } as never), /AdEx\.tau_w: unknown option/],
      [() => new AdEx().simulate({ duration: 0.1 }), /AdEx\.simulate\.current: is required/],
      [() => new AdEx().simulate({ current: 100, duration: 0.1, conductances: [{ g: -1, E: 0 }] }), /AdEx\.simulate\.conductances\[0\]\.g: must be >= 0/],
      [() => new AdEx().simulate({ current: { steps: [[0.1, 5], [0.05, 1]] }, duration: 0.2 }), /AdEx\.simulate\.current\.steps\[1\]: must be \[t \(s\), I\]/],
      [() => new AdEx().simulate({ current: 'sin(', duration: 0.1 }), /AdEx\.simulate\.current: cannot parse formula/],
    ];
    for (const [f, re] of cases) {
      expect(f).toThrow(ValidationError);
      expect(f).toThrow(re);
    }
    expect(ADEX_PATTERN_NAMES).toEqual(['tonic', 'adapting', 'initial-burst', 'regular-bursting', 'delayed-accelerating',
      'delayed-regular-bursting', 'transient', 'irregular', 'brette-gerstner', 'brette-gerstner-bursting', 'brette-gerstner-fast-spiking']);
  });
});
