/**
 * The Hodgkin-Huxley model (notes §1.1): C dV/dt = I − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L)
 * + Σ g_syn (E_syn − V), dx/dt = α_x (1 − x) − β_x x for x ∈ {m, h, n}, with the gate kinetics a parameter set
 * (`hhKinetics.ts`: NEURON's squid axon, Traub-Miles) and one integrator for populations and single neurons
 * (`hhStep.ts`). Units: mV, ms inside, µA/cm², mS/cm², µF/cm²; the public API takes and returns seconds.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkMemory } from '../core/budget.js';
import { badSignalValue, resolveSignal, type ResolvedSignal, type Signal } from '../core/formula.js';
import { throttledProgress, type Progress } from '../core/progress.js';
import {
  checkBoolean, checkFinite, checkFunction, checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive, checkRange, checkTimeGrid,
} from '../core/validate.js';
import { Rk45 } from '../ode/rk45.js';
import type { Rhs } from '../ode/stepper.js';
import {
  HH_KINETICS, KINETICS_DEFAULTS, TRAUB_MILES_VT, hhDerivatives, hhKinetics, steadyState,
  type HhKinetics, type HhKineticsName,
} from './hhKinetics.js';
import {
  HH_STEP_METHODS, exponentialEulerKernelStep, hhDiverged, hhKernelApplies, hhStateOk, hhStep, outsideRefractory, rk4Advance, sumConductances,
  type HhState, type HhStepMethod, type HhStepSettings, type HhSynapticSums,
} from './hhStep.js';
import { hermiteCrossing } from './spikeTimes.js';
import { allocHhBlock, hhBlockOf } from './wasm/hhWasm.js';
import { createSpikeBuffer, type NeuronType, type SpikeBuffer, type SynapticCapabilities, type SynapticInput } from './types.js';

export { exprel, hhRates, hhSteadyState, traubMilesRates, HH_KINETICS, KINETICS_DEFAULTS, type HhKineticsName, type GateRates, type KineticsDefaults, type IonicParams } from './hhKinetics.js';
export { HH_STEP_METHODS, type HhStepMethod, type HhState } from './hhStep.js';

/**
 * Parameters of {@link HodgkinHuxley}. Defaults depend on the kinetics (see {@link KINETICS_DEFAULTS}): `'hh'` is
 * NEURON's squid axon at 6.3 °C (C 1 µF/cm², gNa 120, gK 36, gL 0.3 mS/cm², ENa 50, EK −77, EL −54.3 mV, start at
 * −65 mV, spikes at 0 mV); `'traub-miles'` is COBAHH's neuron (C 1 µF/cm², gNa 100, gK 30, gL 0.05 mS/cm², ENa 50,
 * EK −90, EL −60 mV, V_T −63 mV, start at E_L, spikes at −20 mV).
 */
/** The temperature of NEURON's `hh` mechanism's rates (Q10 = 3 scales them from there), °C. */
export const HH_TEMPERATURE = 6.3;

