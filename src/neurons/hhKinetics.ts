/**
 * Gate kinetics of the Hodgkin-Huxley model (notes §1.1), one parameter set per name:
 * - `'hh'`: NEURON's squid axon mechanism `hh.mod` (Hodgkin & Huxley 1952, V shifted so rest is −65 mV), rates
 *   scaled by φ = 3^((T − 6.3)/10), optionally through NEURON's 1 mV rate table;
 * - `'traub-miles'`: Traub & Miles (1991) as written in Brian2's `examples/COBAHH.py` (the Brette et al. 2007
 *   benchmark 3), with the threshold-shift parameter V_T.
 *
 * Each gate x ∈ {m, h, n} obeys dx/dt = α_x(1 − x) − β_x x = A_x − B_x·x with A = α, B = α + β (per ms), so
 * x∞ = A/B and τ_x = 1/B: the "linear in itself" form exponential Euler integrates and RK4 evaluates. The
 * membrane, C dV/dt = I − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L) + Σ g_syn (E_syn − V), is the same
 * for every kinetics.
 * @module
 */
import { expPoly } from '../core/expPoly.js';

/** Names of the gate kinetics. */
export type HhKineticsName = 'hh' | 'traub-miles';
/** All kinetics names. */
export const HH_KINETICS: readonly HhKineticsName[] = ['hh', 'traub-miles'];

/** Maximal conductances (mS/cm²) and reversal potentials (mV) of the sodium, potassium and leak currents. */
export interface IonicParams {
  readonly gNa: number;
  readonly gK: number;
  readonly gL: number;
  readonly ENa: number;
  readonly EK: number;
  readonly EL: number;
}

/** The membrane parameters a kinetics comes with (per-area units: µF/cm², mS/cm², mV). */
export interface KineticsDefaults extends IonicParams {
  readonly C: number;
  /** Initial membrane potential (gates at their steady state there). */
  readonly V0: number;
  /** Spike detection level. */
  readonly threshold: number;
}

/**
 * Defaults per kinetics. `'hh'`: NEURON's `hh` (gNa 120, gK 36, gL 0.3 mS/cm², ENa 50, EK −77, EL −54.3 mV), rest
 * at −65 mV, spikes at 0 mV. `'traub-miles'`: COBAHH's (gNa 100, gK 30, gL 0.05 mS/cm², ENa 50, EK −90, EL −60 mV),
 * starting at E_L, spikes at −20 mV. C = 1 µF/cm² for both.
 */
export const KINETICS_DEFAULTS: Readonly<Record<HhKineticsName, KineticsDefaults>> = Object.freeze({
  hh: Object.freeze({ C: 1, gNa: 120, gK: 36, gL: 0.3, ENa: 50, EK: -77, EL: -54.3, V0: -65, threshold: 0 }),
  'traub-miles': Object.freeze({ C: 1, gNa: 100, gK: 30, gL: 0.05, ENa: 50, EK: -90, EL: -60, V0: -60, threshold: -20 }),
});

/** V_T of the Traub-Miles kinetics in COBAHH, mV. */
export const TRAUB_MILES_VT = -63;

/** exprel(x) = (e^x − 1)/x with its limit 1 at x = 0 (SciPy's and Brian2's `exprel`). */
export function exprel(x: number): number {
  return x === 0 ? 1 : Math.expm1(x) / x;
}

/** α and β of the gates, per ms. */
export interface GateRates { am: number; bm: number; ah: number; bh: number; an: number; bn: number }

/** α and β of the three gates at V (mV), per ms, at 6.3 °C (NEURON `hh.mod`), written as the textbook does. */
export function hhRates(V: number): GateRates {
  return {
    am: 1 / exprel(-(V + 40) / 10),
    bm: 4 * Math.exp(-(V + 65) / 18),
    ah: 0.07 * Math.exp(-(V + 65) / 20),
    bh: 1 / (Math.exp(-(V + 35) / 10) + 1),
    an: 0.1 / exprel(-(V + 55) / 10),
    bn: 0.125 * Math.exp(-(V + 65) / 80),
  };
}

/** α and β of the Traub-Miles gates at V (mV) with threshold shift V_T (mV), per ms, as Brian2's COBAHH writes them. */
export function traubMilesRates(V: number, VT: number): GateRates {
  return {
    am: (0.32 * 4) / exprel((13 - V + VT) / 4),
    bm: (0.28 * 5) / exprel((V - VT - 40) / 5),
    ah: 0.128 * Math.exp((17 - V + VT) / 18),
    bh: 4 / (1 + Math.exp((40 - V + VT) / 5)),
    an: (0.032 * 5) / exprel((15 - V + VT) / 5),
    bn: 0.5 * Math.exp((10 - V + VT) / 40),
  };
}

