import { describe, expect, it } from 'vitest';
import { HodgkinHuxley } from '../../src/neurons/hodgkinHuxley.js';
import { LIF, PhysicalLIF } from '../../src/neurons/lif.js';
import { Network } from '../../src/network/network.js';
import { Population } from '../../src/network/population.js';
import { SpikeRecorder } from '../../src/network/recorders.js';

describe('Population', () => {
  it('LIF population with per-neuron bias fires like single LIF neurons (same model, vectorized)', () => {
    const bias = [1.2, 1.5, 2, 3];
    const net = new Network();
    const pop = net.add(Population.lif('p', 4, { tauRef: 0.002 }, { bias }));
    const rec = new SpikeRecorder(pop);
    net.run(0.5, 1e-4, { recorders: [rec] });
    bias.forEach((b, i) => {
      const single = new LIF({ tauRef: 0.002 }).simulate({ input: b, duration: 0.5, dt: 1e-4 });
      expect(Array.from(rec.timesOf(i))).toEqual(Array.from(single.spikes));
    });
  });

  it('physical LIF: bias and external input in µA/cm² map onto v_in through the gain', () => {
    const p = new PhysicalLIF({ C: 1, gL: 0.05, VL: -65, Vth: -50 });
    const net = new Network();
    const pop = net.add(Population.physicalLif('phys', 2, { C: 1, gL: 0.05, VL: -65, Vth: -50 }, { bias: [1.0, 0.5], external: 0.5 }));
    const rec = new SpikeRecorder(pop);
    net.run(1, 1e-4, { recorders: [rec] });
    expect(Math.abs(rec.counts[0] - p.rate(1.5))).toBeLessThanOrEqual(1);
    expect(Math.abs(rec.counts[1] - p.rate(1.0))).toBeLessThanOrEqual(1);
    expect(rec.counts[0]).toBeGreaterThan(rec.counts[1]);
  });

  it('HH population with a formula current spikes like HodgkinHuxley.simulate', () => {
    const net = new Network();
    const pop = net.add(Population.hh('hh', 2, {}, { external: ['10', '0'] }));
    const rec = new SpikeRecorder(pop);
    net.run(0.1, 1e-5, { recorders: [rec] });
    const ref = new HodgkinHuxley().simulate({ current: 10, duration: 0.1, dt: 1e-5 }).spikes;
    const got = rec.timesOf(0);
    expect(got.length).toBe(ref.length);
    for (let k = 0; k < ref.length; k++) expect(Math.abs(got[k] - ref[k])).toBeLessThan(1e-6);
    expect(rec.counts[1]).toBe(0);
  });

  it('rejects bad names, sizes, init and per-neuron arrays of the wrong length', () => {
    expect(() => Population.lif('1x', 3)).toThrow(/Population\.name/);
    expect(() => Population.lif('a', 0)).toThrow(/a\.size: must be an integer >= 1/);
    expect(() => Population.lif('a', 3, {}, { bias: [1, 2] })).toThrow(/a\.bias: must have length 3 \(got length 2\)/);
    expect(() => Population.lif('a', 3, {}, { init: { u: 1 } })).toThrow(/a\.init\.u: is not a state variable of lif/);
    expect(() => Population.spikeTrains('s', [[0.2, 0.1]])).toThrow(/s\.trains\[0\]: spike times must be in increasing order/);
    expect(() => Population.poisson('s', 2, { rate: [1, 2, 3] })).toThrow(/has 3 rates but the population has 2 neurons/);
  });
});

describe('Population: per-neuron LIF parameters', () => {
  it('each neuron spikes exactly like a shared-parameter LIF with its own τ_m, τ_ref and v_reset', () => {
    const tauM = [0.01, 0.02, 0.05, 0.02], tauRef = [0.001, 0.002, 0.004, 0.0005], vReset = [0, 0.2, -0.1, 0];
    const bias = [1.3, 2.5, 4, 12];
    const net = new Network();
    const pop = net.add(Population.lif('het', 4, { tauM, tauRef, vReset }, { bias }));
    const rec = new SpikeRecorder(pop);
    net.run(0.3, 1e-4, { recorders: [rec] });
    for (let i = 0; i < 4; i++) {
      const single = new LIF({ tauM: tauM[i], tauRef: tauRef[i], vReset: vReset[i] }).simulate({ input: bias[i], duration: 0.3, dt: 1e-4 });
      expect(single.spikes.length).toBeGreaterThan(3);
      expect(Array.from(rec.timesOf(i)), `neuron ${i}`).toEqual(Array.from(single.spikes));
    }
    expect(() => Population.lif('x', 3, { tauM: [0.01, 0.02] })).toThrow(/per-neuron parameters have length 2 but the population has 3 neurons/);
    expect(() => Population.lif('x', 2, { tauM: [0.01, -1] })).toThrow(/LIF\.tauM\[1\]: must be > 0/);
    expect(() => Population.lif('x', 2, { tauM: [0.01, 0.02], tauRef: [0.001, 0.002, 0.003] })).toThrow(/LIF\.tauRef: must have the same length as tauM \(2\) \(got 3\)/);
  });
});