export interface HodgkinHuxleyOptions {
  /** Gate kinetics: `'hh'` (NEURON's squid axon) or `'traub-miles'` (Traub & Miles 1991, Brian2's COBAHH). @default 'hh' */
  kinetics?: HhKineticsName;
  /** Membrane capacitance, µF/cm². @default 1 */
  C?: number;
  /** Maximal sodium conductance, mS/cm². @default 120 ('hh'), 100 ('traub-miles') */
  gNa?: number;
  /** Maximal potassium conductance, mS/cm². @default 36 ('hh'), 30 ('traub-miles') */
  gK?: number;
  /** Leak conductance, mS/cm². @default 0.3 ('hh'), 0.05 ('traub-miles') */
  gL?: number;
  /** Sodium reversal potential, mV. @default 50 */
  ENa?: number;
  /** Potassium reversal potential, mV. @default -77 ('hh'), -90 ('traub-miles') */
  EK?: number;
  /** Leak reversal potential, mV. @default -54.3 ('hh'), -60 ('traub-miles') */
  EL?: number;
  /** Temperature, °C (rates scale by Q10 = 3); `'hh'` only. @default 6.3 */
  temperature?: number;
  /** Threshold shift V_T of the rates, mV; `'traub-miles'` only. @default -63 */
  VT?: number;
  /** Initial membrane potential, mV; the gates start at their steady state there. @default -65 ('hh'), -60 ('traub-miles') */
  V0?: number;
  /** Spike detection level, mV (upward crossings). @default 0 ('hh'), -20 ('traub-miles') */
  threshold?: number;
  /**
   * In a population: 'interpolated' reports a spike at its crossing, located inside the step (synapses receive it
   * from that time on); 'grid' at the end of its step, as Brian2 does (so its synapses act in full from the next
   * step). `simulate()` always reports the located crossing. @default 'interpolated'
   */
  timing?: HhTiming;
  /**
   * After a spike, no new spike is detected for this long, s (V is not clamped: Brian2's `refractory` on a model
   * without `(unless refractory)`; COBAHH uses 3 ms so one action potential counts once).
   * @default 0
   */
  refractory?: number;
  /**
   * Integrator of the population step ({@link HodgkinHuxley.step}) and the default of `simulate`. `'rk4'`, the
   * default for `'hh'`: fourth order, the accuracy NEURON comparisons need at dt ≈ 0.01 ms, but only conditionally
   * stable: during a spike the fastest rates (g_Na/C and α_m + β_m reach tens per ms) leave its stability region
   * above dt ≈ 0.03 ms. `'exponential-euler'`, the default for `'traub-miles'`: first order but stable at any dt,
   * since each variable relaxes exactly toward its frozen steady state; Brian2's COBAHH runs it at dt = 0.1 ms, where
   * RK4 diverges. `'euler'`: forward Euler, for convergence studies.
   * @default 'rk4' ('hh'), 'exponential-euler' ('traub-miles')
   */
  method?: HhStepMethod;
  /**
   * Use NEURON's rate table instead of the exact α/β (`'hh'` only): NEURON's `hh.mod` tabulates m∞, τ_m, … at 1 mV
   * steps and interpolates linearly unless `usetable_hh = 0`. With `true` the results match NEURON's default `hh` to
   * the digit; with the default `false` they match NEURON with `usetable_hh = 0` (the exact equations). The two
   * differ by about 0.2 ms in spike times after 200 ms at 10 µA/cm².
   * @default false
   */
  rateTable?: boolean;
}

/** Resolved HH parameters: the membrane's, and those of the kinetics. */
export type HodgkinHuxleyParams = Readonly<
  { C: number; gNa: number; gK: number; gL: number; ENa: number; EK: number; EL: number; V0: number; threshold: number; refractory: number; method: HhStepMethod; timing: HhTiming }
  & ({ kinetics: 'hh'; temperature: number; rateTable: boolean } | { kinetics: 'traub-miles'; VT: number })
>;

/**
 * A varying current that refuses a value that is not a finite number where it is read, so a current that goes bad
 * mid-run is blamed (with its time) instead of showing up later as a diverged V.
 */
function checkedSignal(name: string, sig: ResolvedSignal): ResolvedSignal {
  if (!Number.isNaN(sig.constant)) return sig;
  const f = sig.fn;
  return {
    constant: NaN,
    fn: (t: number) => {
      const v = f(t);
      if (typeof v !== 'number' || !Number.isFinite(v)) throw badSignalValue(name, t, v);
      return v;
    },
  };
}

/** Integration methods for {@link HodgkinHuxley.simulate}: the population step's, and adaptive RK45. */
export type HhMethod = HhStepMethod | 'rk45';
/** All HH methods. */
export const HH_METHODS: readonly HhMethod[] = ['euler', 'rk4', 'rk45', 'exponential-euler'];

/** Options of {@link HodgkinHuxley.simulate}. */
export interface HhSimulateOptions {
  /** Injected current, µA/cm²: a number, a function of t (s), or a formula string in t (s). */
  current: Signal;
  /** Simulated time, s. */
  duration: number;
  /** Time step (fixed-step methods) or output interval (rk45), s. */
  dt: number;
  /** @default the neuron's `method` ('rk4' for the 'hh' kinetics) */
  method?: HhMethod;
  /** RK45 relative tolerance. @default 1e-6 */
  rtol?: number;
  /** RK45 absolute tolerance (mV and gate units). @default 1e-8 */
  atol?: number;
  /** RK45's budget of steps (accepted and rejected); a stiff run that needs more ends in `IntegrationStalled`. @default 1e6 */
  maxSteps?: number;
  /** Keep every k-th sample of the trace (spikes are always exact). @default 1 */
  recordEvery?: number;
  /** Record nothing but spikes (benchmarks). @default true */
  record?: boolean;
  /** Called now and then with (simulated s, total s). */
  onProgress?: Progress;
}

