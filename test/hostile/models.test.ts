/**
 * The conductance-based and reset models against hostile input: AdEx and Izhikevich single-neuron runs, and
 * conductance synapses in a network. Each case ends in a ValidationError naming the culprit, a SimulationDiverged
 * naming the variable and the time, or a result whose every number is finite.
 */
import { describe, expect, it } from 'vitest';
import { AdEx, Izhikevich, MemoryBudgetExceeded, Network, Population, SimulationDiverged } from '../../src/index.js';
import { throwsValidation } from '../helpers/expect.js';

function caught(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, got a result');
}

const allFinite = (a: ArrayLike<number>) => Array.prototype.every.call(a, Number.isFinite);

describe('AdEx and Izhikevich single-neuron runs', () => {
  const models = [
    { name: 'AdEx', make: () => new AdEx(), v: 'V' },
    { name: 'Izhikevich', make: () => new Izhikevich(), v: 'v' },
  ] as const;
  for (const { name, make, v } of models) {
    it(`${name}: a current that turns NaN at 10 ms is blamed on the current at that time`, () => {
      throwsValidation(() => make().simulate({ current: (t) => (t < 0.01 ? 10 : NaN), duration: 0.02 }), `${name}.simulate.current`, 'must stay finite (got NaN at t = 0.01005 s)');
    });
    it(`${name}: an absurd drive of 10¹² is a divergence naming ${v} and the time, not a hang`, () => {
      const e = caught(() => make().simulate({ current: 1e12, duration: 0.02 })) as SimulationDiverged;
      expect(e).toBeInstanceOf(SimulationDiverged);
      expect(e.variable).toBe(v);
      expect(e.time).toBeGreaterThanOrEqual(0);
      expect(e.time).toBeLessThan(0.02);
    });
    it(`${name}: a recording beyond the memory budget is refused before allocating`, () => {
      const e = caught(() => make().simulate({ current: 10, duration: 1999, dt: 1e-6 })) as MemoryBudgetExceeded;
      expect(e).toBeInstanceOf(MemoryBudgetExceeded);
      expect(e.param).toBe(`${name}.simulate.duration`);
      expect(e.message).toMatch(/recordEvery/);
    });
    it(`${name}: unknown options, a bad recordEvery and a negative duration name the option`, () => {
      throwsValidation(() => make().simulate({ current: 10, duration: 0.1, bogus: 1 } as never), `${name}.simulate.bogus`, 'unknown option');
      throwsValidation(() => make().simulate({ current: 10, duration: 0.1, recordEvery: 0 }), `${name}.simulate.recordEvery`, 'must be an integer >= 1');
      expect(caught(() => make().simulate({ current: 10, duration: -1 })).message).toMatch(new RegExp(`^${name}\\.simulate\\.duration: `));
    });
    it(`${name}: a strong hyperpolarizing current gives a finite trace`, () => {
      let r: { t: Float64Array; spikes: Float64Array } & Record<string, unknown>;
      try {
        r = make().simulate({ current: -1e6, duration: 0.05 }) as never;
      } catch (e) {
        expect(e).toBeInstanceOf(SimulationDiverged); // a stiff plunge may be reported; it must not pass as a number
        return;
      }
      for (const [k, a] of Object.entries(r)) if (a instanceof Float64Array) expect(allFinite(a), k).toBe(true);
    });
  }
});

describe('conductance synapses in a network', () => {
  const physical = (name: string) => Population.physicalLif(name, 3, { timing: 'grid' });
  it('a conductance onto a normalized LIF (no voltage units) is refused, naming E and what to use instead', () => {
    const net = new Network();
    const a = net.add(Population.lif('a', 3)), b = net.add(Population.lif('b', 3));
    throwsValidation(() => net.connect(a, b, { p: 1, weight: 1, E: 0, tauS: 0.005 }), 'Connection(a→b).E', 'takes no conductance synapses', 'physicalLif');
  });
  it('a negative conductance weight (dense, random, per-synapse function) is refused, pointing at E for inhibition', () => {
    const net = new Network();
    const a = net.add(physical('a')), b = net.add(physical('b'));
    const W = [[1, 1, 1], [1, -1, 1], [1, 1, 1]];
    expect(caught(() => net.connect(a, b, { weights: W, E: 0, tauS: 0.005 })).message).toMatch(/Connection\(a→b\)\.weights?: .*-1/);
    throwsValidation(() => net.connect(a, b, { p: 1, weight: -0.5, E: -80, tauS: 0.005 }), 'Connection(a→b).weight', 'must be >= 0 (got -0.5)', 'reversal potential E');
    throwsValidation(() => net.connect(a, b, { p: 1, weight: () => NaN, E: 0, tauS: 0.005 }), 'Connection(a→b).weight', 'NaN');
    throwsValidation(() => net.connect(a, b, { p: 1, weight: 1, E: 0, sign: -1, tauS: 0.005 } as never), 'Connection(a→b).sign');
  });
  it('a non-finite reversal potential, and a conductance from a current source, are refused', () => {
    const net = new Network();
    const a = net.add(physical('a')), b = net.add(physical('b'));
    throwsValidation(() => net.connect(a, b, { p: 1, weight: 1, E: Infinity, tauS: 0.005 }), 'Connection(a→b).E', 'finite');
    const c = net.add(Population.currents('c', 3, 1));
    throwsValidation(() => net.connect(c, b, { p: 1, weight: 1, E: 0 }), 'Connection(c→b).E', 'current source');
  });
  it('HH populations: a negative conductance weight is refused the same way', () => {
    const net = new Network();
    const a = net.add(Population.hh('a', 2)), b = net.add(Population.hh('b', 2));
    throwsValidation(() => net.connect(a, b, { p: 1, weight: -0.1, E: 0, tauS: 0.005 }), 'Connection(a→b).weight', 'must be >= 0');
  });
});
