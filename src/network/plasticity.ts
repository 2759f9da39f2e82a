/**
 * Pair-based spike-timing-dependent plasticity (STDP) on a connection's weights, in Brian2's formulation (its
 * `examples/synapses/STDP.py`, after Song, Miller & Abbott 2000). Two traces decay exponentially between spikes:
 * a_pre with τ_pre, one per pre-synaptic neuron, and a_post with τ_post, one per post-synaptic neuron; then
 *
 * - on a pre-synaptic spike's arrival at time t: a_pre ← a_pre + ΔA_pre, and for each of its synapses w ← clip(w + a_post);
 * - on a post-synaptic spike at time t:          a_post ← a_post + ΔA_post, and for each of its synapses w ← clip(w + a_pre),
 *
 * clip to [w_min, w_max]. One pre spike at t_pre and one post spike at t_post, Δt = t_post − t_pre, thus change w by
 * ΔA_pre·e^{−Δt/τ_pre} for Δt ≥ 0 and ΔA_post·e^{Δt/τ_post} for Δt < 0 (with ΔA_pre > 0 > ΔA_post: the classic
 * window, potentiation when pre precedes post). Because a_pre depends only on the pre neuron's spikes (one delay per
 * connection) and a_post only on the post neuron's, per-neuron traces are exactly Brian2's per-synapse ones.
 *
 * Timing, stated once:
 * - A pre spike counts at its **arrival** at the synapse: emission time + the connection's delay (a spike emitted at
 *   offset o in step k with a delay of D steps arrives at offset o in step k + D) — as in Brian2, where `on_pre` runs
 *   after the delay, and NEST's `stdp_synapse` with a purely dendritic delay.
 * - Traces are event-driven: each keeps its value and the time of its last update, so it is exact at any spike time
 *   (no per-step decay). Times are kept as (step, offset within the step), so Δt = (k₂ − k₁)·dt + (o₂ − o₁) carries
 *   no rounding of large absolute times (after 100 s, Δt is still good to ~1e-17 s). All events of one step — the pre
 *   arrivals and the post spikes, at their exact in-step times (precise LIF timing: off-grid; grid timing: post spikes
 *   at the step's end) — are processed in time order;
 *   a pre arrival and a post spike at the same instant are taken pre first (Brian2's order of pathways), so the pair
 *   counts as Δt = 0: potentiation by ΔA_pre.
 * - Weights are updated after the step's deliveries (the network's `updateWeights` phase). A spike delivers the
 *   weight its synapse had at the **start of the step in which it arrives**: every change made by earlier steps is
 *   in it; a change made inside that same step (a post spike just before the arrival, or the arrival's own update,
 *   applied after it is delivered as in Brian2's `ge += w` before `w = clip(w + Apost)`) acts from the next step on.
 *   The plasticity itself (which pairs, which Δt) is exact at every dt; only a PSC amplitude can miss the updates made
 *   earlier inside its own step (a few ΔA at most).
 *
 * Weight dependence: 'additive' adds the trace as it is. 'multiplicative' is NEST's `stdp_synapse` / Gütig et al.
 * (2003) form with exponent μ: with x = (w − w_min)/(w_max − w_min) (x = w/w_max for w_min = 0), a change Δ > 0
 * (potentiation) becomes Δ·(1 − x)^μ and a change Δ < 0 (depression) becomes Δ·x^μ, then the clip; μ = 0 is the additive rule,
 * μ = 1 the multiplicative (van Rossum et al. 2000) one. Pairing: 'all-to-all' (traces add up over all earlier spikes)
 * or 'nearest' (each spike *sets* its trace to ΔA instead of adding, so only the latest spike counts).
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkFinite, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive } from '../core/validate.js';
import type { SpikeBuffer } from '../neurons/types.js';
import type { DenseWeights, SparseWeights } from './connection.js';

/** How the weight scales a change. */
export type StdpDependence = 'additive' | 'multiplicative';
/** Which earlier spikes pair with a spike. */
export type StdpPairing = 'all-to-all' | 'nearest';
/** Plasticity rules. */
export type PlasticityRule = 'stdp';

