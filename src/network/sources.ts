/**
 * Input "neuron types" for populations that do not integrate anything: spike generators (given spike trains,
 * Poisson processes) and current sources. A spike generator implements {@link NeuronType} so a population of
 * inputs is stepped, recorded and connected like any other; it may emit several spikes per neuron in one step,
 * so it tells the population how large a spike buffer it needs ({@link SpikeSourceType.capacity}).
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { badSignalValue, resolveSignal, type Signal } from '../core/formula.js';
import { RandomStreams } from '../core/rng.js';
import { checkMemory } from '../core/budget.js';
import { checkFiniteArray, checkInteger, checkNonNegative } from '../core/validate.js';
import { growSpikeBuffer, type NeuronType, type SpikeBuffer } from '../neurons/types.js';
import { checkSpikeTimes } from '../synapses/spikeTrains.js';

/** A spike generator: a neuron type without input that also states its spike-buffer needs. */
export interface SpikeSourceType<S extends string = string> extends NeuronType<S> {
  /** Spikes one step of length dt may emit, all neurons together (sizes the population's spike buffer). */
  capacity(dt: number, size: number): number;
  /** Returns the generator to its start (re-seeds random sources). */
  reset(state: Record<S, Float64Array>): void;
}

/** True for spike generators. */
export function isSpikeSource(t: NeuronType): t is SpikeSourceType {
  return typeof (t as Partial<SpikeSourceType>).capacity === 'function';
}

/**
 * Replays given spike trains: neuron i fires at `trains[i]` (s, sorted). A spike at time t_p is emitted in the
 * step [t, t + dt) that contains it, with offset t_p − t, so synapses receive it at its true time.
 */
export class SpikeTrainSource implements SpikeSourceType<'cursor'> {
  readonly name = 'spike-trains';
  readonly stateNames = ['cursor'] as const;
  readonly inputUnits = 'none (a generator)';
  /** All spike times, neuron by neuron. */
  readonly times: Float64Array;
  /** Neuron i's spikes are times[start[i] .. start[i + 1]). */
  readonly start: Int32Array;

  constructor(trains: readonly ArrayLike<number>[], owner = 'SpikeTrainSource') {
    if (!Array.isArray(trains) || trains.length === 0) {
      throw new ValidationError(`${owner}.trains`, 'must be a non-empty array of spike-time arrays (one per neuron)');
    }
    this.start = new Int32Array(trains.length + 1);
    const checked = trains.map((tr, i) => checkSpikeTimes(`${owner}.trains[${i}]`, tr));
    let total = 0;
    for (let i = 0; i < checked.length; i++) {
      total += checked[i].length;
      this.start[i + 1] = total;
    }
    this.times = new Float64Array(total);
    for (let i = 0; i < checked.length; i++) this.times.set(checked[i], this.start[i]);
  }

  /** Number of neurons (trains). */
  get size(): number {
    return this.start.length - 1;
  }

  rate(): number {
    return NaN;
  }

  initialState(size: number): Record<'cursor', Float64Array> {
    if (size !== this.size) throw new ValidationError('SpikeTrainSource', `has ${this.size} trains but the population has ${size} neurons`);
    const cursor = new Float64Array(size);
    this.reset({ cursor });
    return { cursor };
  }

  reset(state: Record<'cursor', Float64Array>): void {
    for (let i = 0; i < state.cursor.length; i++) state.cursor[i] = this.start[i];
  }

  /** The most spikes any grid step [k·dt, (k + 1)·dt) holds, summed over neurons. */
  capacity(dt: number, size: number): number {
    let total = 0;
    for (let i = 0; i < size; i++) {
      let best = 0, run = 0, bin = NaN;
      for (let k = this.start[i]; k < this.start[i + 1]; k++) {
        const b = Math.floor(this.times[k] / dt);
        run = b === bin ? run + 1 : 1;
        bin = b;
        if (run > best) best = run;
      }
      // A spike exactly on a bin edge may fall either side after rounding of t = k·dt: allow one more.
      total += best + (best > 0 ? 1 : 0);
    }
    return Math.max(total, size);
  }