/** A recorded HH run. Arrays are sampled at t (s); currents in µA/cm² (outward positive). */
export interface HhTrace {
  t: Float64Array;
  V: Float64Array;
  m: Float64Array;
  h: Float64Array;
  n: Float64Array;
  INa: Float64Array;
  IK: Float64Array;
  IL: Float64Array;
  /** Upward crossings of the threshold, s, located inside the step (outside the refractory period). */
  spikes: Float64Array;
  /** Right-hand-side evaluations (work measure). */
  evaluations: number;
}

const OPTION_KEYS = ['kinetics', 'C', 'gNa', 'gK', 'gL', 'ENa', 'EK', 'EL', 'temperature', 'VT', 'V0', 'threshold', 'refractory', 'method', 'rateTable', 'timing'];

/** When a population's spikes are reported: at the crossing located inside the step, or at the step's end (Brian2). */
export type HhTiming = 'interpolated' | 'grid';
/** All HH timing modes. */
export const HH_TIMINGS: readonly HhTiming[] = ['interpolated', 'grid'];

function hhTiming(t: unknown): HhTiming {
  if (t === 'precise') {
    throw new ValidationError('HodgkinHuxley.timing', "cannot be 'precise': HH spikes are crossings of a nonlinear trajectory, located by interpolation inside the step, not exactly; use 'interpolated' (default) or 'grid' (got 'precise')");
  }
  return checkOneOf('HodgkinHuxley.timing', t ?? 'interpolated', HH_TIMINGS);
}

/** Validates HH options, filling the kinetics' defaults. */
export function resolveHodgkinHuxley(o: HodgkinHuxleyOptions = {}): HodgkinHuxleyParams {
  checkKnownKeys('HodgkinHuxley', o, OPTION_KEYS);
  const kinetics = checkOneOf('HodgkinHuxley.kinetics', o.kinetics ?? 'hh', HH_KINETICS);
  const only = (key: 'temperature' | 'rateTable' | 'VT', owner: HhKineticsName) => {
    if (o[key] !== undefined && kinetics !== owner) {
      throw new ValidationError(`HodgkinHuxley.${key}`, `applies to the '${owner}' kinetics only, not '${kinetics}' (got ${describeValue(o[key])})`);
    }
  };
  only('temperature', 'hh');
  only('rateTable', 'hh');
  only('VT', 'traub-miles');
  const dflt = KINETICS_DEFAULTS[kinetics];
  const common = {
    C: checkPositive('HodgkinHuxley.C', o.C ?? dflt.C),
    gNa: checkNonNegative('HodgkinHuxley.gNa', o.gNa ?? dflt.gNa),
    gK: checkNonNegative('HodgkinHuxley.gK', o.gK ?? dflt.gK),
    gL: checkNonNegative('HodgkinHuxley.gL', o.gL ?? dflt.gL),
    ENa: checkFinite('HodgkinHuxley.ENa', o.ENa ?? dflt.ENa),
    EK: checkFinite('HodgkinHuxley.EK', o.EK ?? dflt.EK),
    EL: checkFinite('HodgkinHuxley.EL', o.EL ?? dflt.EL),
    V0: checkFinite('HodgkinHuxley.V0', o.V0 ?? dflt.V0),
    threshold: checkFinite('HodgkinHuxley.threshold', o.threshold ?? dflt.threshold),
    refractory: checkNonNegative('HodgkinHuxley.refractory', o.refractory ?? 0),
    method: checkOneOf('HodgkinHuxley.method', o.method ?? (kinetics === 'hh' ? 'rk4' : 'exponential-euler'), HH_STEP_METHODS),
    timing: hhTiming(o.timing),
  };
  return Object.freeze(kinetics === 'hh'
    ? {
      kinetics, ...common,
      temperature: checkRange('HodgkinHuxley.temperature', o.temperature ?? HH_TEMPERATURE, -273.15, 100),
      rateTable: checkBoolean('HodgkinHuxley.rateTable', o.rateTable ?? false),
    }
    : { kinetics, ...common, VT: checkFinite('HodgkinHuxley.VT', o.VT ?? TRAUB_MILES_VT) });
}