/** Steady-state gate values x∞ = α/(α + β) at V (mV) of NEURON's `hh`. */
export function hhSteadyState(V: number): { m: number; h: number; n: number } {
  return steadyOf(hhRates(V));
}

function steadyOf(r: GateRates): { m: number; h: number; n: number } {
  return { m: r.am / (r.am + r.bm), h: r.ah / (r.ah + r.bh), n: r.an / (r.an + r.bn) };
}

/** How {@link gateRates} evaluates the rates: NEURON's `hh` exactly (0) or through its table (1), Traub-Miles (2). */
export type KineticsKind = 0 | 1 | 2;
const SQUID = 0, SQUID_TABLE = 1, TRAUB_MILES = 2;

/**
 * The constants the step reads: conductances (mS/cm²), reversal potentials (mV), 1/C, and the kinetics (φ for
 * `'hh'`, V_T for `'traub-miles'`, NEURON's rate table or null).
 */
export interface HhKinetics extends IonicParams {
  readonly kind: KineticsKind;
  /** This kinetics' {@link gateRates}, chosen once so that the loops calling it stay monomorphic. */
  readonly rates: GateRatesFn;
  readonly invC: number;
  /** Temperature factor of the `'hh'` rates (1 for `'traub-miles'`). */
  readonly phi: number;
  /** Threshold shift of the `'traub-miles'` rates, mV (0 for `'hh'`). */
  readonly VT: number;
  /**
   * NEURON's rate table, or null for the exact rates: x∞ and τ_x (x = m, h, n) at V = −100, −99, …, 100 mV, six rows
   * of 201 (see {@link neuronRateTable}).
   */
  readonly table: Float64Array | null;
}

/** What {@link hhKinetics} reads: the membrane parameters and the kinetics' own. */
export interface KineticsParams {
  kinetics: HhKineticsName;
  C: number; gNa: number; gK: number; gL: number; ENa: number; EK: number; EL: number;
  /** `'hh'` only, °C. */
  temperature?: number;
  /** `'hh'` only. */
  rateTable?: boolean;
  /** `'traub-miles'` only, mV. */
  VT?: number;
}

/** Builds {@link HhKinetics} from parameters in the model's units. */
export function hhKinetics(p: KineticsParams): HhKinetics {
  const common = { gNa: p.gNa, gK: p.gK, gL: p.gL, ENa: p.ENa, EK: p.EK, EL: p.EL, invC: 1 / p.C };
  if (p.kinetics === 'traub-miles') return { kind: TRAUB_MILES, rates: traubMilesGateRates, ...common, phi: 1, VT: p.VT ?? TRAUB_MILES_VT, table: null };
  const phi = Math.pow(3, ((p.temperature ?? 6.3) - 6.3) / 10);
  return p.rateTable
    ? { kind: SQUID_TABLE, rates: tableGateRates, ...common, phi, VT: 0, table: neuronRateTable(phi) }
    : { kind: SQUID, rates: squidGateRates, ...common, phi, VT: 0, table: null };
}

/** Gate steady states at V (mV): the textbook rates (or NEURON's table, when the kinetics uses it). */
export function steadyState(k: HhKinetics, V: number): { m: number; h: number; n: number } {
  if (k.table !== null) return tableSteadyState(k.table, V);
  return k.kind === TRAUB_MILES ? steadyOf(traubMilesRates(V, k.VT)) : hhSteadyState(V);
}

/** NEURON's `vtrap(x, y)` = x/(e^{x/y} − 1), with its own series below |x/y| < 1e-6. */
function vtrap(x: number, y: number): number {
  return Math.abs(x / y) < 1e-6 ? y * (1 - x / y / 2) : x / (Math.exp(x / y) - 1);
}

/**
 * The table NEURON's `hh.mod` builds by default (`TABLE minf, mtau, hinf, htau, ninf, ntau DEPEND celsius FROM -100
 * TO 100 WITH 200`, `usetable_hh = 1`): its `rates(v)` procedure evaluated at V = −100 … 100 mV in 1 mV steps, rows
 * m∞, τ_m, h∞, τ_h, n∞, τ_n (τ in ms, with q10 = φ). Between points NEURON interpolates linearly; outside, it holds
 * the end values.
 */
