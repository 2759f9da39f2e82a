/**
 * Bad, extreme and hostile inputs that used to give a wrong answer as success, hang, crash on legitimate sizes,
 * allocate before validating or blame the wrong thing: one group per kind, each case checking what happens now.
 * The inputs that used to hang run in a child process with a timeout, so a regression fails instead of hanging.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  AdEx, HH_METHODS, HodgkinHuxley, IntegrationStalled, LIF, MLP, MemoryBudgetExceeded, Network, Population, Rng, SimulationDiverged, TrainingDiverged,
  ValidationError, createOptimizer, integrate, linspace, minMax, pscKernel, setMemoryBudget, takeRows, train,
} from '../../src/index.js';
import { maxOf } from '../../src/core/arrays.js';
import { pscFigures, runPsc } from '../../src/experiments/psc.js';
import { runSpikingXor } from '../../src/experiments/spikingXor.js';
import { runVanishing } from '../../src/experiments/vanishing.js';
import { runChild, type ChildResult } from '../helpers/child.js';
import { throwsValidation } from '../helpers/expect.js';

const XOR_X = [[0, 0], [0, 1], [1, 0], [1, 1]];
const XOR_T = [[0], [1], [1], [0]];

function caught(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error, got a result');
}

afterEach(() => {
  setMemoryBudget(null);
});

describe('explicit LIF steps past their stability limit are refused, and a runaway state is a divergence', () => {
  it('forward Euler at dt = 0.1 s (> 2 τ_m) is refused instead of firing for a subthreshold input', () => {
    throwsValidation(() => new LIF({ method: 'euler' }).simulate({ input: 0.5, duration: 30, dt: 0.1 }), 'LIF.dt', /unstable for dt > 0\.04 s/);
  });
  it('RK4 at dt = 0.1 s (> 2.785 τ_m) is refused instead of running away to −Infinity', () => {
    throwsValidation(() => new LIF({ method: 'rk4' }).simulate({ input: -0.5, duration: 30, dt: 0.1 }), 'LIF.dt', /RK4 is unstable/);
  });
  it('v driven beyond double range stops with SimulationDiverged naming v and the time', () => {
    const e = caught(() => new LIF().simulate({ input: -1e308, duration: 0.01, dt: 1e-4 }));
    expect(e).toBeInstanceOf(SimulationDiverged);
    expect((e as SimulationDiverged).variable).toBe('v');
    expect((e as SimulationDiverged).time).toBeGreaterThan(0);
  });
});

describe('adaptive integration and training loops end: an error naming the time reached, or a cancellation', () => {
  interface Outcome { name: string; error: string; param?: string; time?: number; variable?: string; message: string; value?: unknown }
  let r: ChildResult<Outcome[]>;
  beforeAll(async () => {
    r = await runChild<Outcome[]>('test/hostile/children/formerHangs.ts', [], { timeoutMs: 240_000 });
  }, 300_000);
  const get = (name: string) => r.json!.find((c) => c.name === name)!;

  it('the child finished within its timeout', () => {
    expect(r.timedOut, 'a former hang is back').toBe(false);
    expect(r.status, r.stderr).toBe(0);
  });
  it('rtol = atol = 1e-300 is refused (tighter than double precision), not a NaN first step looping forever', () => {
    const c = get('rtol = atol = 1e-300');
    expect(c.error).toBe('ValidationError');
    expect(c.param).toBe('rk45.rtol');
    expect(c.message).toMatch(/must be >= 2\.22e-14/);
  });
  it('a tiny atol on a component at 0 still integrates (y = t and e^−t at t = 1)', () => {
    const c = get('atol = 1e-300 on a component at 0');
    expect(c.error).toBe('none');
    const [a, b] = c.value as number[];
    expect(Math.abs(a - 1)).toBeLessThan(1e-9);
    expect(Math.abs(b - Math.exp(-1))).toBeLessThan(1e-5);
  });
  it('a pole at t = 0.01 stops there with the step size collapsed', () => {
    const c = get('a pole at t = 0.01');
    expect(c.error).toBe('IntegrationStalled');
    expect(c.time!).toBeCloseTo(0.01, 8);
    expect(c.message).toMatch(/integration stopped at t = 10 ms .*step size fell below/);
  });
  it('a right-hand side that turns NaN at t = 0.005 is reported there, as NaN', () => {
    const c = get('a derivative that turns NaN at t = 0.005');
    expect(c.error).toBe('SimulationDiverged');
    expect(c.time!).toBeCloseTo(0.005, 8);
    expect(c.message).toMatch(/y\[0\] = NaN at t = 5 ms/);
  });
  it('a stiff problem uses up the default budget of 10⁶ steps and names the time reached', () => {
    const c = get('a stiff problem, default step budget');
    expect(c.error).toBe('IntegrationStalled');
    expect(c.message).toMatch(/budget of 1000000 steps \(maxSteps\)/);
    expect(c.time!).toBeGreaterThan(0);
    expect(c.time!).toBeLessThan(10);
  });
  it('maxSteps bounds the work: 1000 steps of at most ~3/λ = 3 µs reach no further than 3.3 ms', () => {
    const c = get('a stiff problem, maxSteps 1000');
    expect(c.error).toBe('IntegrationStalled');
    expect(c.time!).toBeLessThan(1000 * 3.3e-6);
  });
  it('HH at −200 µA/cm² with rk45 (stiff far below rest) ends in IntegrationStalled naming V and the time reached', () => {
    const c = get('HH at −200 µA/cm² with rk45');
    expect(c.error).toBe('IntegrationStalled');
    expect(c.variable).toBe('V');
    expect(c.time!).toBeGreaterThan(0);
    expect(c.time!).toBeLessThan(0.2);
    expect(c.message).toMatch(/integration stopped at t = [\d.]+ ms .*budget of 1000000 steps \(maxSteps\)/);
  });
  it('HH driven by 1/(t − 0.01) with rk45 ends before the pole, with the same report', () => {
    const c = get('HH with the current 1/(t − 0.01) and rk45');
    expect(c.error).toBe('IntegrationStalled');
    expect(c.time!).toBeLessThan(0.01);
  });
  it('HodgkinHuxley.simulate takes rk45\'s step budget: 5000 steps end the same run sooner', () => {
    const c = get('HH at −200 µA/cm² with rk45, maxSteps 5000');
    expect(c.error).toBe('IntegrationStalled');
    expect(c.message).toMatch(/budget of 5000 steps/);
    expect(c.time!).toBeLessThan(get('HH at −200 µA/cm² with rk45').time!);
  });
  it('train with epochs = 1e12 stops when its signal is aborted, keeping what it learned', () => {
    const c = get('train for 1e12 epochs, cancelled after 1000 mini-batches');
    expect(c.error).toBe('none');
    expect(c.value).toEqual({ cancelled: true, epochs: 499, losses: 499, calls: 1000 }); // 2 mini-batches an epoch
  });
});

describe('legitimate long arrays never overflow the stack', () => {
  it('minMax and maxOf take arrays far longer than any call can spread', () => {
    const a = new Float64Array(500_000);
    a[123] = -5;
    a[499_999] = 7;
    expect(() => Math.max(...a)).toThrow(RangeError); // what spreading did
    expect(minMax(a)).toEqual([-5, 7]);
    expect(maxOf(a)).toBe(7);
  });
  it('a 100 s filtered spike train and its figures (the synapses panel) are computed', () => {
    const r = runPsc({ duration: 100, dt: 1e-3 });
    expect(r.filtered.t.length).toBe(100_001);
    expect(() => pscFigures(r)).not.toThrow();
  });
  it('a network of 10⁶ layers is refused by its memory need, not by a stack overflow', () => {
    expect(caught(() => runVanishing({ layers: 1e6 }))).toBeInstanceOf(MemoryBudgetExceeded);
  });
});

describe('requests are budgeted in bytes before anything is allocated', () => {
  it('LIF.simulate for 1999 s at dt = 1 µs needs 32 GB: refused, with recordEvery as the remedy', () => {
    const e = caught(() => new LIF().simulate({ input: 1.5, duration: 1999, dt: 1e-6 })) as MemoryBudgetExceeded;
    expect(e).toBeInstanceOf(MemoryBudgetExceeded);
    expect(e.bytes).toBe(16 * (1999e6 + 1));
    expect(e.message).toMatch(/needs 32\.0 GB .*recordEvery/);
  });
  it('and runs when every 1000-th sample is kept (the spike times stay exact)', () => {
    setMemoryBudget(1e6);
    const full = new LIF().simulate({ input: 1.5, duration: 1, dt: 1e-5, recordEvery: 1000 });
    expect(full.t.length).toBe(101);
    expect(full.t[100]).toBeCloseTo(1, 12);
    // From v = 0 the first spike is at τ_m ln 3, then one every τ_ref + τ_m ln 3 (1/G(1.5), notes §2.1)
    const first = 0.02 * Math.log(3), period = 0.002 + first;
    expect(full.spikes.length).toBe(1 + Math.floor((1 - first) / period));
  });
  it('HodgkinHuxley.simulate for 1999 s at dt = 1 µs needs 128 GB for its 8 recorded arrays: refused before allocating', () => {
    const e = caught(() => new HodgkinHuxley().simulate({ current: 10, duration: 1999, dt: 1e-6 })) as MemoryBudgetExceeded;
    expect(e).toBeInstanceOf(MemoryBudgetExceeded);
    expect(e.param).toBe('HodgkinHuxley.simulate.duration');
    expect(e.bytes).toBe(8 * 8 * (1999e6 + 1));
    expect(e.message).toMatch(/needs 127\.9 GB .*recordEvery/);
    // record: false keeps only the spikes: the same request then needs no recording at all
    setMemoryBudget(1e3);
    expect(new HodgkinHuxley().simulate({ current: 10, duration: 0.05, dt: 1e-5, record: false }).spikes.length).toBeGreaterThan(0);
  });
  it('integrate with 100,000 components over 100,000 steps is refused instead of aborting the process', () => {
    const e = caught(() => integrate(() => {}, new Float64Array(100_000), { t1: 1, dt: 1e-5 })) as MemoryBudgetExceeded;
    expect(e).toBeInstanceOf(MemoryBudgetExceeded);
    expect(e.param).toBe('integrate.dt');
    expect(e.bytes).toBe(8 * 100_001 * 100_001);
  });
  it('an MLP of 784-1e9-10 and a population of 1e9 neurons are refused before any WebAssembly memory grows', () => {
    expect(caught(() => new MLP({ sizes: [784, 1e9, 10] }))).toBeInstanceOf(MemoryBudgetExceeded);
    expect(caught(() => Population.lif('a', 1e9))).toBeInstanceOf(MemoryBudgetExceeded);
  });
  it('populations of every kind, current sources included, are budgeted before their per-neuron arrays are built', () => {
    for (const make of [() => Population.hh('a', 1e9), () => Population.adex('a', 1e9), () => Population.izhikevich('a', 1e9),
      () => Population.physicalLif('a', 1e9), () => Population.poisson('a', 1e9, { rate: 10 }), () => Population.currents('a', 1e9, 1)]) {
      const e = caught(make) as MemoryBudgetExceeded;
      expect(e).toBeInstanceOf(MemoryBudgetExceeded);
      expect(e.param).toBe('a.size');
    }
  });
});

describe('model files are validated whole before anything is allocated', () => {
  const model = () => JSON.parse(JSON.stringify(new MLP({ sizes: [2, 3, 1], seed: 1 }).toJSON()));
  it('sizes [784, 200000, 10] with no layers: the missing layers are the error, not 5 GB of weights first', () => {
    setMemoryBudget(1e6); // building the network first would now fail on memory instead
    const m = { ...model(), sizes: [784, 200_000, 10], hidden: ['relu'], layers: [] };
    throwsValidation(() => MLP.fromJSON(m), 'model.layers', 'must have 2 layers', '(got 0)');
  });
  it('a W row that is an object with length 2e9 is not an array: refused without allocating 16 GB', () => {
    const m = model();
    m.layers[0].W = [{ length: 2e9 }];
    throwsValidation(() => MLP.fromJSON(m), 'model.layers[0].W', 'must be 3×2');
    m.layers[0].W = [{ length: 2 }, [1, 2], [3, 4]];
    throwsValidation(() => MLP.fromJSON(m), 'model.layers[0].W[0]', 'must be an array of 2 numbers');
  });
  it('a non-finite weight (1e999 parses as Infinity) names its place', () => {
    const text = JSON.stringify(model()).replace(/"b":\[([^\],]+)/, '"b":[1e999');
    throwsValidation(() => MLP.fromJSON(text), 'model.layers[0].b', 'entry 0 must be a finite number (got Infinity)');
  });
});

describe('training divergence is an error, never a result', () => {
  const mlp = () => new MLP({ sizes: [2, 3, 1], seed: 0 });
  it('SGD with lr = 1e300: the last update blows the loss up, and train says so', () => {
    const e = caught(() => train(mlp(), { X: XOR_X, T: XOR_T }, { optimizer: { name: 'sgd', lr: 1e300 }, epochs: 1, batchSize: 'full' }));
    expect(e).toBeInstanceOf(TrainingDiverged);
    expect(e.message).toMatch(/training loss after the last update became .* in epoch 1 .*learning rate \(1e\+300\)/);
  });
  it('with a validation set, a validation loss of Infinity is the error', () => {
    const e = caught(() => train(mlp(), { X: XOR_X, T: XOR_T }, { optimizer: { name: 'sgd', lr: 1e300 }, epochs: 1, batchSize: 'full', validation: { X: XOR_X, T: XOR_T } }));
    expect(e).toBeInstanceOf(TrainingDiverged);
    expect(e.message).toMatch(/the validation loss became Infinity in epoch 1/);
    expect((e as TrainingDiverged).epoch).toBe(1);
  });
  it('the spiking XOR scenario with lr = 1e300 stops at training instead of printing rate z = Infinity', () => {
    expect(caught(() => runSpikingXor({ lr: 1e300, epochs: 5, durations: [0.05] }))).toBeInstanceOf(TrainingDiverged);
  });
  it('optimizer.step with a NaN gradient leaves the parameters untouched', () => {
    const opt = createOptimizer({ name: 'adam', lr: 0.1 });
    const x = Float64Array.of(1, 2), g = Float64Array.of(0.5, NaN);
    throwsValidation(() => opt.step([x], [g]), 'Optimizer.step.grads[0]', 'entry 1 must be a finite number (got NaN)');
    expect(Array.from(x)).toEqual([1, 2]);
    opt.step([x], [Float64Array.of(1, 1)]); // the state was not poisoned: Adam's first step is lr·sign(g)
    expect(x[0]).toBeCloseTo(0.9, 6);
    expect(x[1]).toBeCloseTo(1.9, 6);
  });
});

describe('a bad input value is blamed on the input, at the time it went bad', () => {
  it('a current function returning NaN at 10 ms', () => {
    throwsValidation(() => new LIF().simulate({ input: (t) => (t < 0.01 ? 1.5 : NaN), duration: 0.02, dt: 1e-4 }),
      'LIF.simulate.input', 'must stay finite (got NaN at t = 0.01005 s)');
  });
  it('the formula sqrt(0.01 − t) once t passes 10 ms', () => {
    throwsValidation(() => new LIF().simulate({ input: 'sqrt(0.01 - t)', duration: 0.02, dt: 1e-4 }), 'LIF.simulate.input', 'at t = 0.01005 s');
  });
  it('"1e309" is Infinity in double precision, even typed as a plain number', () => {
    throwsValidation(() => new LIF().simulate({ input: '1e309', duration: 0.02, dt: 1e-4 }), 'LIF.simulate.input', 'must be a finite number', 'Infinity');
  });
  it('an HH current that turns NaN at 10 ms is blamed on the current at 10 ms, for every method', () => {
    const current = (t: number) => (t < 0.01 ? 10 : NaN);
    for (const method of HH_METHODS) {
      const e = caught(() => new HodgkinHuxley().simulate({ current, method, duration: 0.02, dt: 1e-5 }));
      expect(e, method).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).param, method).toBe('HodgkinHuxley.simulate.current');
      const at = Number(/got NaN at t = ([\d.e-]+) s/.exec(e.message)?.[1]);
      expect(at, `${method}: ${e.message}`).toBeGreaterThanOrEqual(0.01);
      // fixed steps read it at their next sample; rk45 at its next stage, within its largest step (1 ms)
      expect(at, method).toBeLessThan(0.01 + (method === 'rk45' ? 1e-3 : 2e-5));
    }
  });
  it('the HH current sqrt(0.01 − t) is blamed at 10 ms, not reported as a diverged V', () => {
    throwsValidation(() => new HodgkinHuxley().simulate({ current: 'sqrt(0.01 - t)', duration: 0.02, dt: 1e-5 }), 'HodgkinHuxley.simulate.current', 'must stay finite (got NaN at t = 0.010005 s)');
  });
  it('an HH current of "1e309" and a temperature of 1e308 are refused', () => {
    throwsValidation(() => new HodgkinHuxley().simulate({ current: '1e309', duration: 0.02, dt: 1e-5 }), 'HodgkinHuxley.simulate.current', 'Infinity');
    throwsValidation(() => new HodgkinHuxley({ temperature: 1e308 }), 'HodgkinHuxley.temperature', 'must be in [-273.15, 100]', '(got 1e+308)');
  });
  it("a function returning the string '10' is told to return a number", () => {
    const input = (() => '10') as unknown as (t: number) => number;
    throwsValidation(() => new LIF().simulate({ input, duration: 0.02, dt: 1e-4 }), 'LIF.simulate.input', 'must give a number', 'the string "10"');
    throwsValidation(() => new AdEx().simulate({ current: input, duration: 0.02 }), 'AdEx.simulate.current', 'must give a number');
    throwsValidation(() => new HodgkinHuxley().simulate({ current: input, duration: 0.02, dt: 1e-5 }), 'HodgkinHuxley.simulate.current', 'must give a number', 'the string "10"');
  });
});

describe('raw errors and silent acceptance become ValidationErrors naming the parameter', () => {
  it('integrate without options', () => {
    throwsValidation(() => (integrate as (...a: unknown[]) => unknown)((_t: number, _y: Float64Array, d: Float64Array) => { d[0] = 0; }, [1]),
      'integrate.options', 'must be an options object', '(got undefined)');
  });
  it("onProgress: 'x'", () => {
    const net = new Network();
    net.add(Population.lif('a', 2));
    throwsValidation(() => net.run(0.01, 1e-3, { onProgress: 'x' as never }), 'Network.run.onProgress', 'must be a function', '(got "x")');
    throwsValidation(() => train(new MLP({ sizes: [2, 1] }), { X: XOR_X, T: XOR_T }, { onProgress: 'x' as never }), 'train.onProgress', 'must be a function');
  });
  it('linspace(0, 1, −1)', () => {
    throwsValidation(() => linspace(0, 1, -1), 'linspace.n', 'must be an integer >= 1', '(got -1)');
  });
  it("record: 'no'", () => {
    throwsValidation(() => new LIF().simulate({ input: 1, duration: 0.01, dt: 1e-4, record: 'no' as never }), 'LIF.simulate.record', 'must be true or false');
    throwsValidation(() => new AdEx().simulate({ current: 500, duration: 0.01, record: 'no' as never }), 'AdEx.simulate.record', 'must be true or false');
    throwsValidation(() => new HodgkinHuxley().simulate({ current: 10, duration: 0.01, dt: 1e-5, record: 'no' as never }), 'HodgkinHuxley.simulate.record', 'must be true or false');
  });
  it('pscKernel with an unknown key', () => {
    throwsValidation(() => pscKernel({ tauS: 0.005, tau_s: 1 } as never), 'pscKernel.tau_s', 'unknown option');
  });
  it('a connection rng returning NaN', () => {
    const net = new Network();
    const a = net.add(Population.lif('a', 5)), b = net.add(Population.lif('b', 5));
    throwsValidation(() => net.connect(a, b, { p: 0.5, rng: () => NaN, tauS: 0.005 }), 'Connection(a→b).rng', 'must return uniform numbers in [0, 1)', 'draw 1 was NaN');
    throwsValidation(() => net.connect(a, b, { inDegree: 2, rng: () => 1, tauS: 0.005 }), 'Connection(a→b).rng', 'draw 1 was 1');
  });
  it('validationSplit: −0.5', () => {
    throwsValidation(() => train(new MLP({ sizes: [2, 1] }), { X: XOR_X, T: XOR_T }, { validationSplit: -0.5 }), 'train.validationSplit', 'must be in [0, 1)');
  });
  it('an activation with "tauM": null', () => {
    throwsValidation(() => new MLP({ sizes: [2, 3, 1], hidden: { name: 'lif', tauM: null } as never }), 'MLP.hidden.tauM', 'must be a number', '(got null)');
  });
  it('new Rng(NaN)', () => {
    throwsValidation(() => new Rng(NaN), 'Rng.seed', 'must be an integer (got NaN)');
  });
  it('takeRows with an index out of range', () => {
    const M = { rows: 2, cols: 2, data: Float64Array.of(1, 2, 3, 4) };
    throwsValidation(() => takeRows(M, [0, 2]), 'takeRows.idx', 'entry 1 must be a row index, an integer in [0, 1] (got 2)');
    expect(Array.from(takeRows(M, [1, 0]).data)).toEqual([3, 4, 1, 2]);
  });
  it('every one of them is a ValidationError, the CLI and the page show its message', () => {
    expect(caught(() => linspace(0, 1, -1))).toBeInstanceOf(ValidationError);
    expect(new IntegrationStalled('y', 1, 2, 'x')).toBeInstanceOf(SimulationDiverged);
  });
});
