/**
 * Precise timing for LIF neurons with synaptic currents they integrate themselves (NEST's `iaf_psc_*_ps` idea;
 * Morrison, Straube, Plesser & Diesmann 2007): the linear subthreshold system (v and every PSC stage) is
 * propagated exactly over each step and split at the exact arrival time of every input spike; the threshold
 * crossing is the first root of the exact trajectory, found to ~1e-15 s, not an interpolation between step ends;
 * reset and the refractory period count from it while the PSC stages keep evolving. So spike times do not depend
 * on dt (only on the root finder).
 *
 * Finding the *first* crossing, including one where v rises above threshold and falls back within a step: with the
 * drive m(t) = J + Σ_g y_g(t), τ_m v' = m − v. If m ≤ 1 on an interval and v < 1 at its start, v stays below 1 there;
 * if m ≥ 1 on it, v rises while below 1 and, once at 1, never falls below again — so a crossing exists iff v ≥ 1 at
 * the end, and it is unique. Only where m straddles 1 is the interval split (bisection), each part bounded first by
 * v ≤ m_max + (v₀ − m_max) e^{−b t}; the bounds of m come from each stage's basis function e^{−at}(at)^m/m!, which is
 * unimodal. See lifPropagator.ts for the closed forms.
 * @module
 */
import { SimulationDiverged } from '../core/errors.js';
import { basisBounds, membraneResponse, stagePropagator } from './lifPropagator.js';
import { lifBlockOf } from './wasm/lifWasm.js';
import { growSpikeBuffer, type CurrentReceptor, type SpikeBuffer, type SynapticEvents } from './types.js';

/** Per-neuron (or shared) LIF parameters as the steps read them. */
export interface LifArrays {
  readonly size: number;
  /** τ_m per neuron, or null when shared (then `tauM`). */
  readonly tauMs: Float64Array | null;
  readonly tauRefs: Float64Array | null;
  readonly vResets: Float64Array | null;
  readonly tauM: number;
  readonly tauRef: number;
  readonly vReset: number;
}

/** Most spikes one neuron may emit in one step before the step is declared runaway. */
export const MAX_SPIKES_PER_STEP = 1000;

/** The receptors' stages flattened: stage s belongs to receptor `rec[s]`, lies `m[s]` stages before its output. */
interface Layout {
  readonly S: number;
  readonly rec: Int32Array;
  readonly m: Int32Array;
  readonly a: Float64Array;
  /** First flattened stage of each receptor. */
  readonly base: Int32Array;
  /** Order n of each receptor. */
  readonly n: Int32Array;
  readonly receptors: readonly CurrentReceptor[];
}

function layoutOf(receptors: readonly CurrentReceptor[]): Layout {
  let S = 0;
  for (const r of receptors) S += r.n + 1;
  const rec = new Int32Array(S), m = new Int32Array(S), a = new Float64Array(S), base = new Int32Array(receptors.length), n = new Int32Array(receptors.length);
  let s = 0;
  receptors.forEach((r, g) => {
    base[g] = s;
    n[g] = r.n;
    for (let k = 0; k <= r.n; k++, s++) {
      rec[s] = g;
      m[s] = r.n - k;
      a[s] = 1 / r.tauS;
    }
  });
  return { S, rec, m, a, base, n, receptors };
}

/**
 * The precise step of a population (see the module note). Holds scratch and per-dt constants; one instance per
 * neuron type, re-laid out when the receptors change.
 */
export class PreciseLifStepper {
  private layout: Layout | null = null;
  private cachedDt = NaN;
  /** Stage propagator over dt per receptor: e^{−A}A^i/i!, i = 0..n (receptor g at g·(nMax + 1)). */
  private prop = new Float64Array(0);
  /** Membrane response F over dt per flattened stage (S values) or per stage and neuron (S·N) when τ_m varies. */
  private Fv = new Float64Array(0);
  /** e^{−dt/τ_m}: one value or one per neuron. */
  private P22 = new Float64Array(0);
  /** Basis bounds over [0, dt] per flattened stage: [min, max] pairs. */
  private bounds = new Float64Array(0);
  private nMax = 0;
  // Scratch for one neuron.
  private xs = new Float64Array(0);
  private tmpProp = new Float64Array(0);
  private bb = new Float64Array(2);
  private perNeuronTau = false;

