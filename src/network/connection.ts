/**
 * Connections pre → post: a weight matrix W ∈ R^{M×N} (notes §5.1; row = post-synaptic neuron, column =
 * pre-synaptic neuron), a PSC shape (τ_s, n) and a transmission delay in whole steps. W is stored either dense
 * (the public [post][pre] row-major matrix, plus its transpose so that one pre-synaptic spike reads one
 * contiguous column) or sparse as CSR by pre-synaptic neuron, so a spike touches only its own row of synapses
 * (event-driven delivery). Random connectivity: probability p per ordered pair, or a fixed in-degree.
 * @module
 */
import { checkMemory } from '../core/budget.js';
import { ValidationError, describeValue } from '../core/errors.js';
import { throttledProgress, type Progress } from '../core/progress.js';
import { mulberry32 } from '../core/rng.js';
import { checkBoolean, checkFinite, checkInteger, checkKnownKeys, checkNonNegative, checkRange } from '../core/validate.js';
import { resolvePsc } from '../synapses/psc.js';
import { Stdp, resolveStdp, type StdpSpec } from './plasticity.js';
import type { Population } from './population.js';

/** The weight of a random synapse: a number, one per pre-synaptic neuron, or a function of (pre, post). */
export type WeightSpec = number | ArrayLike<number> | ((pre: number, post: number) => number);

/** How to connect two populations (dense weights, or random connectivity), with the synapse's PSC and delay. */
export interface ConnectionSpec {
  /** Dense weights, [post][pre]: `number[][]` (M rows of N) or a flat row-major array of M·N. */
  weights?: readonly (readonly number[])[] | ArrayLike<number>;
  /** b of z = W s + b: added to the post population's bias (one number or one per post neuron). */
  bias?: number | ArrayLike<number>;
  /** Store dense weights as CSR (only nonzero entries). @default false for dense weights */
  sparse?: boolean;
  /**
   * Reversal potential E (mV): makes this a conductance synapse, I_syn = g(t)(E − V), onto a neuron type with voltage
   * units (Population.physicalLif with timing 'grid', HH, AdEx). Weights are then peak conductances (≥ 0, in the post
   * type's conductance units, e.g. mS/cm²): g jumps by w for n = 0 and peaks at w for n ≥ 1. Without E the synapse is
   * current-based and follows the notes' convention (∫h = 1: an n = 0 spike adds w/τ_s to the current).
   */
  E?: number;
  /** Random connectivity: each ordered pair (pre i, post j) is connected with probability p ∈ [0, 1]. */
  p?: number;
  /** Random connectivity: each post neuron gets exactly this many distinct pre-synaptic neurons. */
  inDegree?: number;
  /** Seed of the connectivity draws (mulberry32). @default 0 */
  seed?: number;
  /**
   * A uniform [0, 1) generator to draw from instead of `seed` (e.g. one mulberry32 stream shared by several
   * connections). For `p`, draws are consumed row-major over (pre i, post j), one per pair, self pairs included.
   */
  rng?: () => number;
  /** Allow i → i when pre and post are the same population. @default false */
  allowSelf?: boolean;
  /** Weight of each random synapse. @default 1 */
  weight?: WeightSpec;
  /** Dale's law: the sign of every synapse of a pre neuron ('excitatory' +, 'inhibitory' −, or ±1 per pre neuron). */
  sign?: 'excitatory' | 'inhibitory' | ArrayLike<number>;
  /** PSC time constant τ_s, s (> 0). Ignored (not needed) for current sources. */
  tauS?: number;
  /** PSC order n (0 exponential, 1 alpha, …). @default 0 */
  n?: number;
  /** Transmission delay, s: a whole number of steps (checked when run). @default 0 */
  delay?: number;
  /** Transmission delay in steps (instead of `delay`). */
  delaySteps?: number;
  /**
   * Called about 100 times while random connectivity is drawn (a large one takes seconds): pairs drawn of N·M for
   * `p`, post-synaptic neurons done of M for `inDegree`.
   */
  onProgress?: Progress;
  /**
   * Makes the weights plastic: pair-based STDP (see {@link StdpSpec} and plasticity.ts for the rule and its timing).
   * Every initial weight must lie in [wMin, wMax]; on dense weights every (pre, post) pair is a synapse, zeros included
   * (give `sparse: true` or random connectivity to leave pairs unconnected).
   */
  plasticity?: StdpSpec;
}

