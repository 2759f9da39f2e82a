/**
 * Firing patterns of the AdEx (Naud et al. 2008; Brette & Gerstner 2005) and Izhikevich (2003) neurons: a named
 * parameter set with its stimulus, run and returned as plain data with figures (V with the spikes drawn to the cut,
 * the adaptation variable beside the current, the (V, w) phase plane with the nullclines). Shared by `sims/adex.ts`,
 * `sims/izhikevich.ts` and the web app.
 * @module
 */
import { rateFromSpikes, minMax } from '../core/arrays.js';
import { checkKnownKeys, checkOneOf } from '../core/validate.js';
import { adaptiveIfNullclines } from '../neurons/adaptiveIf.js';
import { ADEX_PATTERNS, ADEX_PATTERN_NAMES, AdEx, type AdExParamsOptions } from '../neurons/adex.js';
import { IZHIKEVICH_PATTERNS, IZHIKEVICH_PATTERN_NAMES, Izhikevich, type IzhikevichParamsOptions } from '../neurons/izhikevich.js';
import { resolveCurrent, type Current } from '../neurons/singleNeuron.js';
import { layout, line, plain, type Figure } from './figure.js';

/** The reset models with named firing patterns. */
export type ResetModel = 'adex' | 'izhikevich';
/** All reset models. */
export const RESET_MODELS: readonly ResetModel[] = ['adex', 'izhikevich'];

/** Units and variable names of a reset model. */
export interface ResetModelInfo {
  readonly label: string;
  /** Names of V and the adaptation variable as the model writes them. */
  readonly names: readonly [string, string];
  readonly units: { readonly V: string; readonly w: string; readonly I: string };
  readonly defaultPattern: string;
}

/** Names and units of each model. */
export const RESET_MODEL_INFO: Readonly<Record<ResetModel, ResetModelInfo>> = {
  adex: { label: 'AdEx', names: ['V', 'w'], units: { V: 'mV', w: 'pA', I: 'pA' }, defaultPattern: 'tonic' },
  izhikevich: { label: 'Izhikevich', names: ['v', 'u'], units: { V: 'mV', w: 'mV/ms', I: 'mV/ms' }, defaultPattern: 'regular-spiking' },
};

/** One entry of {@link listFiringPatterns}. */
export interface FiringPatternEntry {
  model: ResetModel;
  name: string;
  description: string;
  /** s. */
  duration: number;
  /** The stimulus as [t (s), I] steps. */
  current: [number, number][];
}

/** Every named pattern of both models (what a picker lists). */
export function listFiringPatterns(): FiringPatternEntry[] {
  const steps = (c: { steps: readonly (readonly [number, number])[] }) => c.steps.map(([t, I]): [number, number] => [t, I]);
  return [
    ...ADEX_PATTERN_NAMES.map((name) => ({ model: 'adex' as const, name, description: ADEX_PATTERNS[name].description, duration: ADEX_PATTERNS[name].duration, current: steps(ADEX_PATTERNS[name].current) })),
    ...IZHIKEVICH_PATTERN_NAMES.map((name) => ({ model: 'izhikevich' as const, name, description: IZHIKEVICH_PATTERNS[name].description, duration: IZHIKEVICH_PATTERNS[name].duration, current: steps(IZHIKEVICH_PATTERNS[name].current) })),
  ];
}

/** The neuron of a model and pattern, with parameter overrides. */
export function resetNeuron(model: ResetModel, pattern?: string, params: AdExParamsOptions | IzhikevichParamsOptions = {}): AdEx | Izhikevich {
  checkOneOf('model', model, RESET_MODELS);
  const name = pattern ?? RESET_MODEL_INFO[model].defaultPattern;
  return model === 'adex'
    ? new AdEx({ ...(params as AdExParamsOptions), pattern: name as never })
    : new Izhikevich({ ...(params as IzhikevichParamsOptions), pattern: name as never });
}

/** Options of {@link runFiringPattern}. */
export interface FiringPatternOptions {
  /** @default 'adex' */
  model?: ResetModel;
  /** A pattern name of the model. @default 'tonic' (AdEx), 'regular-spiking' (Izhikevich) */
  pattern?: string;
  /** Replaces the pattern's stimulus (pA for AdEx, mV/ms for Izhikevich). */
  current?: Current;
  /** s. @default the pattern's */
  duration?: number;
  /** s. @default 1e-4 */
  dt?: number;
  /** Keep every k-th sample. @default 1 */
  recordEvery?: number;
  /** Parameter overrides (AdEx or Izhikevich options, in their units). */
  params?: AdExParamsOptions | IzhikevichParamsOptions;
}

/** A firing-pattern run as plain data. V and w are the model's two variables (v and u for Izhikevich). */
export interface FiringPatternRun {
  settings: { model: ResetModel; pattern: string; current: number | string | [number, number][]; duration: number; dt: number; params: Record<string, number> };
  description: string;
  info: ResetModelInfo;
  t: Float64Array;
  V: Float64Array;
  w: Float64Array;
  /** The injected current at each sample. */
  I: Float64Array;
  /** s. */
  spikes: Float64Array;
  /** Rate from all inter-spike intervals, Hz. */
  rate: number;
  /** The spike cut and the reset (mV), for drawing. */
  Vpeak: number;
  Vr: number;
  /** Nullclines at the current at the end of the run, on a V grid (mV). */
  nullclines: { V: Float64Array; vNull: Float64Array; wNull: Float64Array; I: number };
  /** Wall time of the simulation, ms. */
  wallMs: number;
}

