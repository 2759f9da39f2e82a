/**
 * Property-based hostile input for the library's entry points: one option at a time set to a hostile value (NaN,
 * ±Infinity, values past double range, negative and absurdly large sizes, wrong types, strings that look like
 * numbers, functions that return garbage, symbols, bigints). Every case must end in a ValidationError that names
 * the option (or a MemoryBudgetExceeded saying what it would need), a SimulationDiverged / TrainingDiverged, or a
 * result whose every number is finite — quickly, without any other kind of error.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdEx, HodgkinHuxley, Izhikevich, LIF, MLP, MemoryBudgetExceeded, Network, Population, Rng, SimulationDiverged, SpikebridgeError,
  TrainingDiverged, ValidationError, filterSpikeTrain, integrate, linspace, pscKernel, setMemoryBudget, train,
} from '../../src/index.js';

/** Values a careless or hostile caller might pass where a number, a string or a function is expected. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(NaN, Infinity, -Infinity, -1, 0, -0, 1e308, -1e308, 5e-324, 1e12, -1e12, 2 ** 53, 0.5, 1.5, 1e-300),
  fc.constantFrom<unknown>('x', '', '1e309', '10', 'NaN', null, true, false, {}, [], [NaN], [1e309], () => NaN, () => '10', () => Infinity, Symbol('s'), 10n),
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }),
  fc.string({ maxLength: 6 }),
);

/** Every number reachable in a result (typed arrays, arrays, plain objects), up to a limit. */
function nonFinite(x: unknown, path = 'result', seen = new Set<unknown>(), out: string[] = []): string[] {
  if (out.length > 0) return out;
  if (typeof x === 'number') {
    if (!Number.isFinite(x)) out.push(`${path} = ${x}`);
  } else if (ArrayBuffer.isView(x) && !(x instanceof DataView)) {
    const a = x as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (typeof a[i] === 'number' && !Number.isFinite(a[i])) { out.push(`${path}[${i}] = ${a[i]}`); break; }
  } else if (x !== null && typeof x === 'object' && !seen.has(x)) {
    seen.add(x);
    for (const [k, v] of Object.entries(x)) nonFinite(v, `${path}.${k}`, seen, out);
  }
  return out;
}

/**
 * Runs `f`; it may return a finite result or throw one of the library's errors. A ValidationError must name an
 * option for which `blamed(param)` holds (a MemoryBudgetExceeded is accepted for any size-like option).
 */
