import { describe, expect, it } from 'vitest';
import { Network } from '../../src/network/network.js';
import { Population } from '../../src/network/population.js';
import { StateRecorder } from '../../src/network/recorders.js';

/** ∫_lo^hi f by composite 5-point Gauss–Legendre. */
function quad(f: (x: number) => number, lo: number, hi: number, n = 200): number {
  const x = [-0.906179845938664, -0.538469310105683, 0, 0.538469310105683, 0.906179845938664];
  const w = [0.236926885056189, 0.478628670499366, 0.568888888888889, 0.478628670499366, 0.236926885056189];
  let s = 0;
  const h = (hi - lo) / n;
  for (let i = 0; i < n; i++) for (let k = 0; k < 5; k++) s += (w[k] * h) / 2 * f(lo + i * h + (h / 2) * (x[k] + 1));
  return s;
}

const C = 1, gL = 0.05, VL = -60, Vth = 10; // µF/cm², mS/cm², mV (τ_m = 20 ms); threshold out of reach: a passive membrane
const tauS = 0.005, t0 = 0.01;

/**
 * V(t) − V_L of a passive membrane, C dV/dt = −g_L(V − V_L) + g(t)(E − V), after one conductance spike, from the
 * library (grid timing: the conductance acts from the end of its step, g = w e^{−(t − t0)/τ_s}).
 */
function simulatePsp(w: number, E: number, dt: number, method: 'rk4' | 'exact', duration = 0.06) {
  const net = new Network();
  net.add(Population.spikeTrains('in', [[t0]]));
  const m = net.add(Population.physicalLif('m', 1, { C, gL, VL, Vth, Vreset: VL, timing: 'grid', method }));
  net.connect('in', 'm', { weights: [[w]], tauS, E });
  const rec = new StateRecorder(m, 'v');
  net.run(duration, dt, { recorders: [rec] });
  return { t: rec.t, psp: Array.from(rec.values[0], (v) => v * (Vth - VL)) };
}

/** The same from the linear ODE's exact solution: V − V_L = (E − V_L)/C ∫ g(s) exp(−(t − s)/τ_m − ∫_s^t g/C) ds (ms, mS). */
function exactPsp(w: number, E: number, t1: number, t: number): number {
  if (t <= t1) return 0;
  const tm = C / gL, ts = tauS * 1e3, u = (t - t1) * 1e3, w1 = w * Math.exp(-(t1 - t0) / tauS);
  const g = (s: number) => w1 * Math.exp(-s / ts);
  const G = (s: number) => w1 * ts * (Math.exp(-s / ts) - Math.exp(-u / ts));
  return ((E - VL) / C) * quad((s) => g(s) * Math.exp(-(u - s) / tm - G(s) / C), 0, u);
}

describe('conductance synapses onto a passive membrane (physical LIF, grid timing)', () => {
  const dt = 1e-5, t1 = t0 + dt; // the spike's step ends at t1: the membrane feels g from there on

  it('small PSP: matches the constant-driving-force closed form to 1e-6 relative (excitatory and inhibitory)', () => {
    for (const E of [0, -80]) {
      const w = 1e-9; // mS/cm²: a PSP of ~1e-7 mV, so the driving force stays E − V_L to 1e-9
      const { t, psp } = simulatePsp(w, E, dt, 'rk4');
      const tm = C / gL, ts = tauS * 1e3, w1 = w * Math.exp(-dt / tauS);
      let peak = 0, worst = 0;
      for (let k = 0; k < t.length; k++) {
        const u = (t[k] - t1) * 1e3;
        const ref = u <= 0 ? 0 : ((E - VL) * (w1 / C) * ts * tm / (tm - ts)) * (Math.exp(-u / tm) - Math.exp(-u / ts));
        peak = Math.max(peak, Math.abs(ref));
        worst = Math.max(worst, Math.abs(psp[k] - ref));
      }
      expect(peak).toBeGreaterThan(1e-8);
      expect(worst / peak, `E = ${E} mV`).toBeLessThan(1e-6);
    }
  });

  it('large PSP: matches the exact solution of the linear ODE (time-varying conductance) to 1e-6 relative', () => {
    for (const E of [0, -80]) {
      const w = 0.2; // 4 g_L: the driving force changes by tens of percent during the PSP
      const { t, psp } = simulatePsp(w, E, dt, 'rk4');
      let peak = 0, worst = 0;
      for (let k = 0; k < t.length; k += 50) {
        const ref = exactPsp(w, E, t1, t[k]);
        peak = Math.max(peak, Math.abs(ref));
        worst = Math.max(worst, Math.abs(psp[k] - ref));
      }
      expect(peak).toBeGreaterThan(E === 0 ? 5 : 1);
      expect(worst / peak, `E = ${E} mV`).toBeLessThan(1e-6);
    }
  });

  it("exponential Euler (Brian2's method, g frozen over the step) converges at first order", () => {
    const errAt = (h: number) => {
      const { t, psp } = simulatePsp(0.2, 0, h, 'exact', 0.04);
      let worst = 0;
      for (let k = 0; k < t.length; k += Math.max(1, Math.round(1e-4 / h))) worst = Math.max(worst, Math.abs(psp[k] - exactPsp(0.2, 0, t0 + h, t[k])));
      return worst;
    };
    const e1 = errAt(1e-4), e2 = errAt(5e-5);
    expect(Math.log2(e1 / e2)).toBeGreaterThan(0.85);
    expect(Math.log2(e1 / e2)).toBeLessThan(1.15);
  });

  it('rejects what cannot be: no voltage units, precise timing, negative weights, a sign', () => {
    const net = new Network();
    net.add(Population.spikeTrains('in', [[0.01], [0.02]]));
    net.add(Population.lif('norm', 2));
    net.add(Population.physicalLif('precise', 2));
    net.add(Population.physicalLif('grid', 2, { timing: 'grid' }));
    expect(() => net.connect('in', 'norm', { p: 1, weight: 0.01, tauS, E: 0 })).toThrow(/Connection\(in→norm\)\.E: 'norm' \(lif\) takes no conductance synapses: a normalized LIF has no voltage units/);
    expect(() => net.connect('in', 'precise', { p: 1, weight: 0.01, tauS, E: 0 })).toThrow(/timing: 'grid'/);
    expect(() => net.connect('in', 'grid', { p: 1, weight: -0.01, tauS, E: 0 })).toThrow(/\.weight: conductance weights are peak conductances and must be >= 0 \(got -0\.01\)/);
    expect(() => net.connect('in', 'grid', { p: 1, weight: 0.01, tauS, E: -80, sign: 'inhibitory' })).toThrow(/\.sign: a conductance synapse takes weights >= 0/);
    expect(() => net.connect('in', 'grid', { p: 1, weight: 0.01, tauS, E: NaN })).toThrow(/\.E: must be a finite number \(got NaN\)/);
    expect(() => Population.hh('h', 2, { timing: 'precise' } as never)).toThrow(/h\.timing: cannot be 'precise' for HH neurons/);
    expect(() => Population.lif('x', 2, { timing: 'exact' as never })).toThrow(/LIF\.timing: must be one of 'precise', 'grid' \(got "exact"\)/);
    expect(() => net.connect('in', 'grid', { p: 1, weight: 0.01, tauS: 0 })).toThrow(/tauS: must be > 0 \(got 0\)/);
  });
});
