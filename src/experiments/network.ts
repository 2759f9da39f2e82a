/**
 * A random excitatory/inhibitory LIF network (CUBA-like; notes §4.1, §5.1): an excitatory and an inhibitory
 * population, each pair connected with probability p, current jumps wE > 0 from excitatory and wI < 0 from
 * inhibitory neurons (weights wE·τ_s and wI·τ_s in the notes' ∫h = 1 convention), exponential PSCs, a bias μ
 * above threshold and random initial potentials. Returns the raster, population rates and a few v traces.
 * @module
 */
import { isiCvs, meanFinite } from '../core/arrays.js';
import { mulberry32 } from '../core/rng.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive, checkRange, checkFinite } from '../core/validate.js';
import { Network } from '../network/network.js';
import { Population } from '../network/population.js';
import { RateRecorder, SpikeRecorder, StateRecorder, StreamRecorder, type Recorder } from '../network/recorders.js';
import { layout, line, type Figure } from './figure.js';
import { checkMemory } from '../core/budget.js';

/** Neuron models the scenario can use. */
export const NETWORK_MODELS = ['lif', 'lif-current'] as const;

/** Options of {@link runNetwork}. */
export interface NetworkRunOptions {
  /** Neurons in all. @default 1000 */
  size?: number;
  /** Excitatory fraction. @default 0.8 */
  excitatoryFraction?: number;
  /** Connection probability. @default 0.08 */
  p?: number;
  /** Current jump per excitatory spike (v_in units). @default 0.1 */
  wE?: number;
  /** Current jump per inhibitory spike (negative). @default -0.7 */
  wI?: number;
  /** Bias μ. @default 1.1 */
  bias?: number;
  /** PSC τ_s, s. @default 0.005 */
  tauS?: number;
  /** Transmission delay, s (a whole number of steps). @default 0 */
  delay?: number;
  /** 'lif' (normalized LIF, input held over the step, in-step spike times) or 'lif-current' (exact current coupling). @default 'lif' */
  model?: (typeof NETWORK_MODELS)[number];
  /** s. @default 1 */
  duration?: number;
  /** s. @default 1e-4 */
  dt?: number;
  /** Seed of connectivity and initial state. @default 1 */
  seed?: number;
  /**
   * Keep at most this many spikes for the raster; beyond, every other neuron is dropped from it until it fits, so the
   * raster stays a uniform sample of the whole run (`rasterEvery`). @default 200000
   */
  rasterLimit?: number;
}

/** The scenario's data. */
export interface NetworkRun {
  settings: Required<NetworkRunOptions>;
  spikes: { exc: number; inh: number };
  meanRate: { exc: number; inh: number };
  /** Mean coefficient of variation of inter-spike intervals (neurons with ≥ 3 spikes). */
  cv: number;
  synapses: number;
  synapticEvents: number;
  wallSeconds: number;
  raster: { exc: { index: Int32Array; time: Float64Array }; inh: { index: Int32Array; time: Float64Array } };
  /** The raster holds the complete spike trains of every k-th neuron of each population (1: all; see `rasterLimit`). */
  rasterEvery: { exc: number; inh: number };
  rate: { t: Float64Array; exc: Float64Array; inh: Float64Array };
  traces: { t: Float64Array; v: Float64Array[]; neurons: number[] };
}

/** The resolved defaults of {@link runNetwork} (the sim's flags and the page's fields read them). */
export const NETWORK_DEFAULTS = Object.freeze({
  size: 1000, excitatoryFraction: 0.8, p: 0.08, wE: 0.1, wI: -0.7, bias: 1.1, tauS: 0.005, delay: 0, model: 'lif',
  duration: 1, dt: 1e-4, seed: 1, rasterLimit: 200000,
});

