/**
 * AdEx and Izhikevich against SciPy: spike times of every published pattern from solve_ivp (DOP853, rtol 1e-10, event
 * detection on the cut, resets applied at the events), made by test/fixtures/neurons/make_adex_izhikevich.py from the
 * equations as the papers write them. The fixture's `spread` is, spike by spike, the difference from a run at 100×
 * tighter tolerances: ~1e-11 s except for the irregular pattern, which is chaotic and amplifies it spike by spike.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADEX_PATTERNS, AdEx } from '../../src/neurons/adex.js';
import { IZHIKEVICH_PATTERNS, Izhikevich } from '../../src/neurons/izhikevich.js';

interface Case {
  name: string;
  params: Record<string, number>;
  tRef?: number;
  v0?: number;
  u0?: number;
  current: [number, number][];
  conductances?: { g: number; E: number }[];
  duration: number;
  spikes: number[];
  spread: number[];
}
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'neurons', 'adex_izhikevich.json'), 'utf8')) as { source: string; adex: Case[]; izhikevich: Case[] };

function adexOf(c: Case): AdEx {
  const p = c.params;
  return new AdEx({ C: p.C, gL: p.gL, EL: p.EL, VT: p.VT, DeltaT: p.DeltaT, tauW: p.tauW * 1e-3, a: p.a, b: p.b, Vr: p.Vr, Vpeak: p.Vpeak, tRef: c.tRef ?? 0 });
}
function runAdex(c: Case, dt: number): Float64Array {
  return adexOf(c).simulate({ current: { steps: c.current }, duration: c.duration, dt, record: false, conductances: c.conductances }).spikes;
}
function runIzhikevich(c: Case, dt: number): Float64Array {
  return new Izhikevich({ ...c.params, v0: c.v0, u0: c.u0 }).simulate({ current: { steps: c.current }, duration: c.duration, dt, record: false }).spikes;
}

/** Largest |Δt| over the spikes whose reference is trustworthy (spread < 1 ns), and largest relative error of the first 10 ISIs. */
function compare(c: Case, s: Float64Array): { maxAbs: number; maxIsi: number } {
  let maxAbs = 0, maxIsi = 0;
  for (let i = 0; i < c.spikes.length; i++) if (c.spread[i] < 1e-9) maxAbs = Math.max(maxAbs, Math.abs(s[i] - c.spikes[i]));
  for (let i = 1; i < Math.min(c.spikes.length, 11); i++) {
    maxIsi = Math.max(maxIsi, Math.abs((s[i] - s[i - 1]) / (c.spikes[i] - c.spikes[i - 1]) - 1));
  }
  return { maxAbs, maxIsi };
}

