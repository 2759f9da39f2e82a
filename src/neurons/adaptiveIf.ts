/**
 * The step shared by the two-variable reset models whose voltage blows up in finite time (Touboul & Brette 2008's
 * class): AdEx (exponential) and Izhikevich (quadratic) are parameter maps onto
 *
 *   C dV/dt = q0 + q1 V + q2 V² + k e^((V − V_T)/Δ_T) − w + I + Σ_k g_k (E_k − V)
 *   dw/dt   = (α (V − E_w) − w) / τ_w
 *   V reaches V_cut: spike, V ← V_r, w ← w + b, then V held at V_r for t_ref (w keeps relaxing).
 *
 * Units are the model's own (ms for time inside; AdEx in pF, nS, mV, pA; Izhikevich in mV and mV/ms); the public
 * arguments (dt, t, refractory time left, spike offsets) are in seconds.
 *
 * Why the integrator looks the way it does. Near the spike dV/dt grows like e^((V − V_T)/Δ_T) (AdEx) or V² (Izhikevich)
 * and V reaches infinity in finite time, so a fixed RK4 step across the upstroke overflows (NaN) or, with the
 * overflow capped, lands far from the true crossing time. Three measures keep every number finite and the crossing
 * accurate, independently of dt:
 *  1. The right-hand side reads V as min(V, V_clamp), a little above the cut V_cut (NEST's `aeif_*` models read
 *     min(V, V_peak)): beyond the cut the true solution has already been reset, so this changes nothing it follows,
 *     and it bounds every stage, whatever dt and the input. The margin (5 Δ_T for AdEx, 100 mV for Izhikevich) lets
 *     the substep that crosses the cut see the true dynamics on both sides, which the crossing's interpolation needs.
 *  2. Each step is cut into substeps of length h ≤ κ/|∂(dV/dt)/∂V|, κ = 0.25 (and h ≤ κ τ_w for a fast w), checked at the substep's start and (with
 *     halving on failure) at its last stage, whose stages must also stay below V_clamp. Below threshold this is the whole step; on the upstroke ∂(dV/dt)/∂V ≈
 *     (dV/dt)/Δ_T, so each substep advances V by about κ·Δ_T and the substeps shrink geometrically towards the
 *     singularity: every substep is a well-resolved RK4 step (error ≈ κ⁵/120 relative), and the crossing lies in a
 *     substep short enough for cubic Hermite interpolation (O(h⁴), like RK4). The same bound keeps RK4 stable under
 *     strong conductances (∂/∂V = −(g_L + Σg)/C).
 *  3. AdEx's cut is V_cut = min(V_peak, V_T + 40 Δ_T): from V_T + 40 Δ_T, V reaches any V_peak within
 *     C e^(−40)/g_L ≈ 4·10⁻¹⁸ τ_m, so declaring the spike there moves it by nothing measurable, keeps e^u ≤ e^40, and
 *     bounds the number of substeps per spike (about 40/κ) when Δ_T is small.
 * A neuron may spike several times in one step (the reset is integrated from the crossing on); a non-finite input or
 * a runaway (more spikes than the buffer holds, or 10⁵ substeps in one step) throws `SimulationDiverged`.
 * @module
 */
import { SimulationDiverged } from '../core/errors.js';
import { hermiteCrossing } from './spikeTimes.js';
import type { SpikeBuffer, SynapticInput } from './types.js';

/** Constants of the shared step, in the model's units with time in ms (see the module comment). */
export interface AdaptiveIfConstants {
  /** Capacitance (1 for Izhikevich). */
  readonly C: number;
  readonly q0: number;
  readonly q1: number;
  readonly q2: number;
  /** Factor of the exponential (g_L Δ_T for AdEx, 0 for none). */
  readonly k: number;
  readonly VT: number;
  /** 1/Δ_T (0 when k = 0). */
  readonly invDeltaT: number;
  /** Adaptation coupling α and its reversal E_w. */
  readonly alpha: number;
  readonly Ew: number;
  /** 1/τ_w, per ms. */
  readonly invTauW: number;
  /** Where the spike is declared (see the module comment). */
  readonly Vcut: number;
  /** The right-hand side reads min(V, Vclamp); above Vcut, so the substep that crosses the cut sees the true dynamics. */
  readonly Vclamp: number;
  /** Reset value of V. */
  readonly Vr: number;
  /** Jump of w at each spike. */
  readonly b: number;
  /** Refractory period, ms. */
  readonly tRef: number;
}