export function neuronRateTable(phi: number): Float64Array {
  const t = new Float64Array(6 * 201);
  for (let i = 0; i <= 200; i++) {
    const v = -100 + i;
    const am = 0.1 * vtrap(-(v + 40), 10), bm = 4 * Math.exp(-(v + 65) / 18);
    const ah = 0.07 * Math.exp(-(v + 65) / 20), bh = 1 / (Math.exp(-(v + 35) / 10) + 1);
    const an = 0.01 * vtrap(-(v + 55), 10), bn = 0.125 * Math.exp(-(v + 65) / 80);
    t[i] = am / (am + bm); t[201 + i] = 1 / (phi * (am + bm));
    t[402 + i] = ah / (ah + bh); t[603 + i] = 1 / (phi * (ah + bh));
    t[804 + i] = an / (an + bn); t[1005 + i] = 1 / (phi * (an + bn));
  }
  return t;
}

/** m∞, h∞, n∞ at V from a {@link neuronRateTable} (NEURON's INITIAL block with the table in use). */
export function tableSteadyState(t: Float64Array, V: number): { m: number; h: number; n: number } {
  const xi = V + 100;
  const i = xi <= 0 ? 0 : xi >= 200 ? 200 : Math.floor(xi);
  const th = xi <= 0 || xi >= 200 ? 0 : xi - i;
  const j = i < 200 ? i + 1 : i;
  const at = (row: number) => t[row + i] + th * (t[row + j] - t[row + i]);
  return { m: at(0), h: at(402), n: at(804) };
}

/**
 * The constant factors of the rates' exponentials (see {@link gateRates}), written out so that the SIMD kernel
 * (hhKernel.wat, which holds the same literals) and this file agree on every engine. `'hh'`: e^{2.5}, e^{0.5},
 * e^{−1.5}; `'traub-miles'`: e^{13/4}, e^{−8}, e^{8}, e^{3}, 0.128·e^{17/18}, 0.5·e^{1/4}.
 */
const EXP_2_5 = 12.182493960703473, EXP_0_5 = 1.6487212707001282, EXP_M1_5 = 0.22313016014842982;
const EXP_13_4 = 25.790339917193062, EXP_M8 = 0.00033546262790251185, EXP_8 = 2980.9579870417283, EXP_3 = 20.085536923187668,
  AH_TM = 0.3291372076528678, BN_TM = 0.6420127083438707;

/**
 * c·x/(e^x − 1) given E = e^x. Near the removable singularity at x = 0 (|x| < 0.1, where E − 1 would cancel) its
 * Bernoulli series 1 − x/2 + x²/12 − x⁴/720 + x⁶/30240 − x⁸/1209600 + x¹⁰/47900160 (next term < 1e-21 there), which
 * is exact at x = 0 and needs no branch in the SIMD kernel.
 */
function xOverExpm1(c: number, x: number, E: number): number {
  if (x > -0.1 && x < 0.1) {
    const x2 = x * x;
    return c * (1 - 0.5 * x + x2 * ((((x2 * 2.08767569878681e-8 - 8.267195767195768e-7) * x2 + 0.00003306878306878307) * x2 - 0.001388888888888889) * x2 + 0.08333333333333333));
  }
  return (c * x) / (E - 1);
}

/** Writes r = (A_m, B_m, A_h, B_h, A_n, B_n) at V (mV), per ms; see {@link gateRates}. */
export type GateRatesFn = (r: Float64Array, V: number, k: HhKinetics) => void;

/**
 * Writes r = (A_m, B_m, A_h, B_h, A_n, B_n) at V (mV), per ms: dx/dt = A_x − B_x·x, A = α, B = α + β (φ included).
 *
 * One exponential per call ({@link expPoly}, as the SIMD kernel computes it). `'hh'`: with q = e^{(−65 − V)/720} the
 * rates' exponentials are powers of q (e^{·/80} = q⁹, e^{·/20} = q³⁶, e^{·/18} = q⁴⁰, e^{·/10} = q⁷²). `'traub-miles'`:
 * with w = V_T − V and q = e^{w/360}, e^{w/40} = q⁹, e^{w/18} = q²⁰, e^{w/5} = q⁷², e^{w/4} = q⁹⁰. Each power is a few
 * multiplies and a few tens of ulps. The x/(e^x − 1) rates (α_m, α_n; Traub-Miles' β_m too) have removable
 * singularities; near them a series gives the exact limit. With NEURON's table, A = x∞/τ_x and B = 1/τ_x from its
 * interpolated x∞ and τ_x.
 */
