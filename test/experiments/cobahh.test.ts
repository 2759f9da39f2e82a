/** The COBAHH benchmark network (src/experiments/cobahh.ts) against Brian2's examples/COBAHH.py's definition. */
import { describe, expect, it } from 'vitest';
import { buildCobahh, COBAHH_CONSTANTS } from '../../src/experiments/cobahh.js';

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0) / a.length;
const sd = (a: ArrayLike<number>) => Math.sqrt(mean(Array.from(a, (x) => (x - mean(a)) ** 2)));

describe('COBAHH (Brette et al. 2007, benchmark 3, as Brian2 writes it)', () => {
  it("builds the example's network: p = 0.02 connectivity, 6 nS / 67 nS on 2·10⁻⁴ cm², the initial state's distributions", () => {
    const { net, exc, inh } = buildCobahh({ seed: 3 });
    const K = COBAHH_CONSTANTS;
    expect([exc.size, inh.size]).toEqual([3200, 800]);
    for (const c of net.connections) {
      const pairs = c.pre.size * c.post.size, n = c.synapses;
      expect(Math.abs(n - K.p * pairs), c.label).toBeLessThan(5 * Math.sqrt(pairs * K.p * (1 - K.p)));
      const w = c.weights().weight;
      expect(w.every((x) => x === (c.E === 0 ? 0.03 : 0.335)), c.label).toBe(true); // mS/cm²
      expect(c.tauS).toBe(c.E === 0 ? 0.005 : 0.01);
    }
    // V = E_L + N(−5, 5) mV; g_e = N(40, 15) nS, g_i = N(200, 120) nS (÷ 200 for mS/cm²); the gates at 0.
    const V = exc.state.V, se = Math.sqrt(1 / 3200);
    expect(Math.abs(mean(V) - -65)).toBeLessThan(5 * 5 * se);
    expect(Math.abs(sd(V) - 5)).toBeLessThan(5 * 5 * se);
    expect(exc.state.m.every((x) => x === 0) && exc.state.h.every((x) => x === 0) && exc.state.n.every((x) => x === 0)).toBe(true);
    const ge = net.groupFor(net.connections[0])!.output, gi = net.groupFor(net.connections[1])!.output;
    expect(Math.abs(mean(ge) * 200 - 40)).toBeLessThan(5 * 15 * se);
    expect(Math.abs(mean(gi) * 200 - 200)).toBeLessThan(5 * 120 * se);
    expect(Math.abs(sd(gi) * 200 - 120)).toBeLessThan(5 * 120 * se);
  });
  it('runs the first 20 ms finite and firing (the initial conductances kick it off), reporting spikes on the grid as Brian2', () => {
    const { net, exc } = buildCobahh({ seed: 1 });
    let spikes = 0, offGrid = 0;
    const info = net.run(0.02, 1e-4, { recorders: [{ start() {}, record() { spikes += exc.spikes.count; for (let k = 0; k < exc.spikes.count; k++) if (exc.spikes.offset[k] !== 1e-4) offGrid++; } }] });
    expect(info.steps).toBe(200);
    expect(spikes).toBeGreaterThan(100);
    expect(offGrid).toBe(0);
    expect(Array.from(exc.state.V).every(Number.isFinite)).toBe(true);
  });
});
