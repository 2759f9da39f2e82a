/** The random E/I LIF network (src/experiments/network.ts). */
import { describe, expect, it } from 'vitest';
import { networkFigures, runNetwork } from '../../src/experiments/network.js';

describe('network', () => {
  it('reproducible, and both neuron models settle at similar rates', () => {
    const a = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2 });
    const b = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2 });
    expect(Array.from(b.raster.exc.time)).toEqual(Array.from(a.raster.exc.time));
    const c = runNetwork({ size: 400, p: 0.2, duration: 0.3, seed: 2, model: 'lif-current' });
    expect(a.meanRate.exc).toBeGreaterThan(2);
    expect(Math.abs(c.meanRate.exc - a.meanRate.exc) / a.meanRate.exc).toBeLessThan(0.3);
    expect(a.rasterEvery).toEqual({ exc: 1, inh: 1 });
    expect(networkFigures(a)[0].layout.title).toEqual({ text: `Raster: ${a.spikes.exc + a.spikes.inh} spikes` });
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
