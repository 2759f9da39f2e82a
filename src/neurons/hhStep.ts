/**
 * One time step of N Hodgkin-Huxley neurons (any {@link HhKinetics}) over structure-of-arrays state, by forward
 * Euler, classic RK4 or exponential Euler; `HodgkinHuxley.step` runs populations through it and
 * `HodgkinHuxley.simulate` one neuron (RK4 through {@link rk4Advance} with the state in locals). Inside, time is in ms
 * and V in mV; the public arguments are in s.
 *
 * Inputs are held over the step, except that RK4 reads the injected current at the step's start, midpoint and end
 * (`I0`, `Imid`, `I1`: the same array three times for a population, the signal's samples for a single neuron), so a
 * time-varying current keeps RK4's fourth order. Synaptic conductances are held at their values at the step's start.
 * @module
 */
import { SimulationDiverged } from '../core/errors.js';
import { expPoly } from '../core/expPoly.js';
import { hhDerivatives, type HhKinetics } from './hhKinetics.js';
import type { HhBlock } from './wasm/hhWasm.js';
import { exponentialCrossing, hermiteCrossing, linearCrossing } from './spikeTimes.js';
import type { SpikeBuffer } from './types.js';

/** Integration methods of the population step. */
export type HhStepMethod = 'euler' | 'rk4' | 'exponential-euler';
/** All population-step methods. */
export const HH_STEP_METHODS: readonly HhStepMethod[] = ['euler', 'rk4', 'exponential-euler'];

/** The state the step reads and writes: V (mV), the gates, and each neuron's last spike time (s; −∞ if none). */
export interface HhState {
  V: Float64Array;
  m: Float64Array;
  h: Float64Array;
  n: Float64Array;
  lastSpike: Float64Array;
}

/** What stays fixed from step to step. */
export interface HhStepSettings {
  readonly kinetics: HhKinetics;
  readonly method: HhStepMethod;
  /** Spike detection level, mV (upward crossings). */
  readonly threshold: number;
  /** No spike is detected within this time (s) after a neuron's last spike. */
  readonly refractory: number;
}

/** The synaptic conductances of one step, summed over receptors: G = Σ g_k (mS/cm²) and GE = Σ g_k E_k (µA/cm²). */
export interface HhSynapticSums {
  readonly G: Float64Array;
  readonly GE: Float64Array;
}

const voltageOk = (V: number) => V > -1e4 && V < 1e4;
const gateOk = (x: number) => x > -1 && x < 2;

/**
 * The one divergence test of the model: V within ±10⁴ mV and each gate in (−1, 2). NaN fails it. Gates leave [0, 1]
 * only through integration error, so a gate outside (−1, 2) means the step size is unstable.
 */
export function hhStateOk(V: number, m: number, h: number, n: number): boolean {
  return voltageOk(V) && gateOk(m) && gateOk(h) && gateOk(n);
}

/** The error for a state that failed {@link hhStateOk}, naming the first bad variable. */
export function hhDiverged(V: number, m: number, h: number, n: number, tSec: number, index: number, hint: string): SimulationDiverged {
  const [name, value] = !voltageOk(V) ? ['V', V] : !gateOk(m) ? ['m', m] : !gateOk(h) ? ['h', h] : ['n', n];
  return new SimulationDiverged(name as string, tSec, value as number, index, `${hint}; try a smaller dt or another method`);
}

/**
 * True when a crossing at `tc` (s) may count as a spike: it lies at least `refractory` after the neuron's last spike.
 * A last spike later than the step's start `t` comes from an earlier run of a population that was reset, and is ignored.
 */
export function outsideRefractory(tc: number, last: number, refractory: number, t: number): boolean {
  return !(tc - last < refractory && last <= t);
}

const d = new Float64Array(4);
const r = new Float64Array(6);

/**
 * Advances every neuron by dt (s) from t (s) and lists the spikes (upward crossings of the threshold located
 * inside the step, outside the refractory period) in `spikes`. Throws SimulationDiverged on a state that fails
 * {@link hhStateOk}. Returns the number of right-hand-side evaluations spent locating spikes (RK4's end slopes).
 */
