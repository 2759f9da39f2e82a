/**
 * The CUBA benchmark network (sims/bench/README.md; Brian2's CUBA example), built from the library's own pieces: one
 * population of LIF neurons in grid timing (Brian2's semantics; τ_m 20 ms, τ_ref 2 ms, bias μ = 1.1), one random self-connection with p = 0.02 drawn
 * from mulberry32(2024) row-major over (pre i, post j), weights 0.1·τ_s from excitatory neurons (0–3199) and
 * −0.7·τ_s from inhibitory ones (in the notes' convention an n = 0 PSC jumps by w/τ_s, so I jumps by 0.1 / −0.7),
 * exponential synapses with τ_s = 5 ms (summed into the neurons' own current by the network's general rule),
 * v(0) from mulberry32(7). The network, not this file, decides how spikes are delivered.
 * @module
 */
import { mulberry32 } from '../core/rng.js';
import { checkInteger, checkKnownKeys, checkOneOf, checkPositive, checkRange } from '../core/validate.js';
import { LIF_TIMINGS, type LifTiming } from '../neurons/lif.js';
import type { Progress } from '../core/progress.js';
import { Network, type RunInfo } from '../network/network.js';
import { Population } from '../network/population.js';
import { RateRecorder, SpikeRecorder } from '../network/recorders.js';
import { layout, line, type Figure } from './figure.js';

/** Options of {@link buildCuba}/{@link runCuba}; defaults are the benchmark's. */
export interface CubaOptions {
  /** Neurons. @default 4000 */
  size?: number;
  /** Fraction excitatory (the first ones). @default 0.8 */
  excitatoryFraction?: number;
  /** Connection probability. @default 0.02 */
  p?: number;
  /** A fixed in-degree instead of p: each neuron gets exactly this many distinct inputs (0 = use p). @default 0 */
  inDegree?: number;
  /** Simulated time, s. @default 1 */
  duration?: number;
  /** Time step, s. @default 1e-4 */
  dt?: number;
  /** Seed of the connectivity (mulberry32). @default 2024 */
  connectivitySeed?: number;
  /** Seed of v(0) (mulberry32). @default 7 */
  initSeed?: number;
  /** Keep spike times (the raster) of at most this many spikes; 0 = counts only. @default 0 */
  keepSpikes?: number;
  /** Record the population rate in 1 ms bins (memory grows with time: off for benchmarks). @default true */
  recordRate?: boolean;
  /** Spike timing of the neurons: 'grid' (Brian2's semantics, the benchmark's definition) or 'precise'. @default 'grid' */
  timing?: LifTiming;
}

/** Resolved {@link CubaOptions}. */
export type CubaSettings = Required<CubaOptions>;

/** Validates CUBA options, filling the benchmark's defaults. */
export function resolveCuba(o: CubaOptions = {}): CubaSettings {
  checkKnownKeys('cuba', o, ['size', 'excitatoryFraction', 'p', 'inDegree', 'duration', 'dt', 'connectivitySeed', 'initSeed', 'keepSpikes', 'recordRate', 'timing']);
  return {
    size: checkInteger('cuba.size', o.size ?? 4000, 2),
    excitatoryFraction: checkRange('cuba.excitatoryFraction', o.excitatoryFraction ?? 0.8, 0, 1),
    p: checkRange('cuba.p', o.p ?? 0.02, 0, 1),
    inDegree: checkInteger('cuba.inDegree', o.inDegree ?? 0, 0),
    duration: checkPositive('cuba.duration', o.duration ?? 1),
    dt: checkPositive('cuba.dt', o.dt ?? 1e-4),
    connectivitySeed: checkInteger('cuba.connectivitySeed', o.connectivitySeed ?? 2024, 0),
    initSeed: checkInteger('cuba.initSeed', o.initSeed ?? 7, 0),
    keepSpikes: checkInteger('cuba.keepSpikes', o.keepSpikes ?? 0, 0),
    recordRate: o.recordRate ?? true,
    timing: checkOneOf('cuba.timing', o.timing ?? 'grid', LIF_TIMINGS),
  };
}

