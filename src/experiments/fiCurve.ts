/**
 * f–I curves: a simulated LIF neuron beside the analytic G(v) at the same inputs, the simulated HH
 * neuron's rate against injected current, and the AdEx and Izhikevich neurons' steady and onset rates.
 * @module
 */
import { linspace, rateFromSpikes } from '../core/arrays.js';
import { ValidationError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkKnownKeys, checkPositive, checkFinite, checkOneOf, checkTimeGrid } from '../core/validate.js';
import { HH_TEMPERATURE, HodgkinHuxley, type HhMethod } from '../neurons/hodgkinHuxley.js';
import { LIF, resolveLif, type LifMethod } from '../neurons/lif.js';
import { measureFiCurve, type FiCurve } from '../neurons/singleNeuron.js';
import type { NeuronType } from '../neurons/types.js';
import type { AdExParamsOptions } from '../neurons/adex.js';
import type { IzhikevichParamsOptions } from '../neurons/izhikevich.js';
import { RESET_MODEL_INFO, RESET_MODELS, resetNeuron, type ResetModel } from './firingPatterns.js';
import { layout, line, type Figure } from './figure.js';

/** Options of {@link runLifFiCurve}. */
export interface LifFiOptions {
  /** Smallest and largest v_in. @default 0.5, 5 */
  vMin?: number;
  vMax?: number;
  /** Number of inputs. @default 46 */
  points?: number;
  /** Simulated time per input, s. @default 1 */
  duration?: number;
  /** s. @default 1e-4 */
  dt?: number;
  /** @default 'exact' */
  method?: LifMethod;
  tauM?: number;
  tauRef?: number;
}

/** The resolved defaults of {@link runLifFiCurve} (τ_m and τ_ref are the model's); the sim's flags and the page's fields read them. */
export const LIF_FI_DEFAULTS = Object.freeze({
  vMin: 0.5, vMax: 5, points: 46, duration: 1, dt: 1e-4, method: 'exact' as LifMethod, tauM: resolveLif().tauM, tauRef: resolveLif().tauRef,
});

/** Simulated and analytic LIF rates on a grid of v_in. */
export interface LifFiCurve {
  vIn: number[];
  simulated: number[];
  analytic: number[];
  /** Largest |simulated/analytic − 1| over inputs that fire (analytic > 0). */
  maxRelError: number;
}

/** Simulates an LIF neuron at each v_in and compares the measured rate (inter-spike intervals) with G(v_in). */
export function runLifFiCurve(o: LifFiOptions = {}, onProgress?: Progress): LifFiCurve {
  checkKnownKeys('fiCurve.lif', o, ['vMin', 'vMax', 'points', 'duration', 'dt', 'method', 'tauM', 'tauRef']);
  const D = LIF_FI_DEFAULTS;
  const vMin = checkFinite('fiCurve.vMin', o.vMin ?? D.vMin), vMax = checkFinite('fiCurve.vMax', o.vMax ?? D.vMax);
  if (!(vMax > vMin)) throw new ValidationError('fiCurve.vMax', `must be > vMin (${vMin}) (got ${vMax})`);
  const points = checkInteger('fiCurve.points', o.points ?? D.points, 2);
  const duration = o.duration ?? D.duration, dt = o.dt ?? D.dt;
  checkTimeGrid('fiCurve', dt, duration);
  const neuron = new LIF({ tauM: o.tauM, tauRef: o.tauRef, method: o.method ?? D.method });
  const vIn = Array.from(linspace(vMin, vMax, points));
  const simulated: number[] = [], analytic: number[] = [];
  let maxRelError = 0;
  vIn.forEach((v, k) => {
    const tr = neuron.simulate({ input: v, duration, dt });
    const r = rateFromSpikes(tr.spikes);
    const g = neuron.rate(v);
    simulated.push(r);
    analytic.push(g);
    if (g > 0 && tr.spikes.length >= 3) maxRelError = Math.max(maxRelError, Math.abs(r / g - 1));
    onProgress?.(k + 1, points);
  });
  return { vIn, simulated, analytic, maxRelError };
}

