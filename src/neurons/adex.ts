/**
 * The adaptive exponential integrate-and-fire neuron (AdEx; Brette & Gerstner 2005, J. Neurophysiol. 94:3637):
 *
 *   C dV/dt = −g_L (V − E_L) + g_L Δ_T exp((V − V_T)/Δ_T) − w + I + Σ_k g_k (E_k − V)
 *   τ_w dw/dt = a (V − E_L) − w
 *   V reaches V_peak: spike, V ← V_r, w ← w + b; V then held at V_r for t_ref (w keeps relaxing), as NEST's
 *   `aeif_cond_exp` / `aeif_psc_exp`.
 *
 * Units as in NEST and Brian2: C in pF, conductances (g_L, a, synaptic g) in nS, potentials in mV, currents (I, w, b)
 * in pA; τ_w and t_ref in seconds in the public API (ms inside). With these units C·dV/dt is in pA when t is in ms.
 * The integrator (RK4 with substeps on the upstroke, crossing located inside the step, no overflow) is
 * {@link adaptiveIfStep}, shared with {@link Izhikevich}.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { checkFinite, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive } from '../core/validate.js';
import { adaptiveIfStep, type AdaptiveIfConstants } from './adaptiveIf.js';
import { measuredRate, runProtocol, type ProtocolOptions, type StepCurrent } from './singleNeuron.js';
import type { NeuronType, SpikeBuffer, SynapticInput } from './types.js';

/** Parameters of {@link AdEx}. Defaults: Brette & Gerstner (2005), as in Brian2's example of that paper. */
export interface AdExParamsOptions {
  /** Membrane capacitance, pF. @default 281 */
  C?: number;
  /** Leak conductance, nS. @default 30 */
  gL?: number;
  /** Leak reversal potential, mV. @default -70.6 */
  EL?: number;
  /** Threshold (where the exponential takes over), mV. @default -50.4 */
  VT?: number;
  /** Slope factor (sharpness of spike initiation), mV. @default 2 */
  DeltaT?: number;
  /** Adaptation time constant, s. @default 0.144 */
  tauW?: number;
  /** Subthreshold adaptation, nS. @default 4 */
  a?: number;
  /** Spike-triggered adaptation (jump of w), pA. @default 80.5 */
  b?: number;
  /** Reset potential, mV. @default -70.6 */
  Vr?: number;
  /** Spike cut: where a spike is declared and V reset, mV (NEST's default is 0). @default VT + 5·DeltaT */
  Vpeak?: number;
  /** Refractory period (V held at Vr), s. @default 0 */
  tRef?: number;
  /** Initial V, mV. @default EL */
  V0?: number;
  /** Initial w, pA. @default 0 */
  w0?: number;
}

/** Options of {@link AdEx}: a named parameter set (see {@link ADEX_PATTERNS}) and/or parameters that override it. */
export interface AdExOptions extends AdExParamsOptions {
  /** Start from a published parameter set (its stimulus becomes the default of `simulate`). */
  pattern?: AdExPatternName;
}

/** Resolved AdEx parameters (units as in {@link AdExParamsOptions}). */
export type AdExParams = Readonly<Required<AdExParamsOptions>>;

/** A published parameter set with the stimulus that shows its behaviour. */
export interface AdExPattern {
  readonly description: string;
  readonly params: AdExParamsOptions;
  /** The stimulus: current steps in pA from t in s. */
  readonly current: StepCurrent;
  /** s. */
  readonly duration: number;
}

/**
 * Naud et al. (2008, Biol. Cybern. 99:335) firing patterns, with the parameters of Brian2's example
 * `frompapers/Naud_et_al_2008_adex_firing_patterns.py` (adapted by P. Müller to match the paper's figures): V_peak =
 * 0 mV, a current step from t = 0 for 600 ms, V(0) = E_L, w(0) = 0.
 */
const naud = (description: string, p: { C: number; gL: number; EL: number; a: number; tauW: number; b: number; Vr: number }, I: number): AdExPattern => ({
  description,
  params: { ...p, VT: -50, DeltaT: 2, Vpeak: 0 },
  current: { steps: [[0, I]] },
  duration: 0.6,
});

/** Brette & Gerstner (2005) as in Brian2's example: V_peak = V_T + 5 Δ_T, 0 for 20 ms, 1 nA for 100 ms, 0 for 20 ms. */
const brette = (description: string, p: AdExParamsOptions): AdExPattern => ({
  description,
  params: { C: 281, gL: 30, EL: -70.6, VT: -50.4, DeltaT: 2, ...p },
  current: { steps: [[0, 0], [0.02, 1000], [0.12, 0]] },
  duration: 0.14,
});

