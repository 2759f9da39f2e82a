/**
 * The COBAHH benchmark (Brette et al. 2007, benchmark 3), as Brian2's examples/COBAHH.py: 4,000 Hodgkin-Huxley
 * neurons with Traub & Miles (1991) kinetics (V_T = −63 mV) on a 20,000 µm² membrane (1 µF/cm², g_L 0.05, g_Na 100,
 * g_K 30 mS/cm², E_L −60, E_Na 50, E_K −90 mV), the first 3,200 excitatory; each ordered pair connected with p = 0.02
 * (self-connections allowed, as Brian2's `connect(p=…)`), exponential conductances without delay (τ_e 5 ms, τ_i 10 ms,
 * E_e 0 mV, E_i −80 mV, jumps of 6 nS and 67 nS), a spike when V passes −20 mV with a 3 ms refractory period, dt 0.1 ms.
 * Initial state as the example: V = E_L + N(−5, 5) mV, g_e = N(40, 15) nS, g_i = N(200, 120) nS, and the gates at 0
 * (Brian2 starts every state variable it is not told about at zero). Per-area units: x nS on 2·10⁻⁴ cm² is x/200 mS/cm².
 * Integrator: exponential Euler (what Brian2 uses; stable at 0.1 ms) or RK4 (fourth order in V and the gates, with
 * the conductances held over each step; at 0.1 ms it is near its stability limit on the spike upstroke).
 * @module
 */
import { Rng } from '../core/rng.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkKnownKeys, checkOneOf, checkPositive } from '../core/validate.js';
import type { HhStepMethod } from '../neurons/hhStep.js';
import { Network, type RunInfo } from '../network/network.js';
import { Population } from '../network/population.js';
import { RateRecorder, SpikeRecorder } from '../network/recorders.js';
import { spikeStatistics } from '../network/statistics.js';
import { layout, line, rasterFigure, type Figure } from './figure.js';

/** The benchmark's constants (nS, mV, s as in the example). */
export const COBAHH_CONSTANTS = {
  size: 4000, excitatory: 3200, p: 0.02, areaCm2: 2e-4, EL: -60, tauE: 0.005, tauI: 0.01, EE: 0, EI: -80,
  wE_nS: 6, wI_nS: 67, threshold: -20, refractory: 0.003,
} as const;

/** nS on the benchmark's membrane → mS/cm². */
const perArea = (nS: number) => (nS * 1e-6) / COBAHH_CONSTANTS.areaCm2;

/** Options of {@link runCobahh}. */
export interface CobahhOptions {
  /** Simulated time, s. @default 1 */
  duration?: number;
  /** Time step, s. @default 1e-4 */
  dt?: number;
  /** Seed of connectivity and initial state. @default 1 */
  seed?: number;
  /** 'exponential-euler' (as Brian2) or 'rk4'. @default 'exponential-euler' */
  method?: Extract<HhStepMethod, 'exponential-euler' | 'rk4'>;
  /** Keep spike times of at most this many spikes for the raster (statistics use all). @default 2e6 */
  keepSpikes?: number;
}

/** Resolved {@link CobahhOptions}. */
export type CobahhSettings = Required<CobahhOptions>;

/** The scenario's defaults. */
export const COBAHH_DEFAULTS: CobahhSettings = { duration: 1, dt: 1e-4, seed: 1, method: 'exponential-euler', keepSpikes: 2e6 };

/** Validates COBAHH options, filling the defaults. */
export function resolveCobahh(o: CobahhOptions = {}): CobahhSettings {
  checkKnownKeys('cobahh', o, ['duration', 'dt', 'seed', 'method', 'keepSpikes']);
  return {
    duration: checkPositive('cobahh.duration', o.duration ?? COBAHH_DEFAULTS.duration),
    dt: checkPositive('cobahh.dt', o.dt ?? COBAHH_DEFAULTS.dt),
    seed: checkInteger('cobahh.seed', o.seed ?? COBAHH_DEFAULTS.seed, 0),
    method: checkOneOf('cobahh.method', o.method ?? COBAHH_DEFAULTS.method, ['exponential-euler', 'rk4'] as const),
    keepSpikes: checkInteger('cobahh.keepSpikes', o.keepSpikes ?? COBAHH_DEFAULTS.keepSpikes, 0),
  };
}

