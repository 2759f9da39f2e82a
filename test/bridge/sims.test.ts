import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../sims/cli.js';
import { MLP } from '../../src/nn/mlp.js';

async function sim(...args: string[]) {
  let out = '', err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, tty: false });
  return { code, out, err };
}

describe('bridge sims', () => {
  it('spiking-xor --json: the spiking network gets all four XOR inputs right', async () => {
    const r = await sim('spiking-xor', '--json', '--durations', '0.1,0.2');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.spikingCorrect).toEqual({ '100': 4, '200': 4 });
    expect(j.rateOutput.map((y: number) => (y >= 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
  });

  it('spiking-mnist --model --json: rateAccuracy and spikingAccuracy keyed by presentation time in ms', async () => {
    // A small untrained soft-lif model (784-20-10) keeps this fast; the accuracy targets come from the sim's defaults.
    const dir = mkdtempSync(join(tmpdir(), 'sb-bridge-'));
    const file = join(dir, 'm.json');
    const mlp = new MLP({ sizes: [784, 20, 10], hidden: { name: 'soft-lif', amplitude: 1 / 63, gamma: 0.02 }, output: 'identity', seed: 2 });
    const p = mlp.getParameters();
    p[0].b = p[0].b.map(() => 1.5); // every hidden unit fires
    mlp.setParameters(p);
    writeFileSync(file, JSON.stringify(mlp.toJSON()));
    const r = await sim('spiking-mnist', '--model', file, '--durations', '0.05,0.2', '--no-sweeps', '--json');
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(Object.keys(j.spikingAccuracy)).toEqual(['50', '200']);
    expect(Object.keys(j.rateAccuracy)).toEqual(['50', '200']);
    for (const k of ['50', '200']) {
      expect(j.spikingAccuracy[k]).toBeGreaterThanOrEqual(0);
      expect(j.spikingAccuracy[k]).toBeLessThanOrEqual(1);
    }
    expect(j.testSize).toBe(1756);
    expect(j.model.source).toBe('given');
    const bad = await sim('spiking-mnist', '--model', join(dir, 'missing.json'), '--json');
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--model: cannot read/);
  });
});