/** Options of {@link runHhFiCurve}. */
export interface HhFiOptions {
  /** µA/cm². @default 0, 20 */
  iMin?: number;
  iMax?: number;
  /** @default 21 */
  points?: number;
  /** s per current. @default 0.5 */
  duration?: number;
  /** Transient skipped before counting, s. @default 0.1 */
  settle?: number;
  /** s. @default 2e-5 */
  dt?: number;
  /** @default 'rk4' */
  method?: HhMethod;
  temperature?: number;
}

/** The resolved defaults of {@link runHhFiCurve} (the temperature is the model's); the sim's flags and the page's fields read them. */
export const HH_FI_DEFAULTS = Object.freeze({
  iMin: 0, iMax: 20, points: 21, duration: 0.5, settle: 0.1, dt: 2e-5, method: 'rk4' as HhMethod, temperature: HH_TEMPERATURE,
});

/** HH rates on a grid of currents. */
export interface HhFiCurve {
  current: number[];
  rate: number[];
  /** Smallest current of the grid with sustained repetitive firing (NaN if none). */
  firstFiring: number;
}

/** Simulates HH at each current; rate from inter-spike intervals after `settle` (sustained firing only). */
export function runHhFiCurve(o: HhFiOptions = {}, onProgress?: Progress): HhFiCurve {
  checkKnownKeys('fiCurve.hh', o, ['iMin', 'iMax', 'points', 'duration', 'settle', 'dt', 'method', 'temperature']);
  const D = HH_FI_DEFAULTS;
  const iMin = checkFinite('fiCurve.iMin', o.iMin ?? D.iMin), iMax = checkFinite('fiCurve.iMax', o.iMax ?? D.iMax);
  if (!(iMax > iMin)) throw new ValidationError('fiCurve.iMax', `must be > iMin (${iMin}) (got ${iMax})`);
  const points = checkInteger('fiCurve.points', o.points ?? D.points, 2);
  const duration = o.duration ?? D.duration, dt = o.dt ?? D.dt;
  const settle = checkPositive('fiCurve.settle', o.settle ?? D.settle);
  if (settle >= duration) throw new ValidationError('fiCurve.settle', `must be < duration (${duration} s) (got ${settle})`);
  const hh = new HodgkinHuxley({ temperature: o.temperature });
  const current = Array.from(linspace(iMin, iMax, points));
  const rate: number[] = [];
  let firstFiring = NaN;
  current.forEach((I, k) => {
    const tr = hh.simulate({ current: I, duration, dt, method: o.method ?? D.method, record: false });
    const late = Array.from(tr.spikes).filter((s) => s >= settle);
    const r = rateFromSpikes(late);
    rate.push(r);
    if (r > 0 && Number.isNaN(firstFiring)) firstFiring = I;
    onProgress?.(k + 1, points);
  });
  return { current, rate, firstFiring };
}

/** Figures: LIF simulated over analytic; HH f–I. */
export function fiFigures(lif?: LifFiCurve, hh?: HhFiCurve): Figure[] {
  const figs: Figure[] = [];
  if (lif) {
    figs.push({
      title: 'LIF f–I curve',
      data: [
        line(lif.vIn, lif.analytic, 'G(v_in) analytic'),
        { type: 'scatter', mode: 'markers', x: lif.vIn, y: lif.simulated, name: 'simulated', marker: { size: 6 } },
      ],
      layout: layout(`LIF: simulated vs G(v_in) (max rel. error ${(lif.maxRelError * 100).toPrecision(2)} %)`, 'v_in (threshold = 1)', 'rate (Hz)'),
    });
  }
  if (hh) {
    figs.push({
      title: 'Hodgkin-Huxley f–I curve',
      data: [line(hh.current, hh.rate, 'HH (simulated)', { mode: 'lines+markers' })],
      layout: layout('Hodgkin-Huxley f–I curve (sustained firing)', 'I (µA/cm²)', 'rate (Hz)'),
    });
  }
  return figs;
}