/** Dense weights of a connection. */
export interface DenseWeights {
  readonly kind: 'dense';
  /** W, [post][pre] row-major (M·N). */
  readonly W: Float64Array;
  /** Wᵀ, [pre][post] row-major: a pre-synaptic spike reads one contiguous row. */
  readonly WT: Float64Array;
}

/** Sparse weights, CSR by pre-synaptic neuron. */
export interface SparseWeights {
  readonly kind: 'sparse';
  /** Synapses of pre neuron i are entries rowPtr[i] .. rowPtr[i + 1]. */
  readonly rowPtr: Int32Array;
  /** Post-synaptic neuron of each synapse (ascending within a row). */
  readonly post: Int32Array;
  /** Weight of each synapse. */
  readonly weight: Float64Array;
}

/** What a connection's synapses drive: a current, or a conductance with a reversal potential. */
export type SynapseKind = 'current' | 'conductance';

/** A connection's synapses, one entry each: pre and post neuron and weight. */
export interface SynapseList {
  pre: Int32Array;
  post: Int32Array;
  weight: Float64Array;
}

/** A connection between two populations of a network. */
export class Connection {
  readonly pre: Population;
  readonly post: Population;
  /** The weight matrix as stored: dense (W and Wᵀ) or CSR by pre-synaptic neuron. */
  readonly matrix: DenseWeights | SparseWeights;
  readonly tauS: number;
  readonly n: number;
  /** 'current' or 'conductance' (when a reversal potential was given). */
  readonly kind: SynapseKind;
  /** Reversal potential of a conductance synapse, mV (NaN for current synapses). */
  readonly E: number;
  /** Delay in seconds (NaN when given in steps). */
  readonly delay: number;
  /** Delay in steps (NaN when given in seconds; resolved at run time). */
  readonly delaySteps: number;
  /** Label used in error messages, e.g. `Connection(in→exc)`. */
  readonly label: string;
  /** The plasticity rule and its traces, or null for fixed weights. */
  readonly plasticity: Stdp | null;

  constructor(pre: Population, post: Population, matrix: DenseWeights | SparseWeights, psc: { tauS: number; n: number }, delay: number, delaySteps: number, E = NaN,
    plasticity: Stdp | null = null) {
    this.pre = pre;
    this.post = post;
    this.matrix = matrix;
    this.tauS = psc.tauS;
    this.n = psc.n;
    this.E = E;
    this.kind = Number.isNaN(E) ? 'current' : 'conductance';
    this.delay = delay;
    this.delaySteps = delaySteps;
    this.label = `Connection(${pre.name}→${post.name})`;
    this.plasticity = plasticity;
  }

  /** Number of synapses (stored entries; dense counts the nonzero ones). */
  get synapses(): number {
    const w = this.matrix;
    if (w.kind === 'sparse') return w.post.length;
    let c = 0;
    for (let k = 0; k < w.W.length; k++) if (w.W[k] !== 0) c++;
    return c;
  }

  /**
   * The current weights, one entry per synapse (a copy): CSR order (by pre neuron, posts ascending) for sparse
   * connections, every (pre, post) pair in the same order for dense ones. Read it after a run to see what plasticity did.
   */
  weights(): SynapseList {
    const w = this.matrix;
    if (w.kind === 'sparse') {
      const pre = new Int32Array(w.post.length);
      for (let i = 0; i + 1 < w.rowPtr.length; i++) pre.fill(i, w.rowPtr[i], w.rowPtr[i + 1]);
      return { pre, post: w.post.slice(), weight: w.weight.slice() };
    }
    const M = this.post.size, N = this.pre.size;
    const pre = new Int32Array(M * N), post = new Int32Array(M * N);
    for (let i = 0; i < N; i++) for (let j = 0; j < M; j++) {
      pre[i * M + j] = i;
      post[i * M + j] = j;
    }
    return { pre, post, weight: w.WT.slice() };
  }

