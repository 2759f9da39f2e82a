/**
 * The synapses panel's job: a regular or Poisson spike train and the PSC kernels of the chosen order (and others
 * for comparison), run through `runPsc` (the scenario behind `npm run sim -- psc`).
 * @module
 */
import { runPsc, type PscRun } from '../../src/experiments/psc.js';
import { poissonSpikeTrain, regularSpikeTrain } from '../../src/synapses/spikeTrains.js';
import { decimateTrace, DISPLAY_COLUMNS, DISPLAY_LINE_POINTS } from './decimate.js';
import { checkPscSamples } from './limits.js';

/** Settings of the synapses panel (times in s, rates in Hz). */
export interface SynapsesJob {
  kind: 'synapses';
  /** PSC order. */
  n: number;
  tauS: number;
  train: 'regular' | 'poisson';
  rate: number;
  duration: number;
  dt: number;
  seed: number;
  /** Orders drawn beside the chosen one for comparison (kernels only). @default [] */
  compareOrders?: number[];
}

/** The synapses panel's result. */
export interface SynapsesJobResult {
  kind: 'synapses';
  /** The run; a filtered train longer than a plot can show is min–max decimated (errors and means from the full run). */
  run: PscRun;
  /** Samples of the filtered train (before any display decimation). */
  samples: number;
}

/** Runs the synapses panel's job. */
export function runSynapsesJob(job: SynapsesJob): SynapsesJobResult {
  checkPscSamples(job.duration, job.dt);
  const spikes = job.train === 'regular'
    ? Array.from(regularSpikeTrain({ rate: job.rate, duration: job.duration }))
    : Array.from(poissonSpikeTrain({ rate: job.rate, duration: job.duration, seed: job.seed }));
  const ns = [...new Set([job.n, ...(job.compareOrders ?? [])])].sort((a, b) => a - b);
  const run = runPsc({ ns, tauS: [job.tauS], spikes, n: job.n, filterTauS: job.tauS, duration: job.duration, dt: job.dt, rate: job.rate, seed: job.seed });
  const samples = run.filtered.t.length;
  const filtered = samples > DISPLAY_LINE_POINTS ? decimateTrace(run.filtered, ['exact', 'recursive', 'euler'], 2 * DISPLAY_COLUMNS) : run.filtered;
  return { kind: 'synapses', run: { ...run, filtered }, samples };
}
