import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sim } from '../helpers/sim.js';
import { lifRate } from '../../src/neurons/rates.js';

const root = join(import.meta.dirname, '..', '..');

describe('terminal sims', () => {
  it('--help lists the sims, and each sim has its own --help', async () => {
    const r = await sim('--help');
    expect(r.code).toBe(0);
    for (const name of ['hh', 'lif', 'fi-curve', 'tuning', 'convergence']) expect(r.out).toMatch(new RegExp(`^  ${name} `, 'm'));
    const h = await sim('hh', '--help');
    expect(h.code).toBe(0);
    expect(h.out).toMatch(/--current/);
  });

  it('hh --json prints one JSON object with spikes (s) and rate (Hz)', async () => {
    const r = await sim('hh', '--json', '--duration', '0.1');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.spikes.length).toBe(7);
    expect(j.rate).toBeGreaterThan(66);
    expect(j.rate).toBeLessThan(70);
    expect(j.spikes[0]).toBeLessThan(0.005);
  });

  it('lif --json reports the measured and the analytic rate; --csv and --plot write files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-'));
    const r = await sim('lif', '--json', '--input', '2', '--duration', '1', '--csv', join(dir, 'l.csv'), '--plot', join(dir, 'l.html'));
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Math.abs(j.analyticRate - lifRate(2))).toBeLessThan(1e-9);
    expect(Math.abs(j.rate / j.analyticRate - 1)).toBeLessThan(1e-6);
    const csv = readFileSync(join(dir, 'l.csv'), 'utf8').split('\n');
    expect(csv[0]).toBe('t_s,v');
    expect(csv.length).toBeGreaterThan(10000);
    const html = readFileSync(join(dir, 'l.html'), 'utf8');
    expect(html).toMatch(/Plotly\.newPlot/);
    expect(html.length).toBeGreaterThan(1e6); // plotly inlined: the page opens from disk
  });

  it('bad input: one line on stderr and exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [['nope'], /unknown sim 'nope'/],
      [['hh', '--bogus', '1'], /Unknown option '--bogus'/],
      [['hh', '--dt', 'abc'], /--dt: must be a finite number/],
      [['hh', '--dt', '-1'], /dt: must be > 0/],
      [['hh', '--dt', '0'], /dt: must be > 0/],
      [['hh', '--dt', '1', '--duration', '0.1'], /dt: must be <= duration/],
      [['hh', '--current', 'import("fs")'], /current: formula .* is not allowed/],
      [['hh', '--current', '10 +'], /cannot parse formula/],
      [['hh', '--method', 'rk2'], /--method: must be one of euler, rk4, rk45/],
      [['hh', '--method', 'euler', '--dt', '1e-4'], /simulation diverged: [Vmhn] = .* at t = [\d.]+ ms/],
      [['lif', '--tau-m', '-0.02'], /^error: --tau-m: must be > 0 \(got '-0\.02'\)$/m],
      [['tuning', '--max-rate-max', '900'], /maxRates/],
    ];
    for (const [args, re] of cases) {
      const r = await sim(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(re);
      expect(r.err.trim().split('\n').length, r.err).toBe(1);
    }
  });

  it('network: a run too short for three spikes per neuron says so instead of printing a NaN CV', async () => {
    const r = await sim('network', '--size', '100', '--duration', '0.01');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/mean CV of inter-spike intervals: none \(no neuron fired 3 times\)/);
    expect(r.out).not.toMatch(/NaN/);
  });

  it('convergence --json reports orders ≈ 1 and ≈ 4', async () => {
    const r = await sim('convergence', '--json', '--skip-hh');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(Math.abs(j.orders['lif-subthreshold/euler'] - 1)).toBeLessThan(0.05);
    expect(Math.abs(j.orders['lif-subthreshold/rk4'] - 4)).toBeLessThan(0.15);
  });

  it('as a real process (npm run sim): exit code 2 and no stack trace for bad input', () => {
    // sims/start.mjs is what `npm run sim` runs: the bundle of `npm run build` while it is current, else ts-node.
    const r = spawnSync(process.execPath, ['sims/start.mjs', 'sims/cli.ts', 'lif', '--dt', '-1'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe("error: --dt: must be > 0 (got '-1')");
    expect(r.stdout).toBe('');
  });
});
