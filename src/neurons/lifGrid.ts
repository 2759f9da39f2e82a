/**
 * Grid timing for LIF neurons: Brian2's semantics, for comparisons spike for spike. The state advances over whole
 * steps; a spike is detected at the step's end (v > 1, reported with offset dt, so synapses receive it undecayed
 * at the step's end, "after the threshold and before the reset"); the refractory period is counted in whole
 * steps (v is not integrated in the round(τ_ref/dt) − 1 steps after the spiking step, Brian2's rule).
 *
 * Subthreshold update with the current receptors the neuron integrates itself (method 'exact'), solved exactly
 * over the step (Rotter & Diesmann 1999, as Brian2's `exact` and NEST do it): v ← J + (v − J)·P22 + Σ F·x with the
 * *old* stage values x, then the stages advance — for one exponential current this is v ← J + (v − J)·P22 + P21·I,
 * I ← P11·I. With conductance receptors, everything that drives v is frozen at the step's start and v takes one
 * exponential-Euler step, v ← v∞ + (v − v∞)·e^{−dt(1 + Σĝ)/τ_m} (Brian2's `exponential_euler`). Methods 'euler' and
 * 'rk4' take their own factor of the same linear step.
 * @module
 */
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { expPoly } from '../core/expPoly.js';
import { membraneResponse, stagePropagator } from './lifPropagator.js';
import { lifBlockOf } from './wasm/lifWasm.js';
import type { LifArrays } from './lifPrecise.js';
import { receptorOutputAt, type ConductanceReceptor, type CurrentReceptor, type SpikeBuffer, type SynapticInput } from './types.js';

/** Integration methods of the LIF step. */
export type LifMethod = 'exact' | 'euler' | 'rk4';

/**
 * The factor f with v_new = J + (v − J)·f for a step of h = −z·τ_m on the linear ODE τ_m v' = J − v:
 * exact e^z, Euler 1 + z, RK4 its stability polynomial 1 + z + z²/2 + z³/6 + z⁴/24 (what RK4 computes here).
 */
export function stepFactor(method: LifMethod, z: number): number {
  if (method === 'exact') return Math.exp(z);
  if (method === 'euler') return 1 + z;
  return 1 + z * (1 + z * (0.5 + z * (1 / 6 + z / 24)));
}

/** The largest stable dt/τ_m of each explicit method on τ_m v' = J − v: |f| ≤ 1 (Euler: 2; RK4: ≈ 2.785). */
export const STABLE_DT_OVER_TAU: Readonly<Record<LifMethod, number>> = { exact: Infinity, euler: 2, rk4: 2.785293563405282 };

/**
 * Refuses a step an explicit method cannot take stably (its factor would exceed 1 in size and v would oscillate and
 * grow without bound): a wrong answer that looks like a result is worse than an error.
 */
export function checkStableStep(owner: string, method: LifMethod, dt: number, tauM: number): void {
  const limit = STABLE_DT_OVER_TAU[method] * tauM;
  if (dt > limit) {
    throw new ValidationError(`${owner}.dt`, `${method === 'euler' ? 'forward Euler' : 'RK4'} is unstable for dt > ${+(limit).toPrecision(4)} s ` +
      `(${STABLE_DT_OVER_TAU[method]} τ_m with τ_m = ${tauM} s): use a smaller dt or method 'exact' (got ${dt})`);
  }
}

/**
 * The membrane's response over dt to an exponential current (n = 0): Brian2's and NEST's
 * P21 = τ_s/(τ_s − τ_m)(e^{−dt/τ_s} − e^{−dt/τ_m}) wherever that difference is well conditioned (so grid runs
 * reproduce theirs bit for bit), the cancellation-free form of lifPropagator.ts near τ_s = τ_m.
 */
export function exponentialCurrentResponse(tauS: number, tauM: number, dt: number): number {
  if (Math.abs(dt / tauS - dt / tauM) > 1e-3) return (tauS / (tauS - tauM)) * (Math.exp(-dt / tauS) - Math.exp(-dt / tauM));
  return membraneResponse(0, 1 / tauS, 1 / tauM, dt);
}