/** Runs one named pattern (or its parameters with another stimulus). */
export function runFiringPattern(o: FiringPatternOptions = {}): FiringPatternRun {
  checkKnownKeys('firingPattern', o, ['model', 'pattern', 'current', 'duration', 'dt', 'recordEvery', 'params']);
  const model = checkOneOf('firingPattern.model', o.model ?? 'adex', RESET_MODELS);
  const neuron = resetNeuron(model, o.pattern, o.params);
  const pattern = neuron.pattern!;
  const protocol = neuron.protocol!;
  const current: Current = o.current ?? protocol.current;
  const duration = o.duration ?? protocol.duration;
  const dt = o.dt ?? 1e-4;
  const t0 = performance.now();
  const sim = { current, duration, dt, recordEvery: o.recordEvery };
  let t: Float64Array, V: Float64Array, w: Float64Array, spikes: Float64Array;
  if (neuron instanceof AdEx) ({ t, V, w, spikes } = neuron.simulate(sim));
  else ({ t, v: V, u: w, spikes } = neuron.simulate(sim));
  const wallMs = performance.now() - t0;
  const fn = resolveCurrent('firingPattern.current', current).fn;
  const I = Float64Array.from(t, (x) => fn(x));
  const c = neuron.constants;
  const Vpeak = neuron instanceof AdEx ? neuron.params.Vpeak : c.Vcut;
  const vGrid = new Float64Array(200);
  const lo = Math.min(c.Vr, ...V) - 10, hi = Vpeak;
  for (let i = 0; i < vGrid.length; i++) vGrid[i] = lo + ((hi - lo) * i) / (vGrid.length - 1);
  const vNull = new Float64Array(vGrid.length), wNull = new Float64Array(vGrid.length);
  const Iend = fn(duration);
  adaptiveIfNullclines(c, Iend, vGrid, vNull, wNull);
  const shown = typeof current === 'object' ? current.steps.map(([a, b]): [number, number] => [a, b]) : typeof current === 'function' ? 'function' : current;
  return {
    settings: { model, pattern, current: shown, duration, dt, params: { ...neuron.params } },
    description: protocol.description,
    info: RESET_MODEL_INFO[model],
    t, V, w, I, spikes,
    rate: rateFromSpikes(spikes),
    Vpeak, Vr: c.Vr,
    nullclines: { V: vGrid, vNull, wNull, I: Iend },
    wallMs,
  };
}

/** V with the spikes drawn up to the cut and back to the reset (the trace holds V after each step's reset). */
export function voltageWithSpikes(t: ArrayLike<number>, V: ArrayLike<number>, spikes: ArrayLike<number>, Vpeak: number, Vr: number): { t: number[]; V: number[] } {
  const ot: number[] = [], oV: number[] = [];
  let k = 0;
  for (let i = 0; i < t.length; i++) {
    while (k < spikes.length && spikes[k] <= t[i]) {
      ot.push(spikes[k], spikes[k]);
      oV.push(Vpeak, Vr);
      k++;
    }
    ot.push(t[i]);
    oV.push(V[i]);
  }
  return { t: ot, V: oV };
}

/** The (V, w) trajectory with a gap at each reset (a spike between two samples), so resets are not drawn as lines. */
export function phaseTrajectory(t: ArrayLike<number>, V: ArrayLike<number>, w: ArrayLike<number>, spikes: ArrayLike<number>): { V: number[]; w: number[] } {
  const oV: number[] = [], ow: number[] = [];
  let k = 0;
  for (let i = 0; i < t.length; i++) {
    if (k < spikes.length && spikes[k] <= t[i]) {
      oV.push(NaN);
      ow.push(NaN);
      while (k < spikes.length && spikes[k] <= t[i]) k++;
    }
    oV.push(V[i]);
    ow.push(w[i]);
  }
  return { V: oV, w: ow };
}

/** Figures of a run: V(t) with spikes, the adaptation variable and the current, the phase plane. */
export function firingPatternFigures(run: FiringPatternRun): Figure[] {
  const { info } = run;
  const [vName, wName] = info.names;
  const shown = voltageWithSpikes(run.t, run.V, run.spikes, run.Vpeak, run.Vr);
  const ms = (a: ArrayLike<number>) => plain(a).map((x) => x * 1e3);
  const title = `${info.label} ${run.settings.pattern} (${run.description}): ${run.spikes.length} spikes`;
  const nc = run.nullclines;
  const phase = phaseTrajectory(run.t, run.V, run.w, run.spikes);
  const [wLo0, wHi0] = minMax(run.w), [wLo1, wHi1] = minMax(nc.wNull);
  const wLo = Math.min(wLo0, wLo1), wHi = Math.max(wHi0, wHi1);
  const pad = 0.1 * (wHi - wLo || 1);
  return [
    {
      title: 'Membrane potential',
      data: [line(ms(shown.t), shown.V, vName)],
      layout: layout(title, 't (ms)', `${vName} (${info.units.V})`),
    },
    {
      title: 'Adaptation and current',
      data: [line(ms(run.t), run.w, wName), line(ms(run.t), run.I, 'I (injected)', { line: { dash: 'dot' } })],
      layout: layout(`${wName} and the injected current`, 't (ms)', `${wName}, I (${info.units.w})`),
    },
    {
      title: 'Phase plane',
      data: [
        line(phase.V, phase.w, 'trajectory (gaps at resets)', { mode: 'lines' }),
        line(nc.V, nc.vNull, `${vName}-nullcline (I = ${nc.I} ${info.units.I})`, { line: { dash: 'dash' } }),
        line(nc.V, nc.wNull, `${wName}-nullcline`, { line: { dash: 'dot' } }),
      ],
      layout: layout('Phase plane', `${vName} (${info.units.V})`, `${wName} (${info.units.w})`, { yaxis: { title: { text: `${wName} (${info.units.w})` }, range: [wLo - pad, wHi + pad] } }),
    },
  ];
}
