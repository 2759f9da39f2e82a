/** `npm run sim -- network`: the raster in --json and --spikes CSV against the scenario run in this process. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sim } from '../helpers/sim.js';
import { runNetwork } from '../../src/experiments/network.js';

const args = ['--size', '200', '--p', '0.1', '--duration', '0.2', '--seed', '3'];
const ref = runNetwork({ size: 200, p: 0.1, duration: 0.2, seed: 3 });

describe('network sim: spikes', () => {
  it('--json: raster per population (index, time in s) equal to the scenario, complete, with its counts and CV', async () => {
    const r = await sim('network', ...args, '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j.raster)).toEqual(['exc', 'inh']);
    for (const pop of ['exc', 'inh'] as const) {
      expect(j.raster[pop].index).toEqual(Array.from(ref.raster[pop].index));
      expect(j.raster[pop].time).toEqual(Array.from(ref.raster[pop].time));
      expect(j.raster[pop].index.length).toBe(ref.spikes[pop]);
    }
    expect(ref.spikes.exc).toBeGreaterThan(100);
    expect(j.spikes).toEqual(ref.spikes);
    expect(j.rasterComplete).toBe(true);
    expect(j.cv).toBe(ref.cv);
    // Indices within each population, times within the run.
    expect(Math.max(...j.raster.exc.index)).toBeLessThan(160);
    expect(Math.max(...j.raster.inh.index)).toBeLessThan(40);
    expect(Math.max(...j.raster.exc.time, ...j.raster.inh.time)).toBeLessThan(0.2);
  });

  it('--spikes -: stdout is the CSV alone (population,index,time_s), every spike of the scenario', async () => {
    const r = await sim('network', ...args, '--spikes', '-');
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines[0]).toBe('population,index,time_s');
    const want = (['exc', 'inh'] as const).flatMap((pop) => Array.from(ref.raster[pop].index, (i, k) => `${pop},${i},${ref.raster[pop].time[k]}`));
    expect(lines.slice(1)).toEqual(want);
    expect(r.err).toMatch(/E\/I network: 200/); // the summary goes to stderr
  });

  it('--spikes FILE writes the same CSV and says where; --raster-limit cuts the stored spikes and says so', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-network-')), 'spikes.csv');
    const r = await sim('network', ...args, '--spikes', file, '--raster-limit', '100');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain(`Spikes written to ${file}`);
    // Beyond the limit the sim stores the whole run of every k-th neuron (a uniform sample), as the scenario does.
    const thin = runNetwork({ size: 200, p: 0.1, duration: 0.2, seed: 3, rasterLimit: 100 });
    expect(thin.rasterEvery.exc).toBeGreaterThan(1);
    expect(r.out).toContain(`the whole run of every ${thin.rasterEvery.exc}th excitatory and every ${thin.rasterEvery.inh}th inhibitory neuron (--raster-limit)`);
    const rows = readFileSync(file, 'utf8').trimEnd().split('\n').slice(1).map((l) => l.split(','));
    expect(rows.length).toBe(thin.raster.exc.index.length + thin.raster.inh.index.length);
    expect(rows.length).toBeLessThanOrEqual(100);
    expect(rows.filter((x) => x[0] === 'exc').map((x) => [Number(x[1]), Number(x[2])])).toEqual(Array.from(thin.raster.exc.index, (i, k) => [i, thin.raster.exc.time[k]]));
    for (const x of rows.filter((x) => x[0] === 'exc')) expect(Number(x[1]) % thin.rasterEvery.exc).toBe(0);
    const j = JSON.parse((await sim('network', ...args, '--raster-limit', '100', '--json')).out);
    expect(j.rasterComplete).toBe(false);
    expect(j.rasterEvery).toEqual(thin.rasterEvery);
    expect(j.spikes).toEqual(ref.spikes);
  });

  it('a run too short for a CV: JSON null, no NaN anywhere; --json and --spikes - cannot share stdout', async () => {
    const r = await sim('network', '--size', '100', '--duration', '0.01', '--json');
    expect(r.code, r.err).toBe(0);
    expect(r.out).not.toMatch(/NaN/);
    expect(JSON.parse(r.out).cv).toBeNull();
    const both = await sim('network', ...args, '--json', '--spikes', '-');
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--json and --spikes - would all write to stdout/);
  });
});