/**
 * Makes the HH right-hand side over y = [V, m, h, n] with t in ms, for a current given as a function of
 * t in ms. Pure arithmetic, no allocation.
 */
export function makeHhRhs(p: HodgkinHuxleyParams, current: (tMs: number) => number): Rhs {
  const k = hhKinetics(p);
  return (t, y, d) => hhDerivatives(d, y[0], y[1], y[2], y[3], current(t), 0, k);
}

const NAMES: readonly HhVariable[] = ['V', 'm', 'h', 'n'];
/** The state variables of an HH population: membrane potential and the gating variables. */
export type HhVariable = 'V' | 'm' | 'h' | 'n';

/**
 * A Hodgkin-Huxley neuron, starting at V0 with the gates at steady state, with NEURON's squid-axon kinetics
 * (`'hh'`, the default) or Traub-Miles' (`'traub-miles'`). As a {@link NeuronType} it steps populations, with
 * conductance synapses (reversal potentials in mV, conductances in mS/cm²); `simulate` runs one neuron.
 * @example
 * ```ts
 * const hh = new HodgkinHuxley();
 * const { spikes } = hh.simulate({ current: 10, duration: 0.2, dt: 1e-5 });
 * const cobahh = new HodgkinHuxley({ kinetics: 'traub-miles', refractory: 0.003 }); // exponential Euler by default
 * ```
 */
export class HodgkinHuxley implements NeuronType<HhVariable> {
  readonly name = 'hodgkin-huxley';
  readonly stateNames = NAMES;
  readonly inputUnits = 'µA/cm²';
  readonly synapticInput: SynapticCapabilities = Object.freeze({ conductance: Object.freeze({ voltage: 'mV', conductance: 'mS/cm²' }) });
  readonly params: HodgkinHuxleyParams;
  /** The constants of the right-hand side. */
  readonly kinetics: HhKinetics;
  private readonly settings: HhStepSettings;
  /** Scratch for the summed conductances, per population size. */
  private readonly sums = new Map<number, HhSynapticSums>();

  constructor(options: HodgkinHuxleyOptions = {}) {
    this.params = resolveHodgkinHuxley(options);
    this.kinetics = hhKinetics(this.params);
    this.settings = Object.freeze({ kinetics: this.kinetics, method: this.params.method, threshold: this.params.threshold, refractory: this.params.refractory });
  }

  /** The initial state [V0, m∞, h∞, n∞]. */
  restingState(): Float64Array {
    const ss = steadyState(this.kinetics, this.params.V0);
    return Float64Array.of(this.params.V0, ss.m, ss.h, ss.n);
  }

  /** Ionic currents (µA/cm², outward positive) for a state. */
  currents(V: number, m: number, h: number, n: number): { INa: number; IK: number; IL: number } {
    const p = this.params;
    return { INa: p.gNa * m * m * m * h * (V - p.ENa), IK: p.gK * n * n * n * n * (V - p.EK), IL: p.gL * (V - p.EL) };
  }

