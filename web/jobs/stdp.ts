/**
 * The STDP panel's job: Song, Miller & Abbott (2000) as Brian2's example (`runSongStdp`, the scenario behind
 * `npm run sim -- stdp`), handing out the weight histogram and the output rate about a hundred times per run so the
 * page can draw the distribution as it moves apart, and the final run's figures' data at the end.
 * @module
 */
import type { Progress } from '../../src/core/progress.js';
import { resolveSongStdp, runSongStdp, type SongStdpOptions, type SongStdpResult } from '../../src/experiments/stdp.js';
import { checkStdpSteps } from './limits.js';

/** Settings of the STDP panel (the scenario's options; times in s). */
export interface StdpJob extends Omit<SongStdpOptions, 'reportEvery'> {
  kind: 'stdp';
}

/** A partial (`partial: true`, `run` absent) or the final result. */
export interface StdpJobResult {
  kind: 'stdp';
  partial: boolean;
  /** Simulated time of this histogram, s. */
  t: number;
  /** Weights in 10 bins of g_max/10 now, and at the start. */
  histogram: number[];
  initialHistogram: number[];
  /** Output rate over the last report interval (partial), Hz. */
  rate: number;
  /** The whole run (final result only), with the weight traces thinned to at most 2,000 points. */
  run?: SongStdpResult;
}

/** Reports per run (the histogram is redrawn this often at most). */
export const STDP_REPORTS = 100;
/** Samples kept of each weight trace for display. */
export const STDP_TRACE_POINTS = 2000;

/** Runs the STDP panel's job; `onPartial` gets the histogram and rate every 1/100 of the run. */
export function runStdpJob({ kind: _k, ...o }: StdpJob, onProgress?: Progress, onPartial?: (partial: StdpJobResult) => void): StdpJobResult {
  const s = resolveSongStdp(o);
  checkStdpSteps(s.duration, s.dt);
  const reportEvery = Math.max(s.dt, s.duration / STDP_REPORTS);
  const run = runSongStdp({ ...o, reportEvery }, onProgress, onPartial
    ? (p) => onPartial({ kind: 'stdp', partial: true, t: p.t, histogram: p.histogram, initialHistogram: p.initialHistogram, rate: p.rate })
    : undefined);
  const n = run.traces.t.length, every = Math.max(1, Math.ceil(n / STDP_TRACE_POINTS));
  const thin = (a: Float64Array) => (every === 1 ? a : a.filter((_, k) => k % every === 0 || k === n - 1));
  const traces = { t: thin(run.traces.t), w: [thin(run.traces.w[0]), thin(run.traces.w[1])] as [Float64Array, Float64Array] };
  return {
    kind: 'stdp', partial: false, t: s.duration, histogram: run.histogram, initialHistogram: run.initialHistogram, rate: run.outputRate,
    run: { ...run, traces },
  };
}
