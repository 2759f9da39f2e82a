/**
 * The single-neuron panels' jobs (Hodgkin-Huxley, LIF, f–I curves, NEF tuning curves). Each only resolves the
 * page's settings (input modes, sample limits) into the options of an existing scenario (`runHh`, `runLif`,
 * `runLifFiCurve`, `runHhFiCurve`, `runTuningCurves`) and calls it, so the page and `sims/` compute the same thing.
 * @module
 */
import { ValidationError } from '../../src/core/errors.js';
import type { Progress } from '../../src/core/progress.js';
import { runHhFiCurve, runLifFiCurve, type HhFiCurve, type HhFiOptions, type LifFiCurve, type LifFiOptions } from '../../src/experiments/fiCurve.js';
import { HH_RUN_DEFAULTS, runHh, runLif, type HhRun, type LifRun } from '../../src/experiments/neuronTraces.js';
import { runTuningCurves, type TuningOptions, type TuningResult } from '../../src/experiments/tuningCurves.js';
import type { HhMethod, HhTrace } from '../../src/neurons/hodgkinHuxley.js';
import type { LifMethod } from '../../src/neurons/lif.js';
import { decimateTrace, DISPLAY_COLUMNS, DISPLAY_LINE_POINTS } from './decimate.js';
import { checkTraceSteps } from './limits.js';

/** An input signal as the page's controls describe it. Values are in the model's units (µA/cm² or v_in). */
export type SignalSpec =
  | { mode: 'constant'; value: number }
  /** `before` until `onset` (s), then `after`. */
  | { mode: 'step'; before: number; after: number; onset: number }
  /** A formula in t (s), checked by `core/formula` (arithmetic in t only). */
  | { mode: 'formula'; text: string };

/** Turns a {@link SignalSpec} into a signal the models accept (a number or a formula string in t). */
export function signalFromSpec(spec: SignalSpec, name: string): number | string {
  switch (spec.mode) {
    case 'constant':
      if (!Number.isFinite(spec.value)) throw new ValidationError(name, `must be a finite number (got ${spec.value})`);
      return spec.value;
    case 'step': {
      for (const k of ['before', 'after', 'onset'] as const) {
        if (!Number.isFinite(spec[k])) throw new ValidationError(`${name}.${k}`, `must be a finite number (got ${spec[k]})`);
      }
      // A formula keeps the step inside the one validated path for time-varying inputs (core/formula).
      return `${spec.before} + (${spec.after - spec.before}) * heaviside(t - ${spec.onset})`;
    }
    case 'formula':
      return spec.text;
    default:
      throw new ValidationError(name, `unknown input mode ${JSON.stringify((spec as { mode: unknown }).mode)}`);
  }
}

/** Picks `recordEvery` so that at most `maxSamples` samples are kept (the integration step is unchanged). */
export function recordStride(duration: number, dt: number, maxSamples: number): number {
  const steps = Math.round(duration / dt);
  return Math.max(1, Math.ceil(steps / Math.max(2, maxSamples)));
}

/** Settings of the Hodgkin-Huxley panel (times in s, as everywhere in the API). */
export interface HhJob {
  kind: 'hh';
  current: SignalSpec;
  duration: number;
  dt: number;
  method: HhMethod;
  /** RK45 tolerance (the scenario's default without it). */
  rtol?: number;
  /** °C (the model's default without it). */
  temperature?: number;
  /** A second integrator run on the same grid and overlaid (e.g. Euler under RK4). */
  compare?: HhMethod | null;
  /** Keep at most this many samples per trace. @default 20001 */
  maxSamples?: number;
  /**
   * Return traces decimated for display (min–max per bucket, about this many points per series) instead of every
   * sample: `run.trace` and `compare.run.trace` keep V's extremes, `gates` and `currents` theirs. Rates, spike
   * times and `maxDeltaV` are computed from the full traces first.
   */
  displayPoints?: number;
}

/** Result of an {@link HhJob}. */
export interface HhJobResult {
  kind: 'hh';
  run: HhRun;
  compare: { name: string; run: HhRun } | null;
  /** max |V − V_compare| over the shared samples, mV (NaN without a comparison). */
  maxDeltaV: number;
  /** Samples per series the simulation recorded (before any display decimation). */
  samples: number;
  /** With `displayPoints`: the trace decimated by the gates' and by the currents' extremes. */
  gates?: HhTrace;
  currents?: HhTrace;
}

