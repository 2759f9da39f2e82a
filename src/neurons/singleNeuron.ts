/**
 * One neuron of any {@link NeuronType} run through its own population step, with the current either a
 * {@link Signal} (number, function of t or formula) or a piecewise-constant protocol of current steps. Population
 * and single-neuron runs are the same arithmetic, so `simulate` results carry over to networks.
 * @module
 */
import { FloatList } from '../core/arrays.js';
import { ValidationError, describeValue } from '../core/errors.js';
import { badSignalValue, resolveSignal, type Signal } from '../core/formula.js';
import { checkMemory } from '../core/budget.js';
import { checkBoolean, checkInteger, checkTimeGrid } from '../core/validate.js';
import { createSpikeBuffer, type NeuronType, type SynapticInput } from './types.js';

/** A piecewise-constant current: `[t, I]` pairs (t in s, increasing): I holds from its t to the next; 0 before the first. */
export interface StepCurrent {
  readonly steps: readonly (readonly [number, number])[];
}

/** An injected current: a {@link Signal} or a {@link StepCurrent}. */
export type Current = Signal | StepCurrent;

/** A current as a function of t (s) and the times (s) where it jumps. */
export interface ResolvedCurrent {
  readonly fn: (t: number) => number;
  /** Jump times of a step protocol (sorted); empty for a Signal. */
  readonly breaks: Float64Array;
  /** The value when the current is one constant, else NaN. */
  readonly constant: number;
}

/** Validates a {@link Current}. */
export function resolveCurrent(name: string, c: unknown): ResolvedCurrent {
  if (c !== null && typeof c === 'object' && !Array.isArray(c)) {
    const steps = (c as StepCurrent).steps;
    if (!Array.isArray(steps) || steps.length === 0 || Object.keys(c).some((k) => k !== 'steps')) {
      throw new ValidationError(name, `must be a number, a function of t, a formula, or { steps: [[t, I], ...] } (got ${describeValue(c)})`);
    }
    const times = new Float64Array(steps.length), values = new Float64Array(steps.length);
    steps.forEach((s, k) => {
      if (!Array.isArray(s) || s.length !== 2 || !Number.isFinite(s[0]) || !Number.isFinite(s[1]) || (k > 0 && !(s[0] > times[k - 1]))) {
        throw new ValidationError(`${name}.steps[${k}]`, `must be [t (s), I] with finite numbers and t increasing (got ${describeValue(s)})`);
      }
      times[k] = s[0];
      values[k] = s[1];
    });
    const fn = (t: number): number => {
      let k = -1;
      while (k + 1 < times.length && times[k + 1] <= t) k++;
      return k < 0 ? 0 : values[k];
    };
    return { fn, breaks: times, constant: steps.length === 1 && times[0] <= 0 ? values[0] : NaN };
  }
  const s = resolveSignal(name, c);
  return { fn: s.fn, breaks: new Float64Array(0), constant: s.constant };
}

/** Options of {@link runSingleNeuron}. */
export interface SingleNeuronOptions {
  current: Current;
  /** s. */
  duration: number;
  /** s. */
  dt: number;
  /** Keep every k-th sample (spikes are always exact). @default 1 */
  recordEvery?: number;
  /** Record nothing but spikes. @default true */
  record?: boolean;
  /** Synaptic input handed to every step (e.g. constant conductances). */
  synapses?: SynapticInput;
}

/** A single-neuron run: the state after each (kept) step, at t (s), and the spike times (s). */
export interface SingleNeuronRun<S extends string> {
  t: Float64Array;
  state: Record<S, Float64Array>;
  spikes: Float64Array;
}

/**
 * Runs one neuron from `state` (length-1 arrays, updated in place) with the type's step. Each step is split at the
 * jumps of a step protocol that fall inside it, so a step current is exact at any dt; a Signal is held at its
 * value at the midpoint of each step (second order for a smooth current; exact for constants).
 */
export function runSingleNeuron<S extends string>(
  type: NeuronType<S>, state: Record<S, Float64Array>, o: SingleNeuronOptions, owner: string,
): SingleNeuronRun<S> {
  const steps = checkTimeGrid(owner, o.dt, o.duration);
  const every = checkInteger(`${owner}.recordEvery`, o.recordEvery ?? 1, 1);
  const record = checkBoolean(`${owner}.record`, o.record ?? true);
  const cur = resolveCurrent(`${owner}.current`, o.current);
  const dt = o.dt;
  const nRec = record ? Math.floor(steps / every) + 1 : 0;
  const arrays = type.stateNames.length + 1;
  checkMemory(`${owner}.duration`, nRec * arrays * 8, `${nRec} samples × ${arrays} arrays (t, ${type.stateNames.join(', ')}), 8 bytes each`, [
    'record every k-th step (recordEvery: k)', 'record: false (spike times only)', 'a shorter duration or a larger dt',
  ]);
  const t = new Float64Array(nRec);
  const rec = {} as Record<S, Float64Array>;
  for (const k of type.stateNames) {
    rec[k] = new Float64Array(nRec);
    if (record) rec[k][0] = state[k][0];
  }
  const input = new Float64Array(1);
  // Several spikes per step are possible (strong drive at coarse dt); more than this is a runaway.
  const buf = createSpikeBuffer(1024);
  const spikes = new FloatList(64);
  const breaks = cur.breaks;
  const constant = cur.constant;
  let nb = 0; // next jump not yet passed
  const tol = 1e-9 * dt; // a jump this close to a step boundary is on the grid
  const piece = (a: number, b: number, h: number): void => {
    const I = Number.isNaN(constant) ? cur.fn(0.5 * (a + b)) : constant;
    if (!Number.isFinite(I)) throw badSignalValue(`${owner}.current`, 0.5 * (a + b), I);
    input[0] = I;
    type.step(h, a, input, state, buf, o.synapses);
    for (let k = 0; k < buf.count; k++) spikes.push(a + buf.offset[k]);
  };
  for (let i = 0; i < steps; i++) {
    const t0 = i * dt, t1 = (i + 1) * dt;
    let a = t0;
    while (nb < breaks.length && breaks[nb] < t1 - tol) {
      if (breaks[nb] > a + tol) {
        piece(a, breaks[nb], breaks[nb] - a);
        a = breaks[nb];
      }
      nb++;
    }
    piece(a, t1, a === t0 ? dt : t1 - a); // a whole step is exactly dt, as in a network
    if (record && (i + 1) % every === 0) {
      const k = (i + 1) / every;
      t[k] = t1;
      for (const s of type.stateNames) rec[s][k] = state[s][0];
    }
  }
  return { t, state: rec, spikes: spikes.toArray() };
}