/** Conductances in the neuron's normalized units: ĝ = g/g_L and ê = (E − V_L)/(V_th − V_L), shared or per neuron. */
export interface ConductanceUnits {
  /** 1/g_L, one value or one per neuron. */
  readonly invGL: Float64Array;
  /** V_L and V_th − V_L (mV), one value or one per neuron. */
  readonly VL: Float64Array;
  readonly dV: Float64Array;
}

/** The grid step of a population; holds per-dt constants. */
export class GridLifStepper {
  private cachedDt = NaN;
  private receptors: readonly CurrentReceptor[] | null = null;
  private P22 = new Float64Array(0);
  /** Membrane response per flattened stage (S) or per stage and neuron (S·N) when τ_m varies. */
  private Fv = new Float64Array(0);
  private props: Float64Array[] = [];
  private refSteps = new Float64Array(0);
  private factor = new Float64Array(0);

  constructor(private readonly p: LifArrays, private readonly method: LifMethod) {}

  /** Whole steps a neuron stays frozen after its spiking step (Brian2: round(τ_ref/dt) − 1). */
  frozenSteps(j: number): number {
    return this.refSteps[this.refSteps.length === 1 ? 0 : j];
  }

  private prepare(dt: number, receptors: readonly CurrentReceptor[]): void {
    this.cachedDt = dt;
    this.receptors = receptors;
    const { tauMs, tauRefs, size } = this.p;
    const nb = tauMs ? size : 1;
    this.P22 = new Float64Array(nb);
    this.factor = new Float64Array(nb);
    let S = 0;
    for (const r of receptors) S += r.n + 1;
    this.Fv = new Float64Array(S * nb);
    for (let j = 0; j < nb; j++) {
      const tm = tauMs ? tauMs[j] : this.p.tauM;
      checkStableStep('LIF', this.method, dt, tm);
      this.P22[j] = Math.exp(-dt / tm);
      this.factor[j] = stepFactor(this.method, -dt / tm);
      let s = 0;
      for (const r of receptors) {
        for (let k = 0; k <= r.n; k++, s++) {
          const m = r.n - k;
          this.Fv[s * nb + j] = m === 0 ? exponentialCurrentResponse(r.tauS, tm, dt) : membraneResponse(m, 1 / r.tauS, 1 / tm, dt);
        }
      }
    }
    this.props = receptors.map((r) => stagePropagator(dt / r.tauS, r.n, new Float64Array(r.n + 1)));
    const frozen = (tr: number) => Math.max(0, Math.round(tr / dt) - 1);
    this.refSteps = tauRefs ? tauRefs.map(frozen) : Float64Array.of(frozen(this.p.tauRef));
  }

  /** The constants of a one-receptor, n = 0, shared-parameter population (for the SIMD kernel): P11, P22, P21. */
  kernelConstants(dt: number, syn: SynapticInput): [number, number, number] {
    if (dt !== this.cachedDt || this.receptors !== syn.currents) this.prepare(dt, syn.currents);
    return [this.props[0][0], this.P22[0], this.Fv[0]];
  }