export function gateRates(r: Float64Array, V: number, k: HhKinetics): void {
  k.rates(r, V, k);
}

function traubMilesGateRates(r: Float64Array, V: number, k: HhKinetics): void {
  const w = k.VT - V;
  const q = expPoly(w * 0.002777777777777778); // e^{w/360}
  const q2 = q * q, q4 = q2 * q2, q8 = q4 * q4, q9 = q8 * q;
  const q18 = q9 * q9, q20 = q18 * q2, q36 = q18 * q18, q72 = q36 * q36, q90 = q72 * q18;
  const am = xOverExpm1(1.28, (13 + w) * 0.25, EXP_13_4 * q90); // 0.32·4/exprel((13 − V + V_T)/4)
  const bm = xOverExpm1(1.4, -(w + 40) * 0.2, EXP_M8 / q72); // 0.28·5/exprel((V − V_T − 40)/5)
  const an = xOverExpm1(0.16, (15 + w) * 0.2, EXP_3 * q72); // 0.032·5/exprel((15 − V + V_T)/5)
  const ah = AH_TM * q20; // 0.128·e^{(17 − V + V_T)/18}
  const bh = 4 / (1 + EXP_8 * q72);
  const bn = BN_TM * q9; // 0.5·e^{(10 − V + V_T)/40}
  r[0] = am; r[1] = am + bm;
  r[2] = ah; r[3] = ah + bh;
  r[4] = an; r[5] = an + bn;
}

function tableGateRates(r: Float64Array, V: number, k: HhKinetics): void {
  const t = k.table!;
  // NEURON's lookup: (V − V_min)·(200 / (V_max − V_min)), linear between points, end values outside.
  const xi = V + 100;
  let i: number, th: number;
  if (xi <= 0) { i = 0; th = 0; } else if (xi >= 200) { i = 200; th = 0; } else { i = Math.floor(xi); th = xi - i; }
  const j = i < 200 ? i + 1 : i;
  for (let g = 0; g < 3; g++) {
    const row = 402 * g;
    const inf = t[row + i] + th * (t[row + j] - t[row + i]);
    const tau = t[row + 201 + i] + th * (t[row + 201 + j] - t[row + 201 + i]);
    r[2 * g] = inf / tau;
    r[2 * g + 1] = 1 / tau;
  }
}

function squidGateRates(r: Float64Array, V: number, k: HhKinetics): void {
  const q = expPoly(-(V + 65) * 0.001388888888888889); // e^{(−65 − V)/720}
  const q2 = q * q, q4 = q2 * q2, q8 = q4 * q4, q9 = q8 * q;
  const q18 = q9 * q9, q36 = q18 * q18, q40 = q36 * q4;
  const ex = q36 * q36 * EXP_2_5; // e^x with x = −(V + 40)/10 = (−65 − V)/10 + 2.5
  const x = -(V + 40) * 0.1; // α_m's argument; α_n's is x − 1.5 and β_h's exponent x + 0.5
  const am = xOverExpm1(1, x, ex);
  const an = xOverExpm1(0.1, x - 1.5, ex * EXP_M1_5);
  const bh = 1 / (ex * EXP_0_5 + 1);
  const bm = 4 * q40;
  const ah = 0.07 * q36;
  const bn = 0.125 * q9;
  const phi = k.phi;
  r[0] = phi * am; r[1] = phi * (am + bm);
  r[2] = phi * ah; r[3] = phi * (ah + bh);
  r[4] = phi * an; r[5] = phi * (an + bn);
}

const scratch = new Float64Array(6);

/**
 * Writes d = (dV/dt, dm/dt, dh/dt, dn/dt) per ms at (V, m, h, n): C dV/dt = J − G·V − g_Na m³h (V − E_Na) −
 * g_K n⁴ (V − E_K) − g_L (V − E_L), where J is the injected current plus Σ g_syn E_syn (µA/cm²) and G = Σ g_syn
 * (mS/cm²), and dx/dt = A_x − B_x·x from {@link gateRates}.
 */
export function hhDerivatives(d: Float64Array, V: number, m: number, h: number, n: number, J: number, G: number, k: HhKinetics): void {
  const r = scratch;
  k.rates(r, V, k);
  const n2 = n * n;
  d[0] = (J - G * V - k.gNa * m * m * m * h * (V - k.ENa) - k.gK * n2 * n2 * (V - k.EK) - k.gL * (V - k.EL)) * k.invC;
  d[1] = r[0] - r[1] * m;
  d[2] = r[2] - r[3] * h;
  d[3] = r[4] - r[5] * n;
}
