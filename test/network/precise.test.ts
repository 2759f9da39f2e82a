import { describe, expect, it } from 'vitest';
import { exactLifSpikes as referenceSpikes, offGridTrains as trains } from '../../src/experiments/precision.js';
import { Network } from '../../src/network/network.js';
import { Population } from '../../src/network/population.js';
import { SpikeRecorder } from '../../src/network/recorders.js';

describe('precise timing: one LIF driven by off-grid spike trains (exact solution as the reference)', () => {
  const duration = 0.5, tauM = 0.02, tauRef = 0.002;
  const exc = trains(11, 3, 40, duration), inh = trains(12, 2, 30, duration);
  const wE = [0.008, 0.006, 0.01], wI = [-0.006, -0.004];
  for (const n of [0, 1] as const) {
    for (const J of [1.1, 0.9]) {
      it(`n = ${n}, bias ${J}: spike times within 1e-9 s of the exact solution at dt = 1 ms and 0.1 ms`, () => {
        const receptors = [{ tauS: 0.005, n }, { tauS: 0.008, n }];
        const inputs = [
          ...exc.flatMap((tr, i) => tr.map((time) => ({ time, receptor: 0, w: wE[i] }))),
          ...inh.flatMap((tr, i) => tr.map((time) => ({ time, receptor: 1, w: wI[i] }))),
        ];
        const ref = referenceSpikes({ J, tauM, tauRef, duration, receptors, inputs });
        expect(ref.length).toBeGreaterThanOrEqual(20);
        for (const dt of [1e-3, 1e-4]) {
          const net = new Network();
          net.add(Population.spikeTrains('exc', exc));
          net.add(Population.spikeTrains('inh', inh));
          const out = net.add(Population.lif('out', 1, { tauM, tauRef }, { bias: J }));
          net.connect('exc', 'out', { weights: [wE], tauS: 0.005, n });
          net.connect('inh', 'out', { weights: [wI], tauS: 0.008, n });
          const rec = new SpikeRecorder(out);
          net.run(duration, dt, { recorders: [rec] });
          const got = Array.from(rec.spikes.time);
          expect(got.length, `dt = ${dt}: spike count`).toBe(ref.length);
          const worst = Math.max(...got.map((s, i) => Math.abs(s - ref[i])));
          expect(worst, `dt = ${dt}: worst spike-time error`).toBeLessThan(1e-9);
        }
      });
    }
  }

  it('catches a crossing where v rises above threshold and falls back within one step', () => {
    // A brief excitatory pulse (τ_s = 0.5 ms) onto a neuron resting at v = 0.5: v peaks 0.04 % above threshold and is
    // above it only from 12.386 to 12.627 ms, inside the step [12, 13] ms, whose ends it sees below 1 (0.991, 0.996).
    const tauS = 0.0005, time = 0.01061, w = 0.011;
    const inputs = [{ time, receptor: 0, w }];
    const ref = referenceSpikes({ J: 0.5, v0: 0.5, tauM, tauRef, duration: 0.05, receptors: [{ tauS, n: 0 }], inputs });
    expect(ref.length).toBe(1);
    const net = new Network();
    net.add(Population.spikeTrains('in', [[time]]));
    const out = net.add(Population.lif('out', 1, { tauM, tauRef }, { bias: 0.5, init: { v: 0.5 } }));
    net.connect('in', 'out', { weights: [[w]], tauS });
    const rec = new SpikeRecorder(out);
    net.run(0.05, 1e-3, { recorders: [rec] });
    expect(rec.spikes.time.length).toBe(1);
    expect(Math.abs(rec.spikes.time[0] - ref[0])).toBeLessThan(1e-9);
    expect(Math.ceil(ref[0] / 1e-3) * 1e-3 - ref[0]).toBeGreaterThan(1e-4); // the excursion ends inside the step
  });
});