export function hhStep(
  s: HhStepSettings, dt: number, t: number, I0: Float64Array, Imid: Float64Array, I1: Float64Array,
  st: HhState, spikes: SpikeBuffer, syn: HhSynapticSums | null,
): number {
  spikes.count = 0;
  if (s.method === 'exponential-euler') return exponentialEulerStep(s, dt, t, I0, st, spikes, syn);
  if (s.method === 'rk4') return rk4Step(s, dt, t, I0, Imid, I1, st, spikes, syn);
  return eulerStep(s, dt, t, I0, st, spikes, syn);
}

function emit(spikes: SpikeBuffer, i: number, offset: number, t: number, last: Float64Array, refractory: number): void {
  if (!outsideRefractory(t + offset, last[i], refractory, t)) return;
  last[i] = t + offset;
  spikes.index[spikes.count] = i;
  spikes.offset[spikes.count++] = offset;
}

/**
 * One classic RK4 step of one neuron from (V0, m0, h0, n0) over h ms, the injected current plus Σ g E being J0, Jmid,
 * J1 at the step's start, midpoint and end and Σ g being G: writes (V, m, h, n, dV/dt at the start) into y.
 */
export function rk4Advance(y: Float64Array, V0: number, m0: number, h0: number, n0: number, J0: number, Jmid: number, J1: number, G: number, h: number, k: HhKinetics): void {
  const half = 0.5 * h, sixth = h / 6;
  hhDerivatives(d, V0, m0, h0, n0, J0, G, k);
  const k1V = d[0], k1m = d[1], k1h = d[2], k1n = d[3];
  hhDerivatives(d, V0 + half * k1V, m0 + half * k1m, h0 + half * k1h, n0 + half * k1n, Jmid, G, k);
  const k2V = d[0], k2m = d[1], k2h = d[2], k2n = d[3];
  hhDerivatives(d, V0 + half * k2V, m0 + half * k2m, h0 + half * k2h, n0 + half * k2n, Jmid, G, k);
  const k3V = d[0], k3m = d[1], k3h = d[2], k3n = d[3];
  hhDerivatives(d, V0 + h * k3V, m0 + h * k3m, h0 + h * k3h, n0 + h * k3n, J1, G, k);
  y[0] = V0 + sixth * (k1V + 2 * (k2V + k3V) + d[0]);
  y[1] = m0 + sixth * (k1m + 2 * (k2m + k3m) + d[1]);
  y[2] = h0 + sixth * (k1h + 2 * (k2h + k3h) + d[2]);
  y[3] = n0 + sixth * (k1n + 2 * (k2n + k3n) + d[3]);
  y[4] = k1V;
}

const y = new Float64Array(5);

/** Classic RK4 per neuron ({@link rk4Advance}); the crossing on the cubic through both ends' values and slopes. */
function rk4Step(
  s: HhStepSettings, dt: number, t: number, I0: Float64Array, Imid: Float64Array, I1: Float64Array,
  st: HhState, spikes: SpikeBuffer, syn: HhSynapticSums | null,
): number {
  const k = s.kinetics, thr = s.threshold, h = dt * 1e3;
  const { V: Va, m: ma, h: ha, n: na, lastSpike } = st;
  const G = syn === null ? null : syn.G, GE = syn === null ? null : syn.GE;
  let extra = 0;
  for (let i = 0; i < Va.length; i++) {
    const g = G === null ? 0 : G[i], ge = GE === null ? 0 : GE[i];
    const V0 = Va[i], J1 = I1[i] + ge;
    rk4Advance(y, V0, ma[i], ha[i], na[i], I0[i] + ge, Imid[i] + ge, J1, g, h, k);
    const V = y[0], m = y[1], hh = y[2], n = y[3];
    if (!hhStateOk(V, m, hh, n)) throw hhDiverged(V, m, hh, n, t + dt, i, `rk4 at dt = ${dt} s`);
    Va[i] = V; ma[i] = m; ha[i] = hh; na[i] = n;
    if (V0 < thr && V >= thr) {
      const k1V = y[4];
      hhDerivatives(d, V, m, hh, n, J1, g, k); // the end slope, for the cubic through both ends
      extra++;
      emit(spikes, i, hermiteCrossing(V0, k1V, V, d[0], h, thr) * dt, t, lastSpike, s.refractory);
    }
  }
  return extra;
}