  constructor(private readonly p: LifArrays) {}

  private prepare(dt: number, receptors: readonly CurrentReceptor[]): void {
    const L = layoutOf(receptors);
    this.layout = L;
    this.cachedDt = dt;
    const N = this.p.size;
    const tauMs = this.p.tauMs;
    this.perNeuronTau = tauMs !== null;
    this.nMax = receptors.reduce((x, r) => Math.max(x, r.n), 0);
    const w = this.nMax + 1;
    this.prop = new Float64Array(receptors.length * w);
    receptors.forEach((r, g) => stagePropagator(dt / r.tauS, r.n, this.prop.subarray(g * w, g * w + w)));
    this.tmpProp = new Float64Array(w);
    const nb = tauMs ? N : 1;
    this.P22 = new Float64Array(nb);
    this.Fv = new Float64Array(L.S * nb);
    for (let j = 0; j < nb; j++) {
      const b = 1 / (tauMs ? tauMs[j] : this.p.tauM);
      this.P22[j] = Math.exp(-b * dt);
      for (let s = 0; s < L.S; s++) this.Fv[s * nb + j] = membraneResponse(L.m[s], L.a[s], b, dt);
    }
    this.bounds = new Float64Array(2 * L.S);
    for (let s = 0; s < L.S; s++) {
      basisBounds(L.m[s], L.a[s], 0, dt, this.bb);
      this.bounds[2 * s] = this.bb[0];
      this.bounds[2 * s + 1] = this.bb[1];
    }
    this.xs = new Float64Array(L.S);
  }

  /**
   * Advances every neuron by dt. `R[j]` is the refractory time left at the step's start (s, 0 when free); v is held at
   * the reset while refractory. Spikes are listed by neuron, in time order within a neuron.
   */
  step(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, receptors: readonly CurrentReceptor[],
    events: SynapticEvents | null, spikes: SpikeBuffer): void {
    if (dt !== this.cachedDt || !this.layout || this.layout.receptors !== receptors && !sameShape(this.layout.receptors, receptors)) this.prepare(dt, receptors);
    const L = this.layout!;
    const N = V.length, S = L.S, G = receptors.length, w = this.nMax + 1;
    if (this.states.length !== G || this.states.some((x, g) => x !== receptors[g].state)) this.states = receptors.map((r) => r.state);
    const states = this.states;
    if (G === 1 && receptors[0].n === 0) {
      this.stepExponential(dt, t, input, V, R, states, events, spikes);
      return;
    }
    const prop = this.prop, Fv = this.Fv, P22 = this.P22, bounds = this.bounds;
    const nb = this.perNeuronTau ? N : 1;
    const first = events && events.count > 0 ? events.first : null;
    let count = 0;
    for (let j = 0; j < N; j++) {
      const r0 = R[j];
      const pj = nb === 1 ? 0 : j;
      if (r0 >= dt && (first === null || first[j + 1] === first[j])) {
        // Refractory through the whole step: only the stages move.
        R[j] = r0 - dt;
        for (let g = 0; g < G; g++) propagateStages(states[g], N, j, receptors[g].n, prop, g * w);
        continue;
      }
      if (r0 <= 0 && (first === null || first[j + 1] === first[j])) {
        // The common path: one exact step, accepted unless a crossing is possible.
        const J = input[j];
        const v0 = V[j];
        let vEnd = J + (v0 - J) * P22[pj];
        let mLo = J, mHi = J;
        for (let s = 0; s < S; s++) {
          const g = L.rec[s];
          const x = states[g][(s - L.base[g]) * N + j];
          vEnd += x * Fv[s * nb + pj];
          if (x >= 0) {
            mLo += x * bounds[2 * s];
            mHi += x * bounds[2 * s + 1];
          } else {
            mLo += x * bounds[2 * s + 1];
            mHi += x * bounds[2 * s];
          }
        }
        if (vEnd < 1 && v0 < 1 && (mHi <= 1 || mLo >= 1 || mHi + (v0 - mHi) * P22[pj] < 1)) {
          if (!(vEnd > -1e300)) throw new SimulationDiverged('v', t + dt, vEnd, j, `input ${J}`);
          V[j] = vEnd;
          for (let g = 0; g < G; g++) propagateStages(states[g], N, j, receptors[g].n, prop, g * w);
          continue;
        }
      }
      count = this.slow(j, dt, t, input[j], V, R, states, events, spikes, count);
    }
    spikes.count = count;
  }