/** τ_m, τ_s, τ_ref and μ of the benchmark. */
export const CUBA_CONSTANTS = { tauM: 0.02, tauS: 0.005, tauRef: 0.002, mu: 1.1, wExc: 0.1, wInh: -0.7 } as const;

/** Builds the CUBA network (no run). */
export function buildCuba(o: CubaOptions = {}): { net: Network; pop: Population; settings: CubaSettings; nExc: number } {
  const s = resolveCuba(o);
  const { tauM, tauS, tauRef, mu, wExc, wInh } = CUBA_CONSTANTS;
  const nExc = Math.round(s.size * s.excitatoryFraction);
  const r7 = mulberry32(s.initSeed);
  const v0 = new Float64Array(s.size);
  for (let i = 0; i < s.size; i++) v0[i] = r7();
  const net = new Network();
  const pop = net.add(Population.lif('cuba', s.size, { tauM, tauRef, timing: s.timing }, { bias: mu, init: { v: v0 } }));
  const we = wExc * tauS, wi = wInh * tauS;
  net.connect(pop, pop, {
    ...(s.inDegree > 0 ? { inDegree: s.inDegree } : { p: s.p }), seed: s.connectivitySeed, tauS, n: 0,
    weight: (i) => (i < nExc ? we : wi),
  });
  return { net, pop, settings: s, nExc };
}

/** A CUBA run's figures of merit (and raster, if kept). */
export interface CubaResult {
  settings: CubaSettings;
  spikes: number;
  synapticEvents: number;
  synapses: number;
  /** Seconds of the simulation loop (not the build). */
  loopSeconds: number;
  /** Seconds to build the connectivity. */
  buildSeconds: number;
  neuronStepsPerSecond: number;
  synapticEventsPerSecond: number;
  /** Mean rate per neuron, Hz. */
  meanRate: number;
  /** Population rate in 1 ms bins. */
  rate: { t: Float64Array; hz: Float64Array };
  raster: { index: Int32Array; time: Float64Array };
}

/** Builds and runs CUBA. */
export function runCuba(o: CubaOptions = {}, onProgress?: Progress): CubaResult {
  const b0 = performance.now();
  const { net, pop, settings } = buildCuba(o);
  const buildSeconds = (performance.now() - b0) / 1000;
  const spikes = new SpikeRecorder(pop, settings.keepSpikes ? { limit: settings.keepSpikes } : { countOnly: true });
  const rate = new RateRecorder(pop, { bin: 0.001 });
  const recorders = settings.recordRate ? [spikes, rate] : [spikes];
  const info: RunInfo = net.run(settings.duration, settings.dt, { recorders, onProgress });
  const steps = info.steps;
  return {
    settings,
    spikes: spikes.total,
    synapticEvents: info.synapticEvents,
    synapses: net.connections[0].synapses,
    loopSeconds: info.wallSeconds,
    buildSeconds,
    neuronStepsPerSecond: (settings.size * steps) / info.wallSeconds,
    synapticEventsPerSecond: info.synapticEvents / info.wallSeconds,
    meanRate: spikes.total / (settings.size * settings.duration),
    rate: { t: rate.t, hz: rate.rate },
    raster: spikes.spikes,
  };
}

/** Raster and population rate of a CUBA run. */
export function cubaFigures(r: CubaResult): Figure[] {
  const figs: Figure[] = [];
  if (r.raster.index.length) {
    figs.push({
      title: 'CUBA raster',
      data: [{ type: 'scattergl', mode: 'markers', x: Array.from(r.raster.time), y: Array.from(r.raster.index), marker: { size: 2 }, name: 'spikes' }],
      layout: layout(`CUBA: ${r.spikes} spikes`, 't (s)', 'neuron'),
    });
  }
  figs.push({ title: 'CUBA population rate', data: [line(r.rate.t, r.rate.hz, 'rate (1 ms bins)')], layout: layout('CUBA population rate', 't (s)', 'rate (Hz)') });
  return figs;
}