/** Validates options, filling defaults. */
export function resolveNetwork(o: NetworkRunOptions = {}): Required<NetworkRunOptions> {
  checkKnownKeys('network', o, ['size', 'excitatoryFraction', 'p', 'wE', 'wI', 'bias', 'tauS', 'delay', 'model', 'duration', 'dt', 'seed', 'rasterLimit']);
  return {
    size: checkInteger('network.size', o.size ?? NETWORK_DEFAULTS.size, 2),
    excitatoryFraction: checkRange('network.excitatoryFraction', o.excitatoryFraction ?? NETWORK_DEFAULTS.excitatoryFraction, 0, 1),
    p: checkRange('network.p', o.p ?? NETWORK_DEFAULTS.p, 0, 1),
    wE: checkNonNegative('network.wE', o.wE ?? NETWORK_DEFAULTS.wE),
    wI: checkRange('network.wI', o.wI ?? NETWORK_DEFAULTS.wI, -1e6, 0),
    bias: checkFinite('network.bias', o.bias ?? NETWORK_DEFAULTS.bias),
    tauS: checkPositive('network.tauS', o.tauS ?? NETWORK_DEFAULTS.tauS),
    delay: checkNonNegative('network.delay', o.delay ?? NETWORK_DEFAULTS.delay),
    model: checkOneOf('network.model', o.model ?? NETWORK_DEFAULTS.model, NETWORK_MODELS),
    duration: checkPositive('network.duration', o.duration ?? NETWORK_DEFAULTS.duration),
    dt: checkPositive('network.dt', o.dt ?? NETWORK_DEFAULTS.dt),
    seed: checkInteger('network.seed', o.seed ?? NETWORK_DEFAULTS.seed, 0),
    rasterLimit: checkInteger('network.rasterLimit', o.rasterLimit ?? NETWORK_DEFAULTS.rasterLimit, 0),
  };
}

/** Streaming of partial results while the network runs (the web app's network panel). */
export interface NetworkPartials {
  /** Called with the results so far and the fraction simulated. */
  onPartial: (partial: NetworkRun, fraction: number) => void;
  /** Wall-clock seconds between partial results. @default 0.25 */
  every?: number;
  /** Progress of drawing the connectivity, before the first step: pairs drawn of size². */
  onBuild?: Progress;
}

/**
 * Builds the E/I network (no run): populations 'exc' and 'inh', four random projections, random v(0). `onBuild`
 * follows the drawing of the connectivity (pairs drawn of size²).
 */
export function buildNetwork(o: NetworkRunOptions = {}, onBuild?: Progress): { net: Network; exc: Population; inh: Population; settings: Required<NetworkRunOptions> } {
  const s = resolveNetwork(o);
  const nE = Math.max(1, Math.min(s.size - 1, Math.round(s.size * s.excitatoryFraction)));
  const nI = s.size - nE;
  checkMemory('network.size', 80 * s.size, `${s.size} neurons, about 80 bytes each before synapses`, ['fewer neurons']);
  const init = mulberry32(s.seed);
  const v0 = (n: number) => Float64Array.from({ length: n }, () => init());
  const net = new Network();
  const make = (name: string, n: number) =>
    Population.lif(name, n, { tauM: 0.02, tauRef: 0.002, timing: s.model === 'lif' ? 'precise' : 'grid' }, { bias: s.bias, init: { v: v0(n) } });
  const exc = net.add(make('exc', nE));
  const inh = net.add(make('inh', nI));
  // One mulberry32 stream for all four projections, as one (pre, post) matrix would be drawn.
  const rng = mulberry32(s.seed + 1000);
  let drawn = 0;
  const common = { p: s.p, rng, tauS: s.tauS, n: 0, delay: s.delay, ...(onBuild && { onProgress: (d: number) => onBuild(drawn + d, s.size * s.size) }) };
  const wE = s.wE * s.tauS, wI = Math.abs(s.wI) * s.tauS;
  for (const post of [exc, inh]) {
    net.connect(exc, post, { ...common, weight: wE, sign: 'excitatory' });
    drawn += nE * post.size;
    net.connect(inh, post, { ...common, weight: wI, sign: 'inhibitory' });
    drawn += nI * post.size;
  }
  return { net, exc, inh, settings: s };
}

/**
 * Builds and runs the E/I network. With `partials`, a {@link StreamRecorder} hands out what has been simulated so
 * far every `partials.every` seconds of wall time (copies: the recorders keep running); the final result is the same.
 */