  private states: Float64Array[] = [];

  /**
   * The common case of one exponential current receptor, inlined (the arithmetic of the general path): per neuron
   * v_end = J + (v − J)·P22 + x·F, x ← x·P11, accepted unless a crossing is possible.
   */
  private stepExponential(dt: number, t: number, input: Float64Array, V: Float64Array, R: Float64Array, states: Float64Array[],
    events: SynapticEvents | null, spikes: SpikeBuffer): void {
    const N = V.length, x = states[0], P11 = this.prop[0];
    const P22 = this.P22, Fv = this.Fv, shared = P22.length === 1;
    const p22s = P22[0], fs = Fv[0];
    const first = events && events.count > 0 ? events.first : null;
    let count = 0;
    const block = lifBlockOf(V);
    if (block && block.refractory === R && block.I === x && shared) {
      // The SIMD kernel takes the common path; neurons with events this step, and the lanes it flags, come here.
      if (input !== block.input) block.input.set(input);
      const skip = block.skip;
      if (first) for (let j = 0; j < N; j++) if (first[j + 1] !== first[j]) skip[j] = 1;
      const nfix = block.runPrecise(P11, p22s, fs, dt);
      const fix = block.fix;
      for (let q = 0; q < nfix; q++) {
        const j = fix[q];
        skip[j] = 0;
        count = this.slow(j, dt, t, input[j], V, R, states, events, spikes, count);
      }
      spikes.count = count;
      return;
    }
    for (let j = 0; j < N; j++) {
      if (first === null || first[j + 1] === first[j]) {
        const r0 = R[j];
        if (r0 >= dt) {
          R[j] = r0 - dt;
          x[j] *= P11;
          continue;
        }
        if (r0 <= 0) {
          const J = input[j], v0 = V[j], xj = x[j];
          const p22 = shared ? p22s : P22[j];
          const vEnd = J + (v0 - J) * p22 + xj * (shared ? fs : Fv[j]);
          if (vEnd < 1 && v0 < 1) {
            let mLo: number, mHi: number;
            if (xj >= 0) {
              mLo = J + xj * P11;
              mHi = J + xj;
            } else {
              mLo = J + xj;
              mHi = J + xj * P11;
            }
            if (mHi <= 1 || mLo >= 1 || mHi + (v0 - mHi) * p22 < 1) {
              if (!(vEnd > -1e300)) throw new SimulationDiverged('v', t + dt, vEnd, j, `input ${J}`);
              V[j] = vEnd;
              x[j] = xj * P11;
              continue;
            }
          }
        }
      }
      count = this.slow(j, dt, t, input[j], V, R, states, events, spikes, count);
    }
    spikes.count = count;
  }

