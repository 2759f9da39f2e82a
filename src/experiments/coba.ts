/**
 * The COBA benchmark (Brette et al. 2007, benchmark 1; the parameters of PyNN's examples/VAbenchmarks.py, after
 * Vogels & Abbott 2005): 4,000 LIF neurons (3,200 excitatory, 800 inhibitory), each ordered pair connected with
 * p = 0.02, exponential conductances (τ_e 5 ms, τ_i 10 ms, E_e 0 mV, E_i −80 mV, peak 4 nS and 51 nS) after a 0.2 ms
 * delay, a 20,000 µm² membrane (0.2 nF, τ_m 20 ms, E_L −60 mV, threshold −50 mV, reset −60 mV, refractory 5 ms clamped
 * at reset), initial V uniform in [−60, −50] mV, and the kick-off: 20 Poisson sources at 100 Hz for the first 50 ms,
 * each connected with p = 0.01 and 0.1 µS to every neuron's excitatory conductance. Per-area units here: 0.2 nF on
 * 2·10⁻⁴ cm² is 1 µF/cm², g_L = 10 nS is 0.05 mS/cm², and a conductance of x nS is x/200 mS/cm².
 * Grid timing (Brian2's semantics); method 'exact' is Brian2's exponential Euler, 'rk4' follows the conductances
 * exactly inside the step.
 * @module
 */
import { mulberry32 } from '../core/rng.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkKnownKeys, checkOneOf, checkPositive } from '../core/validate.js';
import type { LifMethod } from '../neurons/lif.js';
import { Network, type RunInfo } from '../network/network.js';
import { Population } from '../network/population.js';
import { RateRecorder, SpikeRecorder } from '../network/recorders.js';
import { spikeStatistics } from '../network/statistics.js';
import { layout, line, type Figure } from './figure.js';

/** The benchmark's constants (nS, mV, ms as in the paper). */
export const COBA_CONSTANTS = {
  size: 4000, excitatory: 3200, p: 0.02, areaCm2: 2e-4, C: 1, gL: 0.05, EL: -60, Vth: -50, Vreset: -60, tauRef: 0.005,
  tauE: 0.005, tauI: 0.01, EE: 0, EI: -80, wE_nS: 4, wI_nS: 51, delay: 0.0002,
  kick: { sources: 20, rate: 100, duration: 0.05, p: 0.01, w_nS: 100 },
} as const;

/** nS on the benchmark's membrane → mS/cm². */
const perArea = (nS: number) => (nS * 1e-6) / COBA_CONSTANTS.areaCm2;

/** Options of {@link runCoba}. */
export interface CobaOptions {
  /** Simulated time, s. @default 1 */
  duration?: number;
  /** Time step, s. @default 1e-4 */
  dt?: number;
  /** Seed of connectivity, initial potentials and the kick-off. @default 1 */
  seed?: number;
  /** 'exact' (exponential Euler, as Brian2) or 'rk4'. @default 'exact' */
  method?: LifMethod;
  /** Keep spike times of at most this many spikes for the raster (statistics use all). @default 2e6 */
  keepSpikes?: number;
}

/** Resolved {@link CobaOptions}. */
export type CobaSettings = Required<CobaOptions>;

/** The scenario's defaults. */
export const COBA_DEFAULTS: CobaSettings = { duration: 1, dt: 1e-4, seed: 1, method: 'exact', keepSpikes: 2e6 };

/** Validates COBA options, filling the defaults. */
export function resolveCoba(o: CobaOptions = {}): CobaSettings {
  checkKnownKeys('coba', o, ['duration', 'dt', 'seed', 'method', 'keepSpikes']);
  return {
    duration: checkPositive('coba.duration', o.duration ?? COBA_DEFAULTS.duration),
    dt: checkPositive('coba.dt', o.dt ?? COBA_DEFAULTS.dt),
    seed: checkInteger('coba.seed', o.seed ?? COBA_DEFAULTS.seed, 0),
    method: checkOneOf('coba.method', o.method ?? COBA_DEFAULTS.method, ['exact', 'rk4'] as const),
    keepSpikes: checkInteger('coba.keepSpikes', o.keepSpikes ?? COBA_DEFAULTS.keepSpikes, 0),
  };
}

/** Builds the COBA network (no run). */
export function buildCoba(o: CobaOptions = {}): { net: Network; exc: Population; inh: Population; settings: CobaSettings } {
  const s = resolveCoba(o);
  const K = COBA_CONSTANTS;
  const draw = mulberry32(s.seed);
  const cell = { C: K.C, gL: K.gL, VL: K.EL, Vth: K.Vth, Vreset: K.Vreset, tauRef: K.tauRef, timing: 'grid' as const, method: s.method };
  const v0 = (n: number) => Float64Array.from({ length: n }, () => draw()); // uniform in [E_L, V_th) is v in [0, 1)
  const net = new Network();
  const exc = net.add(Population.physicalLif('exc', K.excitatory, cell, { init: { v: v0(K.excitatory) } }));
  const inh = net.add(Population.physicalLif('inh', K.size - K.excitatory, cell, { init: { v: v0(K.size - K.excitatory) } }));
  const kick = net.add(Population.poisson('kick', K.kick.sources, { rate: `${K.kick.rate} * (t < ${K.kick.duration})`, rateMax: K.kick.rate, seed: s.seed + 1 }));
  const excSyn = { tauS: K.tauE, E: K.EE, weight: perArea(K.wE_nS), delay: K.delay, allowSelf: true };
  const inhSyn = { tauS: K.tauI, E: K.EI, weight: perArea(K.wI_nS), delay: K.delay, allowSelf: true };
  for (const post of [exc, inh]) {
    net.connect(exc, post, { ...excSyn, p: K.p, rng: draw });
    net.connect(inh, post, { ...inhSyn, p: K.p, rng: draw });
    net.connect(kick, post, { tauS: K.tauE, E: K.EE, weight: perArea(K.kick.w_nS), delay: K.delay, p: K.kick.p, rng: draw });
  }
  return { net, exc, inh, settings: s };
}

