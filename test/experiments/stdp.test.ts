/**
 * Song, Miller & Abbott (2000) as Brian2's STDP example. The reference is Brian2's own example, run for 30 s at three
 * seeds by test/fixtures/experiments/make_brian2_stdp.py (the 100 s comparison is the sim's: `npm run sim -- stdp
 * --peers`). Random streams differ between the two simulators, so the figures are compared as distributions: each of
 * ours inside Brian2's mean ± 3 binomial standard deviations of a bin count (√(n p (1 − p)), n = 1,000 synapses) and
 * the rate within 5 Hz of Brian2's mean (its three seeds span 3–4 Hz).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildSongStdp, resolveSongStdp, runSongStdp, SONG_CONSTANTS, SONG_V_RESET, SONG_WEIGHT_SCALE, weightHistogram, type SongStdpPartial,
} from '../../src/experiments/stdp.js';
import { Network } from '../../src/network/network.js';
import { Population } from '../../src/network/population.js';
import { StateRecorder } from '../../src/network/recorders.js';
import { throwsValidation } from '../helpers/expect.js';

interface Run { drive: 'fixed' | 'conductance'; seed: number; histogram: number[]; outputRate: number }
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'experiments', 'brian2_stdp.json'), 'utf8')) as { duration: number; runs: Run[] };

const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
const middle = (h: number[]) => h.slice(2, 8).reduce((s, x) => s + x, 0); // bins 3 to 8

function expectLikeBrian2(drive: 'fixed' | 'conductance', seeds: number[]): void {
  const ref = fixture.runs.filter((r) => r.drive === drive);
  expect(ref.length).toBe(3);
  for (const seed of seeds) {
    const r = runSongStdp({ duration: fixture.duration, seed, drive });
    const n = r.finalWeights.length;
    for (const bin of [0, 9]) {
      const m = mean(ref.map((x) => x.histogram[bin])), p = m / n, sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(r.histogram[bin] - m), `${drive}, seed ${seed}, bin ${bin + 1}: ${r.histogram[bin]} against Brian2's ${ref.map((x) => x.histogram[bin])}`).toBeLessThan(3 * sd);
    }
    const rate = mean(ref.map((x) => x.outputRate));
    expect(Math.abs(r.outputRate - rate), `${drive}, seed ${seed}: ${r.outputRate} Hz against Brian2's ${ref.map((x) => x.outputRate)}`).toBeLessThan(5);
    // Moving toward the ends (a property of the rule, Brian2's runs included): both end bins gain on the uniform start,
    // the middle loses more than 10 %, and the output rate falls by a third or more from its first second (regulated).
    for (const h of [r.histogram, ...ref.map((x) => x.histogram)]) {
      expect(h[0]).toBeGreaterThan(1.4 * (n / 10));
      expect(h[9]).toBeGreaterThan(n / 10);
      expect(middle(h)).toBeLessThan(0.9 * middle(r.initialHistogram));
    }
    expect(r.rate.rate[0]).toBeGreaterThan(1.5 * r.outputRate);
  }
}

describe('Song et al. (2000): additive STDP drives the weights apart, as in Brian2', () => {
  it(`the example's fixed driving force, ${fixture.duration} s at two seeds`, () => expectLikeBrian2('fixed', [1, 2]));
  it(`the conductance variant (E_e − V), ${fixture.duration} s`, () => expectLikeBrian2('conductance', [1]));
});

describe('Song et al. (2000): multiplicative STDP (μ = 1) gives a unimodal distribution instead', () => {
  it('one peak, empty ends, centred where potentiation and depression balance: w/g_max = A₊τ₊/(A₊τ₊ + A₋τ₋) = 1/2.05', () => {
    const r = runSongStdp({ duration: 20, seed: 1, rule: 'multiplicative', mu: 1 });
    const h = r.histogram;
    const peak = h.indexOf(Math.max(...h));
    for (let k = 0; k < 9; k++) {
      if (k < peak) expect(h[k + 1], `rising to the peak at bin ${peak + 1}: ${h}`).toBeGreaterThanOrEqual(h[k]);
      else expect(h[k + 1], `falling after the peak at bin ${peak + 1}: ${h}`).toBeLessThanOrEqual(h[k]);
    }
    expect(h[0] + h[9]).toBe(0);
    // Without pre/post correlations the drift r_pre r_post (A₊τ₊(1 − x) − A₋τ₋ x) vanishes at x = 1/(1 + 1.05); the
    // causal correlations add a little potentiation on top.
    const x = mean(Array.from(r.finalWeights, (w) => w / r.gMax));
    expect(Math.abs(x - 1 / 2.05), `mean weight ${x} g_max`).toBeLessThan(0.03);
  });
});

describe('Song et al. (2000): the model mapping and the run', () => {
  it('the normalized LIF reproduces the example\'s PSP, τ_m dV/dt = g_e (E_e − V_r) + E_L − V; v_reset is V_r', () => {
    const K = SONG_CONSTANTS, w = K.gMax, tSpike = 0.0103;
    const net = new Network();
    net.add(Population.spikeTrains('in', [[tSpike]]));
    const out = net.add(Population.lif('out', 1, { tauM: K.tauM, tauRef: 0, vReset: SONG_V_RESET }));
    net.connect('in', 'out', { weights: [[w * SONG_WEIGHT_SCALE]], tauS: K.tauE });
    const v = new StateRecorder(out, 'v');
    net.run(0.1, 1e-4, { recorders: [v] });
    // Closed form of the example's ODE for one jump of g_e by w at tSpike (V from E_L): V − E_L = w (E_e − V_r) τ_e/(τ_m − τ_e) (e^{−s/τ_m} − e^{−s/τ_e}).
    let worst = 0, peak = 0;
    for (let s = 0; s < v.t.length; s++) {
      const dt = v.t[s] - tSpike;
      const V = dt <= 0 ? 0 : w * (K.Ee - K.Vr) * (K.tauE / (K.tauM - K.tauE)) * (Math.exp(-dt / K.tauM) - Math.exp(-dt / K.tauE));
      worst = Math.max(worst, Math.abs(v.values[0][s] - V / (K.Vt - K.EL)));
      peak = Math.max(peak, V);
    }
    expect(peak).toBeGreaterThan(0.1); // mV
    expect(worst).toBeLessThan(1e-12);
    expect(SONG_V_RESET * (K.Vt - K.EL) + K.EL).toBeCloseTo(K.Vr, 12);
  });

  it('streams the histogram while it runs; the last report is the final histogram', () => {
    const parts: SongStdpPartial[] = [];
    const r = runSongStdp({ duration: 2, seed: 3, reportEvery: 0.5 }, undefined, (p) => parts.push(p));
    expect(parts.map((p) => p.t)).toEqual([0.5, 1, 1.5, 2].map((t) => expect.closeTo(t, 9)));
    for (const p of parts) expect(p.histogram.reduce((a, b) => a + b, 0)).toBe(1000);
    expect(parts[3].histogram).toEqual(r.histogram);
    expect(mean(parts.map((p) => p.rate))).toBeCloseTo(r.outputSpikes / 2, 9);
    expect(r.traces.t.length).toBe(401);
    expect(r.traces.w[0][400]).toBe(r.finalWeights[0]);
  });

  it('the same seed gives bit-identical weights; another seed does not', () => {
    const a = runSongStdp({ duration: 2, seed: 5 }), b = runSongStdp({ duration: 2, seed: 5 }), c = runSongStdp({ duration: 2, seed: 6 });
    expect(Array.from(b.finalWeights)).toEqual(Array.from(a.finalWeights));
    expect(Array.from(c.finalWeights)).not.toEqual(Array.from(a.finalWeights));
    expect(weightHistogram(a.initialWeights)).toEqual(a.initialHistogram);
    expect(Math.max(...a.initialWeights)).toBeLessThan(SONG_CONSTANTS.gMax);
  });

  it('builds the network the example describes', () => {
    const { synapses, settings, inputs } = buildSongStdp({ seed: 2 });
    expect(inputs.size).toBe(1000);
    expect(synapses.synapses).toBe(1000);
    const p = synapses.plasticity!.params;
    expect(p.wMax).toBeCloseTo(0.01 * SONG_WEIGHT_SCALE, 18);
    expect(p.dApre).toBeCloseTo(1e-4 * SONG_WEIGHT_SCALE, 18);
    expect(p.dApost / p.dApre).toBeCloseTo(-1.05, 14);
    expect(settings.duration).toBe(100);
  });

  it('rejects bad options with the parameter named', () => {
    throwsValidation(() => resolveSongStdp({ duration: -1 }), 'stdp.duration', /> 0/);
    throwsValidation(() => resolveSongStdp({ rule: 'hebbian' as 'additive' }), 'stdp.rule', /'additive', 'multiplicative'/);
    throwsValidation(() => resolveSongStdp({ pairing: 'triplet' as 'nearest' }), 'stdp.pairing');
    throwsValidation(() => resolveSongStdp({ mu: 2 }), 'stdp.mu', /multiplicative/);
    throwsValidation(() => resolveSongStdp({ drive: 'conductance', timing: 'precise' }), 'stdp.timing', /grid/);
    throwsValidation(() => resolveSongStdp({ dt: 2, duration: 1 }), 'stdp.dt');
    throwsValidation(() => resolveSongStdp({ seeds: 3 } as never), 'stdp.seeds', /unknown option/);
    throwsValidation(() => resolveSongStdp({ tauPre: -0.02 }), 'stdp.tauPre', /> 0/, /-0\.02/);
    throwsValidation(() => resolveSongStdp({ tauPost: 0 }), 'stdp.tauPost', /> 0/);
    throwsValidation(() => resolveSongStdp({ gMax: 0 }), 'stdp.gMax', /> 0/);
    throwsValidation(() => resolveSongStdp({ gMax: -0.01 }), 'stdp.gMax', /-0\.01/);
    throwsValidation(() => resolveSongStdp({ dApre: 0 }), 'stdp.dApre', /> 0/);
    throwsValidation(() => resolveSongStdp({ depressionRatio: -1 }), 'stdp.depressionRatio', />= 0/);
  });

  it('the rule follows its options: ΔA_pre = dApre·g_max, ΔA_post = −ratio·ΔA_pre·τ_pre/τ_post, weights start in [0, g_max]', () => {
    const { synapses, initialWeights } = buildSongStdp({ seed: 4, tauPre: 0.01, tauPost: 0.03, dApre: 0.02, depressionRatio: 1.2, gMax: 0.02 });
    const p = synapses.plasticity!.params;
    expect([p.tauPre, p.tauPost]).toEqual([0.01, 0.03]);
    expect(p.wMax).toBeCloseTo(0.02 * SONG_WEIGHT_SCALE, 18);
    expect(p.dApre).toBeCloseTo(0.02 * 0.02 * SONG_WEIGHT_SCALE, 18);
    expect(p.dApost / p.dApre).toBeCloseTo(-1.2 * (0.01 / 0.03), 14);
    expect(Math.max(...initialWeights)).toBeLessThan(0.02);
    expect(Math.max(...initialWeights)).toBeGreaterThan(0.019);
  });
});