  /** The whole matrix W, [post][pre] row-major (a copy; zeros where there is no synapse). */
  toDense(): Float64Array {
    const M = this.post.size, N = this.pre.size;
    const w = this.matrix;
    if (w.kind === 'dense') return w.W.slice();
    const out = new Float64Array(M * N);
    for (let i = 0; i < N; i++) for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) out[w.post[k] * N + i] += w.weight[k];
    return out;
  }

  /** Delay in whole steps of dt; throws if a delay in seconds is not a whole number of steps. */
  resolveDelay(dt: number): number {
    if (!Number.isNaN(this.delaySteps)) return this.delaySteps;
    const k = Math.round(this.delay / dt);
    if (Math.abs(k * dt - this.delay) > 1e-9 * Math.max(dt, this.delay)) {
      throw new ValidationError(`${this.label}.delay`, `must be a whole number of steps of dt = ${dt} s (got ${this.delay} s = ${this.delay / dt} steps)`);
    }
    return k;
  }
}

/** Builds a connection (validating everything); used by `Network.connect`. */
export function createConnection(pre: Population, post: Population, spec: ConnectionSpec): Connection {
  const label = `Connection(${pre.name}→${post.name})`;
  if (spec === null || typeof spec !== 'object') throw new ValidationError(label, `must be given a connection spec object (got ${describeValue(spec)})`);
  checkKnownKeys(label, spec, ['weights', 'bias', 'sparse', 'p', 'inDegree', 'seed', 'rng', 'allowSelf', 'weight', 'sign', 'tauS', 'n', 'delay', 'delaySteps', 'E', 'onProgress', 'plasticity']);
  if (post.kind !== 'neurons') throw new ValidationError(`${label}.post`, `must be a population of neurons; '${post.name}' is an input population (${post.kind})`);
  const M = post.size, N = pre.size;
  const modes = [spec.weights !== undefined, spec.p !== undefined, spec.inDegree !== undefined].filter(Boolean).length;
  if (modes !== 1) throw new ValidationError(label, 'give exactly one of weights (dense), p (random) or inDegree (fixed in-degree)');

  // PSC and delay.
  let psc = { tauS: NaN, n: 0 };
  if (pre.kind === 'current') {
    if (spec.tauS !== undefined || spec.n !== undefined) throw new ValidationError(`${label}.tauS`, 'a current source feeds the input directly; it takes no PSC (tauS, n)');
  } else {
    if (spec.tauS === undefined) throw new ValidationError(`${label}.tauS`, 'is required: the PSC time constant τ_s in seconds (e.g. 0.005)');
    psc = resolvePsc({ tauS: spec.tauS, n: spec.n }, label);
  }
  if (spec.delay !== undefined && spec.delaySteps !== undefined) throw new ValidationError(`${label}.delay`, 'give delay (s) or delaySteps, not both');
  const delay = spec.delay === undefined ? NaN : checkNonNegative(`${label}.delay`, spec.delay);
  const delaySteps = spec.delaySteps !== undefined ? checkInteger(`${label}.delaySteps`, spec.delaySteps, 0) : Number.isNaN(delay) ? 0 : NaN;
  if (pre.kind === 'current' && (delay > 0 || delaySteps > 0)) throw new ValidationError(`${label}.delay`, 'current sources are not delayed');
  let E = NaN;
  if (spec.E !== undefined) {
    E = checkFinite(`${label}.E`, spec.E);
    if (pre.kind === 'current') throw new ValidationError(`${label}.E`, 'a current source feeds the input directly; it cannot drive a conductance');
    const caps = post.type.synapticInput;
    if (!caps?.conductance) {
      throw new ValidationError(`${label}.E`, `'${post.name}' (${post.type.name}) takes no conductance synapses: ${caps?.whyNoConductance ?? 'its neuron type has no reversal potentials'}`);
    }
    if (spec.sign !== undefined) throw new ValidationError(`${label}.sign`, 'a conductance synapse takes weights >= 0; its reversal potential E makes it excitatory or inhibitory');
  }

  if (spec.onProgress !== undefined && typeof spec.onProgress !== 'function') {
    throw new ValidationError(`${label}.onProgress`, `must be a function (done, total) (got ${describeValue(spec.onProgress)})`);
  }
  const sign = resolveSign(`${label}.sign`, spec.sign, N);
  const same = pre === post;
  const allowSelf = spec.allowSelf === undefined ? false : checkBoolean(`${label}.allowSelf`, spec.allowSelf);

  let weights: DenseWeights | SparseWeights;
  if (spec.weights !== undefined) {
    for (const k of ['seed', 'rng', 'weight', 'allowSelf', 'onProgress'] as const) {
      if (spec[k] !== undefined) throw new ValidationError(`${label}.${k}`, 'only applies to random connectivity (p or inDegree), not to dense weights');
    }
    checkMemory(`${label}.weights`, M * N * 16, `${M}×${N} weights stored as W and its transpose, 8 bytes each`, [
      'random connectivity (p or inDegree), stored sparse', 'smaller populations',
    ]);
    const W = denseFrom(`${label}.weights`, spec.weights, M, N);
    if (sign) {
      for (let j = 0; j < M; j++) for (let i = 0; i < N; i++) {
        const w = W[j * N + i];
        if (w * sign[i] < 0) throw new ValidationError(`${label}.weights`, `entry [${j}][${i}] = ${w} has the wrong sign for pre neuron ${i} (${sign[i] > 0 ? 'excitatory' : 'inhibitory'})`);
      }
    }
    const sparse = spec.sparse === undefined ? false : checkBoolean(`${label}.sparse`, spec.sparse);
    weights = sparse ? csrFromDense(W, M, N) : { kind: 'dense', W, WT: transpose(W, M, N) };
  } else {
    if (spec.sparse === false) throw new ValidationError(`${label}.sparse`, 'random connectivity is always stored sparse');
    const draw = resolveRng(label, spec);
    const weightOf = resolveWeight(`${label}.weight`, spec.weight ?? 1, N);
    const wfn = sign ? (i: number, j: number) => sign[i] * Math.abs(weightOf(i, j)) : weightOf;
    if (spec.p !== undefined) {
      const p = checkRange(`${label}.p`, spec.p, 0, 1);
      const expected = p * N * M;
      // Each synapse takes 12 bytes (post index, weight); the list doubles as it grows and is trimmed by a copy.
      checkMemory(`${label}.p`, 3 * 12 * (expected + 5 * Math.sqrt(expected)), `about ${Math.round(expected)} expected synapses (p × ${N} × ${M}), 12 bytes each while built`, [
        'a smaller p', 'smaller populations',
      ]);
      weights = randomByProbability(N, M, p, draw, same && !allowSelf, wfn, label, spec.onProgress);
    } else {
      const K = checkInteger(`${label}.inDegree`, spec.inDegree, 0);
      const avail = same && !allowSelf ? N - 1 : N;
      if (K > avail) throw new ValidationError(`${label}.inDegree`, `must be <= ${avail}, the number of possible pre-synaptic neurons (got ${K})`);
      checkMemory(`${label}.inDegree`, M * K * 16 + N * 4, `${M} × ${K} synapses, 16 bytes each while built`, ['a smaller inDegree', 'smaller populations']);
      weights = randomByInDegree(N, M, K, draw, same && !allowSelf, wfn, label, spec.onProgress);
    }
  }
  if (spec.bias !== undefined) {
    if (typeof spec.bias === 'number') {
      if (!Number.isFinite(spec.bias)) throw new ValidationError(`${label}.bias`, `must be finite (got ${spec.bias})`);
      for (let j = 0; j < M; j++) post.bias[j] += spec.bias;
    } else {
      if (spec.bias.length !== M) throw new ValidationError(`${label}.bias`, `must have one entry per post neuron (${M}) (got ${spec.bias.length})`);
      for (let j = 0; j < M; j++) {
        const b = spec.bias[j];
        if (!Number.isFinite(b)) throw new ValidationError(`${label}.bias`, `entry ${j} must be finite (got ${b})`);
        post.bias[j] += b;
      }
    }
  }
  if (!Number.isNaN(E)) {
    const vals = weights.kind === 'dense' ? weights.W : weights.weight;
    for (let k = 0; k < vals.length; k++) {
      if (vals[k] < 0) throw new ValidationError(`${label}.weight`, `conductance weights are peak conductances and must be >= 0 (got ${vals[k]}); inhibition comes from the reversal potential E`);
    }
  }
  let plasticity: Stdp | null = null;
  if (spec.plasticity !== undefined) {
    if (pre.kind === 'current') {
      throw new ValidationError(`${label}.plasticity`, `'${pre.name}' is a current source: it emits no spikes, so spike-timing-dependent plasticity has nothing to pair`);
    }
    const params = resolveStdp(spec.plasticity, `${label}.plasticity`);
    const vals = weights.kind === 'dense' ? weights.W : weights.weight;
    for (let k = 0; k < vals.length; k++) {
      if (!(vals[k] >= params.wMin && vals[k] <= params.wMax)) {
        const where = weights.kind === 'dense' ? `entry [${Math.floor(k / N)}][${k % N}]` : `synapse ${k}`;
        throw new ValidationError(`${label}.${spec.weights !== undefined ? 'weights' : 'weight'}`,
          `${where} = ${vals[k]} is outside the plasticity bounds [wMin, wMax] = [${params.wMin}, ${params.wMax}]` +
          (weights.kind === 'dense' ? ' (on dense plastic weights every pair is a synapse; use sparse: true to drop zeros)' : ''));
      }
    }
    plasticity = new Stdp(params, N, M);
  }
  return new Connection(pre, post, weights, psc, delay, delaySteps, E, plasticity);
}

