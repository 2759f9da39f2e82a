/**
 * Recorders (Brian2's monitors): each one is started with the run's length, fed after every step, and owns its
 * output. The simulation loop knows nothing about what is kept. Memory stays bounded for long runs: state and
 * activity recorders keep chosen neurons every k-th step (preallocated at start), spike recorders can keep a
 * subset and a maximum number of spikes, {@link WeightRecorder} checks what it will keep against a limit before
 * allocating, and {@link StreamRecorder} hands data to a callback instead of keeping it.
 * @module
 */
import { checkMemory } from '../core/budget.js';
import { ValidationError, describeValue } from '../core/errors.js';
import { checkBoolean, checkFiniteArray, checkInteger, checkKnownKeys, checkOneOf, checkPositive } from '../core/validate.js';
import { PscFilter, type PscOptions } from '../synapses/psc.js';
import type { Connection } from './connection.js';
import type { Network } from './network.js';
import type { Population } from './population.js';

/** Fed by {@link Network.run}: `start` once, `record` after every step, `finish` at the end. */
export interface Recorder {
  /** Called before the first step with the run's step count, dt and start time (s). */
  start(net: Network, steps: number, dt: number, t0: number): void;
  /** Called after step `step` (0-based within the run); `t` is the time at its end, s. */
  record(step: number, t: number): void;
  /** Called after the last step. */
  finish?(): void;
}

/** The population a recorder watches (anything else would fail on first use, far from the cause). */
function checkPopulation(owner: string, pop: Population): Population {
  const p = pop as Partial<Population> | null;
  if (!p || typeof p !== 'object' || typeof p.size !== 'number' || !p.type || !p.spikes) {
    throw new ValidationError(`${owner}.pop`, `must be a Population (got ${describeValue(pop)})`);
  }
  return pop;
}

/** Refuses a recording of `m` samples × (neurons + t) beyond the memory budget, before it is allocated. */
function checkSamples(owner: string, pop: Population, m: number, neurons: number): void {
  checkMemory(`${owner}.every`, m * (neurons + 1) * 8, `${m} samples × ${neurons} neurons of '${pop.name}' and t, 8 bytes each`, [
    'keep every k-th step (every: k)', 'record fewer neurons (neurons: [...])', 'a shorter run',
    'stream what you need to a callback (StreamRecorder)',
  ]);
}

function neuronList(owner: string, pop: Population, neurons: ArrayLike<number> | undefined): Int32Array {
  if (neurons === undefined) {
    const all = new Int32Array(pop.size);
    for (let i = 0; i < pop.size; i++) all[i] = i;
    return all;
  }
  if (!(Array.isArray(neurons) || ArrayBuffer.isView(neurons))) {
    throw new ValidationError(`${owner}.neurons`, `must be an array of neuron indices of '${pop.name}' (got ${describeValue(neurons)})`);
  }
  const out = new Int32Array(neurons.length);
  for (let k = 0; k < neurons.length; k++) {
    const i = neurons[k];
    if (!Number.isInteger(i) || i < 0 || i >= pop.size) throw new ValidationError(`${owner}.neurons`, `entry ${k} must be a neuron index in [0, ${pop.size - 1}] of '${pop.name}' (got ${i})`);
    out[k] = i;
  }
  return out;
}

/** Options of {@link SpikeRecorder}. */
export interface SpikeRecorderOptions {
  /** Neurons whose spikes are kept. @default all */
  neurons?: ArrayLike<number>;
  /** Keep at most this many spikes (what happens beyond: `overflow`). @default 1e7 */
  limit?: number;
  /**
   * When `limit` spikes are stored: 'stop' storing (later spikes are counted, not stored; `truncated` tells), or
   * 'thin': drop every other kept neuron (`every` doubles) until the store fits, and go on with those neurons, so
   * what is kept stays a uniform sample of the whole run — the complete spike trains of every `every`-th neuron.
   * @default 'stop'
   */
  overflow?: 'stop' | 'thin';
  /** Keep no spike times at all, only counts. @default false */
  countOnly?: boolean;
}

/** Spike times of a population (all neurons or a subset), plus per-neuron counts. */
export class SpikeRecorder implements Recorder {
  readonly pop: Population;
  /** Spike counts per neuron over the run (all neurons, whatever `neurons` says). */
  counts: Int32Array;
  /** Total spikes of the population over the run. */
  total = 0;
  /** True if `limit` was reached and later spikes were not stored. */
  truncated = false;
  private readonly mask: Uint8Array | null;
  private readonly limit: number;
  private readonly thin: boolean;
  private readonly countOnly: boolean;
  private stride = 1;
  private idx = new Int32Array(256);
  private tim = new Float64Array(256);
  private n = 0;
  private dt = 0;
  private t0 = 0;

