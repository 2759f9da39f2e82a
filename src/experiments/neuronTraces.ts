/**
 * Single-neuron scenarios (HH and LIF traces) as plain data and figures, shared by `sims/hh.ts`, `sims/lif.ts`
 * and the web app's panels.
 * @module
 */
import { rateFromSpikes } from '../core/arrays.js';
import type { Signal } from '../core/formula.js';
import type { Progress } from '../core/progress.js';
import { checkKnownKeys } from '../core/validate.js';
import { HH_TEMPERATURE, HodgkinHuxley, type HhMethod, type HhTrace, type HodgkinHuxleyOptions } from '../neurons/hodgkinHuxley.js';
import { LIF, resolveLif, type LifMethod, type LifTrace } from '../neurons/lif.js';
import { layout, line, plain, type Figure } from './figure.js';

/** Options of {@link runHh}. */
export interface HhRunOptions {
  /** µA/cm²: number, function of t (s) or formula in t. @default 10 */
  current?: Signal;
  /** s. @default 0.2 */
  duration?: number;
  /** s. @default 1e-5 */
  dt?: number;
  /** @default 'rk4' */
  method?: HhMethod;
  /** Neuron parameters (NEURON's hh defaults otherwise), including temperature. */
  neuron?: HodgkinHuxleyOptions;
  /** RK45 tolerance. @default 1e-6 */
  rtol?: number;
  /** Keep every k-th sample. @default 1 */
  recordEvery?: number;
}

/**
 * The resolved defaults of {@link runHh}; `temperature` is the model's (NEURON's hh at 6.3 °C), shown here so that
 * the sim's flags and the page's fields start from the same values.
 */
export const HH_RUN_DEFAULTS = Object.freeze({
  current: 10, duration: 0.2, dt: 1e-5, method: 'rk4' as HhMethod, rtol: 1e-6, recordEvery: 1,
  temperature: HH_TEMPERATURE,
});

/** An HH run with its summary numbers. */
export interface HhRun {
  settings: Required<Omit<HhRunOptions, 'current' | 'neuron'>> & { current: string | number; neuron: HodgkinHuxleyOptions };
  trace: HhTrace;
  /** Rate (Hz) from the inter-spike intervals; 0 with fewer than 2 spikes. */
  rate: number;
  /** Wall time of the simulation, ms. */
  wallMs: number;
}

/** Simulates one HH neuron. */
export function runHh(o: HhRunOptions = {}, onProgress?: Progress): HhRun {
  checkKnownKeys('hh', o, ['current', 'duration', 'dt', 'method', 'neuron', 'rtol', 'recordEvery']);
  const D = HH_RUN_DEFAULTS;
  const settings = {
    current: o.current ?? D.current, duration: o.duration ?? D.duration, dt: o.dt ?? D.dt, method: o.method ?? D.method,
    neuron: o.neuron ?? {}, rtol: o.rtol ?? D.rtol, recordEvery: o.recordEvery ?? D.recordEvery,
  };
  const hh = new HodgkinHuxley(settings.neuron);
  const t0 = performance.now();
  const trace = hh.simulate({
    current: settings.current, duration: settings.duration, dt: settings.dt, method: settings.method,
    rtol: settings.rtol, recordEvery: settings.recordEvery, onProgress,
  });
  const wallMs = performance.now() - t0;
  const current = typeof settings.current === 'function' ? 'function' : settings.current;
  return { settings: { ...settings, current }, trace, rate: rateFromSpikes(trace.spikes), wallMs };
}

/** Figures for an HH run: V(t) with spikes marked; the gates; the ionic currents. */
export function hhFigures(run: HhRun, compare?: { name: string; trace: HhTrace }): Figure[] {
  const tr = run.trace;
  const tMs = Array.from(tr.t, (x) => x * 1e3);
  const spikeMs = Array.from(tr.spikes, (x) => x * 1e3);
  const vData = [
    line(tMs, tr.V, `V (${run.settings.method})`),
    { type: 'scatter', mode: 'markers', x: spikeMs, y: spikeMs.map(() => 0), name: 'spikes (0 mV crossings)', marker: { symbol: 'triangle-up', size: 8, color: '#d62728' } },
  ];
  if (compare) vData.splice(1, 0, line(Array.from(compare.trace.t, (x) => x * 1e3), compare.trace.V, `V (${compare.name})`, { line: { dash: 'dot' } }));
  return [
    { title: 'Membrane potential', data: vData, layout: layout(`Hodgkin-Huxley: ${spikeMs.length} spikes, ${run.rate.toFixed(1)} Hz`, 't (ms)', 'V (mV)') },
    { title: 'Gating variables', data: [line(tMs, tr.m, 'm'), line(tMs, tr.h, 'h'), line(tMs, tr.n, 'n')], layout: layout('Gates', 't (ms)', 'open fraction (1)') },
    { title: 'Ionic currents', data: [line(tMs, tr.INa, 'I_Na'), line(tMs, tr.IK, 'I_K'), line(tMs, tr.IL, 'I_L')], layout: layout('Ionic currents (outward positive)', 't (ms)', 'I (µA/cm²)') },
  ];
}