/** The defaults of {@link runResetFiCurve} that do not depend on the parameter set. */
export const RESET_FI_DEFAULTS = Object.freeze({ iMin: 0, points: 21, duration: 2, dt: 1e-4 });

/** Options of {@link runResetFiCurve}. */
export interface ResetFiOptions {
  /** @default 'adex' */
  model?: ResetModel;
  /** Parameter set. @default the model's default pattern */
  pattern?: string;
  /** Parameter overrides. */
  params?: AdExParamsOptions | IzhikevichParamsOptions;
  /** Smallest and largest current (pA for AdEx, mV/ms for Izhikevich). @default 0 and twice the pattern's largest stimulus */
  iMin?: number;
  iMax?: number;
  /** @default 21 */
  points?: number;
  /** s per current. @default 2 */
  duration?: number;
  /** Transient (and adaptation) skipped before the steady rate is measured, s. @default 1 */
  settle?: number;
  /** s. @default 1e-4 */
  dt?: number;
}

/** An AdEx or Izhikevich f–I curve: steady (adapted) and onset rates against current. */
export interface ResetFiCurve extends FiCurve {
  model: ResetModel;
  pattern: string;
  /** Units of the input. */
  units: string;
  /** Smallest current of the grid with sustained firing (NaN if none). */
  firstFiring: number;
}

/** Measures the f–I curve of an AdEx or Izhikevich neuron by simulation (no closed form exists). */
export function runResetFiCurve(o: ResetFiOptions = {}, onProgress?: (d: number, t: number) => void): ResetFiCurve {
  checkKnownKeys('fiCurve.reset', o, ['model', 'pattern', 'params', 'iMin', 'iMax', 'points', 'duration', 'settle', 'dt']);
  const model = checkOneOf('fiCurve.model', o.model ?? 'adex', RESET_MODELS);
  const neuron = resetNeuron(model, o.pattern, o.params);
  const stimulus = neuron.protocol!.current.steps.reduce((m, [, I]) => Math.max(m, Math.abs(I)), -Infinity);
  const D = RESET_FI_DEFAULTS;
  const iMin = checkFinite('fiCurve.iMin', o.iMin ?? D.iMin), iMax = checkFinite('fiCurve.iMax', o.iMax ?? 2 * stimulus);
  if (!(iMax > iMin)) throw new ValidationError('fiCurve.iMax', `must be > iMin (${iMin}) (got ${iMax})`);
  const points = checkInteger('fiCurve.points', o.points ?? D.points, 2);
  const duration = o.duration ?? D.duration, dt = o.dt ?? D.dt;
  checkTimeGrid('fiCurve', dt, duration);
  const settle = checkFinite('fiCurve.settle', o.settle ?? Math.min(1, duration / 2));
  const curve = measureFiCurve(neuron as NeuronType, linspace(iMin, iMax, points), { duration, settle, dt }, 'fiCurve', onProgress);
  const k = curve.steady.findIndex((r) => r > 0);
  return { model, pattern: neuron.pattern!, units: RESET_MODEL_INFO[model].units.I, ...curve, firstFiring: k < 0 ? NaN : curve.input[k] };
}

/** Figure of an AdEx or Izhikevich f–I curve: steady and onset rates. */
export function resetFiFigures(c: ResetFiCurve): Figure[] {
  const label = RESET_MODEL_INFO[c.model].label;
  return [{
    title: `${label} f–I curve`,
    data: [
      line(c.input, c.steady, 'steady (adapted) rate', { mode: 'lines+markers' }),
      line(c.input, c.initial, 'onset rate (1 / first interval)', { mode: 'lines+markers', line: { dash: 'dot' } }),
    ],
    layout: layout(`${label} ${c.pattern}: f–I curve by simulation`, `I (${c.units})`, 'rate (Hz)'),
  }];
}