  constructor(pop: Population, o: SpikeRecorderOptions = {}) {
    this.pop = checkPopulation('SpikeRecorder', pop);
    checkKnownKeys('SpikeRecorder', o, ['neurons', 'limit', 'countOnly', 'overflow']);
    this.limit = o.limit === undefined ? 1e7 : checkInteger('SpikeRecorder.limit', o.limit, 0);
    this.countOnly = checkBoolean('SpikeRecorder.countOnly', o.countOnly ?? false);
    this.thin = checkOneOf('SpikeRecorder.overflow', o.overflow ?? 'stop', ['stop', 'thin']) === 'thin';
    if (o.neurons) {
      this.mask = new Uint8Array(pop.size);
      for (const i of neuronList('SpikeRecorder', pop, o.neurons)) this.mask[i] = 1;
    } else this.mask = null;
    this.counts = new Int32Array(pop.size);
  }

  start(_net: Network, _steps: number, dt: number, t0: number): void {
    this.counts = new Int32Array(this.pop.size);
    this.total = 0;
    this.n = 0;
    this.truncated = false;
    this.stride = 1;
    this.dt = dt;
    this.t0 = t0;
  }

  record(step: number, _t: number): void {
    const sp = this.pop.spikes, c = sp.count;
    const tStart = this.t0 + step * this.dt; // as the loop computes the step's start (no t − dt rounding)
    this.total += c;
    const counts = this.counts;
    for (let k = 0; k < c; k++) {
      const i = sp.index[k];
      counts[i]++;
      if (this.countOnly || (this.mask && !this.mask[i]) || i % this.stride !== 0) continue;
      if (this.n >= this.limit && !(this.thin && this.halve())) {
        this.truncated = true;
        continue;
      }
      if (i % this.stride !== 0) continue; // thinned just now past this neuron
      if (this.n === this.idx.length) this.grow();
      this.idx[this.n] = i;
      this.tim[this.n++] = tStart + sp.offset[k];
    }
  }

  /** Keeps every other kept neuron until the store is below the limit; false when only neuron 0 is left and it is not. */
  private halve(): boolean {
    while (this.n >= this.limit) {
      if (this.stride >= this.pop.size) return false;
      this.stride *= 2;
      let m = 0;
      for (let k = 0; k < this.n; k++) {
        if (this.idx[k] % this.stride !== 0) continue;
        this.idx[m] = this.idx[k];
        this.tim[m++] = this.tim[k];
      }
      this.n = m;
    }
    return true;
  }

  private grow(): void {
    const m = Math.min(Math.max(this.idx.length * 2, 256), Math.max(this.limit, 256));
    checkMemory('SpikeRecorder.limit', m * 12 * 1.5, `room for ${m} spikes of '${this.pop.name}' (12 bytes each, while the list grows)`, [
      'a lower limit (later spikes are counted, not stored)', 'countOnly: true', 'record fewer neurons (neurons: [...])', 'a shorter run',
    ]);
    const a = new Int32Array(m);
    a.set(this.idx);
    this.idx = a;
    const b = new Float64Array(m);
    b.set(this.tim);
    this.tim = b;
  }

  /** Spikes are stored for the neurons whose index is a multiple of this (1: all; grows with `overflow: 'thin'`). */
  get every(): number {
    return this.stride;
  }

  /** Stored spikes: neuron index and time (s), in the order they happened. */
  get spikes(): { index: Int32Array; time: Float64Array } {
    return { index: this.idx.slice(0, this.n), time: this.tim.slice(0, this.n) };
  }

  /** Stored spike times of one neuron, s. */
  timesOf(i: number): Float64Array {
    const out: number[] = [];
    for (let k = 0; k < this.n; k++) if (this.idx[k] === i) out.push(this.tim[k]);
    return Float64Array.from(out);
  }
}

/** Options of {@link StateRecorder}. */
export interface StateRecorderOptions {
  /** Neurons to record. @default all */
  neurons?: ArrayLike<number>;
  /** Keep every k-th step. @default 1 */
  every?: number;
}

/**
 * A state variable (or `'input'`, the z the neurons read) of chosen neurons, every k-th step, preallocated:
 * memory = (steps / every + 1) × neurons, whatever else the run does. The first sample is the state at the start.
 * `'input'` is the input held over the step plus, for neurons that integrate their synaptic currents themselves
 * (LIF, method 'exact'), those currents at the sample time.
 */