/** Names used in error messages. */
export interface AdaptiveIfNames {
  readonly v: string;
  readonly w: string;
}

const KAPPA = 0.25; // substep bound on h·|∂(dV/dt)/∂V| at the start of a substep
const KAPPA_MAX = 1; // ... and at its last stage; beyond it the substep is halved
const MAX_SUBSTEPS = 100_000;

// dV/dt, dw/dt and ∂(dV/dt)/∂V of the last `rhs` call: an array, because V8 boxes doubles written to captured variables.
const D = new Float64Array(3);

/** Writes dV/dt, dw/dt and ∂(dV/dt)/∂V at (v, w) into D; `drive` = q0 + I + Σ g_k E_k, `lin` = q1 − Σ g_k. */
function rhs(c: AdaptiveIfConstants, invC: number, v: number, w: number, drive: number, lin: number): void {
  const x = v < c.Vclamp ? v : c.Vclamp;
  const e = c.k === 0 ? 0 : c.k * Math.exp((x - c.VT) * c.invDeltaT);
  D[0] = (drive + x * (lin + c.q2 * x) + e - w) * invC;
  D[1] = (c.alpha * (x - c.Ew) - w) * c.invTauW;
  D[2] = (lin + 2 * c.q2 * x + e * c.invDeltaT) * invC;
}

/** The cubic Hermite interpolant through (0, y0, y0') and (h, y1, y1') at θ ∈ [0, 1]. */
function hermite(y0: number, d0: number, y1: number, d1: number, h: number, s: number): number {
  const s2 = s * s, s3 = s2 * s;
  return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * h * d0 + (3 * s2 - 2 * s3) * y1 + (s3 - s2) * h * d1;
}

/**
 * Advances every neuron by dt (s) from t (s): `V`, `W` and (when given) `R`, the refractory time left (s), in place.
 * `input` is the current held over the step; `synapses.conductances` add Σ g_k (E_k − V) with g held over the step.
 * Spikes (neuron, offset in s from the step's start) are appended to `spikes` in time order per neuron.
 */
