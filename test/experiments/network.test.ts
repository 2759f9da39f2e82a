/** The random E/I network (src/experiments/network.ts) with each neuron model and synapse kind. */
import { describe, expect, it } from 'vitest';
import { NETWORK_PRESETS, networkFigures, runNetwork, type NetworkModel, type NetworkRun, type NetworkSynapse } from '../../src/experiments/network.js';
import { throwsValidation } from '../helpers/expect.js';

/** Mean of the excitatory population rate over the second half of the run (Hz): is the activity sustained? */
function lateRate(r: NetworkRun): number {
  const x = r.rate.exc, from = x.length >> 1;
  let s = 0;
  for (let i = from; i < x.length; i++) s += x[i];
  return s / (x.length - from);
}

/** std/mean of the excitatory population rate in 5 ms bins after the first 100 ms. */
function populationRateCv(r: NetworkRun): number {
  const bins: number[] = [];
  for (let i = 100; i + 5 <= r.rate.exc.length; i += 5) bins.push(r.rate.exc.subarray(i, i + 5).reduce((a, b) => a + b, 0) / 5);
  const m = bins.reduce((a, b) => a + b, 0) / bins.length;
  return Math.sqrt(bins.reduce((a, b) => a + (b - m) ** 2, 0) / bins.length) / m;
}

const presets = Object.entries(NETWORK_PRESETS).flatMap(([model, bySynapse]) => Object.keys(bySynapse).map((synapse) => [model, synapse] as [NetworkModel, NetworkSynapse]));

describe('network presets: sustained asynchronous irregular activity at the default size', () => {
  // Default size (1,000 neurons, p = 0.08), 0.5 s. What each preset must show:
  // - finite traces, in range: the normalized LIF's v ≤ 1 (threshold) and above −20; potentials in mV within
  //   [−150, 60] (no runaway: current synapses have no reversal potential, and the strongest inhibition of the
  //   current-based presets pulls V to about −130 mV at times; spikes peak below +60 mV);
  // - sustained firing: the excitatory rate over the second half ≥ 3 Hz (a network that falls silent drops to 0);
  // - rates of cortical asynchronous states, < 60 Hz for both populations (COBA, CUBA and Brunel's AI states fire at
  //   5–40 Hz, COBAHH at 35–40 Hz, fast-spiking interneurons faster), far from the saturation 1/t_ref = 200–500 Hz that
  //   a runaway excitation reaches;
  // - irregular: mean CV of inter-spike intervals > 0.4 (an uncoupled neuron at a constant bias fires with CV 0, a
  //   Poisson process has 1; the current-based HH preset is the least irregular, about 0.5);
  // - asynchronous: the population rate in 5 ms bins fluctuates by < 0.6 of its mean (independent Poisson neurons
  //   at 15 Hz give 1/√(800 · 15 Hz · 5 ms) ≈ 0.16; a synchronous network bursts with a ratio above 1).
  it.each(presets)('%s with %s synapses', (model, synapse) => {
    const r = runNetwork({ model, synapse, duration: 0.5 });
    const u = r.units;
    for (const v of r.traces.v) {
      for (const x of v) expect(Number.isFinite(x)).toBe(true);
      const lo = Math.min(...v), hi = Math.max(...v);
      if (u.vUnit === 'mV') {
        expect(lo).toBeGreaterThanOrEqual(-150);
        expect(hi).toBeLessThanOrEqual(60);
      } else {
        expect(hi).toBeLessThanOrEqual(1);
        expect(lo).toBeGreaterThan(-20);
      }
    }
    const late = lateRate(r);
    const cvPop = populationRateCv(r);
    const what = `${model}/${synapse}: exc ${r.meanRate.exc.toFixed(2)} Hz (late ${late.toFixed(2)}), inh ${r.meanRate.inh.toFixed(2)} Hz, ` +
      `CV ${r.cv.toFixed(3)}, population-rate CV ${cvPop.toFixed(3)}`;
    expect(late, what).toBeGreaterThan(3);
    expect(r.meanRate.inh, what).toBeGreaterThan(3);
    expect(r.meanRate.exc, what).toBeLessThan(60);
    expect(r.meanRate.inh, what).toBeLessThan(60);
    expect(r.cv, what).toBeGreaterThan(0.4);
    expect(cvPop, what).toBeLessThan(0.6);
  });

  it('HH with conductance synapses is COBAHH at a quarter of its size (same in-degrees): its rate and CV near Brian2’s', () => {
    // Brian2 2.5.1's examples/COBAHH.py (4,000 neurons, 1 s), 6 seeds: 34.5–40.4 Hz, mean CV 1.90–2.05. Here 1,000
    // neurons with the same cell, synapses and in-degrees (64 E, 16 I), initial V uniform in [−70, −55) mV and no
    // initial conductances; the bounds leave room for the size and the start.
    const r = runNetwork({ model: 'hh', synapse: 'conductance' });
    const rate = (r.spikes.exc + r.spikes.inh) / r.settings.size;
    expect(rate).toBeGreaterThan(30);
    expect(rate).toBeLessThan(45);
    expect(r.cv).toBeGreaterThan(1.5);
    expect(r.cv).toBeLessThan(2.2);
  });

  it('conductance synapses keep V between the inhibitory reversal potential and the threshold (physical LIF, mV)', () => {
    const r = runNetwork({ synapse: 'conductance', duration: 0.2 });
    expect(r.settings.timing).toBe('grid');
    expect(r.units.vUnit).toBe('mV');
    for (const v of r.traces.v) {
      expect(v[0]).toBeGreaterThanOrEqual(-60); // initial V uniform in [E_L, V_th)
      expect(v[0]).toBeLessThan(-50);
      expect(Math.min(...v)).toBeGreaterThanOrEqual(r.settings.EI);
      expect(Math.max(...v)).toBeLessThanOrEqual(-50);
    }
  });
});