export class StateRecorder implements Recorder {
  readonly pop: Population;
  readonly variable: string;
  readonly neurons: Int32Array;
  readonly every: number;
  /** Sample times, s. */
  t = new Float64Array(0);
  /** values[k][s]: neuron `neurons[k]` at t[s]. */
  values: Float64Array[] = [];
  private src: Float64Array;
  private n = 0;

  constructor(pop: Population, variable: string, o: StateRecorderOptions = {}) {
    this.pop = checkPopulation('StateRecorder', pop);
    checkKnownKeys('StateRecorder', o, ['neurons', 'every']);
    const names = pop.type.stateNames as readonly string[];
    if (variable !== 'input' && !names.includes(variable)) {
      throw new ValidationError('StateRecorder.variable', `must be 'input' or a state variable of ${pop.type.name} (${names.join(', ')}) (got ${JSON.stringify(variable)})`);
    }
    this.variable = variable;
    this.src = variable === 'input' ? pop.input : (pop.state as Record<string, Float64Array>)[variable];
    this.neurons = neuronList('StateRecorder', pop, o.neurons);
    this.every = checkInteger('StateRecorder.every', o.every ?? 1, 1);
  }

  start(_net: Network, steps: number, _dt: number, t0: number): void {
    const m = Math.floor(steps / this.every) + 1;
    checkSamples('StateRecorder', this.pop, m, this.neurons.length);
    this.t = new Float64Array(m);
    this.values = Array.from(this.neurons, () => new Float64Array(m));
    this.n = 0;
    this.sample(t0);
  }

  private sample(t: number): void {
    const s = this.n++;
    this.t[s] = t;
    const nr = this.neurons, src = this.src, v = this.values;
    for (let k = 0; k < nr.length; k++) v[k][s] = src[nr[k]];
    if (this.variable !== 'input') return;
    const N = this.pop.size;
    for (const r of this.pop.synapses.currents) {
      const out = r.n * N;
      for (let k = 0; k < nr.length; k++) v[k][s] += r.state[out + nr[k]];
    }
  }

  record(step: number, t: number): void {
    if ((step + 1) % this.every === 0) this.sample(t);
  }
}

/** Options of {@link ActivityRecorder}. */
export interface ActivityRecorderOptions extends PscOptions {
  /** Neurons to filter and record. @default all */
  neurons?: ArrayLike<number>;
  /** Keep every k-th step. @default 1 */
  every?: number;
}

/**
 * Filtered activities: each chosen neuron's spike train convolved with a PSC (n, τ_s) of its own (independent of
 * the connections), exact as in {@link PscFilter}; in Hz-like units (∫h = 1, so a neuron firing at r has mean r).
 */
export class ActivityRecorder implements Recorder {
  readonly pop: Population;
  readonly neurons: Int32Array;
  readonly every: number;
  readonly filter: PscFilter;
  /** Sample times, s. */
  t = new Float64Array(0);
  /** values[k][s]: filtered activity of `neurons[k]` at t[s]. */
  values: Float64Array[] = [];
  private slot: Int32Array;
  private dt = 0;
  private n = 0;

  constructor(pop: Population, o: ActivityRecorderOptions) {
    this.pop = checkPopulation('ActivityRecorder', pop);
    checkKnownKeys('ActivityRecorder', o, ['neurons', 'every', 'n', 'tauS']);
    this.neurons = neuronList('ActivityRecorder', pop, o.neurons);
    this.every = checkInteger('ActivityRecorder.every', o.every ?? 1, 1);
    this.filter = new PscFilter({ n: o.n, tauS: o.tauS }, Math.max(1, this.neurons.length));
    this.slot = new Int32Array(pop.size).fill(-1);
    this.neurons.forEach((i, k) => (this.slot[i] = k));
  }

  start(_net: Network, steps: number, dt: number, _t0: number): void {
    const m = Math.floor(steps / this.every) + 1;
    checkSamples('ActivityRecorder', this.pop, m, this.neurons.length);
    this.dt = dt;
    this.t = new Float64Array(m);
    this.values = Array.from(this.neurons, () => new Float64Array(m));
    this.n = 0;
    this.sample(_t0);
  }

  private sample(t: number): void {
    const s = this.n++;
    this.t[s] = t;
    const out = this.filter.output;
    for (let k = 0; k < this.neurons.length; k++) this.values[k][s] = out[k];
  }

  record(step: number, t: number): void {
    const f = this.filter;
    f.decay(this.dt);
    const sp = this.pop.spikes;
    for (let k = 0; k < sp.count; k++) {
      const j = this.slot[sp.index[k]];
      if (j >= 0) f.addSpike(j, 1, this.dt - sp.offset[k]);
    }
    if ((step + 1) % this.every === 0) this.sample(t);
  }

