/**
 * The Izhikevich (2003) neuron (IEEE Trans. Neural Netw. 14:1569), in the paper's units:
 *
 *   v' = 0.04 v² + 5 v + 140 − u + I,   u' = a (b v − u);   v ≥ 30 mV: v ← c, u ← u + d
 *
 * with v in mV and ' = d/dt in ms, so I and u are in mV/ms (the paper's dimensionless current: 1 unit of I raises
 * v' by 1 mV/ms). Time is in seconds in the public API. The integrator (RK4 with substeps on the upstroke, crossing
 * located inside the step; v' grows like v² and v reaches infinity in finite time) is {@link adaptiveIfStep}, shared
 * with {@link AdEx}. Current input only.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkFinite, checkKnownKeys, checkPositive } from '../core/validate.js';
import { adaptiveIfStep, type AdaptiveIfConstants } from './adaptiveIf.js';
import { measuredRate, runProtocol, type ProtocolOptions, type StepCurrent } from './singleNeuron.js';
import type { NeuronType, SpikeBuffer } from './types.js';

/** The spike cut of the 2003 model, mV. */
export const IZHIKEVICH_VPEAK = 30;

/** Parameters of {@link Izhikevich}. Defaults: regular spiking. */
export interface IzhikevichParamsOptions {
  /** Time scale of the recovery variable u, 1/ms. @default 0.02 */
  a?: number;
  /** Sensitivity of u to subthreshold v, 1/ms (as in u' = a(bv − u)). @default 0.2 */
  b?: number;
  /** Reset of v, mV. @default -65 */
  c?: number;
  /** Jump of u at a spike, mV/ms. @default 8 */
  d?: number;
  /** Initial v, mV. @default the resting potential at the pattern's holding current (0 without a pattern) */
  v0?: number;
  /** Initial u, mV/ms. @default b·v0 */
  u0?: number;
}

/** Options of {@link Izhikevich}: a named parameter set (see {@link IZHIKEVICH_PATTERNS}) and/or overrides. */
export interface IzhikevichOptions extends IzhikevichParamsOptions {
  /** A parameter set of the paper's Fig. 2 (or its abbreviation: RS, IB, CH, FS, LTS, TC, RZ). */
  pattern?: IzhikevichPatternName | IzhikevichAbbreviation;
}

/** Resolved Izhikevich parameters. */
export type IzhikevichParams = Readonly<Required<IzhikevichParamsOptions>>;

/** A parameter set of the paper's Fig. 2 with its stimulus. */
export interface IzhikevichPattern {
  readonly description: string;
  readonly abbreviation: string;
  readonly params: { readonly a: number; readonly b: number; readonly c: number; readonly d: number };
  /** The stimulus: current steps (mV/ms) from t in s; the neuron starts at rest for the first step's current. */
  readonly current: StepCurrent;
  /** s. */
  readonly duration: number;
}

/**
 * Fig. 2 of the paper: "each inset shows a voltage response of the model neuron to a step of dc-current I = 10";
 * here the step comes at t = 10 ms, from rest, for 200 ms. The thalamo-cortical neuron also fires a rebound burst
 * when released from hyperpolarization (held at I = −10, released at 10 ms).
 */
const fig2 = (description: string, abbreviation: string, a: number, b: number, c: number, d: number, hold = 0, I = 10): IzhikevichPattern => ({
  description, abbreviation, params: { a, b, c, d }, current: { steps: [[0, hold], [0.01, I]] }, duration: 0.2,
});

/** The named Izhikevich parameter sets. */
export const IZHIKEVICH_PATTERNS = {
  'regular-spiking': fig2('regular spiking (cortical excitatory)', 'RS', 0.02, 0.2, -65, 8),
  'intrinsically-bursting': fig2('intrinsically bursting (cortical excitatory)', 'IB', 0.02, 0.2, -55, 4),
  'chattering': fig2('chattering (cortical excitatory)', 'CH', 0.02, 0.2, -50, 2),
  'fast-spiking': fig2('fast spiking (cortical inhibitory)', 'FS', 0.1, 0.2, -65, 2),
  'low-threshold-spiking': fig2('low-threshold spiking (cortical inhibitory)', 'LTS', 0.02, 0.25, -65, 2),
  'thalamo-cortical': fig2('thalamo-cortical, depolarized from rest: tonic firing', 'TC', 0.02, 0.25, -65, 0.05),
  'thalamo-cortical-rebound': fig2('thalamo-cortical, released from hyperpolarization: rebound burst', 'TC-rebound', 0.02, 0.25, -65, 0.05, -10, 0),
  'resonator': fig2('resonator', 'RZ', 0.1, 0.26, -65, 2),
} as const satisfies Record<string, IzhikevichPattern>;

