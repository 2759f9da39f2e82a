/**
 * The Hodgkin-Huxley right-hand side in one place (NEURON's `hh.mod`), shared by the scalar RK4 loop, the
 * generic-stepper path and the population step.
 * @module
 */

/** e^{0.5}, e^{−1.5}, e^{2.5}: β_h's and α_n's exponentials are α_m's times the first two. */
export const EXP_0_5 = Math.exp(0.5);
/** See {@link EXP_0_5}. */
export const EXP_M1_5 = Math.exp(-1.5);
/** See {@link EXP_0_5}. */
export const EXP_2_5 = Math.exp(2.5);

/** Constants of the right-hand side: conductances (mS/cm²), reversal potentials (mV), 1/C and φ = 3^((T − 6.3)/10). */
export interface HhKinetics {
  readonly gNa: number;
  readonly gK: number;
  readonly gL: number;
  readonly ENa: number;
  readonly EK: number;
  readonly EL: number;
  readonly invC: number;
  readonly phi: number;
  /**
   * NEURON's rate table, or null for the exact rates: x∞ and τ_x (x = m, h, n) at V = −100, −99, …, 100 mV, six rows
   * of 201 (see {@link neuronRateTable}).
   */
  readonly table: Float64Array | null;
}

/** Builds {@link HhKinetics} from parameters in NEURON's units. */
export function hhKinetics(p: { C: number; gNa: number; gK: number; gL: number; ENa: number; EK: number; EL: number; temperature: number; rateTable?: boolean }): HhKinetics {
  const phi = Math.pow(3, (p.temperature - 6.3) / 10);
  return { gNa: p.gNa, gK: p.gK, gL: p.gL, ENa: p.ENa, EK: p.EK, EL: p.EL, invC: 1 / p.C, phi, table: p.rateTable ? neuronRateTable(phi) : null };
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

/** {@link hhDerivatives} with NEURON's tabulated rates: dx/dt = (x∞ − x)/τ_x, x∞ and τ_x interpolated as NEURON does. */
function hhDerivativesTable(d: Float64Array, V: number, m: number, h: number, n: number, I: number, k: HhKinetics, t: Float64Array): void {
  const xi = V + 100; // (V − V_min)·(200 / (V_max − V_min))
  let i: number, th: number;
  if (xi <= 0) { i = 0; th = 0; } else if (xi >= 200) { i = 200; th = 0; } else { i = Math.floor(xi); th = xi - i; }
  const j = i < 200 ? i + 1 : i;
  const at = (row: number) => t[row + i] + th * (t[row + j] - t[row + i]);
  const n2 = n * n;
  d[0] = (I - k.gNa * m * m * m * h * (V - k.ENa) - k.gK * n2 * n2 * (V - k.EK) - k.gL * (V - k.EL)) * k.invC;
  d[1] = (at(0) - m) / at(201);
  d[2] = (at(402) - h) / at(603);
  d[3] = (at(804) - n) / at(1005);
  if (V !== V) d[0] = NaN; // keep NaN visible to the divergence checks
}

/**
 * Writes d = (dV/dt, dm/dt, dh/dt, dn/dt) per ms at (V, m, h, n) with injected current I (µA/cm²):
 * C dV/dt = I − g_Na m³h (V − E_Na) − g_K n⁴ (V − E_K) − g_L (V − E_L), dx/dt = φ(α_x (1 − x) − β_x x).
 *
 * One exponential per call: with q = e^{(−65 − V)/720} the rates' exponentials are powers of q
 * (e^{·/80} = q⁹, e^{·/20} = q³⁶, e^{·/18} = q⁴⁰, e^{·/10} = q⁷²), each a multiply and a few ulps. α_m and α_n are
 * u/(e^u − 1) forms with removable singularities at V = −40 and −55 mV; near them expm1 gives the exact limit.
 */
export function hhDerivatives(d: Float64Array, V: number, m: number, h: number, n: number, I: number, k: HhKinetics): void {
  if (k.table !== null) return hhDerivativesTable(d, V, m, h, n, I, k, k.table);
  const e65 = -(V + 65);
  const q = Math.exp(e65 / 720);
  const q2 = q * q, q4 = q2 * q2, q8 = q4 * q4, q9 = q8 * q;
  const q18 = q9 * q9, q36 = q18 * q18, q40 = q36 * q4;
  const ex = q36 * q36 * EXP_2_5; // e^x with x = −(V + 40)/10 = (−65 − V)/10 + 2.5
  const x = -(V + 40) * 0.1; // α_m's u; α_n's is x − 1.5 and β_h's exponent x + 0.5
  const am = x > -0.1 && x < 0.1 ? (x === 0 ? 1 : x / Math.expm1(x)) : x / (ex - 1);
  const un = x - 1.5;
  const an = un > -0.1 && un < 0.1 ? (un === 0 ? 0.1 : (0.1 * un) / Math.expm1(un)) : (0.1 * un) / (ex * EXP_M1_5 - 1);
  const bh = 1 / (ex * EXP_0_5 + 1);
  const bm = 4 * q40;
  const ah = 0.07 * q36;
  const bn = 0.125 * q9;
  const n2 = n * n;
  const phi = k.phi;
  d[0] = (I - k.gNa * m * m * m * h * (V - k.ENa) - k.gK * n2 * n2 * (V - k.EK) - k.gL * (V - k.EL)) * k.invC;
  d[1] = phi * (am * (1 - m) - bm * m);
  d[2] = phi * (ah * (1 - h) - bh * h);
  d[3] = phi * (an * (1 - n) - bn * n);
}