/** The named AdEx parameter sets. */
export const ADEX_PATTERNS = {
  'tonic': naud('tonic spiking', { C: 200, gL: 10, EL: -70, a: 2, tauW: 0.03, b: 0, Vr: -58 }, 500),
  'adapting': naud('spike-frequency adaptation', { C: 200, gL: 12, EL: -70, a: 2, tauW: 0.3, b: 60, Vr: -58 }, 500),
  'initial-burst': naud('initial burst, then tonic spiking', { C: 130, gL: 18, EL: -58, a: 4, tauW: 0.15, b: 120, Vr: -50 }, 400),
  'regular-bursting': naud('regular bursting', { C: 200, gL: 10, EL: -58, a: 2, tauW: 0.12, b: 100, Vr: -46 }, 210),
  'delayed-accelerating': naud('delayed, accelerating spiking', { C: 200, gL: 12, EL: -70, a: -10, tauW: 0.3, b: 0, Vr: -58 }, 300),
  'delayed-regular-bursting': naud('delayed regular bursting', { C: 100, gL: 10, EL: -65, a: -10, tauW: 0.09, b: 30, Vr: -47 }, 110),
  'transient': naud('transient spiking', { C: 100, gL: 10, EL: -65, a: 10, tauW: 0.09, b: 100, Vr: -47 }, 180),
  'irregular': naud('irregular spiking', { C: 100, gL: 12, EL: -60, a: -11, tauW: 0.13, b: 30, Vr: -48 }, 160),
  'brette-gerstner': brette('Brette & Gerstner (2005): regular spiking (the defaults)', { tauW: 0.144, a: 4, b: 80.5, Vr: -70.6 }),
  'brette-gerstner-bursting': brette('Brette & Gerstner (2005): bursting', { tauW: 0.02, a: 4, b: 500, Vr: -45.4 }),
  'brette-gerstner-fast-spiking': brette('Brette & Gerstner (2005): fast spiking', { tauW: 0.144, a: (2 * 281) / 144, b: 0, Vr: -70.6 }),
} as const satisfies Record<string, AdExPattern>;

/** Names of the AdEx parameter sets. */
export type AdExPatternName = keyof typeof ADEX_PATTERNS;
/** All AdEx pattern names. */
export const ADEX_PATTERN_NAMES = Object.keys(ADEX_PATTERNS) as AdExPatternName[];

const KEYS = ['C', 'gL', 'EL', 'VT', 'DeltaT', 'tauW', 'a', 'b', 'Vr', 'Vpeak', 'tRef', 'V0', 'w0'] as const;

/** Validates AdEx options (a pattern, then overrides), filling Brette & Gerstner's values. */
export function resolveAdEx(o: AdExOptions = {}): { params: AdExParams; pattern: AdExPatternName | null } {
  checkKnownKeys('AdEx', o, ['pattern', ...KEYS]);
  const pattern = o.pattern === undefined ? null : checkOneOf('AdEx.pattern', o.pattern, ADEX_PATTERN_NAMES);
  const base: AdExParamsOptions = pattern ? ADEX_PATTERNS[pattern].params : ADEX_PATTERNS['brette-gerstner'].params;
  const q: AdExParamsOptions = { ...base };
  for (const k of KEYS) if (o[k] !== undefined) q[k] = o[k];
  const C = checkPositive('AdEx.C', q.C);
  const gL = checkPositive('AdEx.gL', q.gL);
  const EL = checkFinite('AdEx.EL', q.EL);
  const VT = checkFinite('AdEx.VT', q.VT);
  const DeltaT = checkPositive('AdEx.DeltaT', q.DeltaT);
  const tauW = checkPositive('AdEx.tauW', q.tauW);
  const a = checkFinite('AdEx.a', q.a);
  const b = checkFinite('AdEx.b', q.b);
  const Vpeak = checkFinite('AdEx.Vpeak', q.Vpeak ?? VT + 5 * DeltaT);
  if (!(Vpeak > VT)) throw new ValidationError('AdEx.Vpeak', `must be > VT (${VT} mV) (got ${Vpeak})`);
  const Vr = checkFinite('AdEx.Vr', q.Vr);
  if (!(Vr < Vpeak)) throw new ValidationError('AdEx.Vr', `must be < Vpeak (${Vpeak} mV) (got ${Vr})`);
  const tRef = checkNonNegative('AdEx.tRef', q.tRef ?? 0);
  const V0 = checkFinite('AdEx.V0', q.V0 ?? EL);
  if (!(V0 < Vpeak)) throw new ValidationError('AdEx.V0', `must be < Vpeak (${Vpeak} mV) (got ${V0})`);
  const w0 = checkFinite('AdEx.w0', q.w0 ?? 0);
  return { params: Object.freeze({ C, gL, EL, VT, DeltaT, tauW, a, b, Vr, Vpeak, tRef, V0, w0 }), pattern };
}

/** Options of {@link AdEx.simulate}: `current` in pA (number, function of t (s), formula in t, or `{ steps }`), `duration`
 * and `dt` (default 1e-4) in s; the current and duration default to the pattern's stimulus. */
export interface AdExSimulateOptions extends ProtocolOptions {
  /** Constant synaptic conductances: g in nS, E in mV. */
  conductances?: readonly { g: number; E: number }[];
}

/** A recorded AdEx run: V (mV) and w (pA) after each step at t (s); spike times (s), located inside the step. */
export interface AdExTrace {
  t: Float64Array;
  V: Float64Array;
  w: Float64Array;
  spikes: Float64Array;
}

type AdExState = 'V' | 'w' | 'refractory';