/** Settings of the LIF panel. */
export interface LifJob {
  kind: 'lif';
  input: SignalSpec;
  duration: number;
  dt: number;
  method: LifMethod;
  tauM: number;
  tauRef: number;
}

/** Result of a {@link LifJob}. */
export interface LifJobResult {
  kind: 'lif';
  /** The run; a trace longer than a plot can show is min–max decimated (rate, spikes and periods from the full run). */
  run: LifRun;
  /** Samples the simulation recorded (before any display decimation). */
  samples: number;
}

/** The tuning panel's LIF f–I curve, its HH f–I curve and its NEF population. */
export type LifFiJob = { kind: 'lifFi' } & LifFiOptions;
export type HhFiJob = { kind: 'hhFi' } & HhFiOptions;
export type TuningJob = { kind: 'tuning' } & TuningOptions;
export interface LifFiJobResult { kind: 'lifFi'; curve: LifFiCurve }
export interface HhFiJobResult { kind: 'hhFi'; curve: HhFiCurve }
export interface TuningJobResult { kind: 'tuning'; result: TuningResult }

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Runs the HH panel's job (and its overlay); `onProgress` follows the main run. */
export function runHhJob(job: HhJob, onProgress?: Progress): HhJobResult {
  checkTraceSteps('HodgkinHuxley.simulate', job.duration, job.dt);
  const current = signalFromSpec(job.current, 'HodgkinHuxley.simulate.current');
  const recordEvery = job.duration > 0 && job.dt > 0 ? recordStride(job.duration, job.dt, job.maxSamples ?? 20001) : 1;
  const base = {
    current, duration: job.duration, dt: job.dt, rtol: job.rtol ?? HH_RUN_DEFAULTS.rtol, recordEvery,
    neuron: { temperature: job.temperature ?? HH_RUN_DEFAULTS.temperature },
  };
  const run = runHh({ ...base, method: job.method }, onProgress);
  let compare: HhJobResult['compare'] = null;
  if (job.compare && job.compare !== job.method) compare = { name: job.compare, run: runHh({ ...base, method: job.compare }) };
  const out: HhJobResult = { kind: 'hh', run, compare, maxDeltaV: compare ? maxAbsDiff(run.trace.V, compare.run.trace.V) : NaN, samples: run.trace.t.length };
  if (job.displayPoints) {
    const full = run.trace, p = job.displayPoints;
    out.gates = decimateTrace(full, ['m', 'h', 'n'], p);
    out.currents = decimateTrace(full, ['INa', 'IK', 'IL'], p);
    out.run = { ...run, trace: decimateTrace(full, ['V'], p) };
    if (compare) out.compare = { name: compare.name, run: { ...compare.run, trace: decimateTrace(compare.run.trace, ['V'], p) } };
  }
  return out;
}

/** Runs the LIF panel's job; a long trace comes back min–max decimated per display column (every peak kept). */
export function runLifJob(job: LifJob): LifJobResult {
  checkTraceSteps('LIF.simulate', job.duration, job.dt);
  const input = signalFromSpec(job.input, 'LIF.simulate.input');
  const run = runLif({ input, duration: job.duration, dt: job.dt, method: job.method, tauM: job.tauM, tauRef: job.tauRef });
  const samples = run.trace.t.length;
  const trace = samples > DISPLAY_LINE_POINTS ? decimateTrace(run.trace, ['v'], 2 * DISPLAY_COLUMNS) : run.trace;
  return { kind: 'lif', run: { ...run, trace }, samples };
}

/** Runs the LIF f–I curve. */
export function runLifFiJob({ kind: _k, ...o }: LifFiJob, onProgress?: Progress): LifFiJobResult {
  return { kind: 'lifFi', curve: runLifFiCurve(o, onProgress) };
}

/** Runs the HH f–I curve. */
export function runHhFiJob({ kind: _k, ...o }: HhFiJob, onProgress?: Progress): HhFiJobResult {
  return { kind: 'hhFi', curve: runHhFiCurve(o, onProgress) };
}

/** Builds the NEF population and its tuning curves. */
export function runTuningJob({ kind: _k, ...o }: TuningJob): TuningJobResult {
  return { kind: 'tuning', result: runTuningCurves(o) };
}