/** All weight dependences, pairings and rules. */
export const STDP_DEPENDENCES: readonly StdpDependence[] = ['additive', 'multiplicative'];
export const STDP_PAIRINGS: readonly StdpPairing[] = ['all-to-all', 'nearest'];
export const PLASTICITY_RULES: readonly PlasticityRule[] = ['stdp'];

/**
 * Pair-based STDP on a connection (its `plasticity` option). Weights are in the connection's weight units; the trace
 * amplitudes ΔA are too. See the module note for the rule, its timing and the weight dependence.
 * @example
 * ```ts
 * // Song, Miller & Abbott (2000): depression 5 % stronger than potentiation
 * net.connect(inp, out, { weights, tauS: 0.005, plasticity: { rule: 'stdp', tauPre: 0.02, tauPost: 0.02,
 *   dApre: 0.01 * wMax, dApost: -0.0105 * wMax, wMax } });
 * ```
 */
export interface StdpSpec {
  rule: PlasticityRule;
  /** Time constant of the pre-synaptic trace a_pre, s (> 0). @default 0.02 */
  tauPre?: number;
  /** Time constant of the post-synaptic trace a_post, s (> 0). @default 0.02 */
  tauPost?: number;
  /** ΔA_pre: added to a_pre at each pre arrival; a_pre is added to w at each post spike (potentiation when > 0). */
  dApre: number;
  /** ΔA_post: added to a_post at each post spike; a_post is added to w at each pre arrival (depression when < 0). */
  dApost: number;
  /** Upper bound of the weights (> 0); every initial weight must lie in [wMin, wMax]. */
  wMax: number;
  /** Lower bound of the weights (0 ≤ wMin < wMax). @default 0 */
  wMin?: number;
  /** @default 'additive' */
  dependence?: StdpDependence;
  /** Exponent μ ≥ 0 of the multiplicative dependence (only with dependence 'multiplicative'). @default 1 */
  mu?: number;
  /** @default 'all-to-all' */
  pairing?: StdpPairing;
}

/** Resolved, validated {@link StdpSpec}. */
export interface StdpParams {
  readonly rule: PlasticityRule;
  readonly tauPre: number;
  readonly tauPost: number;
  readonly dApre: number;
  readonly dApost: number;
  readonly wMax: number;
  readonly wMin: number;
  readonly dependence: StdpDependence;
  /** 0 for the additive rule. */
  readonly mu: number;
  readonly pairing: StdpPairing;
}

const KEYS = ['rule', 'tauPre', 'tauPost', 'dApre', 'dApost', 'wMax', 'wMin', 'dependence', 'mu', 'pairing'];