/**
 * An AdEx neuron type: `step` advances populations (structure of arrays), `simulate` runs one neuron.
 * @example
 * ```ts
 * const tonic = AdEx.pattern('tonic');
 * const { spikes } = tonic.simulate({ dt: 1e-4 });                // the pattern's 500 pA for 600 ms
 * new AdEx({ tRef: 0.002 }).simulate({ current: 800, duration: 0.5 }); // Brette & Gerstner with 2 ms refractory
 * ```
 */
export class AdEx implements NeuronType<AdExState> {
  readonly name = 'adex';
  readonly stateNames = ['V', 'w', 'refractory'] as const;
  readonly inputUnits = 'pA';
  readonly synapticInput = Object.freeze({ conductance: Object.freeze({ voltage: 'mV', conductance: 'nS' }) });
  readonly params: AdExParams;
  /** The parameter set this neuron was built from, or null. */
  readonly pattern: AdExPatternName | null;
  /** The parameter set's description and stimulus (the default of `simulate`), or null. */
  readonly protocol: AdExPattern | null;
  /** The constants of the shared step (ms inside). */
  readonly constants: AdaptiveIfConstants;

  constructor(options: AdExOptions = {}) {
    const r = resolveAdEx(options);
    this.params = r.params;
    this.pattern = r.pattern;
    this.protocol = r.pattern ? ADEX_PATTERNS[r.pattern] : null;
    const p = r.params;
    const Vcut = Math.min(p.Vpeak, p.VT + 40 * p.DeltaT);
    this.constants = Object.freeze({
      C: p.C, q0: p.gL * p.EL, q1: -p.gL, q2: 0, k: p.gL * p.DeltaT, VT: p.VT, invDeltaT: 1 / p.DeltaT,
      alpha: p.a, Ew: p.EL, invTauW: 1 / (p.tauW * 1e3), Vcut, Vclamp: Vcut + 5 * p.DeltaT, Vr: p.Vr, b: p.b,
      tRef: p.tRef * 1e3,
    });
  }

  /** A neuron with a published parameter set ({@link ADEX_PATTERNS}); `overrides` change single parameters. */
  static pattern(name: AdExPatternName, overrides: AdExParamsOptions = {}): AdEx {
    return new AdEx({ ...overrides, pattern: name });
  }

  /** Membrane time constant C/g_L, s. */
  get tauM(): number {
    return (this.params.C / this.params.gL) * 1e-3;
  }

  /** V = V0, w = w0, not refractory, for every neuron. */
  initialState(size: number): Record<AdExState, Float64Array> {
    return {
      V: new Float64Array(size).fill(this.params.V0),
      w: new Float64Array(size).fill(this.params.w0),
      refractory: new Float64Array(size),
    };
  }

  /**
   * Advances every neuron by dt (s): input in pA held over the step, plus Σ g_k (E_k − V) from
   * `synapses.conductances` (nS, mV; g held over the step). `refractory` is the time left (s) at the step's start.
   */
  step(dt: number, t: number, input: Float64Array, state: Record<AdExState, Float64Array>, spikes: SpikeBuffer, synapses?: SynapticInput): void {
    adaptiveIfStep(this.constants, NAMES, dt, t, input, state.V, state.w, state.refractory, spikes, synapses);
  }

  /** Runs one neuron from its initial state and records V, w and the spike times. */
  simulate(o: AdExSimulateOptions = {}): AdExTrace {
    checkKnownKeys('AdEx.simulate', o, ['current', 'duration', 'dt', 'recordEvery', 'record', 'conductances']);
    const synapses = o.conductances ? constantConductances('AdEx.simulate.conductances', o.conductances) : undefined;
    const run = runProtocol(this, o, this.protocol, 'AdEx.simulate', 'pA', synapses);
    return { t: run.t, V: run.state.V, w: run.state.w, spikes: run.spikes };
  }

  /**
   * Steady firing rate (Hz) at a constant current (pA), measured by simulation (no closed form): RK4 at
   * dt = 0.1 ms for `duration` s, the rate from the inter-spike intervals after `settle` s (adaptation settled).
   */
  rate(I: number, o: { duration?: number; settle?: number; dt?: number } = {}): number {
    return measuredRate(this, checkFinite('AdEx.rate.I', I), { duration: o.duration ?? 2, settle: o.settle ?? 1, dt: o.dt ?? 1e-4 }, 'AdEx.rate');
  }
}

const NAMES = { v: 'V', w: 'w' } as const;

/** Constant conductances as the {@link SynapticInput} of a single neuron. */
function constantConductances(name: string, list: readonly { g: number; E: number }[]): SynapticInput {
  if (!Array.isArray(list)) throw new ValidationError(name, 'must be an array of { g (nS), E (mV) }');
  return {
    currents: [],
    events: null,
    conductances: list.map((c, k) => {
      const g = Float64Array.of(checkNonNegative(`${name}[${k}].g`, c?.g));
      return { tauS: Infinity, n: 0, E: checkFinite(`${name}[${k}].E`, c?.E), g, state: g }; // constant: it never decays
    }),
  };
}