describe(`AdEx and Izhikevich against ${fixture.source.split(',')[0]}`, () => {
  it('the pattern tables hold the parameters the reference script was given (Brian2 examples, Izhikevich 2003)', () => {
    for (const c of fixture.adex.filter((x) => !x.name.startsWith('check-'))) {
      const n = new AdEx({ pattern: c.name as keyof typeof ADEX_PATTERNS }).params;
      for (const k of ['C', 'gL', 'EL', 'VT', 'DeltaT', 'a', 'b', 'Vr', 'Vpeak'] as const) expect(n[k], `${c.name}.${k}`).toBeCloseTo(c.params[k], 12);
      expect(n.tauW * 1e3, `${c.name}.tauW`).toBeCloseTo(c.params.tauW, 12);
      expect(ADEX_PATTERNS[c.name as keyof typeof ADEX_PATTERNS].current.steps).toEqual(c.current);
    }
    for (const c of fixture.izhikevich) {
      const n = Izhikevich.pattern(c.name as keyof typeof IZHIKEVICH_PATTERNS);
      expect({ a: n.params.a, b: n.params.b, c: n.params.c, d: n.params.d }, c.name).toEqual(c.params);
      // The resting state for the holding current (the fixed point the reference solved for).
      expect(n.params.v0, `${c.name}.v0`).toBeCloseTo(c.v0!, 10);
      expect(n.params.u0, `${c.name}.u0`).toBeCloseTo(c.u0!, 10);
      expect(IZHIKEVICH_PATTERNS[c.name as keyof typeof IZHIKEVICH_PATTERNS].current.steps).toEqual(c.current);
    }
  });

  // Figures at dt = 0.1 ms (measured when written): spike times within 2 µs of SciPy's, first ten ISIs within 1e-4
  // relative (irregular: 1.1e-3 at the tenth interval, the chaos amplifying the 1e-9 s differences of the first spikes).
  it.each(fixture.adex.map((c) => [c.name, c] as const))('AdEx %s at dt = 0.1 ms: spike count, spike times and the first ISIs', (_, c) => {
    const s = runAdex(c, 1e-4);
    expect(s.length).toBe(c.spikes.length);
    const { maxAbs, maxIsi } = compare(c, s);
    expect(maxAbs, `largest spike-time error ${maxAbs} s`).toBeLessThan(5e-6);
    expect(maxIsi, `largest relative ISI error ${maxIsi}`).toBeLessThan(c.name === 'irregular' ? 1e-2 : 1e-3);
  });

  it.each(fixture.izhikevich.map((c) => [c.name, c] as const))('Izhikevich %s at dt = 0.1 ms: spike count, spike times and the first ISIs', (_, c) => {
    const s = runIzhikevich(c, 1e-4);
    expect(s.length).toBe(c.spikes.length);
    const { maxAbs, maxIsi } = compare(c, s);
    expect(maxAbs, `largest spike-time error ${maxAbs} s`).toBeLessThan(5e-6);
    expect(maxIsi, `largest relative ISI error ${maxIsi}`).toBeLessThan(1e-3);
  });

  it('the patterns stay within 1 % at dt = 1 ms (the step of Brian2\'s Izhikevich network), with no NaN', () => {
    for (const c of [...fixture.adex.map((x) => ({ ...x, run: runAdex })), ...fixture.izhikevich.map((x) => ({ ...x, run: runIzhikevich }))]) {
      if (c.name === 'irregular') continue; // chaotic: 1.1 % at the tenth interval at this dt, 0.1 % at 0.1 ms
      const s = c.run(c, 1e-3);
      expect(s.length, c.name).toBe(c.spikes.length);
      expect(compare(c, s).maxIsi, c.name).toBeLessThan(0.01);
    }
  });

  // Measured (largest error over the run, s) at dt = 0.4, 0.1, 0.025, 0.00625 ms: tonic 2.7e-6, 4.3e-7, 8.3e-8, 2.0e-8 (first
  // order: AdEx always needs upstroke substeps, whose error is ∝ κ³·dt); fast spiking 3.1e-7, 9.6e-8, 3.5e-8, 1.6e-10
  // (Izhikevich's upstroke needs no substeps once dt·|∂v'/∂v| < κ, then RK4's fourth order shows).
  it('spike times converge as dt shrinks', () => {
    for (const [c, run] of [
      [fixture.adex.find((x) => x.name === 'tonic')!, runAdex],
      [fixture.adex.find((x) => x.name === 'adapting')!, runAdex],
      [fixture.adex.find((x) => x.name === 'check-sharp')!, runAdex],
      [fixture.izhikevich.find((x) => x.name === 'chattering')!, runIzhikevich],
      [fixture.izhikevich.find((x) => x.name === 'fast-spiking')!, runIzhikevich],
    ] as const) {
      const errors = [4e-4, 1e-4, 2.5e-5, 6.25e-6].map((dt) => compare(c, run(c, dt)).maxAbs);
      for (let k = 1; k < errors.length; k++) expect(errors[k], `${c.name}: ${errors}`).toBeLessThan(errors[k - 1] / 2.5);
    }
  });
});