function resolveRng(label: string, spec: ConnectionSpec): () => number {
  if (spec.rng !== undefined) {
    if (spec.seed !== undefined) throw new ValidationError(`${label}.rng`, 'give seed or rng, not both');
    if (typeof spec.rng !== 'function') throw new ValidationError(`${label}.rng`, `must be a function returning uniform numbers in [0, 1) (got ${describeValue(spec.rng)})`);
    const rng = spec.rng;
    let draws = 0;
    // A draw outside [0, 1) (NaN, a string, 1.5) would index past the pool or connect nothing, silently.
    return () => {
      const u = rng();
      draws++;
      if (typeof u !== 'number' || !(u >= 0 && u < 1)) {
        throw new ValidationError(`${label}.rng`, `must return uniform numbers in [0, 1) (draw ${draws} was ${describeValue(u)})`);
      }
      return u;
    };
  }
  const seed = spec.seed ?? 0;
  if (!Number.isInteger(seed)) throw new ValidationError(`${label}.seed`, `must be an integer (got ${describeValue(seed)})`);
  return mulberry32(seed);
}

function resolveSign(name: string, s: ConnectionSpec['sign'], N: number): Float64Array | null {
  if (s === undefined) return null;
  if (s === 'excitatory') return new Float64Array(N).fill(1);
  if (s === 'inhibitory') return new Float64Array(N).fill(-1);
  if (typeof s === 'string' || !(Array.isArray(s) || ArrayBuffer.isView(s))) {
    throw new ValidationError(name, `must be 'excitatory', 'inhibitory' or an array of ±1 per pre neuron (got ${describeValue(s)})`);
  }
  if (s.length !== N) throw new ValidationError(name, `must have one sign per pre neuron (${N}) (got ${s.length})`);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) {
    if (s[i] !== 1 && s[i] !== -1) throw new ValidationError(name, `entry ${i} must be 1 or -1 (got ${describeValue(s[i])})`);
    out[i] = s[i];
  }
  return out;
}

