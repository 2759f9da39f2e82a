import { describe, expect, it } from 'vitest';
import { sim } from '../helpers/sim.js';

describe('npm run sim -- stdp', () => {
  it('--json holds gMax, finalWeights (same units) and outputRate (Hz over the last 10 s, or the whole run if shorter)', async () => {
    const r = await sim('stdp', '--json', '--duration', '2', '--seed', '3');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.sim).toBe('stdp');
    expect(j.gMax).toBe(0.01);
    expect(j.finalWeights.length).toBe(1000);
    expect(Math.min(...j.finalWeights)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...j.finalWeights)).toBeLessThanOrEqual(j.gMax * (1 + 1e-12));
    expect(j.outputRateWindow).toBe(2);
    expect(j.outputRate).toBeCloseTo(j.outputSpikes / 2, 12);
    const counts = new Array(10).fill(0);
    for (const w of j.finalWeights) counts[Math.min(9, Math.floor((w / j.gMax) * 10))]++;
    expect(j.histogram).toEqual(counts);
    expect(j.settings).toMatchObject({ duration: 2, seed: 3, rule: 'additive', pairing: 'all-to-all', drive: 'fixed' });
  });

  it('bad input: one line on stderr and exit code 2', async () => {
    for (const [args, re] of [
      [['--rule', 'hebbian'], /--rule: must be one of additive, multiplicative/],
      [['--duration', '0'], /--duration: must be > 0/],
      [['--mu', '2'], /stdp\.mu: only applies to rule 'multiplicative'/],
      [['--drive', 'conductance', '--timing', 'precise'], /stdp\.timing/],
      [['--tau-pre', '-0.02'], /--tau-pre: must be > 0/],
      [['--g-max', '0'], /--g-max: must be > 0/],
      [['--peers', '--rule', 'multiplicative', '--tau-post', '0.04'], /--peers: runs Brian2's example with its own rule.*drop --rule, --tau-post/],
    ] as [string[], RegExp][]) {
      const r = await sim('stdp', ...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(re);
      expect(r.err.trim().split('\n').length).toBe(1);
    }
  });
});