  /**
   * Runs one neuron and records V, m, h, n, the ionic currents and the spike times. Euler and exponential Euler run
   * it as a population of one through the population step (`hhStep`), RK4 through the same `rk4Advance`
   * with the state kept in locals; `'rk45'` adapts its step on the same right-hand side and finds crossings on its
   * dense output. The default method is the neuron's `method`.
   */
  simulate(o: HhSimulateOptions): HhTrace {
    checkKnownKeys('HodgkinHuxley.simulate', o, ['current', 'duration', 'dt', 'method', 'rtol', 'atol', 'maxSteps', 'recordEvery', 'record', 'onProgress']);
    const steps = checkTimeGrid('HodgkinHuxley.simulate', o.dt, o.duration);
    const method = checkOneOf('HodgkinHuxley.simulate.method', o.method ?? this.params.method, HH_METHODS);
    const every = checkInteger('HodgkinHuxley.simulate.recordEvery', o.recordEvery ?? 1, 1);
    const record = checkBoolean('HodgkinHuxley.simulate.record', o.record ?? true);
    if (o.onProgress !== undefined) checkFunction('HodgkinHuxley.simulate.onProgress', o.onProgress, '(simulated s, total s) => void');
    const sig = checkedSignal('HodgkinHuxley.simulate.current', resolveSignal('HodgkinHuxley.simulate.current', o.current));
    if (Number.isNaN(sig.constant)) sig.fn(0);
    const nRec = record ? Math.floor(steps / every) + 1 : 0;
    checkMemory('HodgkinHuxley.simulate.duration', nRec * 8 * 8, `${nRec} samples × 8 arrays (t, V, m, h, n, INa, IK, IL), 8 bytes each`, [
      'record every k-th step (recordEvery: k)', 'record: false (spike times only)', 'a shorter duration or a larger dt',
    ]);
    const rec = { t: new Float64Array(nRec), V: new Float64Array(nRec), m: new Float64Array(nRec), h: new Float64Array(nRec), n: new Float64Array(nRec) };
    const progress = throttledProgress(o.onProgress && ((done: number) => o.onProgress!(done * o.dt, o.duration)), steps);
    const run = method === 'rk45'
      ? this.runRk45(sig, steps, o.dt, { rtol: o.rtol ?? 1e-6, atol: o.atol ?? 1e-8, maxSteps: o.maxSteps }, record ? rec : null, every, progress)
      : method === 'rk4'
        ? this.runRk4(sig, steps, o.dt, record ? rec : null, every, progress)
        : this.runPopulationOfOne(method, sig, steps, o.dt, record ? rec : null, every, progress);
    const INa = new Float64Array(nRec), IK = new Float64Array(nRec), IL = new Float64Array(nRec);
    for (let k = 0; k < nRec; k++) {
      const cur = this.currents(rec.V[k], rec.m[k], rec.h[k], rec.n[k]);
      INa[k] = cur.INa; IK[k] = cur.IK; IL[k] = cur.IL;
    }
    return { ...rec, INa, IK, IL, spikes: Float64Array.from(run.spikes), evaluations: run.evaluations };
  }

  /** Euler and exponential Euler: a population of one through `hhStep`, the current sampled at each step's start. */
  private runPopulationOfOne(method: HhStepMethod, sig: ResolvedSignal, steps: number, dt: number, rec: Recording | null, every: number, progress: (done: number) => void) {
    const settings = method === this.settings.method ? this.settings : { ...this.settings, method };
    const st = this.initialState(1);
    const dtMs = dt * 1e3;
    if (rec) put(rec, 0, 0, st.V[0], st.m[0], st.h[0], st.n[0]);
    const c = sig.constant, varying = Number.isNaN(c);
    const I = Float64Array.of(c);
    const buf = createSpikeBuffer(1);
    const spikes: number[] = [];
    for (let i = 1; i <= steps; i++) {
      const t0 = (i - 1) * dtMs;
      if (varying) I[0] = sig.fn(t0 * 1e-3);
      hhStep(settings, dt, t0 * 1e-3, I, I, I, st, buf, null);
      if (buf.count) spikes.push(t0 * 1e-3 + buf.offset[0]);
      if (rec && i % every === 0) put(rec, i / every, i * dtMs, st.V[0], st.m[0], st.h[0], st.n[0]);
      progress(i);
    }
    return { spikes, evaluations: steps };
  }