  step(dt: number, t: number, _input: Float64Array, state: Record<'cursor', Float64Array>, spikes: SpikeBuffer): void {
    const cur = state.cursor, times = this.times, start = this.start;
    const idx = spikes.index, off = spikes.offset, cap = idx.length;
    const tEnd = t + dt;
    let count = 0;
    for (let i = 0; i < cur.length; i++) {
      let c = cur[i];
      const end = start[i + 1];
      while (c < end && times[c] < tEnd && count < cap) {
        const o = times[c] - t;
        idx[count] = i;
        off[count++] = o > 0 ? o : 0;
        c++;
      }
      cur[i] = c;
    }
    spikes.count = count;
  }
}

/** Options of {@link PoissonSource}. */
export interface PoissonSourceOptions {
  /**
   * Rate in Hz: a number (all neurons), one number per neuron, or a function of t (s) / formula in t shared
   * by all neurons (an inhomogeneous process, drawn by thinning under `rateMax`).
   */
  rate: Signal | ArrayLike<number>;
  /** Seed of the generator. @default 0 */
  seed?: number;
  /** Upper bound of a time-varying rate, Hz (thinning). Default: 1.2 × the maximum of the rate sampled on [0, 10 s]. */
  rateMax?: number;
}

/**
 * Independent Poisson spike trains generated on the fly: each neuron keeps the time of its next event, so the
 * memory is O(neurons) whatever the duration, and spike times are continuous (not bound to the grid). Each neuron
 * draws from its own random stream ({@link RandomStreams}), so the trains depend on the seed only, not on dt.
 * Homogeneous rates draw exponential inter-spike intervals; a time-varying rate λ(t) is drawn by thinning
 * (Lewis & Shedler): candidates at rate λ_max, each kept with probability λ(t)/λ_max. When few neurons fire per step
 * (homogeneous rates, λ_max·dt < 0.1), a min-heap of the next spike times finds them without visiting every neuron
 * each step; the spikes, their order (by neuron) and the draws are the same as a scan of all neurons would give.
 */
export class PoissonSource implements SpikeSourceType<'next'> {
  readonly name = 'poisson';
  readonly stateNames = ['next'] as const;
  readonly inputUnits = 'none (a generator)';
  /** Seed applied at each reset. */
  seed: number;
  /** λ_max (Hz) for thinning; the rate itself when homogeneous and shared. */
  rateMax: number;
  private rates: Float64Array | null;
  private rateFn: ((t: number) => number) | null;
  private streams: RandomStreams | null = null;
  /** Min-heap of neurons by their next spike time, over the `next` array it was built for (null: rebuild). */
  private heapOf: Float64Array | null = null;
  private heap = new Int32Array(0);
  private heapSize = 0;
  private due = new Int32Array(16);

  constructor(o: PoissonSourceOptions, owner = 'PoissonSource') {
    this.seed = o.seed ?? 0;
    if (!Number.isInteger(this.seed)) throw new ValidationError(`${owner}.seed`, `must be an integer (got ${this.seed})`);
    const r = o.rate;
    if (typeof r === 'number' || typeof r === 'string' || typeof r === 'function') {
      const sig = resolveSignal(`${owner}.rate`, r);
      if (!Number.isNaN(sig.constant)) {
        checkNonNegative(`${owner}.rate`, sig.constant);
        this.rates = Float64Array.of(sig.constant);
        this.rateFn = null;
        this.rateMax = sig.constant;
      } else {
        this.rates = null;
        this.rateFn = sig.fn;
        let m = 0;
        for (let k = 0; k <= 10000; k++) {
          const v = sig.fn(k * 1e-3);
          if (!Number.isFinite(v) || v < 0) throw new ValidationError(`${owner}.rate`, `must be finite and >= 0 (got ${v} at t = ${k * 1e-3} s)`);
          if (v > m) m = v;
        }
        this.rateMax = o.rateMax === undefined ? 1.2 * m : checkNonNegative(`${owner}.rateMax`, o.rateMax);
      }
    } else {
      this.rates = checkFiniteArray(`${owner}.rate`, r);
      for (let i = 0; i < this.rates.length; i++) checkNonNegative(`${owner}.rate[${i}]`, this.rates[i]);
      this.rateFn = null;
      this.rateMax = this.rates.reduce((a, b) => Math.max(a, b), 0);
    }
  }