  /**
   * One neuron through the step the careful way: split at its events and at the end of its refractory period, each
   * piece searched for its first threshold crossing.
   */
  private slow(j: number, dt: number, t: number, J: number, V: Float64Array, R: Float64Array, states: Float64Array[],
    events: SynapticEvents | null, spikes: SpikeBuffer, count: number): number {
    const L = this.layout!, N = V.length, xs = this.xs;
    for (let s = 0; s < L.S; s++) {
      const g = L.rec[s];
      xs[s] = states[g][(s - L.base[g]) * N + j];
    }
    const tauM = this.p.tauMs ? this.p.tauMs[j] : this.p.tauM;
    const tauRef = this.p.tauRefs ? this.p.tauRefs[j] : this.p.tauRef;
    const vReset = this.p.vResets ? this.p.vResets[j] : this.p.vReset;
    const b = 1 / tauM;
    let v = V[j];
    let refEnd = R[j] > 0 ? R[j] : 0; // end of the refractory period, s after the step's start
    let tc = 0;
    let fired = 0;
    let e = events && events.count > 0 ? events.first[j] : 0;
    const eEnd = events && events.count > 0 ? events.first[j + 1] : 0;
    for (;;) {
      const tNext = e < eEnd ? Math.min(events!.offset[e], dt) : dt;
      // Advance from tc to tNext: refractory pieces move only the stages; free pieces may cross.
      while (tc < tNext) {
        if (refEnd > tc) {
          const tr = refEnd < tNext ? refEnd : tNext;
          this.propagate(xs, tr - tc);
          tc = tr;
          continue;
        }
        const h = tNext - tc;
        const tau = v >= 1 ? 0 : this.firstCrossing(J, v, b, h);
        if (tau < 0) {
          v = this.vAt(J, v, b, h);
          this.propagate(xs, h);
          tc = tNext;
          break;
        }
        this.propagate(xs, tau);
        tc += tau;
        if (count >= spikes.index.length) growSpikeBuffer(spikes, count + 1);
        spikes.index[count] = j;
        spikes.offset[count++] = tc;
        if (++fired > MAX_SPIKES_PER_STEP) {
          throw new SimulationDiverged('v', t + tc, v, j, `the neuron fired more than ${MAX_SPIKES_PER_STEP} times in one step (input ${J}, τ_ref ${tauRef} s); use a smaller dt or check the input`);
        }
        v = vReset;
        refEnd = tc + tauRef;
      }
      if (e >= eEnd || events!.offset[e] > dt) break;
      // Every event at this time lands at once.
      const te = events!.offset[e];
      while (e < eEnd && events!.offset[e] === te) {
        const at = L.base[events!.receptor[e]];
        xs[at] += events!.jump[e];
        if (!Number.isFinite(xs[at])) throw new SimulationDiverged('v', t + te, xs[at], j, 'its synaptic current is not finite (an input weight too large?)');
        e++;
      }
    }
    if (!Number.isFinite(v)) throw new SimulationDiverged('v', t + dt, v, j, `input ${J}`);
    V[j] = v;
    R[j] = refEnd > dt ? refEnd - dt : 0;
    for (let s = 0; s < L.S; s++) {
      const g = L.rec[s];
      states[g][(s - L.base[g]) * N + j] = xs[s];
    }
    return count;
  }

  /** Exact stage update over h (all receptors of the neuron held in `xs`). */
  private propagate(xs: Float64Array, h: number): void {
    if (h === 0) return;
    const L = this.layout!, P = this.tmpProp;
    for (let g = 0; g < L.n.length; g++) {
      const n = L.n[g], b0 = L.base[g];
      stagePropagator(h * L.a[b0], n, P);
      for (let k = n; k >= 0; k--) {
        let acc = P[0] * xs[b0 + k];
        for (let i = 1; i <= k; i++) acc += P[i] * xs[b0 + k - i];
        xs[b0 + k] = acc;
      }
    }
  }

  /** v at time h after a point where it was v0, with the stages in `xs` at that point. */
  private vAt(J: number, v0: number, b: number, h: number): number {
    const L = this.layout!, xs = this.xs;
    let v = J + (v0 - J) * Math.exp(-b * h);
    for (let s = 0; s < L.S; s++) if (xs[s] !== 0) v += xs[s] * membraneResponse(L.m[s], L.a[s], b, h);
    return v;
  }

  /** The drive m(t) = J + Σ_g y_g(t) at t after the point where the stages are `xs`. */
  private driveAt(J: number, t: number): number {
    const L = this.layout!, xs = this.xs;
    let m = J;
    for (let s = 0; s < L.S; s++) {
      if (xs[s] === 0) continue;
      const at = L.a[s] * t, k = L.m[s];
      m += xs[s] * (k === 0 ? Math.exp(-at) : Math.exp(-at) * Math.pow(at, k) / factorial(k));
    }
    return m;
  }