/** Validates an STDP spec, filling the defaults; errors name `<owner>.<parameter>`. */
export function resolveStdp(spec: StdpSpec, owner = 'stdp'): StdpParams {
  if (spec === null || typeof spec !== 'object') throw new ValidationError(owner, `must be a plasticity spec such as { rule: 'stdp', dApre, dApost, wMax } (got ${describeValue(spec)})`);
  checkKnownKeys(owner, spec, KEYS);
  const rule = checkOneOf(`${owner}.rule`, spec.rule, PLASTICITY_RULES);
  const tauPre = checkPositive(`${owner}.tauPre`, spec.tauPre ?? 0.02);
  const tauPost = checkPositive(`${owner}.tauPost`, spec.tauPost ?? 0.02);
  if (spec.dApre === undefined) throw new ValidationError(`${owner}.dApre`, 'is required: the jump of the pre-synaptic trace, in weight units (e.g. 0.01 * wMax)');
  if (spec.dApost === undefined) throw new ValidationError(`${owner}.dApost`, 'is required: the jump of the post-synaptic trace, in weight units (< 0 for depression, e.g. -0.0105 * wMax)');
  const dApre = checkFinite(`${owner}.dApre`, spec.dApre);
  const dApost = checkFinite(`${owner}.dApost`, spec.dApost);
  if (spec.wMax === undefined) throw new ValidationError(`${owner}.wMax`, 'is required: the upper bound of the weights (> 0)');
  const wMax = checkPositive(`${owner}.wMax`, spec.wMax);
  const wMin = checkNonNegative(`${owner}.wMin`, spec.wMin ?? 0);
  if (wMin >= wMax) throw new ValidationError(`${owner}.wMin`, `must be < wMax (${wMax}) (got ${wMin})`);
  const dependence = checkOneOf(`${owner}.dependence`, spec.dependence ?? 'additive', STDP_DEPENDENCES);
  if (spec.mu !== undefined && dependence !== 'multiplicative') {
    throw new ValidationError(`${owner}.mu`, `only applies to dependence 'multiplicative' (got mu = ${describeValue(spec.mu)} with '${dependence}')`);
  }
  const mu = dependence === 'multiplicative' ? checkNonNegative(`${owner}.mu`, spec.mu ?? 1) : 0;
  const pairing = checkOneOf(`${owner}.pairing`, spec.pairing ?? 'all-to-all', STDP_PAIRINGS);
  return Object.freeze({ rule, tauPre, tauPost, dApre, dApost, wMax, wMin, dependence, mu, pairing });
}

/**
 * The weight change of one isolated pair at Δt = t_post − t_pre (s; the pre spike's arrival), from weight w:
 * ΔA_pre·e^{−Δt/τ_pre} for Δt ≥ 0, ΔA_post·e^{Δt/τ_post} for Δt < 0, scaled by the weight dependence and clipped.
 * Each value is the first pair's change alone (what the window figure shows). `w` defaults to the middle of the range.
 */
export function stdpWindow(params: StdpParams, dts: ArrayLike<number>, w = 0.5 * (params.wMin + params.wMax), out = new Float64Array(dts.length)): Float64Array {
  for (let k = 0; k < dts.length; k++) {
    const d = dts[k];
    const a = d >= 0 ? params.dApre * Math.exp(-d / params.tauPre) : params.dApost * Math.exp(d / params.tauPost);
    out[k] = updatedWeight(params, w, a) - w;
  }
  return out;
}

/** w after a change Δ with the rule's weight dependence, clipped to [w_min, w_max]. */
export function updatedWeight(p: StdpParams, w: number, d: number): number {
  let v: number;
  if (p.mu === 0) v = w + d;
  else {
    const x = (w - p.wMin) / (p.wMax - p.wMin);
    const f = d > 0 ? 1 - x : x;
    v = w + d * (p.mu === 1 ? f : Math.pow(f > 0 ? f : 0, p.mu));
  }
  return v < p.wMin ? p.wMin : v > p.wMax ? p.wMax : v;
}

/** Pre-synaptic spikes arriving in the current step: entries from..from + count of (index, offset within the step). */
export interface Arrivals {
  index: Int32Array;
  offset: Float64Array;
  from: number;
  count: number;
}

/**
 * The state of STDP on one connection: its parameters, the event-driven traces (value and time of the last update,
 * per pre and per post neuron) and, for sparse weights, a by-post (CSC) index of the CSR synapses so a post spike
 * reaches its incoming synapses directly. Held by {@link Connection.plasticity}; the network calls {@link update}
 * once per step.
 */
