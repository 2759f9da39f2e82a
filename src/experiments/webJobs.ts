/**
 * The web app's jobs: what its Web Worker runs, as plain data in and plain data out. Each job only resolves the
 * page's settings (milliseconds, input modes) into the options of an existing scenario (`runHh`, `runLif`,
 * `runLifFiCurve`, `runHhFiCurve`, `runTuningCurves`) and calls it, so the page and `sims/` compute the same thing.
 * Nothing here touches the DOM, so it runs (and is tested) in Node as well as in the worker.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { HhMethod, HhTrace } from '../neurons/hodgkinHuxley.js';
import type { LifMethod } from '../neurons/lif.js';
import { runHhFiCurve, runLifFiCurve, type HhFiCurve, type HhFiOptions, type LifFiCurve, type LifFiOptions } from './fiCurve.js';
import { runHh, runLif, type HhRun, type LifRun } from './neuronTraces.js';
import { decimateTrace } from './webDecimate.js';
import { runTuningCurves, type TuningOptions, type TuningResult } from './tuningCurves.js';

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

/** At most this many integration steps per trace, so a typo in dt cannot hang the worker for minutes. */
export const MAX_TRACE_STEPS = 5_000_000;

/** Picks `recordEvery` so that at most `maxSamples` samples are kept (the integration step is unchanged). */
export function recordStride(duration: number, dt: number, maxSamples: number): number {
  const steps = Math.round(duration / dt);
  return Math.max(1, Math.ceil(steps / Math.max(2, maxSamples)));
}

function checkSteps(owner: string, duration: number, dt: number): void {
  const steps = Math.round(duration / dt);
  if (steps > MAX_TRACE_STEPS) {
    throw new ValidationError(`${owner}.dt`, `gives ${steps.toLocaleString('en')} steps for this duration; the page allows at most ` +
      `${MAX_TRACE_STEPS.toLocaleString('en')} (use a larger dt or a shorter duration)`);
  }
}

/** Settings of the Hodgkin-Huxley panel (times in s, as everywhere in the API). */
export interface HhJob {
  kind: 'hh';
  current: SignalSpec;
  duration: number;
  dt: number;
  method: HhMethod;
  rtol?: number;
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
  run: LifRun;
}

/** The jobs the worker runs. */
export type WebJob =
  | HhJob
  | LifJob
  | ({ kind: 'lifFi' } & LifFiOptions)
  | ({ kind: 'hhFi' } & HhFiOptions)
  | ({ kind: 'tuning' } & TuningOptions);

/** What each job returns. */
export type WebJobResult =
  | HhJobResult
  | LifJobResult
  | { kind: 'lifFi'; curve: LifFiCurve }
  | { kind: 'hhFi'; curve: HhFiCurve }
  | { kind: 'tuning'; result: TuningResult };

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let m = 0;
  for (let i = 0; i < n; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** Runs one job; `onProgress(done, total)` is forwarded from the scenario. Throws `SpikebridgeError` on bad input. */
export function runWebJob(job: WebJob, onProgress?: (done: number, total: number) => void): WebJobResult {
  switch (job.kind) {
    case 'hh': {
      checkSteps('HodgkinHuxley.simulate', job.duration, job.dt);
      const current = signalFromSpec(job.current, 'HodgkinHuxley.simulate.current');
      const recordEvery = job.duration > 0 && job.dt > 0 ? recordStride(job.duration, job.dt, job.maxSamples ?? 20001) : 1;
      const base = { current, duration: job.duration, dt: job.dt, rtol: job.rtol ?? 1e-6, recordEvery, neuron: { temperature: job.temperature ?? 6.3 } };
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
    case 'lif': {
      checkSteps('LIF.simulate', job.duration, job.dt);
      const input = signalFromSpec(job.input, 'LIF.simulate.input');
      return { kind: 'lif', run: runLif({ input, duration: job.duration, dt: job.dt, method: job.method, tauM: job.tauM, tauRef: job.tauRef }) };
    }
    case 'lifFi': {
      const { kind: _k, ...o } = job;
      return { kind: 'lifFi', curve: runLifFiCurve(o, onProgress) };
    }
    case 'hhFi': {
      const { kind: _k, ...o } = job;
      return { kind: 'hhFi', curve: runHhFiCurve(o, onProgress) };
    }
    case 'tuning': {
      const { kind: _k, ...o } = job;
      return { kind: 'tuning', result: runTuningCurves(o) };
    }
    default:
      throw new ValidationError('job.kind', `unknown job ${JSON.stringify((job as { kind: unknown }).kind)}`);
  }
}

/** The ArrayBuffers inside a result (typed arrays), to transfer them from the worker instead of copying. */
export function transferables(value: unknown, out: ArrayBuffer[] = [], seen = new Set<unknown>()): ArrayBuffer[] {
  if (value === null || typeof value !== 'object' || seen.has(value)) return out;
  seen.add(value);
  if (ArrayBuffer.isView(value)) {
    const buf = value.buffer;
    // Only whole, unshared buffers can move; views into a shared block (e.g. WebAssembly memory) are copied.
    if (buf instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buf.byteLength && !out.includes(buf)) out.push(buf);
    return out;
  }
  for (const v of Object.values(value as Record<string, unknown>)) transferables(v, out, seen);
  return out;
}

/** Re-exported for the page's types. */
export type { HhTrace };
