import { describe, expect, it } from 'vitest';
import { nefPopulation, nefTuningCurves } from '../../src/neurons/tuning.js';
import { expectRel } from '../helpers/expect.js';

describe('NEF population tuning curves', () => {
  it('each neuron reaches its max rate at e·x = 1 and starts firing at its intercept', () => {
    const pop = nefPopulation({ n: 30, maxRates: [80, 250], intercepts: [-0.9, 0.9], seed: 3 });
    for (let i = 0; i < 30; i++) {
      const e = pop.encoders[i], c = pop.intercepts[i];
      const [atMax, below, above] = nefTuningCurves(pop, [e, e * (c - 1e-6), e * (c + 1e-3)])[i];
      expectRel(atMax, pop.maxRates[i], 1e-9, `max rate of neuron ${i}`);
      expect(below).toBe(0);
      expect(above).toBeGreaterThan(0);
      expect(pop.maxRates[i]).toBeGreaterThanOrEqual(80);
      expect(pop.maxRates[i]).toBeLessThanOrEqual(250);
    }
    expect(new Set(pop.encoders).size).toBe(2);
  });

  it('is reproducible by seed and rejects bad ranges', () => {
    expect(nefPopulation({ seed: 1 }).gains).toEqual(nefPopulation({ seed: 1 }).gains);
    expect(nefPopulation({ seed: 1 }).gains).not.toEqual(nefPopulation({ seed: 2 }).gains);
    expect(() => nefPopulation({ maxRates: [100, 600] })).toThrow(/maxRates/);
    expect(() => nefPopulation({ intercepts: [0.5, 1.2] })).toThrow(/intercepts/);
    expect(() => nefPopulation({ intercepts: [0.5, 0.2] })).toThrow(/low must be <= high/);
    expect(() => nefPopulation({ n: 0 })).toThrow(/nefPopulation\.n/);
  });
});