describe('network options', () => {
  it('reproducible; precise and grid timing settle at similar rates; the old model name lif-current is the grid LIF', () => {
    const a = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2 });
    const b = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2 });
    expect(Array.from(b.raster.exc.time)).toEqual(Array.from(a.raster.exc.time));
    const c = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2, timing: 'grid' });
    expect(a.settings.timing).toBe('precise');
    expect(a.meanRate.exc).toBeGreaterThan(2);
    expect(Math.abs(c.meanRate.exc - a.meanRate.exc) / a.meanRate.exc).toBeLessThan(0.3);
    expect(a.rasterEvery).toEqual({ exc: 1, inh: 1 });
    expect(networkFigures(a)[0].layout.title).toEqual({ text: `Raster: ${a.spikes.exc + a.spikes.inh} spikes` });
    const d = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2, model: 'lif-current' });
    expect(d.settings).toEqual(c.settings);
    expect(Array.from(d.raster.exc.time)).toEqual(Array.from(c.raster.exc.time));
  });

  it('options override the preset; reversal potentials only with conductances', () => {
    const s = runNetwork({ model: 'adex', synapse: 'conductance', size: 50, duration: 0.01, wE: 3, EI: -75 }).settings;
    expect([s.wE, s.wI, s.EE, s.EI, s.tauI, s.timing]).toEqual([3, 51, 0, -75, 0.01, null]);
    expect(Number.isNaN(runNetwork({ size: 50, duration: 0.01 }).settings.EE)).toBe(true);
  });

  it('refuses what does not fit, naming the option', () => {
    throwsValidation(() => runNetwork({ model: 'izhikevich', synapse: 'conductance' }), 'network.synapse', /current synapses only/, /'izhikevich'/);
    throwsValidation(() => runNetwork({ synapse: 'conductance', timing: 'precise' }), 'network.timing', /must be 'grid'/);
    throwsValidation(() => runNetwork({ model: 'adex', timing: 'grid' }), 'network.timing', /LIF model only/);
    throwsValidation(() => runNetwork({ wI: 0.5 }), 'network.wI', /<= 0/);
    throwsValidation(() => runNetwork({ synapse: 'conductance', wI: -51 }), 'network.wI', /peak conductance/, />= 0/);
    throwsValidation(() => runNetwork({ EE: 0 }), 'network.EE', /conductance synapses only/);
    throwsValidation(() => runNetwork({ model: 'brian' as never }), 'network.model', /'lif'/);
    throwsValidation(() => runNetwork({ synapse: 'gap' as never }), 'network.synapse', /'conductance'/);
  });

  it('a raster beyond rasterLimit is the complete trains of every k-th neuron over the whole run; the build reports progress', () => {
    const o = { size: 400, p: 0.2, duration: 0.3, seed: 2 };
    const full = runNetwork(o);
    const build: [number, number][] = [];
    const thin = runNetwork({ ...o, rasterLimit: 200 }, undefined, { onPartial: () => {}, every: 1e9, onBuild: (d, t) => build.push([d, t]) });
    expect(full.spikes.exc + full.spikes.inh).toBeGreaterThan(400);
    const k = thin.rasterEvery.exc;
    expect(k).toBeGreaterThan(1);
    const keep = Array.from(full.raster.exc.index.keys()).filter((s) => full.raster.exc.index[s] % k === 0);
    expect(Array.from(thin.raster.exc.time)).toEqual(keep.map((s) => full.raster.exc.time[s]));
    // Not the first 100 spikes (what stopping at the limit would keep): the kept neurons' spikes run to the end.
    expect(thin.raster.exc.time[thin.raster.exc.time.length - 1]).toBeGreaterThan(0.8 * 0.3);
    expect(full.raster.exc.time[99]).toBeLessThan(0.5 * 0.3);
    expect(thin.spikes).toEqual(full.spikes);
    expect(thin.meanRate).toEqual(full.meanRate);
    expect(networkFigures(thin)[0].layout.title).toEqual({ text: expect.stringMatching(new RegExp(`^Raster: ${full.spikes.exc + full.spikes.inh} spikes \\(every ${k}th`)) });
    // Pairs drawn: one call at least per projection, increasing to all size² pairs.
    expect(build.length).toBeGreaterThan(4);
    expect(build.every(([d, t], i) => t === 400 * 400 && (i === 0 || d > build[i - 1][0]))).toBe(true);
    expect(build[build.length - 1][0]).toBe(400 * 400);
  });
});