/** Options of {@link runLif}. */
export interface LifRunOptions {
  /** v_in (threshold 1): number, function of t or formula. @default 1.5 */
  input?: Signal;
  /** s. @default 0.2 */
  duration?: number;
  /** s. @default 1e-4 */
  dt?: number;
  /** @default 'exact' */
  method?: LifMethod;
  /** s. @default 0.02 */
  tauM?: number;
  /** s. @default 0.002 */
  tauRef?: number;
}

/** The resolved defaults of {@link runLif} (τ_m and τ_ref are the model's: the normalized LIF's 20 ms and 2 ms). */
export const LIF_RUN_DEFAULTS = Object.freeze({
  input: 1.5, duration: 0.2, dt: 1e-4, method: 'exact' as LifMethod, tauM: resolveLif().tauM, tauRef: resolveLif().tauRef,
});

/** An LIF run with its measured and analytic rates. */
export interface LifRun {
  settings: Required<Omit<LifRunOptions, 'input'>> & { input: string | number };
  trace: LifTrace;
  /** Rate from the inter-spike intervals (Hz). */
  rate: number;
  /** G(v_in) for a constant input (Hz); NaN when the input varies in time. */
  analyticRate: number;
  /** Refractory intervals [start, end] (s) after each spike. */
  refractory: [number, number][];
}

/** Simulates one normalized LIF neuron. */
export function runLif(o: LifRunOptions = {}): LifRun {
  checkKnownKeys('lif', o, ['input', 'duration', 'dt', 'method', 'tauM', 'tauRef']);
  const D = LIF_RUN_DEFAULTS;
  const settings = {
    input: o.input ?? D.input, duration: o.duration ?? D.duration, dt: o.dt ?? D.dt, method: o.method ?? D.method,
    tauM: o.tauM ?? D.tauM, tauRef: o.tauRef ?? D.tauRef,
  };
  const neuron = new LIF({ tauM: settings.tauM, tauRef: settings.tauRef, method: settings.method });
  const trace = neuron.simulate({ input: settings.input, duration: settings.duration, dt: settings.dt });
  const constant = typeof settings.input === 'number' ? settings.input
    : typeof settings.input === 'string' && /^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(settings.input) ? Number(settings.input) : NaN;
  const analyticRate = Number.isNaN(constant) ? NaN : neuron.rate(constant);
  const refractory = Array.from(trace.spikes, (s): [number, number] => [s, s + settings.tauRef]);
  const input = typeof settings.input === 'function' ? 'function' : settings.input;
  return { settings: { ...settings, input }, trace, rate: rateFromSpikes(trace.spikes), analyticRate, refractory };
}

/** Figure for an LIF run: v(t), threshold, reset, spikes and shaded refractory periods. */
export function lifFigures(run: LifRun): Figure[] {
  const tr = run.trace;
  const tMs = plain(tr.t).map((x) => x * 1e3);
  const spikeMs = plain(tr.spikes).map((x) => x * 1e3);
  const T = run.settings.duration * 1e3;
  const shapes = run.refractory.map(([a, b]) => ({
    type: 'rect', xref: 'x', yref: 'paper', x0: a * 1e3, x1: Math.min(b * 1e3, T), y0: 0, y1: 1,
    fillcolor: 'rgba(150,150,150,0.25)', line: { width: 0 }, layer: 'below',
  }));
  const title = `LIF: ${run.rate.toFixed(2)} Hz measured` + (Number.isNaN(run.analyticRate) ? '' : `, G(v_in) = ${run.analyticRate.toFixed(2)} Hz`);
  return [{
    title: 'LIF membrane potential',
    data: [
      line(tMs, tr.v, `v (${run.settings.method})`),
      line([0, T], [1, 1], 'threshold (1)', { line: { dash: 'dash', color: '#d62728' } }),
      line([0, T], [0, 0], 'reset (0)', { line: { dash: 'dot', color: '#7f7f7f' } }),
      { type: 'scatter', mode: 'markers', x: spikeMs, y: spikeMs.map(() => 1), name: 'spikes', marker: { symbol: 'triangle-up', size: 9, color: '#d62728' } },
      { type: 'scatter', mode: 'lines', x: [NaN], y: [NaN], name: 'refractory (shaded)', line: { color: 'rgba(150,150,150,0.6)', width: 8 } },
    ],
    layout: layout(title, 't (ms)', 'v (threshold = 1)', { shapes }),
  }];
}