  /** Bounds [lo, hi] of the drive over [t1, t2] (relative to the point where the stages are `xs`), into bb. */
  private driveBounds(J: number, t1: number, t2: number): void {
    const L = this.layout!, xs = this.xs, bb = this.bb;
    let lo = J, hi = J;
    for (let s = 0; s < L.S; s++) {
      const x = xs[s];
      if (x === 0) continue;
      basisBounds(L.m[s], L.a[s], t1, t2, bb);
      if (x > 0) {
        lo += x * bb[0];
        hi += x * bb[1];
      } else {
        lo += x * bb[1];
        hi += x * bb[0];
      }
    }
    bb[0] = lo;
    bb[1] = hi;
  }

  /** The first τ in (0, h] where v reaches 1, starting below it; −1 if it does not. */
  private firstCrossing(J: number, v0: number, b: number, h: number): number {
    return this.search(J, v0, b, 0, v0, h, 0);
  }

  private search(J: number, v0: number, b: number, t1: number, v1: number, t2: number, depth: number): number {
    this.driveBounds(J, t1, t2);
    const lo = this.bb[0], hi = this.bb[1];
    if (hi <= 1) return -1;
    if (hi + (v1 - hi) * Math.exp(-b * (t2 - t1)) < 1) return -1;
    const v2 = this.vAt(J, v0, b, t2);
    if (lo >= 1) return v2 >= 1 ? this.root(J, v0, b, t1, t2) : -1;
    if (depth >= 48 || t2 - t1 < 1e-15) return v2 >= 1 ? t2 : -1;
    const mid = 0.5 * (t1 + t2);
    const vm = this.vAt(J, v0, b, mid);
    if (vm >= 1) {
      const r = this.search(J, v0, b, t1, v1, mid, depth + 1);
      return r >= 0 ? r : mid;
    }
    const r = this.search(J, v0, b, t1, v1, mid, depth + 1);
    return r >= 0 ? r : this.search(J, v0, b, mid, vm, t2, depth + 1);
  }

  /**
   * The crossing in [lo, hi] where v(lo) < 1 ≤ v(hi) and v rises until it crosses: Newton on v − 1 with the exact
   * slope b(m − v), kept inside the bracket (bisection when a step would leave it).
   */
  private root(J: number, v0: number, b: number, lo: number, hi: number): number {
    let t = lo;
    let v = this.vAt(J, v0, b, t);
    for (let it = 0; it < 100; it++) {
      const slope = b * (this.driveAt(J, t) - v);
      let tn = slope > 0 ? t + (1 - v) / slope : NaN;
      if (!(tn > lo && tn < hi)) tn = 0.5 * (lo + hi);
      const vn = this.vAt(J, v0, b, tn);
      if (vn >= 1) hi = tn;
      else lo = tn;
      if (Math.abs(tn - t) <= 2e-16 * (1 + tn)) return tn; // Newton has converged
      if (hi - lo <= 2e-16 * (1 + hi)) return hi; // the bracket has closed
      t = tn;
      v = vn;
    }
    return hi;
  }
}

function sameShape(a: readonly CurrentReceptor[], b: readonly CurrentReceptor[]): boolean {
  if (a.length !== b.length) return false;
  for (let g = 0; g < a.length; g++) if (a[g].tauS !== b[g].tauS || a[g].n !== b[g].n) return false;
  return true;
}

/** Exact update of neuron j's stages of one receptor over dt (the stage propagator at `at` in `prop`). */
function propagateStages(x: Float64Array, N: number, j: number, n: number, prop: Float64Array, at: number): void {
  if (n === 0) {
    x[j] *= prop[at];
    return;
  }
  for (let k = n; k >= 0; k--) {
    let acc = prop[at] * x[k * N + j];
    for (let i = 1; i <= k; i++) acc += prop[at + i] * x[(k - i) * N + j];
    x[k * N + j] = acc;
  }
}

function factorial(k: number): number {
  let f = 1;
  for (let i = 2; i <= k; i++) f *= i;
  return f;
}
