/** The COBA benchmark network (src/experiments/coba.ts) against PyNN's VAbenchmarks definition. */
import { describe, expect, it } from 'vitest';
import { buildCoba, COBA_CONSTANTS } from '../../src/experiments/coba.js';
import { SpikeRecorder } from '../../src/network/recorders.js';

describe('COBA (Brette et al. 2007, benchmark 1, as PyNN writes it)', () => {
  it('builds the benchmark: 0.2 nF membrane, p = 0.02, 4 nS / 51 nS, 0.2 ms delays, V(0) uniform in [−60, −50] mV, the kick-off', () => {
    const { net, exc, inh } = buildCoba({ seed: 2 });
    const K = COBA_CONSTANTS;
    expect([exc.size, inh.size]).toEqual([3200, 800]);
    for (const c of net.connections) {
      const p = c.pre.name === 'kick' ? K.kick.p : K.p, pairs = c.pre.size * c.post.size;
      expect(Math.abs(c.synapses - p * pairs), c.label).toBeLessThan(5 * Math.sqrt(pairs * p * (1 - p)) + 1);
      const nS = c.pre.name === 'kick' ? K.kick.w_nS : c.E === 0 ? K.wE_nS : K.wI_nS;
      expect(c.weights().weight.every((x) => Math.abs(x - (nS * 1e-6) / K.areaCm2) < 1e-15), c.label).toBe(true);
      expect(c.resolveDelay(1e-4), c.label).toBe(2);
    }
    const V = Array.from(exc.state.v, (v) => -60 + 10 * v);
    expect(Math.min(...V)).toBeGreaterThanOrEqual(-60);
    expect(Math.max(...V)).toBeLessThan(-50);
    expect(Math.abs(V.reduce((a, b) => a + b, 0) / V.length - -55)).toBeLessThan(5 * 10 / Math.sqrt(12 * 3200));
  });
  it('the 20 Poisson sources fire at 100 Hz for the first 50 ms only', () => {
    const { net } = buildCoba({ seed: 1 });
    const kick = net.population('kick');
    const rec = new SpikeRecorder(kick);
    net.run(0.1, 1e-4, { recorders: [rec] });
    const times = Array.from(rec.spikes.time);
    expect(times.every((t) => t < 0.05)).toBe(true);
    const expected = 20 * 100 * 0.05; // 100 spikes
    expect(Math.abs(times.length - expected)).toBeLessThan(5 * Math.sqrt(expected));
  });
});