function resolveWeight(name: string, w: WeightSpec, N: number): (i: number, j: number) => number {
  if (typeof w === 'number') {
    if (!Number.isFinite(w)) throw new ValidationError(name, `must be finite (got ${w})`);
    return () => w;
  }
  if (typeof w === 'function') {
    return (i, j) => {
      const x = w(i, j);
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new ValidationError(name, `returned ${describeValue(x)} for (pre ${i}, post ${j}); weights must be finite numbers`);
      return x;
    };
  }
  if (!(Array.isArray(w) || ArrayBuffer.isView(w))) throw new ValidationError(name, `must be a number, an array (one per pre neuron) or a function (pre, post) (got ${describeValue(w)})`);
  if (w.length !== N) throw new ValidationError(name, `must have one weight per pre neuron (${N}) (got ${w.length})`);
  const a = Float64Array.from(w);
  for (let i = 0; i < N; i++) if (!Number.isFinite(a[i])) throw new ValidationError(name, `entry ${i} must be finite (got ${a[i]})`);
  return (i) => a[i];
}

/** Checks and flattens dense weights given as [post][pre] rows or a flat row-major array. */
function denseFrom(name: string, w: ConnectionSpec['weights'], M: number, N: number): Float64Array {
  const out = new Float64Array(M * N);
  if (Array.isArray(w) && (w.length === 0 || Array.isArray(w[0]) || ArrayBuffer.isView(w[0]))) {
    const rows = w as readonly (readonly number[])[];
    const cols = rows.length ? rows[0].length : 0;
    if (rows.length !== M || rows.some((r) => !r || r.length !== N)) {
      const bad = rows.findIndex((r) => !r || r.length !== cols);
      const shape = bad >= 0 ? `ragged rows (row ${bad} has ${rows[bad]?.length ?? 0} entries, row 0 has ${cols})` : `${rows.length}×${cols}`;
      throw new ValidationError(name, `must be ${M}×${N} (post × pre: one row per post-synaptic neuron, one column per pre-synaptic neuron) (got ${shape})`);
    }
    for (let j = 0; j < M; j++) for (let i = 0; i < N; i++) {
      const x = rows[j][i];
      if (typeof x !== 'number' || !Number.isFinite(x)) throw new ValidationError(name, `entry [${j}][${i}] must be a finite number (got ${describeValue(x)})`);
      out[j * N + i] = x;
    }
    return out;
  }
  if (!(Array.isArray(w) || ArrayBuffer.isView(w))) throw new ValidationError(name, `must be a ${M}×${N} matrix (number[][], [post][pre]) (got ${describeValue(w)})`);
  const a = w as ArrayLike<number>;
  if (a.length !== M * N) throw new ValidationError(name, `must be ${M}×${N} (post × pre) = ${M * N} entries when flat (got ${a.length})`);
  for (let k = 0; k < a.length; k++) {
    if (typeof a[k] !== 'number' || !Number.isFinite(a[k])) throw new ValidationError(name, `entry ${k} must be a finite number (got ${describeValue(a[k])})`);
    out[k] = a[k];
  }
  return out;
}