/** Names of the Izhikevich parameter sets. */
export type IzhikevichPatternName = keyof typeof IZHIKEVICH_PATTERNS;
/** The paper's abbreviations, accepted as pattern names. */
export type IzhikevichAbbreviation = 'RS' | 'IB' | 'CH' | 'FS' | 'LTS' | 'TC' | 'TC-rebound' | 'RZ';
/** All Izhikevich pattern names. */
export const IZHIKEVICH_PATTERN_NAMES = Object.keys(IZHIKEVICH_PATTERNS) as IzhikevichPatternName[];

/** The stable fixed point of v' = 0.04 v² + (5 − b) v + 140 + I (u = b v), or NaN when there is none (tonic firing). */
export function izhikevichRest(b: number, I = 0): number {
  const B = 5 - b;
  const disc = B * B - 0.16 * (140 + I);
  return disc >= 0 ? (-B - Math.sqrt(disc)) / 0.08 : NaN;
}

/** A pattern name or abbreviation → the pattern name. */
function patternName(v: unknown): IzhikevichPatternName {
  const byAbbreviation = IZHIKEVICH_PATTERN_NAMES.find((n) => IZHIKEVICH_PATTERNS[n].abbreviation === v);
  if (byAbbreviation) return byAbbreviation;
  if (typeof v === 'string' && (IZHIKEVICH_PATTERN_NAMES as readonly string[]).includes(v)) return v as IzhikevichPatternName;
  const abbreviations = IZHIKEVICH_PATTERN_NAMES.map((n) => IZHIKEVICH_PATTERNS[n].abbreviation);
  throw new ValidationError('Izhikevich.pattern', `must be one of ${IZHIKEVICH_PATTERN_NAMES.map((n) => `'${n}'`).join(', ')} ` +
    `or an abbreviation (${abbreviations.join(', ')}) (got ${describeValue(v)})`);
}

/** Validates Izhikevich options (a pattern, then overrides), filling regular spiking's values. */
export function resolveIzhikevich(o: IzhikevichOptions = {}): { params: IzhikevichParams; pattern: IzhikevichPatternName | null } {
  checkKnownKeys('Izhikevich', o, ['pattern', 'a', 'b', 'c', 'd', 'v0', 'u0']);
  const pattern = o.pattern === undefined ? null : patternName(o.pattern);
  const base = IZHIKEVICH_PATTERNS[pattern ?? 'regular-spiking'];
  const a = checkPositive('Izhikevich.a', o.a ?? base.params.a);
  const b = checkFinite('Izhikevich.b', o.b ?? base.params.b);
  const c = checkFinite('Izhikevich.c', o.c ?? base.params.c);
  if (!(c < IZHIKEVICH_VPEAK)) throw new ValidationError('Izhikevich.c', `must be < ${IZHIKEVICH_VPEAK} mV, the spike cut (got ${c})`);
  const d = checkFinite('Izhikevich.d', o.d ?? base.params.d);
  const hold = pattern ? base.current.steps[0][1] : 0;
  const rest = izhikevichRest(b, hold);
  if (o.v0 === undefined && !Number.isNaN(rest) && !Number.isFinite(rest)) {
    throw new ValidationError('Izhikevich.b', `gives no finite resting potential to start from (got ${b}); give v0, or a b of sensible size`);
  }
  const v0 = checkFinite('Izhikevich.v0', o.v0 ?? (Number.isNaN(rest) ? -65 : rest));
  if (!(v0 < IZHIKEVICH_VPEAK)) throw new ValidationError('Izhikevich.v0', `must be < ${IZHIKEVICH_VPEAK} mV, the spike cut (got ${v0})`);
  const u0 = checkFinite('Izhikevich.u0', o.u0 ?? b * v0);
  return { params: Object.freeze({ a, b, c, d, v0, u0 }), pattern };
}