  /** Time average of each recorded neuron's activity over samples with t ≥ from (s). */
  mean(from = 0): Float64Array {
    const out = new Float64Array(this.neurons.length);
    for (let k = 0; k < out.length; k++) {
      let acc = 0, c = 0;
      for (let s = 0; s < this.n; s++) if (this.t[s] >= from) {
        acc += this.values[k][s];
        c++;
      }
      out[k] = c ? acc / c : NaN;
    }
    return out;
  }
}

/** Population firing rate (Hz per neuron) in bins of `bin` seconds: spikes in the bin / (size · bin). */
export class RateRecorder implements Recorder {
  readonly pop: Population;
  readonly bin: number;
  /** Bin start times, s. */
  t = new Float64Array(0);
  /** Rate in each bin, Hz. */
  rate = new Float64Array(0);
  private stepsPerBin = 1;
  private acc = 0;
  private k = 0;

  constructor(pop: Population, o: { bin?: number } = {}) {
    this.pop = checkPopulation('RateRecorder', pop);
    checkKnownKeys('RateRecorder', o, ['bin']);
    this.bin = checkPositive('RateRecorder.bin', o.bin ?? 0.001);
  }

  start(_net: Network, steps: number, dt: number, t0: number): void {
    this.stepsPerBin = Math.max(1, Math.round(this.bin / dt));
    const m = Math.ceil(steps / this.stepsPerBin);
    checkMemory('RateRecorder.bin', m * 16, `${m} bins of t and rate, 8 bytes each`, ['a longer bin', 'a shorter run']);
    this.t = new Float64Array(m);
    this.rate = new Float64Array(m);
    for (let b = 0; b < m; b++) this.t[b] = t0 + b * this.stepsPerBin * dt;
    this.acc = 0;
    this.inBin = 0;
    this.k = 0;
    this.dt = dt;
  }
  private dt = 0;
  private inBin = 0;

  record(_step: number, _t: number): void {
    this.acc += this.pop.spikes.count;
    if (++this.inBin === this.stepsPerBin) this.flush();
  }

  private flush(): void {
    this.rate[this.k++] = this.acc / (this.pop.size * this.inBin * this.dt);
    this.acc = 0;
    this.inBin = 0;
  }

  /** A last, partial bin holds the rate over the steps it has. */
  finish(): void {
    if (this.inBin > 0 && this.k < this.rate.length) this.flush();
  }
}

/**
 * Streams to a callback every k-th step instead of keeping anything: `onStep(t, net)` reads whatever it needs
 * (populations' state, `spikes`) — memory stays constant however long the run.
 */
export class StreamRecorder implements Recorder {
  private net: Network | null = null;
  readonly every: number;
  constructor(readonly onStep: (t: number, net: Network) => void, o: { every?: number } = {}) {
    if (typeof onStep !== 'function') throw new ValidationError('StreamRecorder.onStep', 'must be a function (t, net) => void');
    checkKnownKeys('StreamRecorder', o, ['every']);
    this.every = checkInteger('StreamRecorder.every', o.every ?? 1, 1);
  }
  start(net: Network): void {
    this.net = net;
  }
  record(step: number, t: number): void {
    if ((step + 1) % this.every === 0) this.onStep(t, this.net!);
  }
}

/** Options of {@link WeightRecorder}: give `at` (snapshots of all weights) or `synapses` (time series of a few). */
export interface WeightRecorderOptions {
  /** Times (s, simulated time) at which to keep a copy of every weight; each is taken at the step boundary nearest to it. */
  at?: ArrayLike<number>;
  /** Synapses to follow, as indices in the order of `connection.weights()` (CSR order; dense: pre-major, pre·M + post). */
  synapses?: ArrayLike<number>;
  /** With `synapses`: keep every k-th step. @default 1 */
  every?: number;
  /** Most numbers the recorder may keep in one run; checked before anything is allocated. @default 1e7 */
  maxValues?: number;
}

/**
 * The weights of a connection as recorded state (plastic weights change during a run): copies of all weights at
 * chosen times (`at`), or chosen synapses every k-th step (`synapses`, `every`), preallocated when the run starts
 * after checking the size against `maxValues`. Samples are taken after the step's plasticity update.
 * @example
 * ```ts
 * const snap = new WeightRecorder(conn, { at: [0, 50, 100] });            // snap.snapshots[k]: all weights at snap.t[k]
 * const two = new WeightRecorder(conn, { synapses: [0, 1], every: 1000 }); // two.values[k][s]: synapse k at two.t[s]
 * ```
 */