describe('precise timing: the degenerate case τ_s = τ_m', () => {
  it('matches the limit of the closed form (no division by τ_s − τ_m) and is continuous across it', () => {
    const exc = trains(21, 3, 60, 0.5);
    const w = [0.01, 0.008, 0.012];
    const inputs = exc.flatMap((tr, i) => tr.map((time) => ({ time, receptor: 0, w: w[i] })));
    const spikesAt = (tauS: number) => {
      const net = new Network();
      net.add(Population.spikeTrains('exc', exc));
      const out = net.add(Population.lif('out', 1, { tauM: 0.02, tauRef: 0.002 }, { bias: 0.95 }));
      net.connect('exc', 'out', { weights: [w], tauS });
      const rec = new SpikeRecorder(out);
      net.run(0.5, 1e-3, { recorders: [rec] });
      return Array.from(rec.spikes.time);
    };
    const ref = referenceSpikes({ J: 0.95, tauM: 0.02, tauRef: 0.002, duration: 0.5, receptors: [{ tauS: 0.02, n: 0 }], inputs });
    expect(ref.length).toBeGreaterThanOrEqual(20);
    const equal = spikesAt(0.02);
    expect(equal.length).toBe(ref.length);
    expect(Math.max(...equal.map((t, i) => Math.abs(t - ref[i])))).toBeLessThan(1e-9);
    // τ_s a hair away from τ_m: the spike times move by a hair too (no blow-up near the degenerate point).
    const near = spikesAt(0.02 * (1 + 1e-9));
    expect(near.length).toBe(equal.length);
    expect(Math.max(...near.map((t, i) => Math.abs(t - equal[i])))).toBeLessThan(1e-9);
  });
});

describe('precise timing: a feedforward network gives the same spike times at any dt', () => {
  it('Poisson inputs → 200 LIF → 50 LIF with delays of 1–3 ms: identical to 1e-9 s at dt = 1, 0.1 and 0.01 ms', () => {
    const runAt = (dt: number) => {
      const net = new Network();
      const inp = net.add(Population.poisson('in', 100, { rate: 20, seed: 3 }));
      const l1 = net.add(Population.lif('l1', 200, { tauM: 0.02, tauRef: 0.002 }, { bias: 0.8 }));
      const l2 = net.add(Population.lif('l2', 50, { tauM: 0.01, tauRef: 0.003, vReset: 0.1 }, { bias: 0.5 }));
      net.connect(inp, l1, { p: 0.2, seed: 4, weight: 0.004, tauS: 0.005, delay: 0.001 });
      net.connect(l1, l2, { p: 0.2, seed: 5, weight: 0.004, tauS: 0.004, n: 1, delay: 0.002 });
      net.connect(l1, l2, { p: 0.1, seed: 6, weight: -0.003, tauS: 0.008, delay: 0.003 });
      const r1 = new SpikeRecorder(l1), r2 = new SpikeRecorder(l2);
      net.run(0.3, dt, { recorders: [r1, r2] });
      return [r1.spikes, r2.spikes];
    };
    const base = runAt(1e-3);
    expect(base[0].time.length).toBeGreaterThan(500);
    expect(base[1].time.length).toBeGreaterThan(50);
    for (const dt of [1e-4, 1e-5]) {
      const other = runAt(dt);
      for (let l = 0; l < 2; l++) {
        // Sort by (neuron, time) so that neurons spiking in the same step compare one to one.
        const key = (s: { index: Int32Array; time: Float64Array }) => Array.from(s.time, (t, k) => [s.index[k], t] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        const a = key(base[l]), b = key(other[l]);
        expect(b.length, `layer ${l + 1} at dt = ${dt}`).toBe(a.length);
        let worst = 0;
        for (let k = 0; k < a.length; k++) {
          expect(b[k][0]).toBe(a[k][0]);
          worst = Math.max(worst, Math.abs(b[k][1] - a[k][1]));
        }
        expect(worst, `layer ${l + 1} at dt = ${dt}`).toBeLessThan(1e-9);
      }
    }
  });
});