  /**
   * Replaces the rates by one homogeneous rate per neuron (Hz) and the seed, from the next reset or run on (the
   * bridge presents each sample's input this way). The spike buffer follows at the next run.
   */
  setRates(rates: ArrayLike<number>, seed: number = this.seed, owner = 'PoissonSource'): void {
    if (!Number.isInteger(seed)) throw new ValidationError(`${owner}.seed`, `must be an integer (got ${seed})`);
    if (!this.rates || this.rates.length !== rates.length) this.rates = new Float64Array(rates.length);
    let m = 0;
    for (let i = 0; i < rates.length; i++) {
      const r = rates[i];
      if (!(r >= 0) || !Number.isFinite(r)) throw new ValidationError(`${owner}.rate[${i}]`, `must be finite and >= 0 (got ${r})`);
      this.rates[i] = r;
      if (r > m) m = r;
    }
    this.rateFn = null;
    this.rateMax = m;
    this.seed = seed;
    this.heapOf = null;
  }

  rate(): number {
    return this.rates && this.rates.length === 1 ? this.rates[0] : NaN;
  }

  initialState(size: number): Record<'next', Float64Array> {
    if (this.rates && this.rates.length > 1 && this.rates.length !== size) {
      throw new ValidationError('PoissonSource.rate', `has ${this.rates.length} rates but the population has ${size} neurons`);
    }
    const next = new Float64Array(size).fill(NaN);
    this.streams = new RandomStreams(this.seed, size);
    return { next };
  }

  reset(state: Record<'next', Float64Array>): void {
    this.streams = new RandomStreams(this.seed, state.next.length);
    state.next.fill(NaN);
    this.heapOf = null;
  }

  /** Mean spikes per step plus ten standard deviations (the buffer grows in the vanishingly rare case of more). */
  capacity(dt: number, size: number): number {
    const mean = size * this.rateMax * dt;
    return Math.ceil(size + mean + 10 * Math.sqrt(mean) + 16);
  }

  step(dt: number, t: number, _input: Float64Array, state: Record<'next', Float64Array>, spikes: SpikeBuffer): void {
    if (!this.streams || this.streams.count !== state.next.length || this.streams.seed !== this.seed) this.streams = new RandomStreams(this.seed, state.next.length);
    const next = state.next, rng = this.streams, rates = this.rates, fn = this.rateFn, lmax = this.rateMax;
    if (fn === null && lmax * dt < 0.1 && next.length >= 64) {
      this.stepSparse(dt, t, next, rng, rates!, spikes);
      return;
    }
    this.heapOf = null;
    const shared = rates !== null && rates.length === 1;
    const tEnd = t + dt;
    let count = 0;
    for (let i = 0; i < next.length; i++) {
      const lam = fn ? lmax : shared ? rates![0] : rates![i];
      if (!(lam > 0)) continue;
      if (next[i] !== next[i]) next[i] = t + rng.exponential(i, lam); // first use: the process starts at the run's start
      if (next[i] < tEnd) count = this.drain(i, lam, t, tEnd, next, rng, spikes, count);
    }
    spikes.count = count;
  }

  /**
   * Emits neuron i's spikes from next[i] up to tEnd into `spikes` (from position `count`), draws its following
   * spike time into next[i], and returns the new count. A time-varying rate keeps a candidate at s with
   * probability λ(s)/λ_max (thinning).
   */
  private drain(i: number, lam: number, t: number, tEnd: number, next: Float64Array, rng: RandomStreams, spikes: SpikeBuffer, count: number): number {
    const fn = this.rateFn, lmax = this.rateMax;
    let s = next[i];
    while (s < tEnd) {
      if (fn === null || rng.uniform(i) * lmax < fn(s)) {
        if (count === spikes.index.length) growSpikeBuffer(spikes, count + 1);
        spikes.index[count] = i;
        spikes.offset[count++] = s - t > 0 ? s - t : 0;
      }
      s += rng.exponential(i, lam);
    }
    next[i] = s;
    return count;
  }