export class WeightRecorder implements Recorder {
  readonly connection: Connection;
  /** The synapses followed (mode `synapses`), or null for snapshots. */
  readonly synapses: Int32Array | null;
  readonly every: number;
  readonly maxValues: number;
  /** Sample times, s. */
  t = new Float64Array(0);
  /** Mode `at`: snapshots[k] holds every weight (in `connection.weights()` order) at t[k]. */
  snapshots: Float64Array[] = [];
  /** Mode `synapses`: values[k][s] is the weight of `synapses[k]` at t[s]. */
  values: Float64Array[] = [];
  private readonly times: Float64Array | null;
  /** Mode `at`: the step (0 = the run's start) at which each kept snapshot is taken, ascending. */
  private due = new Int32Array(0);
  private next = 0;
  private n = 0;
  private src: Float64Array;

  constructor(connection: Connection, o: WeightRecorderOptions) {
    if (o === null || typeof o !== 'object') throw new ValidationError('WeightRecorder', 'must be given { at: times } or { synapses, every }');
    this.connection = connection;
    const w = connection.matrix;
    this.src = w.kind === 'dense' ? w.WT : w.weight;
    const S = this.src.length;
    if ((o.at === undefined) === (o.synapses === undefined)) {
      throw new ValidationError('WeightRecorder', 'give exactly one of at (times for snapshots of all weights) or synapses (indices to follow every k steps)');
    }
    this.maxValues = checkInteger('WeightRecorder.maxValues', o.maxValues ?? 1e7, 1);
    if (o.at !== undefined) {
      if (o.every !== undefined) throw new ValidationError('WeightRecorder.every', 'only applies with synapses (snapshots are taken at the times in at)');
      this.times = checkFiniteArray('WeightRecorder.at', o.at).sort();
      this.synapses = null;
      this.every = 1;
    } else {
      this.times = null;
      const list = o.synapses!;
      if (!(Array.isArray(list) || ArrayBuffer.isView(list))) throw new ValidationError('WeightRecorder.synapses', 'must be an array of synapse indices');
      this.synapses = new Int32Array(list.length);
      for (let k = 0; k < list.length; k++) {
        const i = list[k];
        if (!Number.isInteger(i) || i < 0 || i >= S) throw new ValidationError('WeightRecorder.synapses', `entry ${k} must be a synapse index in [0, ${S - 1}] of ${connection.label} (got ${i})`);
        this.synapses[k] = i;
      }
      this.every = checkInteger('WeightRecorder.every', o.every ?? 1, 1);
    }
  }

  start(_net: Network, steps: number, dt: number, t0: number): void {
    this.n = 0;
    this.next = 0;
    const S = this.src.length;
    if (this.times) {
      const due: number[] = [];
      for (const time of this.times) {
        const s = Math.max(0, Math.round((time - t0) / dt));
        if (s <= steps && (due.length === 0 || due[due.length - 1] !== s)) due.push(s);
      }
      this.check('at', `${due.length} snapshots × ${S} synapses`, due.length * S);
      this.due = Int32Array.from(due);
      this.t = new Float64Array(due.length);
      this.snapshots = due.map(() => new Float64Array(S));
      this.values = [];
      this.take(0, t0);
    } else {
      const m = Math.floor(steps / this.every) + 1, nSyn = this.synapses!.length;
      this.check('every', `${m} samples × ${nSyn} synapses`, m * nSyn);
      this.t = new Float64Array(m);
      this.values = Array.from(this.synapses!, () => new Float64Array(m));
      this.snapshots = [];
      this.sample(t0);
    }
  }

  private check(param: string, what: string, values: number): void {
    if (values > this.maxValues) {
      throw new ValidationError(`WeightRecorder.${param}`, `${what} = ${values} values exceed maxValues (${this.maxValues}); record fewer, or raise maxValues`);
    }
  }

  /** Mode `at`: takes the snapshot due at step boundary `s` (s steps after the run's start), if any. */
  private take(s: number, t: number): void {
    if (this.next < this.due.length && this.due[this.next] === s) {
      this.t[this.next] = t;
      this.snapshots[this.next++].set(this.src);
    }
  }

  private sample(t: number): void {
    const k = this.n++, syn = this.synapses!, src = this.src, v = this.values;
    this.t[k] = t;
    for (let q = 0; q < syn.length; q++) v[q][k] = src[syn[q]];
  }

  record(step: number, t: number): void {
    if (this.times) this.take(step + 1, t);
    else if ((step + 1) % this.every === 0) this.sample(t);
  }
}
