/**
 * A random excitatory/inhibitory network (CUBA- and COBA-like; notes §4.1, §5.1): an excitatory and an inhibitory
 * population, each ordered pair connected with probability p, exponential PSCs, a constant bias and random initial
 * potentials. The neurons are normalized or physical LIF, Hodgkin-Huxley, AdEx or Izhikevich; the synapses drive a
 * current (jumps wE ≥ 0 and wI ≤ 0 of the input per spike) or a conductance with a reversal potential (peak
 * conductances wE, wI ≥ 0 in nS). Each (model, synapse) starts from a preset that gives sustained asynchronous
 * irregular activity at the default size ({@link NETWORK_PRESETS} in networkPresets.ts, with the units of each):
 * - lif/current: normalized LIF, bias 3, jumps 0.2 / −4 v_in, τ 5 ms (precise timing; grid on request);
 * - lif/conductance: COBA's 0.2 nF LIF (grid timing), 4 nS / 51 nS, τ 5 / 10 ms, E 0 / −80 mV, bias 200 pA;
 * - hh/current: COBAHH's Traub-Miles cell, bias 200 pA, jumps 60 / −300 pA; hh/conductance: COBAHH itself (6 nS / 67 nS);
 * - adex/current and adex/conductance: Naud et al.'s tonic AdEx, 350 pA with 30 / −180 pA, or 500 pA with 4 / 51 nS;
 * - izhikevich/current: RS excitatory and FS inhibitory neurons (Izhikevich 2003), bias 15, jumps 1.5 / −14 mV/ms;
 *   no conductance synapses.
 * Returns the raster, population rates and a few membrane traces (in the model's units: v_in or mV).
 * @module
 */
import { isiCvs, meanFinite } from '../core/arrays.js';
import { ValidationError } from '../core/errors.js';
import { mulberry32 } from '../core/rng.js';
import type { Progress } from '../core/progress.js';
import { checkFinite, checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive, checkRange } from '../core/validate.js';
import { LIF_TIMINGS, type LifTiming } from '../neurons/lif.js';
import { Network } from '../network/network.js';
import { RateRecorder, SpikeRecorder, StateRecorder, StreamRecorder, type Recorder } from '../network/recorders.js';
import type { Population } from '../network/population.js';
import { layout, line, type Figure } from './figure.js';
import { checkMemory } from '../core/budget.js';
import {
  NETWORK_MODELS, NETWORK_SYNAPSES, networkCell, networkPreset, networkSynapse, networkUnits,
  type NetworkCell, type NetworkModel, type NetworkSynapse, type NetworkUnits,
} from './networkPresets.js';

export { NETWORK_MODELS, NETWORK_PRESETS, NETWORK_SYNAPSES, networkPreset, networkUnits } from './networkPresets.js';
export type { NetworkModel, NetworkPreset, NetworkSynapse, NetworkUnits } from './networkPresets.js';

/** Earlier model names still accepted: 'lif-current' is the LIF with grid timing. */
export const NETWORK_MODEL_ALIASES: Readonly<Record<string, { model: NetworkModel; timing: LifTiming }>> = { 'lif-current': { model: 'lif', timing: 'grid' } };