  /**
   * RK4 for one neuron: the population step's {@link rk4Advance} with the state kept in locals from step to step,
   * which spares the population step's array traffic per step (5–10 % on `npm run bench -- --only hh`); the tests
   * check that both give the same trace to the bit. The current is read at each step's start, midpoint and end.
   */
  private runRk4(sig: ResolvedSignal, steps: number, dt: number, rec: Recording | null, every: number, progress: (done: number) => void) {
    const k = this.kinetics, { threshold: thr, refractory } = this.params;
    const dtMs = dt * 1e3;
    const r = this.restingState(), y = new Float64Array(5), slope = new Float64Array(4);
    let V = r[0], m = r[1], h = r[2], n = r[3];
    if (rec) put(rec, 0, 0, V, m, h, n);
    const c = sig.constant, varying = Number.isNaN(c);
    let I1 = varying ? sig.fn(0) : c, Imid = c;
    const spikes: number[] = [];
    let last = -Infinity, evaluations = 4 * steps;
    for (let i = 1; i <= steps; i++) {
      const t0 = (i - 1) * dtMs, t1 = i * dtMs;
      const I0 = I1;
      if (varying) {
        Imid = sig.fn((t0 + 0.5 * dtMs) * 1e-3);
        I1 = sig.fn(t1 * 1e-3);
      }
      const V0 = V;
      rk4Advance(y, V, m, h, n, I0, Imid, I1, 0, dtMs, k);
      V = y[0]; m = y[1]; h = y[2]; n = y[3];
      if (!hhStateOk(V, m, h, n)) throw hhDiverged(V, m, h, n, t1 * 1e-3, 0, `rk4 at dt = ${dt} s`);
      if (V0 < thr && V >= thr) {
        hhDerivatives(slope, V, m, h, n, I1, 0, k); // the end slope, for the cubic through both ends
        evaluations++;
        const tc = t0 * 1e-3 + hermiteCrossing(V0, y[4], V, slope[0], dtMs, thr) * dt;
        if (outsideRefractory(tc, last, refractory, t0 * 1e-3)) spikes.push(last = tc);
      }
      if (rec && i % every === 0) put(rec, i / every, t1, V, m, h, n);
      progress(i);
    }
    return { spikes, evaluations };
  }

  /** Adaptive Dormand–Prince on the same right-hand side; crossings by bisection on the dense output. */
  private runRk45(sig: ResolvedSignal, steps: number, dt: number, tol: { rtol: number; atol: number; maxSteps?: number }, rec: Recording | null, every: number, progress: (done: number) => void) {
    const c = sig.constant;
    const k = this.kinetics, varying = Number.isNaN(c);
    const f: Rhs = (t, y, d) => hhDerivatives(d, y[0], y[1], y[2], y[3], varying ? sig.fn(t * 1e-3) : c, 0, k);
    const dtMs = dt * 1e3;
    const y = this.restingState();
    const solver = new Rk45(f, 0, y, steps * dtMs, { ...tol, names: NAMES, maxStep: 1, secondsPerUnit: 1e-3 });
    const { threshold: thr, refractory } = this.params;
    const tmp = new Float64Array(4);
    const spikes: number[] = [];
    let last = -Infinity;
    if (rec) put(rec, 0, 0, y[0], y[1], y[2], y[3]);
    let i = 1;
    while (solver.step()) {
      const s = solver.y;
      if (!hhStateOk(s[0], s[1], s[2], s[3])) throw hhDiverged(s[0], s[1], s[2], s[3], solver.t * 1e-3, 0, 'rk45');
      if (solver.yPrev[0] < thr && s[0] >= thr) {
        const tc = denseCrossing(solver, thr) * 1e-3;
        if (outsideRefractory(tc, last, refractory, solver.tPrev * 1e-3)) spikes.push(last = tc);
      }
      if (rec) {
        while (i <= steps && i * dtMs <= solver.t + 1e-9 * dtMs) {
          if (i % every === 0) {
            solver.interpolate(Math.min(i * dtMs, solver.t), tmp);
            put(rec, i / every, i * dtMs, tmp[0], tmp[1], tmp[2], tmp[3]);
          }
          i++;
        }
      }
      progress(Math.min(steps, Math.floor(solver.t / dtMs)));
    }
    return { spikes, evaluations: solver.nEvals };
  }

  /**
   * Steady firing rate (Hz) at a constant current (µA/cm²), measured by simulation (as Nengo's
   * `NeuronType.rates`): RK4 at 0.01 ms for 1 s, the rate from inter-spike intervals after the first 200 ms
   * so transients and single onset spikes do not count as sustained firing.
   */
  rate(I: number, o: { duration?: number; dt?: number; settle?: number } = {}): number {
    const duration = o.duration ?? 1;
    const settle = o.settle ?? 0.2;
    const tr = this.simulate({ current: I, duration, dt: o.dt ?? 1e-5, method: 'rk4', record: false });
    const late = Array.from(tr.spikes).filter((s) => s >= settle);
    if (late.length < 2) return 0;
    return (late.length - 1) / (late[late.length - 1] - late[0]);
  }