/** Forward Euler per neuron; the crossing on the step's straight line. */
function eulerStep(s: HhStepSettings, dt: number, t: number, I0: Float64Array, st: HhState, spikes: SpikeBuffer, syn: HhSynapticSums | null): number {
  const k = s.kinetics, thr = s.threshold, h = dt * 1e3;
  const { V: Va, m: ma, h: ha, n: na, lastSpike } = st;
  const G = syn === null ? null : syn.G, GE = syn === null ? null : syn.GE;
  for (let i = 0; i < Va.length; i++) {
    const g = G === null ? 0 : G[i], ge = GE === null ? 0 : GE[i];
    const V0 = Va[i];
    hhDerivatives(d, V0, ma[i], ha[i], na[i], I0[i] + ge, g, k);
    const V = V0 + h * d[0], m = ma[i] + h * d[1], hh = ha[i] + h * d[2], n = na[i] + h * d[3];
    if (!hhStateOk(V, m, hh, n)) throw hhDiverged(V, m, hh, n, t + dt, i, `euler at dt = ${dt} s`);
    Va[i] = V; ma[i] = m; ha[i] = hh; na[i] = n;
    if (V0 < thr && V >= thr) emit(spikes, i, linearCrossing(V0, V, thr) * dt, t, lastSpike, s.refractory);
  }
  return 0;
}

/**
 * Exponential Euler (as Brian2's `exponential_euler`): each equation is linear in its own variable with the others
 * frozen at the step's start, dx/dt = A − B·x, and is solved exactly over the step: x ← x∞ + (x − x∞)·e^{−B·h},
 * x∞ = A/B. For V, A and B hold the injected current, the ionic conductances g_Na m³h, g_K n⁴, g_L and the
 * synaptic conductances. Unconditionally stable (every B > 0), first order. The exponentials are {@link expPoly}'s,
 * so that the SIMD kernel (hhKernel.wat) computes the same numbers.
 */
function exponentialEulerStep(s: HhStepSettings, dt: number, t: number, I0: Float64Array, st: HhState, spikes: SpikeBuffer, syn: HhSynapticSums | null): number {
  const G = syn === null ? null : syn.G, GE = syn === null ? null : syn.GE;
  for (let i = 0; i < st.V.length; i++) exponentialEulerOne(s, dt, t, i, I0[i], G === null ? 0 : G[i], GE === null ? 0 : GE![i], st, spikes);
  return 0;
}

const e = new Float64Array(6);

/**
 * One neuron's exponential-Euler step ({@link exponentialEulerStep}) with injected current I, Σ g = G and Σ g E = GE:
 * checks the new state, stores it and lists a spike.
 */
function exponentialEulerOne(s: HhStepSettings, dt: number, t: number, i: number, I: number, G: number, GE: number, st: HhState, spikes: SpikeBuffer): void {
  const k = s.kinetics, h = dt * 1e3, thr = s.threshold;
  const V0 = st.V[i];
  exponentialEulerAdvance(e, k, -h, V0, st.m[i], st.h[i], st.n[i], I, G, GE);
  const V = e[0], m = e[1], hh = e[2], n = e[3];
  if (!hhStateOk(V, m, hh, n)) throw hhDiverged(V, m, hh, n, t + dt, i, `exponential-euler at dt = ${dt} s`);
  st.V[i] = V; st.m[i] = m; st.h[i] = hh; st.n[i] = n;
  if (V0 < thr && V >= thr) emit(spikes, i, exponentialCrossing(V0, e[4], e[5], h, thr) * dt, t, st.lastSpike, s.refractory);
}