/** Statistics of one population. */
export interface PopulationStats {
  spikes: number;
  meanRate: number;
  meanCv: number | null;
}

/** A COBA run: the benchmark's figures of merit, rates over time and a raster. */
export interface CobaResult {
  settings: CobaSettings;
  spikes: number;
  meanRate: number;
  meanCv: number | null;
  exc: PopulationStats;
  inh: PopulationStats;
  loopSeconds: number;
  /** CPU time of the loop, s, when {@link runCoba} was given a CPU clock (else null). */
  loopCpuSeconds: number | null;
  buildSeconds: number;
  neuronStepsPerSecond: number;
  synapticEvents: number;
  rate: { t: Float64Array; exc: Float64Array; inh: Float64Array };
  raster: { exc: { index: Int32Array; time: Float64Array }; inh: { index: Int32Array; time: Float64Array } };
}

/** Builds and runs COBA; `cpuClock` (CPU seconds, see RunOptions) makes the result report the loop's CPU time. */
export function runCoba(o: CobaOptions = {}, onProgress?: Progress, cpuClock?: () => number): CobaResult {
  const b0 = performance.now();
  const { net, exc, inh, settings: s } = buildCoba(o);
  const buildSeconds = (performance.now() - b0) / 1000;
  const rE = new SpikeRecorder(exc), rI = new SpikeRecorder(inh);
  const qE = new RateRecorder(exc, { bin: 0.001 }), qI = new RateRecorder(inh, { bin: 0.001 });
  const info: RunInfo = net.run(s.duration, s.dt, { recorders: [rE, rI, qE, qI], onProgress, cpuClock });
  const sE = spikeStatistics(rE.spikes, exc.size, s.duration), sI = spikeStatistics(rI.spikes, inh.size, s.duration);
  const all = spikeStatistics(mergeRasters(rE.spikes, rI.spikes, exc.size), exc.size + inh.size, s.duration);
  const pick = (x: typeof sE): PopulationStats => ({ spikes: x.spikes, meanRate: x.meanRate, meanCv: x.meanCv });
  const keep = (r: { index: Int32Array; time: Float64Array }, n: number) => ({ index: r.index.slice(0, n), time: r.time.slice(0, n) });
  const half = Math.floor(s.keepSpikes / 2);
  return {
    settings: s, spikes: all.spikes, meanRate: all.meanRate, meanCv: all.meanCv, exc: pick(sE), inh: pick(sI),
    loopSeconds: info.wallSeconds, loopCpuSeconds: info.cpuSeconds, buildSeconds,
    neuronStepsPerSecond: ((exc.size + inh.size) * info.steps) / info.wallSeconds,
    synapticEvents: info.synapticEvents,
    rate: { t: qE.t, exc: qE.rate, inh: qI.rate },
    raster: { exc: keep(rE.spikes, half), inh: keep(rI.spikes, s.keepSpikes - half) },
  };
}

/** One raster of two populations, the second's indices shifted by `offset`. */
function mergeRasters(a: { index: Int32Array; time: Float64Array }, b: { index: Int32Array; time: Float64Array }, offset: number) {
  const index = new Int32Array(a.index.length + b.index.length), time = new Float64Array(index.length);
  index.set(a.index);
  time.set(a.time);
  for (let k = 0; k < b.index.length; k++) {
    index[a.index.length + k] = b.index[k] + offset;
    time[a.index.length + k] = b.time[k];
  }
  return { index, time };
}

/** Raster and population rates of a COBA run. */
export function cobaFigures(r: CobaResult): Figure[] {
  const n = r.raster.exc.index.length;
  return [
    {
      title: 'COBA raster',
      data: [
        { type: 'scattergl', mode: 'markers', x: Array.from(r.raster.exc.time), y: Array.from(r.raster.exc.index), marker: { size: 2, color: '#1f77b4' }, name: 'excitatory' },
        { type: 'scattergl', mode: 'markers', x: Array.from(r.raster.inh.time), y: Array.from(r.raster.inh.index, (i) => i + COBA_CONSTANTS.excitatory), marker: { size: 2, color: '#d62728' }, name: 'inhibitory' },
      ],
      layout: layout(`COBA: ${r.spikes} spikes, ${r.meanRate.toFixed(2)} Hz, CV ${r.meanCv === null ? 'n/a' : r.meanCv.toFixed(3)}${n < r.exc.spikes ? ' (raster truncated)' : ''}`, 't (s)', 'neuron'),
    },
    {
      title: 'COBA population rates',
      data: [line(r.rate.t, r.rate.exc, 'excitatory (1 ms bins)'), line(r.rate.t, r.rate.inh, 'inhibitory (1 ms bins)')],
      layout: layout('COBA population rates', 't (s)', 'rate (Hz)'),
    },
  ];
}