/** Options of {@link Izhikevich.simulate}: `current` in mV/ms (number, function of t (s), formula in t, or `{ steps }`),
 * `duration` and `dt` (default 1e-4) in s; the current and duration default to the pattern's stimulus. */
export type IzhikevichSimulateOptions = ProtocolOptions;

/** A recorded Izhikevich run: v (mV) and u (mV/ms) after each step at t (s); spike times (s). */
export interface IzhikevichTrace {
  t: Float64Array;
  v: Float64Array;
  u: Float64Array;
  spikes: Float64Array;
}

type IzhikevichState = 'v' | 'u';

/**
 * An Izhikevich neuron type.
 * @example
 * ```ts
 * const { spikes } = Izhikevich.pattern('chattering').simulate();  // I = 10 from 10 ms, 200 ms
 * new Izhikevich({ a: 0.1, d: 2 }).simulate({ current: 10, duration: 0.5, dt: 1e-4 });
 * ```
 */
export class Izhikevich implements NeuronType<IzhikevichState> {
  readonly name = 'izhikevich';
  readonly stateNames = ['v', 'u'] as const;
  readonly inputUnits = 'mV/ms (Izhikevich 2003 units)';
  readonly params: IzhikevichParams;
  /** The parameter set this neuron was built from, or null. */
  readonly pattern: IzhikevichPatternName | null;
  /** The parameter set's description and stimulus (the default of `simulate`), or null. */
  readonly protocol: IzhikevichPattern | null;
  /** The constants of the shared step (ms inside). */
  readonly constants: AdaptiveIfConstants;

  constructor(options: IzhikevichOptions = {}) {
    const r = resolveIzhikevich(options);
    this.params = r.params;
    this.pattern = r.pattern;
    this.protocol = r.pattern ? IZHIKEVICH_PATTERNS[r.pattern] : null;
    const { a, b, c, d } = r.params;
    // u' = a(bv − u) is the shared (α(V − E_w) − w)/τ_w with α = b, E_w = 0, 1/τ_w = a.
    this.constants = Object.freeze({
      C: 1, q0: 140, q1: 5, q2: 0.04, k: 0, VT: 0, invDeltaT: 0,
      alpha: b, Ew: 0, invTauW: a, Vcut: IZHIKEVICH_VPEAK, Vclamp: IZHIKEVICH_VPEAK + 100, Vr: c, b: d, tRef: 0,
    });
  }

  /** A neuron with a parameter set of the paper's Fig. 2 (name or abbreviation); `overrides` change single parameters. */
  static pattern(name: IzhikevichPatternName | IzhikevichAbbreviation, overrides: IzhikevichParamsOptions = {}): Izhikevich {
    return new Izhikevich({ ...overrides, pattern: name });
  }

  /** v = v0, u = u0 for every neuron. */
  initialState(size: number): Record<IzhikevichState, Float64Array> {
    return { v: new Float64Array(size).fill(this.params.v0), u: new Float64Array(size).fill(this.params.u0) };
  }

  /** Advances every neuron by dt (s) with its input (mV/ms) held over the step. */
  step(dt: number, t: number, input: Float64Array, state: Record<IzhikevichState, Float64Array>, spikes: SpikeBuffer): void {
    adaptiveIfStep(this.constants, NAMES, dt, t, input, state.v, state.u, null, spikes);
  }

  /** Runs one neuron from its initial state and records v, u and the spike times. */
  simulate(o: IzhikevichSimulateOptions = {}): IzhikevichTrace {
    checkKnownKeys('Izhikevich.simulate', o, ['current', 'duration', 'dt', 'recordEvery', 'record']);
    const run = runProtocol(this, o, this.protocol, 'Izhikevich.simulate', 'mV/ms');
    return { t: run.t, v: run.state.v, u: run.state.u, spikes: run.spikes };
  }

  /**
   * Steady firing rate (Hz) at a constant current (mV/ms), measured by simulation (no closed form): RK4 at
   * dt = 0.1 ms for `duration` s, the rate from the inter-spike intervals after `settle` s.
   */
  rate(I: number, o: { duration?: number; settle?: number; dt?: number } = {}): number {
    return measuredRate(this, checkFinite('Izhikevich.rate.I', I), { duration: o.duration ?? 2, settle: o.settle ?? 1, dt: o.dt ?? 1e-4 }, 'Izhikevich.rate');
  }
}

const NAMES = { v: 'v', w: 'u' } as const;