export function runNetwork(o: NetworkRunOptions = {}, onProgress?: Progress, partials?: NetworkPartials): NetworkRun {
  const { net, exc, inh, settings: s } = buildNetwork(o, partials?.onBuild);
  const nE = exc.size, nI = inh.size;
  const half = Math.floor(s.rasterLimit / 2);
  const rasterE = new SpikeRecorder(exc, { limit: half, overflow: 'thin' }), rasterI = new SpikeRecorder(inh, { limit: s.rasterLimit - half, overflow: 'thin' });
  const rateE = new RateRecorder(exc, { bin: 0.001 }), rateI = new RateRecorder(inh, { bin: 0.001 });
  const shown = [0, 1, 2].filter((i) => i < nE);
  // v every 0.1 ms, but at most ~200,000 samples per trace, so memory stays bounded on long runs.
  const every = Math.max(1, Math.round(1e-4 / s.dt), Math.ceil(s.duration / s.dt / 200_000));
  const vRec = new StateRecorder(exc, 'v', { neurons: shown, every });
  const synapses = net.connections.reduce((a, c) => a + c.synapses, 0);
  const steps = Math.round(s.duration / s.dt);
  const binSteps = Math.max(1, Math.round(0.001 / s.dt));
  const recorders: Recorder[] = [rasterE, rasterI, rateE, rateI, vRec];

  /** What has been simulated after `done` steps. */
  const snapshot = (done: number, copy: boolean): NetworkRun => {
    const t = done * s.dt;
    const bins = Math.floor(done / binSteps), samples = Math.floor(done / every) + 1;
    const cut = (a: Float64Array, n: number) => (copy ? a.slice(0, n) : a);
    return {
      settings: s,
      spikes: { exc: rasterE.total, inh: rasterI.total },
      meanRate: { exc: rasterE.total / (nE * t), inh: rasterI.total / (nI * t) },
      cv: NaN, synapses, synapticEvents: NaN, wallSeconds: NaN,
      raster: { exc: rasterE.spikes, inh: rasterI.spikes },
      rasterEvery: { exc: rasterE.every, inh: rasterI.every },
      rate: { t: cut(rateE.t, bins), exc: cut(rateE.rate, bins), inh: cut(rateI.rate, bins) },
      traces: { t: cut(vRec.t, samples), v: vRec.values.map((v) => cut(v, samples)), neurons: shown },
    };
  };
  if (partials) {
    const wait = (partials.every ?? 0.25) * 1000;
    let last = performance.now();
    // Checked every ~1 ms of simulated time (cheap); a partial goes out when `every` s of wall time have passed.
    recorders.push(new StreamRecorder((t) => {
      const now = performance.now();
      if (now - last < wait) return;
      last = now;
      const done = Math.round(t / s.dt);
      if (done < steps) partials.onPartial(snapshot(done, true), done / steps);
    }, { every: binSteps }));
  }
  const info = net.run(s.duration, s.dt, { recorders, onProgress });
  return { ...snapshot(steps, false), cv: meanCv([rasterE, rasterI]), synapticEvents: info.synapticEvents, wallSeconds: info.wallSeconds };
}

/** Mean CV of inter-spike intervals over the neurons of both populations with at least 3 spikes. */
function meanCv(recs: SpikeRecorder[]): number {
  const cvs = recs.flatMap((r) => Array.from(isiCvs(r.spikes.index, r.spikes.time, r.pop.size)));
  return meanFinite(cvs);
}

const ordinal = (k: number) => `${k}${k % 100 >= 11 && k % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][k % 10] ?? 'th'}`;

/** What part of the population a raster shows, e.g. ' (every 8th neuron shown)' ('' for all of it). */
function rasterSubset({ exc, inh }: NetworkRun['rasterEvery']): string {
  if (exc === 1 && inh === 1) return '';
  if (exc === inh) return ` (every ${ordinal(exc)} neuron shown)`;
  return ` (${exc === 1 ? 'all' : `every ${ordinal(exc)}`} excitatory, ${inh === 1 ? 'all' : `every ${ordinal(inh)}`} inhibitory neuron${inh === 1 ? 's' : ''} shown)`;
}

/** Figures: raster (E and I, saying which neurons it shows), population rates, v of a few excitatory neurons. */
export function networkFigures(r: NetworkRun): Figure[] {
  const nE = Math.round(r.settings.size * r.settings.excitatoryFraction);
  const raster: Figure = {
    title: 'Raster',
    data: [
      { type: 'scattergl', mode: 'markers', x: Array.from(r.raster.exc.time), y: Array.from(r.raster.exc.index), name: 'excitatory', marker: { size: 2, color: '#1f77b4' } },
      { type: 'scattergl', mode: 'markers', x: Array.from(r.raster.inh.time), y: Array.from(r.raster.inh.index, (i) => i + nE), name: 'inhibitory', marker: { size: 2, color: '#d62728' } },
    ],
    layout: layout(`Raster: ${r.spikes.exc + r.spikes.inh} spikes${rasterSubset(r.rasterEvery)}`, 't (s)', 'neuron'),
  };
  const rate: Figure = {
    title: 'Population rate',
    data: [line(r.rate.t, r.rate.exc, 'excitatory'), line(r.rate.t, r.rate.inh, 'inhibitory')],
    layout: layout('Population rate (1 ms bins)', 't (s)', 'rate (Hz)'),
  };
  const v: Figure = {
    title: 'Membrane potentials',
    data: r.traces.neurons.map((i, k) => line(r.traces.t, r.traces.v[k], `exc ${i}`)),
    layout: layout('v of excitatory neurons (threshold 1)', 't (s)', 'v'),
  };
  return [raster, rate, v];
}