/** Options of {@link runNetwork}. Weights, bias, time constants and reversal potentials default to the preset of (model, synapse). */
export interface NetworkRunOptions {
  /** Neurons in all. @default 1000 */
  size?: number;
  /** Excitatory fraction. @default 0.8 */
  excitatoryFraction?: number;
  /** Connection probability. @default 0.08 */
  p?: number;
  /** Neuron model (or the alias 'lif-current': LIF with grid timing). @default 'lif' */
  model?: NetworkModel | 'lif-current';
  /** What synapses drive: a current or a conductance with a reversal potential. @default 'current' */
  synapse?: NetworkSynapse;
  /** LIF only: 'precise' (exact, off-grid spike times) or 'grid' (Brian2's); conductances need 'grid'. @default the preset's */
  timing?: LifTiming;
  /** Excitatory weight: current jump per spike (≥ 0; v_in, pA or mV/ms) or peak conductance (nS). @default the preset's */
  wE?: number;
  /** Inhibitory weight: current jump per spike (≤ 0) or peak conductance (nS, ≥ 0). @default the preset's */
  wI?: number;
  /** Constant input to every neuron (v_in, pA or mV/ms). @default the preset's */
  bias?: number;
  /** PSC time constant of excitatory synapses, s. @default the preset's */
  tauE?: number;
  /** PSC time constant of inhibitory synapses, s. @default the preset's */
  tauI?: number;
  /** Reversal potential of excitatory conductances, mV (conductance synapses only). @default the preset's */
  EE?: number;
  /** Reversal potential of inhibitory conductances, mV (conductance synapses only). @default the preset's */
  EI?: number;
  /** Transmission delay, s (a whole number of steps). @default 0 */
  delay?: number;
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

/** Resolved options: `timing` is null for models other than the LIF, E_E and E_I are NaN for current synapses. */
export interface NetworkSettings extends Required<Omit<NetworkRunOptions, 'model' | 'timing'>> {
  model: NetworkModel;
  timing: LifTiming | null;
}

/** The scenario's data. */
export interface NetworkRun {
  settings: NetworkSettings;
  /** Units of bias, weights and the traces. */
  units: NetworkUnits;
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
  /** Membrane potentials of a few excitatory neurons, in `units.vUnit` (v_in-normalized v for the normalized LIF, else mV). */
  traces: { t: Float64Array; v: Float64Array[]; neurons: number[] };
}

/** The resolved defaults of {@link runNetwork} (the sim's flags and the page's fields read them): the lif/current preset. */
export const NETWORK_DEFAULTS = Object.freeze({
  size: 1000, excitatoryFraction: 0.8, p: 0.08, model: 'lif' as NetworkModel, synapse: 'current' as NetworkSynapse,
  timing: 'precise' as LifTiming, wE: 0.2, wI: -4, bias: 3, tauE: 0.005, tauI: 0.005, delay: 0,
  duration: 1, dt: 1e-4, seed: 1, rasterLimit: 200000,
});

/** Validates options, filling defaults from the preset of (model, synapse). */
export function resolveNetwork(o: NetworkRunOptions = {}): NetworkSettings {
  checkKnownKeys('network', o, ['size', 'excitatoryFraction', 'p', 'model', 'synapse', 'timing', 'wE', 'wI', 'bias', 'tauE', 'tauI', 'EE', 'EI', 'delay', 'duration', 'dt', 'seed', 'rasterLimit']);
  const D = NETWORK_DEFAULTS;
  const alias = typeof o.model === 'string' && Object.prototype.hasOwnProperty.call(NETWORK_MODEL_ALIASES, o.model) ? NETWORK_MODEL_ALIASES[o.model] : null;
  const model = alias ? alias.model : checkOneOf('network.model', o.model ?? D.model, NETWORK_MODELS);
  const synapse = checkOneOf('network.synapse', o.synapse ?? D.synapse, NETWORK_SYNAPSES);
  const preset = networkPreset(model, synapse);
  let timing: LifTiming | null = preset.timing;
  const askedTiming = o.timing ?? alias?.timing;
  if (askedTiming !== undefined) {
    if (model !== 'lif') throw new ValidationError('network.timing', `applies to the LIF model only (got ${JSON.stringify(askedTiming)} with model '${model}', whose spikes are located inside the step)`);
    timing = checkOneOf('network.timing', askedTiming, LIF_TIMINGS);
    if (synapse === 'conductance' && timing !== 'grid') {
      throw new ValidationError('network.timing', `must be 'grid' with conductance synapses on the LIF (got '${timing}'; precise timing is for current synapses)`);
    }
  }
  const conductance = synapse === 'conductance';
  const wI = checkFinite('network.wI', o.wI ?? preset.wI);
  if (conductance ? wI < 0 : wI > 0) {
    throw new ValidationError('network.wI', conductance
      ? `is a peak conductance with conductance synapses and must be >= 0 (got ${wI}); inhibition comes from E_I = ${o.EI ?? preset.EI} mV`
      : `is a current jump per inhibitory spike and must be <= 0 (got ${wI})`);
  }
  for (const k of ['EE', 'EI'] as const) {
    if (!conductance && o[k] !== undefined) throw new ValidationError(`network.${k}`, `is a reversal potential and applies to conductance synapses only (got ${o[k]} with synapse 'current')`);
  }
  return {
    size: checkInteger('network.size', o.size ?? D.size, 2),
    excitatoryFraction: checkRange('network.excitatoryFraction', o.excitatoryFraction ?? D.excitatoryFraction, 0, 1),
    p: checkRange('network.p', o.p ?? D.p, 0, 1),
    model, synapse, timing,
    wE: checkNonNegative('network.wE', o.wE ?? preset.wE),
    wI,
    bias: checkFinite('network.bias', o.bias ?? preset.bias),
    tauE: checkPositive('network.tauE', o.tauE ?? preset.tauE),
    tauI: checkPositive('network.tauI', o.tauI ?? preset.tauI),
    EE: conductance ? checkFinite('network.EE', o.EE ?? preset.EE) : NaN,
    EI: conductance ? checkFinite('network.EI', o.EI ?? preset.EI) : NaN,
    delay: checkNonNegative('network.delay', o.delay ?? D.delay),
    duration: checkPositive('network.duration', o.duration ?? D.duration),
    dt: checkPositive('network.dt', o.dt ?? D.dt),
    seed: checkInteger('network.seed', o.seed ?? D.seed, 0),
    rasterLimit: checkInteger('network.rasterLimit', o.rasterLimit ?? D.rasterLimit, 0),
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

/** The E/I network as {@link buildNetwork} makes it, before any run. */
export interface BuiltNetwork {
  net: Network;
  exc: Population;
  inh: Population;
  settings: NetworkSettings;
  units: NetworkUnits;
  /** The excitatory cell's recorded state variable and how it maps to the shown potential. */
  shown: Pick<NetworkCell, 'variable' | 'toShown'>;
}

/**
 * Builds the E/I network (no run): populations 'exc' and 'inh', four random projections, random initial potentials.
 * `onBuild` follows the drawing of the connectivity (pairs drawn of size²).
 */
export function buildNetwork(o: NetworkRunOptions = {}, onBuild?: Progress): BuiltNetwork {
  const s = resolveNetwork(o);
  const units = networkUnits(s.model, s.synapse);
  const nE = Math.max(1, Math.min(s.size - 1, Math.round(s.size * s.excitatoryFraction)));
  const nI = s.size - nE;
  checkMemory('network.size', 80 * s.size, `${s.size} neurons, about 80 bytes each before synapses`, ['fewer neurons']);
  const init = mulberry32(s.seed);
  const net = new Network();
  const cellE = networkCell(s.model, s.synapse, s.timing, 'exc', nE, s.bias, init);
  const cellI = networkCell(s.model, s.synapse, s.timing, 'inh', nI, s.bias, init);
  const exc = net.add(cellE.population);
  const inh = net.add(cellI.population);
  // One mulberry32 stream for all four projections, as one (pre, post) matrix would be drawn.
  const rng = mulberry32(s.seed + 1000);
  let drawn = 0;
  const common = { p: s.p, rng, delay: s.delay, ...(onBuild && { onProgress: (d: number) => onBuild(drawn + d, s.size * s.size) }) };
  const fromE = networkSynapse(s.model, s.synapse, s.wE, s.tauE, s.EE, 'excitatory');
  const fromI = networkSynapse(s.model, s.synapse, s.wI, s.tauI, s.EI, 'inhibitory');
  for (const post of [exc, inh]) {
    net.connect(exc, post, { ...common, ...fromE });
    drawn += nE * post.size;
    net.connect(inh, post, { ...common, ...fromI });
    drawn += nI * post.size;
  }
  return { net, exc, inh, settings: s, units, shown: { variable: cellE.variable, toShown: cellE.toShown } };
}

/**
 * Builds and runs the E/I network. With `partials`, a {@link StreamRecorder} hands out what has been simulated so
 * far every `partials.every` seconds of wall time (copies: the recorders keep running); the final result is the same.
 */
export function runNetwork(o: NetworkRunOptions = {}, onProgress?: Progress, partials?: NetworkPartials): NetworkRun {
  const { net, exc, inh, settings: s, units, shown: cellE } = buildNetwork(o, partials?.onBuild);
  const nE = exc.size, nI = inh.size;
  const half = Math.floor(s.rasterLimit / 2);
  const rasterE = new SpikeRecorder(exc, { limit: half, overflow: 'thin' }), rasterI = new SpikeRecorder(inh, { limit: s.rasterLimit - half, overflow: 'thin' });
  const rateE = new RateRecorder(exc, { bin: 0.001 }), rateI = new RateRecorder(inh, { bin: 0.001 });
  const shown = [0, 1, 2].filter((i) => i < nE);
  // v every 0.1 ms, but at most ~200,000 samples per trace, so memory stays bounded on long runs.
  const every = Math.max(1, Math.round(1e-4 / s.dt), Math.ceil(s.duration / s.dt / 200_000));
  const vRec = new StateRecorder(exc, cellE.variable, { neurons: shown, every });
  const toShown = cellE.toShown;
  const shownV = (v: Float64Array) => (toShown ? v.map(toShown) : v);
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
      units,
      spikes: { exc: rasterE.total, inh: rasterI.total },
      meanRate: { exc: rasterE.total / (nE * t), inh: rasterI.total / (nI * t) },
      cv: NaN, synapses, synapticEvents: NaN, wallSeconds: NaN,
      raster: { exc: rasterE.spikes, inh: rasterI.spikes },
      rasterEvery: { exc: rasterE.every, inh: rasterI.every },
      rate: { t: cut(rateE.t, bins), exc: cut(rateE.rate, bins), inh: cut(rateI.rate, bins) },
      traces: { t: cut(vRec.t, samples), v: vRec.values.map((v) => shownV(cut(v, samples))), neurons: shown },
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

/**
 * Figures: raster (E and I, saying which neurons it shows), population rates, the membrane potential of a few
 * excitatory neurons (in the model's units).
 */
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
  const u = r.units;
  const axis = u.vUnit === 'mV' ? `${u.v} (mV)` : u.v;
  const thresholdNote = u.vUnit === 'mV' ? `${u.label}; ${u.thresholdName} ${u.threshold} mV` : `${u.thresholdName} ${u.threshold}`;
  const v: Figure = {
    title: 'Membrane potentials',
    data: r.traces.neurons.map((i, k) => line(r.traces.t, r.traces.v[k], `exc ${i}`)),
    layout: layout(`${u.v} of excitatory neurons (${thresholdNote})`, 't (s)', axis),
  };
  return [raster, rate, v];
}