  /** The step for homogeneous rates when few neurons fire per step: the heap yields them (see the class note). */
  private stepSparse(dt: number, t: number, next: Float64Array, rng: RandomStreams, rates: Float64Array, spikes: SpikeBuffer): void {
    const shared = rates.length === 1, tEnd = t + dt;
    if (this.heapOf !== next) {
      // (Re)build: every neuron with a positive rate, its first spike drawn now if it has none yet (as the scan does).
      if (this.heap.length < next.length) this.heap = new Int32Array(next.length);
      let n = 0;
      for (let i = 0; i < next.length; i++) {
        const lam = shared ? rates[0] : rates[i];
        if (!(lam > 0)) continue;
        if (next[i] !== next[i]) next[i] = t + rng.exponential(i, lam);
        this.heap[n++] = i;
      }
      this.heapSize = n;
      for (let k = (n >> 1) - 1; k >= 0; k--) this.siftDown(k, next);
      this.heapOf = next;
    }
    const heap = this.heap;
    let nd = 0;
    while (this.heapSize > 0 && next[heap[0]] < tEnd) {
      if (nd === this.due.length) {
        const d = new Int32Array(2 * nd);
        d.set(this.due);
        this.due = d;
      }
      this.due[nd++] = heap[0];
      heap[0] = heap[--this.heapSize];
      this.siftDown(0, next);
    }
    const due = this.due;
    for (let a = 1; a < nd; a++) { // by neuron, as the scan emits them
      const x = due[a];
      let b = a - 1;
      while (b >= 0 && due[b] > x) {
        due[b + 1] = due[b];
        b--;
      }
      due[b + 1] = x;
    }
    let count = 0;
    for (let q = 0; q < nd; q++) {
      const i = due[q];
      count = this.drain(i, shared ? rates[0] : rates[i], t, tEnd, next, rng, spikes, count);
      this.siftUp(this.heapSize++, i, next);
    }
    spikes.count = count;
  }

  private siftDown(k: number, next: Float64Array): void {
    const heap = this.heap, n = this.heapSize, x = heap[k], tx = next[x];
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (c + 1 < n && next[heap[c + 1]] < next[heap[c]]) c++;
      if (!(next[heap[c]] < tx)) break;
      heap[k] = heap[c];
      k = c;
    }
    heap[k] = x;
  }

  private siftUp(k: number, x: number, next: Float64Array): void {
    const heap = this.heap, tx = next[x];
    while (k > 0) {
      const p = (k - 1) >> 1;
      if (!(next[heap[p]] > tx)) break;
      heap[k] = heap[p];
      k = p;
    }
    heap[k] = x;
  }
}

/**
 * A current source: neuron i's value is `signals[i](t)` (a constant, function of t or formula), passed through
 * connection weights straight into the post-synaptic input (no PSC), like Nengo's `Node`. It never spikes.
 */
export class CurrentSource implements NeuronType<'value'> {
  readonly name = 'current';
  readonly stateNames = ['value'] as const;
  readonly inputUnits = 'none (a source)';
  private readonly fns: ((t: number) => number)[];
  private readonly constants: Float64Array;
  /** True when every signal is a constant. */
  readonly constant: boolean;

  constructor(signals: Signal | readonly Signal[], size: number, owner = 'CurrentSource') {
    checkInteger(`${owner}.size`, size, 1);
    if (Array.isArray(signals) && signals.length !== size) {
      throw new ValidationError(`${owner}.signals`, `must have one signal per neuron (${size}) (got ${signals.length})`);
    }
    // a constant and a function slot per neuron, before the population's own budget (its state comes after this)
    checkMemory(`${owner}.size`, size * 16, `${size} signals × 16 bytes`, ['fewer neurons']);
    const shared = Array.isArray(signals) ? null : resolveSignal(`${owner}.signals`, signals);
    const resolved = shared ? null : (signals as readonly Signal[]).map((s, i) => resolveSignal(`${owner}.signals[${i}]`, s));
    this.fns = shared ? new Array<(t: number) => number>(size).fill(shared.fn) : resolved!.map((r) => r.fn);
    this.constants = shared ? new Float64Array(size).fill(shared.constant) : Float64Array.from(resolved!, (r) => r.constant);
    this.constant = shared ? !Number.isNaN(shared.constant) : resolved!.every((r) => !Number.isNaN(r.constant));
  }

  rate(): number {
    return 0;
  }

  initialState(size: number): Record<'value', Float64Array> {
    return { value: new Float64Array(size) };
  }

  /** Writes the values at time t into `out`; throws on a non-finite value. */
  evaluate(t: number, out: Float64Array): void {
    const c = this.constants;
    for (let i = 0; i < out.length; i++) {
      const v = c[i] === c[i] ? c[i] : this.fns[i](t);
      if (!Number.isFinite(v)) throw badSignalValue(`CurrentSource.signals[${i}]`, t, v);
      out[i] = v;
    }
  }

  /** Sources are evaluated by the network at the step's midpoint; the step itself emits no spikes. */
  step(dt: number, t: number, _input: Float64Array, state: Record<'value', Float64Array>, spikes: SpikeBuffer): void {
    this.evaluate(t + 0.5 * dt, state.value);
    spikes.count = 0;
  }
}
