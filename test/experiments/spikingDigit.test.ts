/** One digit through a rate network and its spiking twin (src/experiments/spikingDigit.ts), on the model and digits the web app ships. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSpikingAccuracy, runSpikingDigit } from '../../src/experiments/spikingDigit.js';
import { MLP } from '../../src/nn/mlp.js';
import { decodeDigits, type DigitsJson } from '../../web/panels/digits.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

describe('spiking digit', () => {
  const model = MLP.fromJSON(read('web/models/mnist-small.json'), { wasm: false });
  const digits = decodeDigits(JSON.parse(read('web/models/mnist-test-digits.json')) as DigitsJson);

  it('over the shipped digits: the rate network is well trained, the spiking one approaches it with time', () => {
    const r = runSpikingAccuracy(model, digits.X, digits.labels, { durations: [0.01, 0.1], samples: 100 });
    expect(r.rateAccuracy).toBeGreaterThan(0.85);
    expect(r.accuracy[1]).toBeGreaterThan(r.accuracy[0] - 0.05);
    expect(Math.abs(r.accuracy[1] - r.rateAccuracy)).toBeLessThan(0.1);
  });

  it('a digit: the running mean ends at the classified mean current; answers as the rate net and the bridge say', () => {
    const x = digits.X.data.subarray(0, 784);
    const r = runSpikingDigit(model, x, { duration: 0.1 });
    expect(r.answers[r.answers.length - 1]).toBe(r.run.prediction);
    const y = model.predict({ rows: 1, cols: 784, data: Float64Array.from(x) }).data;
    expect(r.ratePrediction).toBe(y.indexOf(Math.max(...y)));
    expect(r.rateProbabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });
});