function transpose(W: Float64Array, M: number, N: number): Float64Array {
  const T = new Float64Array(M * N);
  for (let j = 0; j < M; j++) for (let i = 0; i < N; i++) T[i * M + j] = W[j * N + i];
  return T;
}

/** CSR by pre of the nonzero entries of a dense [post][pre] matrix (posts ascending in each row). */
export function csrFromDense(W: Float64Array, M: number, N: number): SparseWeights {
  const rowPtr = new Int32Array(N + 1);
  for (let j = 0; j < M; j++) for (let i = 0; i < N; i++) if (W[j * N + i] !== 0) rowPtr[i + 1]++;
  for (let i = 0; i < N; i++) rowPtr[i + 1] += rowPtr[i];
  const post = new Int32Array(rowPtr[N]);
  const weight = new Float64Array(rowPtr[N]);
  const fill = rowPtr.slice(0, N);
  for (let j = 0; j < M; j++) for (let i = 0; i < N; i++) {
    const w = W[j * N + i];
    if (w !== 0) {
      post[fill[i]] = j;
      weight[fill[i]++] = w;
    }
  }
  return { kind: 'sparse', rowPtr, post, weight };
}

/** Growable typed-array pair for building CSR without a per-synapse object. */
class SynapseBuilder {
  post = new Int32Array(1024);
  weight = new Float64Array(1024);
  length = 0;
  push(j: number, w: number): void {
    if (this.length === this.post.length) {
      const p = new Int32Array(this.length * 2);
      p.set(this.post);
      this.post = p;
      const q = new Float64Array(this.length * 2);
      q.set(this.weight);
      this.weight = q;
    }
    this.post[this.length] = j;
    this.weight[this.length++] = w;
  }
}

