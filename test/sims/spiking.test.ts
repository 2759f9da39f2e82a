/** The bridge's sims from the command line: spiking-xor and spiking-mnist --json. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sim } from '../helpers/sim.js';

describe('the bridge sims', () => {
  it('spiking-xor --json: the spiking network gets all four XOR inputs right', async () => {
    const r = await sim('spiking-xor', '--json', '--durations', '0.1,0.2');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.spikingCorrect).toEqual({ '100': 4, '200': 4 });
    expect(j.rateOutput.map((y: number) => (y >= 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it('spiking-mnist --model --json: spiking accuracy within 2 points of the rate network on the same 1,756 digits', async () => {
    // The shipped 784-32-10 soft-lif model (web/models/README.md): the mnist sim that trained it reported 90.8 % on
    // these test digits, computed by its own evaluation, not this sim's.
    const r = await sim('spiking-mnist', '--model', join(import.meta.dirname, '../../web/models/mnist-small.json'), '--durations', '0.05,0.2', '--no-sweeps', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j.spikingAccuracy)).toEqual(['50', '200']);
    expect(Object.keys(j.rateAccuracy)).toEqual(['50', '200']);
    expect(j.testSize).toBe(1756);
    expect(j.model.source).toBe('given');
    expect(Math.abs(j.rateAccuracy['200'] - 0.908), `rate accuracy ${j.rateAccuracy['200']}`).toBeLessThan(0.0005);
    for (const k of ['50', '200']) {
      expect(Math.abs(j.spikingAccuracy[k] - j.rateAccuracy[k]), `${k} ms: spiking ${j.spikingAccuracy[k]}, rate ${j.rateAccuracy[k]}`).toBeLessThan(0.02);
    }
    const dir = mkdtempSync(join(tmpdir(), 'sb-bridge-'));
    const bad = await sim('spiking-mnist', '--model', join(dir, 'missing.json'), '--json');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--model: cannot read/);
  });
});