/**
 * The arithmetic of one exponential-Euler step over mh = −h ms, operation for operation as hhKernel.wat does it:
 * writes (V, m, h, n, V∞, B/C) into out.
 */
function exponentialEulerAdvance(out: Float64Array, k: HhKinetics, mh: number, V0: number, m0: number, h0: number, n0: number, I: number, G: number, GE: number): void {
  k.rates(r, V0, k);
  const n2 = n0 * n0;
  const gna = k.gNa * m0 * m0 * m0 * h0, gk = k.gK * n2 * n2;
  const B = k.gL + gna + gk + G, A = I + k.gL * k.EL + gna * k.ENa + gk * k.EK + GE;
  const Vinf = A / B, BV = B * k.invC;
  const minf = r[0] / r[1], hinf = r[2] / r[3], ninf = r[4] / r[5];
  out[0] = Vinf + (V0 - Vinf) * expPoly(mh * BV);
  out[1] = minf + (m0 - minf) * expPoly(mh * r[1]);
  out[2] = hinf + (h0 - hinf) * expPoly(mh * r[3]);
  out[3] = ninf + (n0 - ninf) * expPoly(mh * r[5]);
  out[4] = Vinf;
  out[5] = BV;
}

/** True when the SIMD kernel can run this step: exponential Euler, rates by formula, at most two conductances. */
export function hhKernelApplies(s: HhStepSettings, block: HhBlock | undefined, st: HhState, receptors: readonly { readonly E: number; readonly g: Float64Array }[]): block is HhBlock {
  return block !== undefined && s.method === 'exponential-euler' && s.kinetics.table === null && receptors.length <= 2 &&
    block.m === st.m && block.h === st.h && block.n === st.n;
}

/**
 * {@link exponentialEulerStep} by the SIMD kernel on a population whose state lives in an {@link HhBlock}, with the
 * conductance receptors (at most two) summed in: the same numbers as the TypeScript loop, bit for bit. The lanes the
 * kernel flags (a threshold crossing or a state that fails {@link hhStateOk}) and an odd last neuron are done here.
 */
export function exponentialEulerKernelStep(s: HhStepSettings, dt: number, t: number, input: Float64Array, st: HhState, spikes: SpikeBuffer,
  receptors: readonly { readonly E: number; readonly g: Float64Array }[], block: HhBlock): void {
  spikes.count = 0;
  const k = s.kinetics;
  if (input !== block.input) block.input.set(input);
  const E0 = receptors.length > 0 ? receptors[0].E : 0, E1 = receptors.length > 1 ? receptors[1].E : 0;
  if (receptors.length > 0) block.g0.set(receptors[0].g); else block.g0.fill(0);
  if (receptors.length > 1) block.g1.set(receptors[1].g); else block.g1.fill(0);
  const nfix = block.run(k, -dt * 1e3, E0, E1, s.threshold);
  const { fix, g0, g1 } = block, I = block.input;
  // Σ g and Σ g E as the kernel forms them (and as sumConductances does for one or two receptors).
  const one = (j: number) => exponentialEulerOne(s, dt, t, j, I[j], g0[j] + g1[j], g0[j] * E0 + g1[j] * E1, st, spikes);
  for (let q = 0; q < nfix; q++) one(fix[q]);
  if (block.size % 2 === 1) one(block.size - 1);
}

/** Sums the conductance receptors (at least one) into G and GE for one step. */
export function sumConductances(receptors: readonly { readonly E: number; readonly g: Float64Array }[], out: HhSynapticSums): void {
  const { G, GE } = out;
  const g0 = receptors[0].g, E0 = receptors[0].E;
  for (let i = 0; i < G.length; i++) {
    G[i] = g0[i];
    GE[i] = g0[i] * E0;
  }
  for (let k = 1; k < receptors.length; k++) {
    const g = receptors[k].g, E = receptors[k].E;
    for (let i = 0; i < G.length; i++) {
      G[i] += g[i];
      GE[i] += g[i] * E;
    }
  }
}