export class Stdp {
  readonly params: StdpParams;
  /** a_pre per pre neuron, as of its last update at offset `oPre` in step `kPre`. */
  readonly aPre: Float64Array;
  readonly kPre: Float64Array;
  readonly oPre: Float64Array;
  /** a_post per post neuron, as of its last update at offset `oPost` in step `kPost`. */
  readonly aPost: Float64Array;
  readonly kPost: Float64Array;
  readonly oPost: Float64Array;
  /** The step the step indices count (NaN before the first run). */
  private dt = NaN;
  private readonly N: number;
  private readonly M: number;
  // CSC index of sparse weights: synapses onto post j are colSyn[colPtr[j] .. colPtr[j + 1]) (CSR positions), from colPre.
  private colPtr: Int32Array | null = null;
  private colSyn: Int32Array | null = null;
  private colPre: Int32Array | null = null;
  // Scratch for the time order of one step's events.
  private preOrder = new Int32Array(64);
  private postOrder = new Int32Array(64);

  constructor(params: StdpParams, preSize: number, postSize: number) {
    this.params = params;
    this.N = preSize;
    this.M = postSize;
    this.aPre = new Float64Array(preSize);
    this.kPre = new Float64Array(preSize);
    this.oPre = new Float64Array(preSize);
    this.aPost = new Float64Array(postSize);
    this.kPost = new Float64Array(postSize);
    this.oPost = new Float64Array(postSize);
  }

  /** Traces back to zero (weights are left as they are). */
  reset(): void {
    for (const a of [this.aPre, this.kPre, this.oPre, this.aPost, this.kPost, this.oPost]) a.fill(0);
  }

