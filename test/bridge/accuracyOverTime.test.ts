/** accuracyOverTime: spiking accuracy per presentation time beside the rate network's, on hand-made labelled inputs. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { MLP } from '../../src/nn/mlp.js';
import { fromRows } from '../../src/nn/matrix.js';
import { toSpiking } from '../../src/bridge/toSpiking.js';
import { accuracyOverTime } from '../../src/bridge/accuracyOverTime.js';

/**
 * Three LIF units, unit i driven by input i: J = 1.2 + 2 x_i (so 1.2 at rest, above threshold, 3.2 when on);
 * output j reads unit j with weight 40 (40 · G(3.2)/63 ≈ 67 when on, 40 · G(1.2)/63 ≈ 17 at rest): the class
 * is the input that is on.
 */
function onehotNet(): MLP {
  const mlp = new MLP({ sizes: [3, 3, 3], hidden: { name: 'lif', amplitude: 1 / 63 }, output: 'identity' });
  const eye = (a: number) => [0, 1, 2].map((i) => [0, 1, 2].map((j) => (i === j ? a : 0)));
  mlp.setParameters([{ W: eye(2), b: [1.2, 1.2, 1.2] }, { W: eye(40), b: [0, 0, 0] }]);
  return mlp;
}

describe('accuracyOverTime', () => {
  const X = fromRows([[1, 0, 0], [0, 1, 0], [0, 0, 1], [0, 1, 0]]);
  const labels = [0, 1, 2, 0]; // the last label is wrong on purpose: the best any network can do is 3/4

  it('the rate network gets 3 of 4; the spiking one too once presentations are long, and per time as predict says', () => {
    const snn = toSpiking(onehotNet(), { tauS: 0.005, dt: 0.001 });
    const durations = [0.001, 0.05, 0.2];
    const r = accuracyOverTime(snn, X, labels, { durations });
    expect(Array.from(r.rateClasses)).toEqual([0, 1, 2, 1]);
    expect(r.rateAccuracy).toBe(0.75);
    expect(r.samples).toBe(4);
    expect(r.durations).toEqual(durations);
    expect(r.accuracy[2]).toBe(0.75);
    // each presentation time on its own (separate runs) gives the classes and accuracy of the one long run
    durations.forEach((d, k) => {
      const own = snn.predict(X, { duration: d });
      expect(Array.from(r.predictions[k])).toEqual(own);
      expect(r.accuracy[k]).toBe(own.filter((c, p) => c === labels[p]).length / 4);
    });
    expect(r.meanHiddenRate).toBeGreaterThan(0);
  });

  it('labels past the rows are ignored; too few labels is a ValidationError', () => {
    const snn = toSpiking(onehotNet());
    expect(accuracyOverTime(snn, X, [...labels, 2, 2], { durations: [0.2] }).rateAccuracy).toBe(0.75);
    expect(() => accuracyOverTime(snn, X, [0, 1], { durations: [0.2] })).toThrow(ValidationError);
  });
});