  /**
   * One grid step for every neuron. `R[j]` counts the whole steps a neuron is still frozen. With conductance
   * receptors, `units` maps them into the normalized model.
   */
  step(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, syn: SynapticInput,
    units: ConductanceUnits | null, spikes: SpikeBuffer): void {
    const receptors = syn.currents, conds = syn.conductances;
    if (dt !== this.cachedDt || this.receptors !== receptors) this.prepare(dt, receptors);
    if (conds.length > 0 && !units) throw new ValidationError('LIF', 'conductance synapses need an LIF with voltage units (Population.physicalLif)');
    if (conds.length > 0 && receptors.length === 0 && this.method !== 'rk4' && units!.invGL.length === 1 && !this.p.tauMs) {
      this.conductanceSharedStep(dt, t, input, V, R, conds, units!, spikes);
      return;
    }
    const N = V.length, G = receptors.length;
    const nb = this.p.tauMs ? N : 1;
    const P22 = this.P22, Fv = this.Fv, props = this.props, refSteps = this.refSteps, factor = this.factor;
    const nr = refSteps.length === 1 ? 0 : 1;
    const vResets = this.p.vResets, vReset = this.p.vReset;
    const exact = this.method === 'exact';
    const idx = spikes.index, off = spikes.offset;
    let count = 0;
    for (let j = 0; j < N; j++) {
      const pj = nb === 1 ? 0 : j;
      const J = input[j];
      const r = R[j];
      // v from the old stages (exact: their response over the step; otherwise their values, held), unless frozen.
      let v = NaN;
      if (!(r > 0)) {
        if (conds.length > 0) v = this.conductanceStep(dt, j, J, V[j], receptors, conds, units!, N);
        else {
          let drive = 0, held = 0;
          let s = 0;
          for (let g = 0; g < G; g++) {
            const rec = receptors[g], x = rec.state, n = rec.n;
            for (let k = 0; k <= n; k++, s++) drive += x[k * N + j] * Fv[s * nb + pj];
            held += x[n * N + j];
          }
          if (exact) v = J + (V[j] - J) * P22[pj] + drive;
          else {
            const Jt = J + held;
            v = Jt + (V[j] - Jt) * factor[pj];
          }
        }
      }
      // The stages advance, refractory or not.
      for (let g = 0; g < G; g++) {
        const x = receptors[g].state, n = receptors[g].n, P = props[g];
        if (n === 0) x[j] *= P[0];
        else {
          for (let k = n; k >= 0; k--) {
            let acc = P[0] * x[k * N + j];
            for (let i = 1; i <= k; i++) acc += P[i] * x[(k - i) * N + j];
            x[k * N + j] = acc;
          }
        }
      }
      if (r > 0) {
        R[j] = r - 1;
        continue;
      }
      if (v > 1) {
        if (v === Infinity) throw new SimulationDiverged('v', t + dt, v, j, `input ${J}`);
        idx[count] = j;
        off[count++] = dt;
        V[j] = vResets ? vResets[j] : vReset;
        R[j] = refSteps[nr * j];
      } else if (v > -1e300) {
        V[j] = v;
      } else {
        throw new SimulationDiverged('v', t + dt, v, j, `input ${J}, method ${this.method} at dt = ${dt} s`);
      }
    }
    spikes.count = count;
  }

  /**
   * The common conductance case as one tight loop (shared units and τ_m, no fused currents, exponential or forward
   * Euler): v∞ = (J + Σ ĝ ê)/(1 + Σ ĝ), v ← v∞ + (v − v∞)·f(−dt(1 + Σ ĝ)/τ_m) — the arithmetic of conductanceStep.
   */
  private conductanceSharedStep(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array,
    conds: readonly ConductanceReceptor[], units: ConductanceUnits, spikes: SpikeBuffer): void {
    const invGL = units.invGL[0], VL = units.VL[0], dV = units.dV[0];
    const C = conds.length;
    if (this.eHat.length < C) this.eHat = new Float64Array(C);
    const eHat = this.eHat;
    for (let c = 0; c < C; c++) eHat[c] = (conds[c].E - VL) / dV;
    const gs0 = conds[0].g, gs1 = C > 1 ? conds[1].g : conds[0].g;
    const e0 = eHat[0], e1 = C > 1 ? eHat[1] : 0, w1 = C > 1 ? invGL : 0;
    const k = -dt / this.p.tauM;
    const useExp = this.method === 'exact';
    const refSteps = this.refSteps, vResets = this.p.vResets, vReset = this.p.vReset;
    const idx = spikes.index, off = spikes.offset;
    const N = V.length;
    let count = 0;
    const block = lifBlockOf(V);
    if (block && block.refractory === R && useExp && C <= 2 && !vResets && refSteps.length === 1) {
      // The SIMD kernel runs the common path; the lanes it flags (spikes, divergence) are finished here.
      if (input !== block.input) block.input.set(input);
      block.I.set(gs0);
      block.G1.set(gs1);
      const nfix = block.runCond(invGL, w1, e0, e1, k);
      const fix = block.fix;
      for (let q = 0; q < nfix; q++) {
        const j = fix[q], v = V[j];
        if (v > 1 && v !== Infinity) {
          idx[count] = j;
          off[count++] = dt;
          V[j] = vReset;
          R[j] = refSteps[0];
        } else throw new SimulationDiverged('v', t + dt, v, j, `input ${input[j]}`);
      }
      spikes.count = count;
      return;
    }
    for (let j = 0; j < N; j++) {
      const r = R[j];
      if (r > 0) {
        R[j] = r - 1;
        continue;
      }
      const g0 = gs0[j] * invGL, g1 = gs1[j] * w1;
      let Gs = g0 + g1, GE = g0 * e0 + g1 * e1;
      for (let c = 2; c < C; c++) {
        const gh = conds[c].g[j] * invGL;
        Gs += gh;
        GE += gh * eHat[c];
      }
      const J = input[j];
      const vInf = (J + GE) / (1 + Gs);
      const z = k * (1 + Gs);
      const v = vInf + (V[j] - vInf) * (useExp ? expPoly(z) : 1 + z);
      if (v > 1) {
        if (v === Infinity) throw new SimulationDiverged('v', t + dt, v, j, `input ${J}`);
        idx[count] = j;
        off[count++] = dt;
        V[j] = vResets ? vResets[j] : vReset;
        R[j] = refSteps[refSteps.length === 1 ? 0 : j];
      } else if (v > -1e300) {
        V[j] = v;
      } else {
        throw new SimulationDiverged('v', t + dt, v, j, `input ${J}, method ${this.method} at dt = ${dt} s`);
      }
    }
    spikes.count = count;
  }

