/** `npm run sim -- adex` and `npm run sim -- izhikevich`: JSON keys, the reference's spike counts, f–I, bad input. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../sims/cli.js';

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'neurons', 'adex_izhikevich.json'), 'utf8')) as Record<'adex' | 'izhikevich', { name: string; spikes: number[] }[]>;

async function sim(...args: string[]) {
  let out = '', err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, tty: false });
  return { code, out, err };
}

describe('firing-pattern sims', () => {
  it('adex --json: the pattern\'s spikes (s), rate (Hz) and settings, with the reference\'s spike count', async () => {
    const r = await sim('adex', '--pattern', 'initial-burst', '--json');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    const ref = fixture.adex.find((c) => c.name === 'initial-burst')!.spikes;
    expect(j.spikeCount).toBe(ref.length);
    j.spikes.forEach((s: number, i: number) => expect(Math.abs(s - ref[i])).toBeLessThan(5e-6));
    expect(j.rate).toBeGreaterThan(0);
    expect(j.settings).toMatchObject({ model: 'adex', pattern: 'initial-burst', duration: 0.6, dt: 1e-4 });
  });

  it('izhikevich takes abbreviations, a current and a duration; --csv - prints t, v, u, I', async () => {
    const r = await sim('izhikevich', '--pattern', 'FS', '--json');
    expect(JSON.parse(r.out).spikeCount).toBe(fixture.izhikevich.find((c) => c.name === 'fast-spiking')!.spikes.length);
    const c = await sim('izhikevich', '--pattern', 'RS', '--current', '10', '--duration', '0.01', '--dt', '0.001', '--csv', '-');
    const lines = c.out.trim().split('\n');
    const h = lines.indexOf('t_s,v_mV,u_mV_per_ms,I_mV_per_ms');
    expect(lines.length - h - 1).toBe(11); // t = 0, 1, …, 10 ms
    expect(lines.at(-1)!.split(',').map(Number)).toEqual([0.01, expect.any(Number), expect.any(Number), 10]);
  });

  it('--fi prints the f–I curve (steady and onset rates)', async () => {
    const r = await sim('adex', '--pattern', 'tonic', '--fi', '--i-min', '400', '--i-max', '600', '--points', '3', '--fi-duration', '0.5', '--settle', '0.3', '--json');
    expect(r.code).toBe(0);
    const fi = JSON.parse(r.out).fi;
    expect(fi.input).toEqual([400, 500, 600]);
    expect(fi.steady[2]).toBeGreaterThan(fi.steady[0]);
    expect(fi.initial[0]).toBeGreaterThan(0);
  });

  it('bad input is one line and exit 2', async () => {
    for (const [args, re] of [
      [['adex', '--pattern', 'chattering'], /--pattern: must be one of tonic, adapting/],
      [['izhikevich', '--pattern', 'XY'], /--pattern: must be one of regular-spiking, .*RS, IB/],
      [['adex', '--current', 'import("x")'], /current: formula .* is not allowed/],
      [['adex', '--dt', '0'], /AdEx\.simulate\.dt: must be > 0/],
      [['adex', '--current', '1e9', '--dt', '0.001', '--duration', '0.01'], /simulation diverged: V .*more than 1024 spikes in one step/],
    ] as [string[], RegExp][]) {
      const r = await sim(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.err.trim().split('\n').length).toBe(1);
    }
  });
});