/** Builds the COBAHH network (no run) with the example's initial state. */
export function buildCobahh(o: CobahhOptions = {}): { net: Network; exc: Population; inh: Population; settings: CobahhSettings } {
  const s = resolveCobahh(o);
  const K = COBAHH_CONSTANTS;
  const rng = new Rng(s.seed);
  // Spikes at the end of their step, as Brian2 reports them (its synapses then act in full from the next step).
  const cell = { kinetics: 'traub-miles' as const, method: s.method, threshold: K.threshold, refractory: K.refractory, timing: 'grid' as const };
  const init = (n: number) => ({
    V: Float64Array.from({ length: n }, () => K.EL + rng.normal(-5, 5)),
    m: 0, h: 0, n: 0,
  });
  const net = new Network();
  const exc = net.add(Population.hh('exc', K.excitatory, cell, { init: init(K.excitatory) }));
  const inh = net.add(Population.hh('inh', K.size - K.excitatory, cell, { init: init(K.size - K.excitatory) }));
  const draw = () => rng.random();
  for (const post of [exc, inh]) {
    const ce = net.connect(exc, post, { p: K.p, rng: draw, allowSelf: true, weight: perArea(K.wE_nS), tauS: K.tauE, E: K.EE });
    const ci = net.connect(inh, post, { p: K.p, rng: draw, allowSelf: true, weight: perArea(K.wI_nS), tauS: K.tauI, E: K.EI });
    // The example's initial conductances: g_e = N(40, 15) nS, g_i = N(200, 120) nS (negative draws kept, as Brian2 does).
    const ge = net.groupFor(ce)!.target, gi = net.groupFor(ci)!.target;
    for (let j = 0; j < post.size; j++) ge[j] = perArea(rng.normal(40, 15));
    for (let j = 0; j < post.size; j++) gi[j] = perArea(rng.normal(200, 120));
  }
  return { net, exc, inh, settings: s };
}

/** Statistics of one population. */
export interface PopulationStats {
  spikes: number;
  meanRate: number;
  meanCv: number | null;
}

/** A COBAHH run: the benchmark's figures of merit, rates over time and a raster. */
export interface CobahhResult {
  settings: CobahhSettings;
  spikes: number;
  meanRate: number;
  meanCv: number | null;
  exc: PopulationStats;
  inh: PopulationStats;
  loopSeconds: number;
  /** CPU time of the loop, s, when {@link runCobahh} was given a CPU clock (else null). */
  loopCpuSeconds: number | null;
  buildSeconds: number;
  neuronStepsPerSecond: number;
  synapticEvents: number;
  rate: { t: Float64Array; exc: Float64Array; inh: Float64Array };
  raster: { exc: { index: Int32Array; time: Float64Array }; inh: { index: Int32Array; time: Float64Array } };
}

/** Builds and runs COBAHH; `cpuClock` (CPU seconds, see RunOptions) makes the result report the loop's CPU time. */
export function runCobahh(o: CobahhOptions = {}, onProgress?: Progress, cpuClock?: () => number): CobahhResult {
  const b0 = performance.now();
  const { net, exc, inh, settings: s } = buildCobahh(o);
  const buildSeconds = (performance.now() - b0) / 1000;
  const rE = new SpikeRecorder(exc), rI = new SpikeRecorder(inh);
  const qE = new RateRecorder(exc, { bin: 0.001 }), qI = new RateRecorder(inh, { bin: 0.001 });
  const info: RunInfo = net.run(s.duration, s.dt, { recorders: [rE, rI, qE, qI], onProgress, cpuClock });
  const N = exc.size + inh.size;
  const sE = spikeStatistics(rE.spikes, exc.size, s.duration), sI = spikeStatistics(rI.spikes, inh.size, s.duration);
  const merged = { index: Int32Array.from([...rE.spikes.index, ...Array.from(rI.spikes.index, (i) => i + exc.size)]), time: Float64Array.from([...rE.spikes.time, ...rI.spikes.time]) };
  const all = spikeStatistics(merged, N, s.duration);
  const pick = (x: typeof sE): PopulationStats => ({ spikes: x.spikes, meanRate: x.meanRate, meanCv: x.meanCv });
  const half = Math.floor(s.keepSpikes / 2);
  const keep = (r: { index: Int32Array; time: Float64Array }, n: number) => ({ index: r.index.slice(0, n), time: r.time.slice(0, n) });
  return {
    settings: s, spikes: all.spikes, meanRate: all.meanRate, meanCv: all.meanCv, exc: pick(sE), inh: pick(sI),
    loopSeconds: info.wallSeconds, loopCpuSeconds: info.cpuSeconds, buildSeconds, neuronStepsPerSecond: (N * info.steps) / info.wallSeconds, synapticEvents: info.synapticEvents,
    rate: { t: qE.t, exc: qE.rate, inh: qI.rate },
    raster: { exc: keep(rE.spikes, half), inh: keep(rI.spikes, s.keepSpikes - half) },
  };
}

/** Raster and population rates of a COBAHH run. */
export function cobahhFigures(r: CobahhResult): Figure[] {
  const raster = rasterFigure({ excitatory: r.raster.exc, inhibitory: r.raster.inh },
    `COBAHH: ${r.spikes} spikes, ${r.meanRate.toFixed(2)} Hz, CV ${r.meanCv === null ? 'n/a' : r.meanCv.toFixed(3)}`,
    { excitatory: COBAHH_CONSTANTS.excitatory, inhibitory: COBAHH_CONSTANTS.size - COBAHH_CONSTANTS.excitatory });
  return [
    raster,
    { title: 'COBAHH population rates', data: [line(r.rate.t, r.rate.exc, 'excitatory (1 ms bins)'), line(r.rate.t, r.rate.inh, 'inhibitory (1 ms bins)')], layout: layout('COBAHH population rates', 't (s)', 'rate (Hz)') },
  ];
}