  private eHat = new Float64Array(2);

  /**
   * v after one step with conductance receptors: τ_m v' = J + Σ y(t) + Σ ĝ_k(t)(ê_k − v) − v. Method 'exact': Brian2's
   * exponential Euler (everything frozen at the step's start, then the exact exponential step); 'euler': one forward
   * step of the same; 'rk4': classic RK4 with every current and conductance followed exactly inside the step (4th order).
   */
  private conductanceStep(dt: number, j: number, J: number, v0: number, receptors: readonly CurrentReceptor[],
    conds: readonly ConductanceReceptor[], units: ConductanceUnits, N: number): number {
    const uj = units.invGL.length === 1 ? 0 : j;
    const invGL = units.invGL[uj], VL = units.VL[uj], dV = units.dV[uj];
    const tm = this.p.tauMs ? this.p.tauMs[j] : this.p.tauM;
    if (this.method === 'rk4') return this.rk4(dt, j, J, v0, receptors, conds, invGL, VL, dV, tm, N);
    let Gs = 0, GE = 0, held = J;
    for (let g = 0; g < receptors.length; g++) held += receptors[g].state[receptors[g].n * N + j];
    for (let c = 0; c < conds.length; c++) {
      const gh = conds[c].g[j] * invGL;
      Gs += gh;
      GE += gh * ((conds[c].E - VL) / dV);
    }
    const vInf = (held + GE) / (1 + Gs);
    return vInf + (v0 - vInf) * stepFactor(this.method, (-dt * (1 + Gs)) / tm);
  }

  /** RK4 with every current and conductance followed exactly inside the step (see {@link conductanceStep}). */
  private rk4(dt: number, j: number, J: number, v0: number, receptors: readonly CurrentReceptor[], conds: readonly ConductanceReceptor[],
    invGL: number, VL: number, dV: number, tm: number, N: number): number {
    const rhs = (tt: number, v: number) => {
      let d = J - v;
      for (let g = 0; g < receptors.length; g++) d += receptorOutputAt(receptors[g], N, j, tt);
      for (let c = 0; c < conds.length; c++) d += receptorOutputAt(conds[c], N, j, tt) * invGL * ((conds[c].E - VL) / dV - v);
      return d / tm;
    };
    const h = dt, k1 = rhs(0, v0), k2 = rhs(0.5 * h, v0 + 0.5 * h * k1), k3 = rhs(0.5 * h, v0 + 0.5 * h * k2), k4 = rhs(h, v0 + h * k3);
    return v0 + (h / 6) * (k1 + 2 * (k2 + k3) + k4);
  }
}