/** What `simulate` of a neuron type with named patterns takes: the pattern's stimulus and duration are the defaults. */
export interface ProtocolOptions {
  current?: Current;
  duration?: number;
  /** s. @default 1e-4 */
  dt?: number;
  recordEvery?: number;
  record?: boolean;
}

/**
 * Runs one neuron of `type` from its initial state with the options, falling back on the protocol (the pattern the
 * neuron was built from) for the current and the duration; `units` names the current's units in errors.
 */
export function runProtocol<S extends string>(
  type: NeuronType<S>, o: ProtocolOptions, protocol: { readonly current: Current; readonly duration: number } | null,
  owner: string, units: string, synapses?: SynapticInput,
): SingleNeuronRun<S> {
  const current = o.current ?? protocol?.current;
  const duration = o.duration ?? protocol?.duration;
  if (current === undefined) throw new ValidationError(`${owner}.current`, `is required (${units}) unless the neuron was built from a pattern`);
  if (duration === undefined) throw new ValidationError(`${owner}.duration`, 'is required (s) unless the neuron was built from a pattern');
  return runSingleNeuron(type, type.initialState(1), { current, duration, dt: o.dt ?? 1e-4, recordEvery: o.recordEvery, record: o.record, synapses }, owner);
}

/** Timing of a run for {@link measuredRate} and {@link measureFiCurve}: duration, transient skipped, step (s). */
export interface RateTiming {
  duration: number;
  settle: number;
  dt: number;
}

/** Rate from the inter-spike intervals of the spikes at or after `settle` s (0 with fewer than two). */
function lateRate(spikes: Float64Array, settle: number): number {
  let first = -1, n = 0, last = 0;
  for (const s of spikes) {
    if (s < settle) continue;
    if (first < 0) first = s;
    last = s;
    n++;
  }
  return n < 2 ? 0 : (n - 1) / (last - first);
}

function checkSettle(owner: string, o: RateTiming): void {
  if (!(o.settle >= 0 && o.settle < o.duration)) {
    throw new ValidationError(`${owner}.settle`, `must be in [0, duration (${o.duration} s)) (got ${o.settle})`);
  }
}

/**
 * Steady firing rate (Hz) at a constant input, measured by simulation (as Nengo's `NeuronType.rates`): the rate
 * from the inter-spike intervals after `settle` s, so onset transients and adaptation do not count.
 */
export function measuredRate<S extends string>(type: NeuronType<S>, input: number, o: RateTiming, owner: string): number {
  checkSettle(owner, o);
  const run = runSingleNeuron(type, type.initialState(1), { current: input, duration: o.duration, dt: o.dt, record: false }, owner);
  return lateRate(run.spikes, o.settle);
}

/** An f–I curve measured by simulation. */
export interface FiCurve {
  /** Input (the type's input units). */
  input: number[];
  /** Steady rate (Hz): inter-spike intervals after the settling time. */
  steady: number[];
  /** Onset rate (Hz): 1 / the first inter-spike interval (0 with fewer than two spikes). */
  initial: number[];
  /** Spikes in the whole run. */
  count: number[];
}

/**
 * f–I curve of a neuron type by simulation: one run per input from the type's initial state, with the steady rate
 * (after `settle`) and the onset rate (first interval) — they differ for adapting neurons.
 */
export function measureFiCurve<S extends string>(
  type: NeuronType<S>, inputs: ArrayLike<number>, o: RateTiming, owner: string, onProgress?: (done: number, total: number) => void,
): FiCurve {
  checkSettle(owner, o);
  const out: FiCurve = { input: [], steady: [], initial: [], count: [] };
  for (let k = 0; k < inputs.length; k++) {
    const run = runSingleNeuron(type, type.initialState(1), { current: inputs[k], duration: o.duration, dt: o.dt, record: false }, owner);
    const s = run.spikes;
    out.input.push(inputs[k]);
    out.steady.push(lateRate(s, o.settle));
    out.initial.push(s.length >= 2 ? 1 / (s[1] - s[0]) : 0);
    out.count.push(s.length);
    onProgress?.(k + 1, inputs.length);
  }
  return out;
}