const MAX_PAIRS = 1e9;

/** Each (pre i, post j) with probability p; draws row-major over (i, j), one per pair (self pairs too). */
function randomByProbability(N: number, M: number, p: number, draw: () => number, noSelf: boolean, w: (i: number, j: number) => number, label: string, onProgress?: Progress): SparseWeights {
  if (N * M > MAX_PAIRS) throw new ValidationError(`${label}.p`, `${N}×${M} pairs are too many to draw one by one (at most ${MAX_PAIRS})`);
  const rowPtr = new Int32Array(N + 1);
  const list = new SynapseBuilder();
  const progress = throttledProgress(onProgress, N * M);
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < M; j++) {
      const u = draw();
      if (u < p && !(noSelf && i === j)) list.push(j, w(i, j));
    }
    rowPtr[i + 1] = list.length;
    progress((i + 1) * M);
  }
  return { kind: 'sparse', rowPtr, post: list.post.slice(0, list.length), weight: list.weight.slice(0, list.length) };
}

/** Each post j gets K distinct pre neurons (partial Fisher–Yates per post), stored CSR by pre. */
function randomByInDegree(N: number, M: number, K: number, draw: () => number, noSelf: boolean, w: (i: number, j: number) => number, label: string, onProgress?: Progress): SparseWeights {
  if (M * K > 2e9) throw new ValidationError(`${label}.inDegree`, `${M}×${K} synapses are too many`);
  const pool = new Int32Array(N);
  const preOf = new Int32Array(M * K);
  const progress = throttledProgress(onProgress, M);
  for (let j = 0; j < M; j++) {
    let n = 0;
    for (let i = 0; i < N; i++) if (!(noSelf && i === j)) pool[n++] = i;
    for (let k = 0; k < K; k++) {
      const r = k + Math.floor(draw() * (n - k));
      const tmp = pool[k];
      pool[k] = pool[r];
      pool[r] = tmp;
      preOf[j * K + k] = pool[k];
    }
    progress(j + 1);
  }
  const rowPtr = new Int32Array(N + 1);
  for (let s = 0; s < preOf.length; s++) rowPtr[preOf[s] + 1]++;
  for (let i = 0; i < N; i++) rowPtr[i + 1] += rowPtr[i];
  const post = new Int32Array(M * K), weight = new Float64Array(M * K);
  const fill = rowPtr.slice(0, N);
  for (let j = 0; j < M; j++) for (let k = 0; k < K; k++) { // j ascending → posts ascending within each row
    const i = preOf[j * K + k];
    post[fill[i]] = j;
    weight[fill[i]++] = w(i, j);
  }
  return { kind: 'sparse', rowPtr, post, weight };
}