  /**
   * Readies a run in steps of dt starting at step `step`: builds the by-post index of sparse weights (once: the
   * sparsity pattern never changes) and, when dt changed, re-expresses the trace times in steps of the new dt.
   */
  prepare(w: DenseWeights | SparseWeights, dt: number, step: number): void {
    if (this.dt !== dt && !Number.isNaN(this.dt)) {
      for (const [k, o] of [[this.kPre, this.oPre], [this.kPost, this.oPost]]) {
        for (let i = 0; i < k.length; i++) {
          const age = (step - k[i]) * this.dt - o[i]; // time since the last update, s
          k[i] = step;
          o[i] = -age;
        }
      }
    }
    this.dt = dt;
    if (w.kind === 'dense' || this.colPtr) return;
    const { rowPtr, post } = w, M = this.M, N = this.N;
    const colPtr = new Int32Array(M + 1), colSyn = new Int32Array(post.length), colPre = new Int32Array(post.length);
    for (let k = 0; k < post.length; k++) colPtr[post[k] + 1]++;
    for (let j = 0; j < M; j++) colPtr[j + 1] += colPtr[j];
    const fill = colPtr.slice(0, M);
    for (let i = 0; i < N; i++) {
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) {
        const at = fill[post[k]]++;
        colSyn[at] = k;
        colPre[at] = i;
      }
    }
    [this.colPtr, this.colSyn, this.colPre] = [colPtr, colSyn, colPre];
  }

  /**
   * Applies the events of step `step` (of the dt given to {@link prepare}) in time order: the pre arrivals and the post
   * spikes, at their offsets (s). Ties: pre before post. Updates the weights in place (dense: W and Wᵀ together).
   */
  update(step: number, pre: Arrivals, post: SpikeBuffer, w: DenseWeights | SparseWeights): void {
    const nPre = pre.count, nPost = post.count;
    if (nPre === 0 && nPost === 0) return;
    const po = sortByTime(pre.offset, pre.from, nPre, this.preOrder.length >= nPre ? this.preOrder : (this.preOrder = new Int32Array(2 * nPre)));
    const qo = sortByTime(post.offset, 0, nPost, this.postOrder.length >= nPost ? this.postOrder : (this.postOrder = new Int32Array(2 * nPost)));
    let a = 0, b = 0;
    while (a < nPre || b < nPost) {
      if (b >= nPost || (a < nPre && pre.offset[po[a]] <= post.offset[qo[b]])) {
        const s = po[a++];
        this.onPre(pre.index[s], step, pre.offset[s], w);
      } else {
        const s = qo[b++];
        this.onPost(post.index[s], step, post.offset[s], w);
      }
    }
  }

  /** A pre arrival of neuron i at offset o of step k: each of its synapses takes a_post of its post neuron; then a_pre jumps. */
  private onPre(i: number, k: number, o: number, w: DenseWeights | SparseWeights): void {
    const p = this.params, aPost = this.aPost, kPost = this.kPost, oPost = this.oPost, dt = this.dt;
    const inv = 1 / p.tauPost;
    if (w.kind === 'sparse') {
      const post = w.post, val = w.weight;
      for (let s = w.rowPtr[i], e = w.rowPtr[i + 1]; s < e; s++) {
        const j = post[s], a = aPost[j];
        if (a !== 0) val[s] = updatedWeight(p, val[s], a * decay(k - kPost[j], o - oPost[j], dt, inv));
      }
    } else {
      const M = this.M, N = this.N, W = w.W, WT = w.WT, base = i * M;
      for (let j = 0; j < M; j++) {
        const a = aPost[j];
        if (a === 0) continue;
        const v = updatedWeight(p, WT[base + j], a * decay(k - kPost[j], o - oPost[j], dt, inv));
        WT[base + j] = v;
        W[j * N + i] = v;
      }
    }
    const decayed = this.aPre[i] * decay(k - this.kPre[i], o - this.oPre[i], dt, 1 / p.tauPre);
    this.aPre[i] = p.pairing === 'nearest' ? p.dApre : decayed + p.dApre;
    this.kPre[i] = k;
    this.oPre[i] = o;
  }

  /** A post spike of neuron j at offset o of step k: a_post jumps; each synapse onto j takes a_pre of its pre neuron. */
  private onPost(j: number, k: number, o: number, w: DenseWeights | SparseWeights): void {
    const p = this.params, aPre = this.aPre, kPre = this.kPre, oPre = this.oPre, dt = this.dt;
    const inv = 1 / p.tauPre;
    const decayed = this.aPost[j] * decay(k - this.kPost[j], o - this.oPost[j], dt, 1 / p.tauPost);
    this.aPost[j] = p.pairing === 'nearest' ? p.dApost : decayed + p.dApost;
    this.kPost[j] = k;
    this.oPost[j] = o;
    if (w.kind === 'sparse') {
      const val = w.weight, colSyn = this.colSyn!, colPre = this.colPre!;
      for (let q = this.colPtr![j], e = this.colPtr![j + 1]; q < e; q++) {
        const i = colPre[q], a = aPre[i];
        if (a !== 0) val[colSyn[q]] = updatedWeight(p, val[colSyn[q]], a * decay(k - kPre[i], o - oPre[i], dt, inv));
      }
    } else {
      const M = this.M, N = this.N, W = w.W, WT = w.WT, row = j * N;
      for (let i = 0; i < N; i++) {
        const a = aPre[i];
        if (a === 0) continue;
        const v = updatedWeight(p, W[row + i], a * decay(k - kPre[i], o - oPre[i], dt, inv));
        W[row + i] = v;
        WT[i * M + j] = v;
      }
    }
  }
}

/** e^{−Δt/τ} for Δt = steps·dt + offsets (the time since a trace's last update), inv = 1/τ. */
function decay(steps: number, offsets: number, dt: number, inv: number): number {
  return Math.exp(-(steps * dt + offsets) * inv);
}

/** Positions from..from + n of `offset` in time order (stable: equal times keep their order), into `order`. */
function sortByTime(offset: Float64Array, from: number, n: number, order: Int32Array): Int32Array {
  if (n > 32) {
    for (let k = 0; k < n; k++) order[k] = from + k;
    order.subarray(0, n).sort((x, y) => offset[x] - offset[y] || x - y);
    return order;
  }
  for (let k = 0; k < n; k++) {
    const s = from + k, o = offset[s];
    let q = k - 1;
    while (q >= 0 && offset[order[q]] > o) {
      order[q + 1] = order[q];
      q--;
    }
    order[q + 1] = s;
  }
  return order;
}
