/**
 * The firing-pattern and f–I scenarios of the reset models: plumbing to the neuron types, the nullclines against
 * the models' equations, the onset and steady rates against the SciPy reference, the rheobase against its closed form.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../src/core/errors.js';
import { runResetFiCurve } from '../../src/experiments/fiCurve.js';
import { firingPatternFigures, listFiringPatterns, phaseTrajectory, runFiringPattern, voltageWithSpikes } from '../../src/experiments/firingPatterns.js';
import { AdEx } from '../../src/neurons/adex.js';
import { Izhikevich } from '../../src/neurons/izhikevich.js';
import { expectRel } from '../helpers/expect.js';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'neurons', 'adex_izhikevich.json'), 'utf8')) as { adex: { name: string; spikes: number[] }[] };
const tonicRef = fixture.adex.find((c) => c.name === 'tonic')!.spikes;

describe('firing patterns', () => {
  it('lists every named set of both models with its stimulus', () => {
    const all = listFiringPatterns();
    expect(all.filter((p) => p.model === 'adex').length).toBe(11);
    expect(all.filter((p) => p.model === 'izhikevich').length).toBe(8);
    expect(all.find((p) => p.name === 'thalamo-cortical-rebound')!.current).toEqual([[0, -10], [0.01, 0]]);
  });

  it('runs a pattern through the neuron type, with the current, the nullclines and figures as plain data', () => {
    const run = runFiringPattern({ model: 'adex', pattern: 'adapting' });
    const direct = AdEx.pattern('adapting').simulate();
    expect(Array.from(run.spikes)).toEqual(Array.from(direct.spikes));
    expect(run.I.every((I) => I === 500)).toBe(true);
    // dV/dt = 0 on the V-nullcline: w = −g_L(V − E_L) + g_L Δ_T e^((V − V_T)/Δ_T) + I; dw/dt = 0 on w = a(V − E_L).
    const { V, vNull, wNull } = run.nullclines;
    V.forEach((v, i) => {
      expectRel(vNull[i], -12 * (v + 70) + 12 * 2 * Math.exp((v + 50) / 2) + 500, 1e-12, `V-nullcline at ${v} mV`);
      expect(wNull[i]).toBeCloseTo(2 * (v + 70), 10);
    });
    const figs = firingPatternFigures(run);
    expect(figs.map((f) => f.title)).toEqual(['Membrane potential', 'Adaptation and current', 'Phase plane']);
    const izh = runFiringPattern({ model: 'izhikevich', pattern: 'RZ', duration: 0.05 });
    expect(izh.settings.pattern).toBe('resonator');
    expect(Array.from(izh.spikes)).toEqual(Array.from(Izhikevich.pattern('resonator').simulate({ duration: 0.05 }).spikes));
  });

  it('draws each spike up to the cut and back to the reset; the phase plane has a gap at each reset', () => {
    const t = [0, 1, 2, 3], V = [-70, -60, -58, -50];
    expect(voltageWithSpikes(t, V, [1.5], 0, -58)).toEqual({ t: [0, 1, 1.5, 1.5, 2, 3], V: [-70, -60, 0, -58, -58, -50] });
    const p = phaseTrajectory(t, V, [0, 1, 2, 3], [1.5, 1.7]);
    expect(p.V).toEqual([-70, -60, NaN, -58, -50]);
  });

  it('rejects an unknown model or pattern', () => {
    expect(() => runFiringPattern({ model: 'lif' as never })).toThrow(/firingPattern\.model: must be one of 'adex', 'izhikevich'/);
    expect(() => runFiringPattern({ model: 'adex', pattern: 'chattering' })).toThrow(ValidationError);
    expect(() => runFiringPattern({ model: 'adex', pattern: 'chattering' })).toThrow(/AdEx\.pattern: must be one of 'tonic'/);
  });
});

describe('f–I curves of the reset models', () => {
  it('AdEx tonic: onset rate = 1 / the reference\'s first interval, steady rate = 1 / its last; no firing below the closed-form rheobase', () => {
    const c = runResetFiCurve({ model: 'adex', pattern: 'tonic', iMin: 200, iMax: 500, points: 16 }); // 20 pA apart
    const k = c.input.indexOf(500);
    expectRel(c.initial[k], 1 / (tonicRef[1] - tonicRef[0]), 1e-5, 'onset rate');
    expectRel(c.steady[k], 1 / (tonicRef[tonicRef.length - 1] - tonicRef[tonicRef.length - 2]), 1e-5, 'steady rate');
    // I_rh = (g_L + a)(V_T + Δ_T ln(1 + a/g_L) − E_L − Δ_T) = 220.4 pA for the tonic set (saddle-node).
    expect(c.firstFiring).toBe(240);
    expect(c.steady.slice(0, 2)).toEqual([0, 0]);
    for (let i = 3; i < c.steady.length; i++) expect(c.steady[i]).toBeGreaterThan(c.steady[i - 1]);
  });

  it('AdEx adapting: the onset rate exceeds the steady rate; Izhikevich RS stops firing below the saddle-node at I = 4', () => {
    const a = runResetFiCurve({ model: 'adex', pattern: 'adapting', iMin: 300, iMax: 900, points: 3, duration: 1.5, settle: 1 });
    a.input.forEach((_, i) => expect(a.initial[i]).toBeGreaterThan(1.5 * a.steady[i]));
    const r = runResetFiCurve({ model: 'izhikevich', pattern: 'RS', iMin: 3, iMax: 5, points: 5, duration: 1 });
    expect(r.units).toBe('mV/ms');
    expect([r.steady[0], r.steady[1]]).toEqual([0, 0]);
    expect(r.steady[3]).toBeGreaterThan(0);
    expect(r.steady[4]).toBeGreaterThan(r.steady[3]);
  });
});