export function adaptiveIfStep(
  c: AdaptiveIfConstants, names: AdaptiveIfNames, dt: number, t: number, input: Float64Array,
  V: Float64Array, W: Float64Array, R: Float64Array | null, spikes: SpikeBuffer, synapses?: SynapticInput,
): void {
  const h = dt * 1e3;
  const invC = 1 / c.C;
  // The rest of the Jacobian: w's own rate 1/τ_w and the V–w coupling √(|α|/(C τ_w)) bound the substep too (a fast w).
  const jFloor = Math.max(c.invTauW, Math.sqrt(Math.abs(c.alpha) * c.invTauW * invC));
  const { Vcut, Vclamp, Vr, b, tRef, invTauW } = c;
  const wRest = c.alpha * (Vr - c.Ew); // w's fixed point while V is held at V_r
  const cond = synapses?.conductances ?? [];
  const nCond = cond.length;
  const idx = spikes.index, off = spikes.offset, cap = idx.length;
  let count = 0;
  for (let i = 0; i < V.length; i++) {
    let drive = c.q0 + input[i], lin = c.q1;
    for (let k = 0; k < nCond; k++) {
      const g = cond[k].g[i];
      drive += g * cond[k].E;
      lin -= g;
    }
    if (!(Number.isFinite(drive) && Number.isFinite(lin))) {
      throw new SimulationDiverged(names.v, t, V[i], i, Number.isFinite(input[i]) ? 'a synaptic conductance is not finite' : `the input is not finite (${input[i]})`);
    }
    let v = V[i], w = W[i];
    let r = R === null ? 0 : R[i] * 1e3;
    let tau = 0; // ms done in this step
    let substeps = 0;
    while (tau < h) {
      const left = h - tau;
      if (r > 0) { // held at V_r: w relaxes exactly (linear in w)
        const held = r < left ? r : left;
        w = wRest + (w - wRest) * Math.exp(-held * invTauW);
        v = Vr;
        r -= held;
        tau = held === left ? h : tau + held;
        continue;
      }
      let crossedAt = -1; // θ of the crossing inside the substep, or −1
      let hs = left;
      let v1 = v, w1 = w;
      if (v >= Vcut) {
        crossedAt = 0; // only from a state set at or above the cut
        hs = 0;
      } else {
        rhs(c, invC, v, w, drive, lin);
        const f0 = D[0], g0 = D[1], J0 = Math.max(Math.abs(D[2]), jFloor);
        if (hs * J0 > KAPPA) hs = KAPPA / J0;
        for (;;) {
          const hh = 0.5 * hs;
          const v2 = v + hh * f0;
          rhs(c, invC, v2, w + hh * g0, drive, lin);
          const f2 = D[0], g2 = D[1];
          const v3 = v + hh * f2;
          rhs(c, invC, v3, w + hh * g2, drive, lin);
          const f3 = D[0], g3 = D[1];
          const v4 = v + hs * f3;
          rhs(c, invC, v4, w + hs * g3, drive, lin);
          // Halve when the last stage is too nonlinear, or when a stage left the region where the right-hand side is
          // the true one (a strong drive can carry V past V_clamp within one substep).
          if (hs * Math.abs(D[2]) > KAPPA_MAX || v2 > Vclamp || v3 > Vclamp || v4 > Vclamp) {
            hs *= 0.5;
            continue;
          }
          v1 = v + (hs / 6) * (f0 + 2 * (f2 + f3) + D[0]);
          w1 = w + (hs / 6) * (g0 + 2 * (g2 + g3) + D[1]);
          break;
        }
        if (v1 >= Vcut) {
          rhs(c, invC, v1, w1, drive, lin);
          crossedAt = hermiteCrossing(v, f0, v1, D[0], hs, Vcut);
          w1 = hermite(w, g0, w1, D[1], hs, crossedAt);
        }
      }
      if (crossedAt >= 0) {
        const tc = tau + crossedAt * hs;
        if (count === cap) {
          throw new SimulationDiverged(names.v, t + tc * 1e-3, Vcut, i,
            `more than ${cap} spikes in one step of ${dt} s: the neuron fires faster than the step can hold; use a smaller dt or a refractory period`);
        }
        idx[count] = i;
        off[count++] = tc * 1e-3;
        v = Vr;
        w = w1 + b;
        r = tRef;
        tau = tc;
      } else {
        v = v1;
        w = w1;
        tau = hs === left ? h : tau + hs;
      }
      if (++substeps > MAX_SUBSTEPS) {
        throw new SimulationDiverged(names.v, t + tau * 1e-3, v, i, `more than ${MAX_SUBSTEPS} substeps in one step of ${dt} s`);
      }
    }
    if (!(Number.isFinite(v) && Number.isFinite(w))) {
      const bad = Number.isFinite(v) ? names.w : names.v;
      throw new SimulationDiverged(bad, t + dt, bad === names.v ? v : w, i, `input ${input[i]}`);
    }
    V[i] = v;
    W[i] = w;
    if (R !== null) R[i] = r * 1e-3;
  }
  spikes.count = count;
}

/**
 * The nullclines of the (V, w) plane at a constant input I (no conductances): dV/dt = 0 on
 * w = q0 + q1 V + q2 V² + k e^((V − V_T)/Δ_T) + I, and dw/dt = 0 on w = α (V − E_w). Written into `vNull` and `wNull`.
 */
export function adaptiveIfNullclines(c: AdaptiveIfConstants, I: number, V: ArrayLike<number>, vNull: Float64Array, wNull: Float64Array): void {
  for (let i = 0; i < V.length; i++) {
    const x = V[i];
    vNull[i] = c.q0 + I + x * (c.q1 + c.q2 * x) + (c.k === 0 ? 0 : c.k * Math.exp((x - c.VT) * c.invDeltaT));
    wNull[i] = c.alpha * (x - c.Ew);
  }
}