  /** A fresh state for `size` neurons at rest, with the time of each neuron's last spike (−∞) beside it. */
  initialState(size: number): HhState {
    const r = this.restingState();
    // Populations keep V, m, h, n in a WebAssembly block when SIMD is available (the exponential-Euler kernel's).
    const block = size >= 8 ? allocHhBlock(size) : null;
    const s = block
      ? { V: block.V, m: block.m, h: block.h, n: block.n, lastSpike: new Float64Array(size) }
      : { V: new Float64Array(size), m: new Float64Array(size), h: new Float64Array(size), n: new Float64Array(size), lastSpike: new Float64Array(size) };
    s.V.fill(r[0]); s.m.fill(r[1]); s.h.fill(r[2]); s.n.fill(r[3]); s.lastSpike.fill(-Infinity);
    return s;
  }

  /** The input array beside `state` in WebAssembly memory, so the SIMD step reads it in place (any other works too, at one copy per step). */
  inputFor(state: Record<HhVariable, Float64Array>): Float64Array {
    return hhBlockOf(state.V)?.input ?? new Float64Array(state.V.length);
  }

  /**
   * Population step with the neuron's `method`: the input current (µA/cm²) and the conductances of `synapses`
   * (mS/cm², each receptor's g at the step's start, reversal potential E in mV) are held over the step, adding
   * Σ g (E − V) to the membrane current. Spikes are upward threshold crossings located inside the step.
   * The state must come from {@link HodgkinHuxley.initialState} (it carries each neuron's last spike time).
   */
  step(dt: number, t: number, input: Float64Array, st: Record<HhVariable, Float64Array>, spikes: SpikeBuffer, synapses?: SynapticInput): void {
    const state = st as HhState;
    if (state.lastSpike === undefined || state.lastSpike.length !== state.V.length) {
      throw new ValidationError('HodgkinHuxley.step.state', 'needs a lastSpike array beside V, m, h, n; make the state with initialState()');
    }
    const receptors = synapses?.conductances ?? [];
    const block = hhBlockOf(state.V);
    if (hhKernelApplies(this.settings, block, state, receptors)) exponentialEulerKernelStep(this.settings, dt, t, input, state, spikes, receptors, block);
    else this.stepLoop(dt, t, input, state, spikes, synapses);
    if (this.params.timing === 'grid') for (let k = 0; k < spikes.count; k++) spikes.offset[k] = dt; // reported at the step's end, as Brian2
  }

  /** The TypeScript population step (any method and kinetics, any number of receptors). */
  private stepLoop(dt: number, t: number, input: Float64Array, state: HhState, spikes: SpikeBuffer, synapses?: SynapticInput): void {
    let syn: HhSynapticSums | null = null;
    if (synapses !== undefined && synapses.conductances.length > 0) {
      const size = state.V.length;
      syn = this.sums.get(size) ?? { G: new Float64Array(size), GE: new Float64Array(size) };
      this.sums.set(size, syn);
      sumConductances(synapses.conductances, syn);
    }
    hhStep(this.settings, dt, t, input, input, input, state, spikes, syn);
  }
}

interface Recording { t: Float64Array; V: Float64Array; m: Float64Array; h: Float64Array; n: Float64Array }

function put(rec: Recording, k: number, tMs: number, V: number, m: number, h: number, n: number): void {
  rec.t[k] = tMs * 1e-3; rec.V[k] = V; rec.m[k] = m; rec.h[k] = h; rec.n[k] = n;
}

/** Locates the threshold crossing inside the last RK45 step on its dense output (bisection), in ms. */
function denseCrossing(s: Rk45, thr: number): number {
  let lo = s.tPrev, hi = s.t;
  for (let k = 0; k < 60 && hi - lo > 1e-13; k++) {
    const mid = 0.5 * (lo + hi);
    if (s.interpolateComponent(mid, 0) < thr) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}
