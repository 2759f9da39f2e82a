/**
 * `npm run sim -- export`: the files it writes, its JSON with --run (PyNN on NEURON, when installed), and its
 * one-line errors with exit code 2.
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../sims/cli.js';
import { pynnMissing } from '../../sims/lib/pynn.js';

async function sim(...args: string[]) {
  let out = '', err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, tty: false });
  return { code, out, err };
}

const missing = pynnMissing(1);
if (missing) console.warn(`export --run test skipped: ${missing}`);

describe('export sim', () => {
  it('writes run.py (and data files with --data files) and reports the export in JSON', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'sb-export-')), 'new', 'folder');
    const r = await sim('export', '--network', 'network', '--size', '200', '--p', '0.1', '--duration', '0.2', '--data', 'files', '--out', dir, '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ sim: 'export', network: 'network', format: 'pynn', export: { dir, neurons: 200 } });
    const files = readdirSync(dir).sort();
    expect(files).toContain('run.py');
    expect(files.filter((f) => f.startsWith('projection'))).toHaveLength(4); // exc/inh → exc/inh
    const synapses = files.filter((f) => f.startsWith('projection')).reduce((a, f) => a + readFileSync(join(dir, f), 'utf8').trim().split('\n').length, 0);
    expect(synapses).toBe(j.export.synapses);
    expect(j.export.bytes).toBe(files.reduce((a, f) => a + readFileSync(join(dir, f)).length, 0));
  });

  it('bad input: one line on stderr and exit code 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sb-export-')), 'a-file');
    writeFileSync(file, 'x');
    const cases: [string[], RegExp][] = [
      [['export', '--network', 'cuba', '--format', 'nest', '--out', '/tmp/x'], /--format: must be one of pynn \(got 'nest'\)/],
      [['export', '--network', 'brunel', '--out', '/tmp/x'], /--network: must be one of cuba, feedforward, network/],
      [['export', '--out', '/tmp/x'], /--network is required/],
      [['export', '--network', 'feedforward'], /--out is required/],
      [['export', '--network', 'feedforward', '--duration', '0.01', '--out', join(file, 'sub')], /--out: cannot create the folder .*a-file\/sub/],
      [['export', '--network', 'feedforward', '--size', '10', '--out', '/tmp/x'], /export\.size: the feed-forward scenario has 50 Poisson inputs/],
    ];
    for (const [args, re] of cases) {
      const r = await sim(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(re);
      expect(r.err.trim().split('\n').length, r.err).toBe(1);
    }
  });

  it('a missing PyNN install is one line naming what to install, exit code 2', async () => {
    const saved = process.env.SPIKEBRIDGE_PYTHON;
    process.env.SPIKEBRIDGE_PYTHON = '/nonexistent/python3';
    try {
      const r = await sim('export', '--network', 'feedforward', '--duration', '0.01', '--out', mkdtempSync(join(tmpdir(), 'sb-export-')), '--run');
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^error: PyNN on NEURON is not available \(\/nonexistent\/python3 not found\); install Debian's python3-pynn .* sims\/tools\/setup-pynn-neuron\.sh --install\n$/);
    } finally {
      if (saved === undefined) delete process.env.SPIKEBRIDGE_PYTHON;
      else process.env.SPIKEBRIDGE_PYTHON = saved;
    }
  });

  it.skipIf(missing !== null)('--run --json: spikebridge and PyNN side by side, spike by spike for the feed-forward network', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-export-'));
    const r = await sim('export', '--network', 'feedforward', '--duration', '0.2', '--out', dir, '--run', '--np', '1', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ network: 'feedforward', np: 1, deterministic: true });
    for (const side of [j.spikebridge, j.pynn]) {
      expect(side.spikes).toBeGreaterThan(100);
      expect(Object.keys(side.meanRate)).toEqual(['inputs', 'outputs']);
    }
    // The Poisson inputs are replayed exactly; the outputs agree within 1 %.
    expect(j.pynn.meanRate.inputs).toBe(j.spikebridge.meanRate.inputs);
    expect(Math.abs(j.pynn.meanRate.outputs / j.spikebridge.meanRate.outputs - 1)).toBeLessThan(0.01);
    expect(j.pynn.wallSeconds).toBeGreaterThan(0);
    expect(typeof j.perNeuronCountsEqual).toBe('boolean');
    expect(j.maxSpikeTimeDiff).toBeGreaterThanOrEqual(0);
    expect(j.maxSpikeTimeDiff).toBeLessThanOrEqual(1e-3);
    expect(readFileSync(join(dir, 'spikes.csv'), 'utf8').split('\n')[0]).toBe('population,index,time_s');
  });
});