function clean(what: string, f: () => unknown, blamed: (param: string) => boolean): void {
  let r: unknown;
  try {
    r = f();
  } catch (e) {
    if (e instanceof MemoryBudgetExceeded) return;
    if (e instanceof ValidationError) {
      expect(blamed(e.param), `${what}: blamed ${e.param}: ${e.message}`).toBe(true);
      expect(e.message.length, what).toBeLessThan(600);
      return;
    }
    if (e instanceof SimulationDiverged || e instanceof TrainingDiverged) {
      expect(e.message, what).not.toMatch(/undefined|\[object /);
      return;
    }
    throw new Error(`${what}: not one of the library's errors: ${(e as Error)?.stack ?? String(e)}`);
  }
  expect(nonFinite(r), what).toEqual([]);
}

/** The option names an options-taking call knows, read from its unknown-key error. */
function knownKeys(f: (o: Record<string, unknown>) => unknown): string[] {
  try {
    f({ zzUnknownKey: 1 });
  } catch (e) {
    const m = /known options are (.*)$/.exec((e as Error).message);
    if (m) return m[1].split(', ').map((s) => s.trim());
  }
  throw new Error('no unknown-key error to read the options from');
}

const show = (v: unknown): string => typeof v === 'symbol' || typeof v === 'bigint' ? String(v) : typeof v === 'function' ? 'fn'
  : Array.isArray(v) ? `[${v.map(show).join(', ')}]` : JSON.stringify(v) ?? String(v);
const RUNS = { numRuns: 120, seed: 15 };
const names = (key: string) => (p: string) => p === key || p.split(/[.[]/).includes(key) || p.endsWith(`.${key}`);

beforeAll(() => {
  setMemoryBudget(64 * 2 ** 20); // small, so an accepted absurd size is refused fast instead of run
});
afterAll(() => {
  setMemoryBudget(null);
});

/**
 * For a call taking an options object: each known option set to a hostile value, the others valid.
 * `also` lists other options a value may fairly be blamed on (dt against duration, a step against stability).
 */
function optionsProperty(owner: string, base: Record<string, unknown>, call: (o: Record<string, unknown>) => unknown, also: Record<string, string[]> = {}) {
  const keys = knownKeys(call);
  it(`${owner}: any option hostile (${keys.join(', ')})`, () => {
    fc.assert(fc.property(fc.constantFrom(...keys), hostile, (key, value) => {
      const o = { ...base, [key]: value };
      clean(`${owner} { ${key}: ${show(value)} }`, () => call(o), (p) => [key, ...(also[key] ?? [])].some((k) => names(k)(p)));
    }), RUNS);
  }, 60_000);
}

describe('neurons', () => {
  const afterwards = { dt: ['duration'], duration: ['dt'] };
  optionsProperty('LIF', {}, (o) => new LIF(o as never).simulate({ input: 1.5, duration: 0.05, dt: 1e-4 }), { tauM: ['dt'], tauRef: ['dt'], method: ['dt'] });
  optionsProperty('LIF.simulate', { input: 1.5, duration: 0.05, dt: 1e-4 }, (o) => new LIF().simulate(o as never), afterwards);
  optionsProperty('HodgkinHuxley', {}, (o) => new HodgkinHuxley(o as never).simulate({ current: 10, duration: 0.01, dt: 2e-5 }));
  optionsProperty('HodgkinHuxley.simulate', { current: 10, duration: 0.01, dt: 2e-5, method: 'rk4' }, (o) => new HodgkinHuxley().simulate(o as never), afterwards);
  // V_peak and the reset are checked against each other and against V_T + 5 Δ_T (the default V_peak)
  const adexOrder = ['Vr', 'Vpeak', 'VT', 'DeltaT'];
  optionsProperty('AdEx', {}, (o) => new AdEx(o as never).simulate({ current: 800, duration: 0.05 }), { VT: adexOrder, DeltaT: adexOrder, Vpeak: adexOrder, Vr: adexOrder, EL: ['V0'], V0: ['Vpeak'] });
  optionsProperty('AdEx.simulate', { current: 800, duration: 0.05, dt: 1e-4 }, (o) => new AdEx().simulate(o as never), afterwards);
  optionsProperty('Izhikevich', {}, (o) => new Izhikevich(o as never).simulate({ current: 10, duration: 0.05 }));
  optionsProperty('Izhikevich.simulate', { current: 10, duration: 0.05, dt: 1e-4 }, (o) => new Izhikevich().simulate(o as never), afterwards);
  it('a hostile input signal to LIF, HH, AdEx and Izhikevich is blamed on the input', () => {
    fc.assert(fc.property(hostile, fc.constantFrom('LIF', 'HH', 'AdEx', 'Izhikevich'), (input, model) => {
      const run = {
        LIF: () => new LIF().simulate({ input: input as never, duration: 0.02, dt: 1e-4 }),
        HH: () => new HodgkinHuxley().simulate({ current: input as never, duration: 0.005, dt: 2e-5 }),
        AdEx: () => new AdEx().simulate({ current: input as never, duration: 0.02 }),
        Izhikevich: () => new Izhikevich().simulate({ current: input as never, duration: 0.02 }),
      }[model];
      clean(`${model} input ${show(input)}`, run, (p) => /\.(input|current)$/.test(p));
    }), RUNS);
  }, 60_000);
});

describe('integrators, synapses, core', () => {
  const decay = (_t: number, y: Float64Array, d: Float64Array) => { d[0] = -y[0]; };
  optionsProperty('integrate', { t1: 1, dt: 0.01, method: 'rk45' }, (o) => integrate(decay, [1], o as never), { dt: ['t1', 't0'], t1: ['dt', 't0'], t0: ['t1', 'dt'], rtol: ['rk45'], atol: ['rk45'], maxSteps: ['rk45'] });
  optionsProperty('pscKernel', { tauS: 0.005 }, (o) => pscKernel(o as never));
  optionsProperty('filterSpikeTrain', { tauS: 0.005, dt: 1e-3, duration: 0.1 }, (o) => filterSpikeTrain([0.01, 0.05], o as never), { dt: ['duration'], duration: ['dt'] });
  it('spike times, seeds and linspace bounds', () => {
    fc.assert(fc.property(hostile, hostile, (a, b) => {
      clean(`filterSpikeTrain([${show(a)}, ${show(b)}])`, () => filterSpikeTrain([a, b] as never, { tauS: 0.005, dt: 1e-3, duration: 0.1 }), names('spikeTimes'));
      clean(`new Rng(${show(a)})`, () => new Rng(a as never).uniform(), names('seed'));
      clean(`linspace(0, ${show(a)}, ${show(b)})`, () => linspace(0, a as never, b as never), (p) => /^linspace\.(b|n|stop|end|a|start)$/.test(p));
    }), RUNS);
  }, 60_000);
});

describe('networks', () => {
  const build = () => {
    const net = new Network();
    const a = net.add(Population.lif('a', 4)), b = net.add(Population.lif('b', 4));
    return { net, a, b };
  };
  optionsProperty('Network.connect', { p: 0.5, tauS: 0.005, weight: 0.1, seed: 1 }, (o) => {
    const { net, a, b } = build();
    net.connect(a, b, o as never);
    return net.run(0.02, 1e-4);
  }, { p: ['weight', 'inDegree', 'weights', 'Connection(a→b)'], weights: ['p', 'Connection(a→b)'], inDegree: ['p', 'Connection(a→b)'], rng: ['seed'] });
  optionsProperty('Population.lif options', {}, (o) => {
    const net = new Network();
    net.add(Population.lif('a', 4, {}, o as never));
    return net.run(0.02, 1e-4);
  });
  it('population sizes', () => {
    fc.assert(fc.property(hostile, fc.constantFrom('lif', 'hh', 'adex', 'izhikevich', 'physicalLif'), (size, kind) => {
      clean(`Population.${kind}('a', ${show(size)})`, () => { (Population[kind] as (n: string, s: unknown) => unknown)('a', size); }, names('size'));
    }), RUNS);
  }, 60_000);
  it('Network.run duration and dt', () => {
    fc.assert(fc.property(hostile, hostile, (duration, dt) => {
      const { net } = build();
      clean(`Network.run(${show(duration)}, ${show(dt)})`, () => net.run(duration as never, dt as never), (p) => /\.(duration|dt)$/.test(p));
    }), RUNS);
  }, 60_000);
});

describe('rate networks', () => {
  const X = [[0, 0], [0, 1], [1, 0], [1, 1]], T = [[0], [1], [1], [0]];
  optionsProperty('MLP', { sizes: [2, 3, 1], seed: 1 }, (o) => new MLP(o as never).forward(X), { sizes: ['size'] });
  it('MLP sizes with a hostile entry', () => {
    fc.assert(fc.property(hostile, fc.integer({ min: 0, max: 2 }), (v, k) => {
      const sizes: unknown[] = [2, 3, 1];
      sizes[k] = v;
      clean(`MLP sizes ${show(sizes)}`, () => new MLP({ sizes: sizes as never, seed: 1 }).forward(X), names('sizes'));
    }), RUNS);
  }, 60_000);
  // A run of 10¹² epochs is legitimate for the library (the terminal caps it): the signal cancels it after 2000
  // mini-batches; when the signal itself is the hostile option, epochs stay 2.
  const cancelAfter = (n: number) => { let calls = 0; return { get aborted() { return ++calls > n; } }; };
  optionsProperty('train', { epochs: 2, batchSize: 2, optimizer: { name: 'sgd', lr: 0.1 } }, (o) => train(new MLP({ sizes: [2, 3, 1], seed: 1 }), { X, T }, ('signal' in o && o.signal !== undefined && o.epochs === 2 ? o : { ...o, signal: cancelAfter(2000) }) as never), {
    optimizer: ['lr', 'name'],
  });
  it('MLP.fromJSON with one value of a valid model replaced by a hostile one', () => {
    const model = new MLP({ sizes: [2, 3, 1], seed: 1 }).toJSON() as unknown as Record<string, unknown>;
    const paths: (string | number)[][] = [];
    const walk = (x: unknown, p: (string | number)[]) => {
      paths.push(p);
      if (Array.isArray(x)) x.forEach((v, i) => walk(v, [...p, i]));
      else if (x !== null && typeof x === 'object') for (const [k, v] of Object.entries(x)) walk(v, [...p, k]);
    };
    walk(model, []);
    fc.assert(fc.property(fc.constantFrom(...paths.filter((p) => p.length > 0)), hostile, (path, v) => {
      const m = structuredClone(model);
      let o = m as Record<string | number, unknown>;
      for (const k of path.slice(0, -1)) o = o[k] as Record<string | number, unknown>;
      o[path[path.length - 1]] = v;
      clean(`fromJSON with ${path.join('.')} = ${show(v)}`, () => MLP.fromJSON(m as never).forward(X), (p) => p.startsWith('model') || p.startsWith('MLP') || p === 'X'); // X: the output overflowed (the message names the weights too)
    }), { numRuns: 300, seed: 15 });
  }, 60_000);
});

describe('every error the properties met is one of the library\'s', () => {
  it('ValidationError, SimulationDiverged and TrainingDiverged share the base class the CLI and the page rely on', () => {
    expect(new ValidationError('x', 'y')).toBeInstanceOf(SpikebridgeError);
    expect(new SimulationDiverged('v', 0, NaN)).toBeInstanceOf(SpikebridgeError);
  });
});
