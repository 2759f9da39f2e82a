/**
 * The network simulator: populations, connections pre → post (a weight matrix and a PSC each), and a fixed-step
 * loop with named phases. The input of post neuron j is z_j = gain_j (b_j + external_j(t) + Σ_i W_ji s_i(t))
 * where s_i are pre neuron i's PSC-filtered spike trains (notes §5.1). Filtering is linear, so all connections
 * onto one population with the same PSC shape (τ_s, n) share one filter per post neuron that holds their
 * weighted sum; and when the post neuron type integrates an exponential current itself ({@link CurrentLIF}),
 * n = 0 synapses with its τ_s are summed straight into that current.
 *
 * One step of length dt from t (phases, in order):
 *  1. `gatherInputs` — input = gain ⊙ (bias + external(t + dt/2) + Σ filter outputs at t + Σ W·currents);
 *  2. `stepNeurons` — every population advances to t + dt and lists its spikes (with in-step offsets);
 *  3. `decaySynapses` — every PSC filter advances exactly from t to t + dt;
 *  4. `deliverSpikes` — spikes emitted k steps ago (k = the connection's delay) land at their true time inside
 *     this step: each touches only its own CSR row (or its dense column), adding w·e^(−r/τ)(r/τ)^k/(k! τ_s) to
 *     filter stage k (notes §5.2: "+ w/τ_s on arrival", made exact for the time r left in the step);
 *  5. recorders, then progress.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { throttledProgress, type Progress } from '../core/progress.js';
import { checkTimeGrid } from '../core/validate.js';
import { hasBuiltInCurrent } from '../neurons/lifCurrent.js';
import { PscFilter } from '../synapses/psc.js';
import { Connection, createConnection, type ConnectionSpec } from './connection.js';
import { Population } from './population.js';
import type { CurrentSource } from './sources.js';
import type { Recorder } from './recorders.js';

/**
 * The summed synaptic input onto one post population for one PSC shape: a {@link PscFilter}, or — when fused —
 * the post neuron type's own current state (n = 0 only).
 */
export class SynapseGroup {
  readonly post: Population;
  readonly tauS: number;
  readonly n: number;
  /** The filter, or null when the neuron type integrates this current itself. */
  readonly filter: PscFilter | null;
  /** Stage-major state the spikes are added to (the filter's state, or the neuron's current array). */
  readonly target: Float64Array;
  constructor(post: Population, tauS: number, n: number) {
    this.post = post;
    this.tauS = tauS;
    this.n = n;
    const t = post.type;
    if (n === 0 && hasBuiltInCurrent(t) && t.currentTauS === tauS) {
      this.filter = null;
      this.target = (post.state as Record<string, Float64Array>)[t.currentState];
    } else {
      this.filter = new PscFilter({ n, tauS }, post.size);
      this.target = this.filter.state;
    }
  }
  /**
   * Set at the start of each run: a fused current is the neuron's own input term, so a non-unit gain of the
   * post population applies at delivery (a filter's output gets it when the input is gathered).
   */
  scaleByGain = false;
  /** True when the post neuron type integrates this current itself. */
  get fused(): boolean {
    return this.filter === null;
  }
}

/** Per-connection delay line: the pre spikes of the last D steps (a ring of D + 1 slots). */
class DelayLine {
  readonly slots: number;
  readonly cap: number;
  readonly index: Int32Array;
  readonly offset: Float64Array;
  readonly count: Int32Array;
  constructor(readonly steps: number, cap: number) {
    this.slots = steps + 1;
    this.cap = cap;
    this.index = new Int32Array(this.slots * cap);
    this.offset = new Float64Array(this.slots * cap);
    this.count = new Int32Array(this.slots);
  }
}

/** Options of {@link Network.run}. */
export interface RunOptions {
  /** Called about 100 times with (steps done, total steps). */
  onProgress?: Progress;
  /** Recorders for this run (each is started, fed every step, and finished). */
  recorders?: Recorder[];
}

/** What a run did. */
export interface RunInfo {
  /** Steps taken. */
  steps: number;
  /** Simulated time at the end of the run, s. */
  t: number;
  /** Wall time of the loop, s. */
  wallSeconds: number;
  /** Spikes emitted by each population during the run. */
  spikes: Record<string, number>;
  /** Synaptic events delivered (one per synapse per arriving spike). */
  synapticEvents: number;
}

interface InputPlan {
  pop: Population;
  /** Outputs of the non-fused filters onto this population. */
  outputs: Float64Array[];
  /** Current-source connections onto this population. */
  currents: Connection[];
  /** Nothing in the input changes over time: compute it once per run. */
  static: boolean;
  /** Scratch for the current-source sum. */
  direct: Float64Array;
}

/**
 * A network of populations and connections, simulated with a fixed step.
 * @example
 * ```ts
 * const net = new Network();
 * const inp = net.add(Population.poisson('in', 50, { rate: 20, seed: 1 }));
 * const out = net.add(Population.lif('out', 10));
 * net.connect(inp, out, { p: 0.2, seed: 2, weight: 0.05, tauS: 0.005 });
 * const spikes = new SpikeRecorder(out);
 * net.run(1, 1e-4, { recorders: [spikes] });
 * ```
 */
export class Network {
  readonly populations: Population[] = [];
  readonly connections: Connection[] = [];
  readonly groups: SynapseGroup[] = [];
  /** Simulated time, s. */
  t = 0;
  /** Steps taken since the start (or the last reset). */
  stepCount = 0;
  private groupOf = new Map<Connection, SynapseGroup>();
  private delays = new Map<Connection, DelayLine>();
  private plans: InputPlan[] = [];
  private dt = NaN;
  private dirty = true;
  private events = 0;

  /** Adds a population (names must be unique); returns it. */
  add<P extends Population<any>>(pop: P): P {
    if (!(pop instanceof Population)) throw new ValidationError('Network.add', `must be given a Population (got ${describeValue(pop)})`);
    if (this.populations.some((p) => p.name === pop.name)) throw new ValidationError('Network.add', `a population named '${pop.name}' is already in the network`);
    this.populations.push(pop);
    this.dirty = true;
    return pop;
  }

  /** The population with this name. @throws ValidationError if there is none */
  population(name: string): Population {
    const p = this.populations.find((q) => q.name === name);
    if (!p) {
      const known = this.populations.map((q) => `'${q.name}'`).join(', ') || 'none yet';
      throw new ValidationError('Network.population', `no population named ${JSON.stringify(name)} in the network (populations: ${known})`);
    }
    return p;
  }

  private resolve(which: 'pre' | 'post', p: Population | string): Population {
    if (typeof p === 'string') {
      try {
        return this.population(p);
      } catch (e) {
        throw new ValidationError(`Network.connect.${which}`, (e as Error).message.replace(/^Network\.population: /, ''));
      }
    }
    if (!(p instanceof Population)) throw new ValidationError(`Network.connect.${which}`, `must be a population or its name (got ${describeValue(p)})`);
    if (!this.populations.includes(p)) {
      throw new ValidationError(`Network.connect.${which}`, `population '${p.name}' is not in this network; add it with net.add() first`);
    }
    return p;
  }

  /** Connects pre → post (populations of this network, or their names). See {@link ConnectionSpec}. */
  connect(pre: Population | string, post: Population | string, spec: ConnectionSpec): Connection {
    const a = this.resolve('pre', pre), b = this.resolve('post', post);
    const c = createConnection(a, b, spec);
    this.connections.push(c);
    if (a.kind !== 'current') {
      let g = this.groups.find((x) => x.post === b && x.tauS === c.tauS && x.n === c.n);
      if (!g) {
        g = new SynapseGroup(b, c.tauS, c.n);
        this.groups.push(g);
      }
      this.groupOf.set(c, g);
    }
    this.dirty = true;
    return c;
  }

  /** The synapse group (shared filter) a connection delivers into. */
  groupFor(c: Connection): SynapseGroup | undefined {
    return this.groupOf.get(c);
  }

  /** Back to t = 0: initial states, empty filters and delay lines, generators re-seeded. */
  reset(): void {
    for (const p of this.populations) p.reset();
    for (const g of this.groups) g.filter?.reset();
    for (const d of this.delays.values()) d.count.fill(0);
    this.t = 0;
    this.stepCount = 0;
  }

  /** Prepares buffers, delay lines and input plans for steps of dt. */
  private compile(dt: number): void {
    for (const p of this.populations) p.prepare(dt);
    for (const c of this.connections) {
      if (c.pre.kind === 'current') continue;
      const D = c.resolveDelay(dt);
      const old = this.delays.get(c);
      if (D === 0) this.delays.delete(c);
      else if (!old || old.steps !== D || old.cap < c.pre.spikes.index.length) this.delays.set(c, new DelayLine(D, c.pre.spikes.index.length));
    }
    this.plans = this.populations.filter((p) => p.kind === 'neurons').map((pop) => {
      const outputs = this.groups.filter((g) => g.post === pop && g.filter).map((g) => g.filter!.output);
      const currents = this.connections.filter((c) => c.post === pop && c.pre.kind === 'current');
      return { pop, outputs, currents, static: outputs.length === 0 && currents.length === 0 && pop.external === null, direct: new Float64Array(currents.length ? pop.size : 0) };
    });
    this.dt = dt;
    this.dirty = false;
  }

  /**
   * Runs for `duration` seconds in steps of `dt` from the current time (runs continue one another).
   * Bias and gain are read at the start of the run.
   */
  run(duration: number, dt: number, o: RunOptions = {}): RunInfo {
    const steps = checkTimeGrid('Network.run', dt, duration);
    if (this.populations.length === 0) throw new ValidationError('Network.run', 'the network has no populations');
    if (this.dirty || dt !== this.dt) this.compile(dt);
    else for (const p of this.populations) p.prepare(dt);
    const recorders = o.recorders ?? [];
    const t0 = this.t;
    for (const r of recorders) r.start(this, steps, dt, t0);
    const progress = throttledProgress(o.onProgress, steps);
    for (const plan of this.plans) if (plan.static) this.gatherOne(plan, t0, dt);
    for (const g of this.groups) g.scaleByGain = g.fused && !isUnit(g.post.gain);
    const spikeCounts = this.populations.map(() => 0);
    this.events = 0;
    const start = performance.now();
    const pops = this.populations;
    const nPops = pops.length;
    for (let i = 0; i < steps; i++) {
      const t = t0 + i * dt;
      this.gatherInputs(t, dt);
      this.stepNeurons(dt, t);
      for (let k = 0; k < nPops; k++) spikeCounts[k] += pops[k].spikes.count;
      this.decaySynapses(dt);
      this.deliverSpikes(dt);
      this.stepCount++;
      for (let k = 0; k < recorders.length; k++) recorders[k].record(i, t + dt);
      progress(i + 1);
    }
    const wallSeconds = (performance.now() - start) / 1000;
    this.t = t0 + steps * dt;
    for (const r of recorders) r.finish?.();
    const spikes: Record<string, number> = {};
    pops.forEach((p, k) => (spikes[p.name] = spikeCounts[k]));
    return { steps, t: this.t, wallSeconds, spikes, synapticEvents: this.events };
  }

  /** Phase 1: inputs of every population that has time-varying input. */
  gatherInputs(t: number, dt: number): void {
    const plans = this.plans;
    for (let k = 0; k < plans.length; k++) if (!plans[k].static) this.gatherOne(plans[k], t, dt);
  }

  private gatherOne(plan: InputPlan, t: number, dt: number): void {
    const pop = plan.pop, input = pop.input, bias = pop.bias, gain = pop.gain, N = pop.size;
    input.set(bias);
    const ext = pop.external;
    if (ext) {
      const tm = t + 0.5 * dt; // the midpoint: second order in the input's time dependence
      if (ext.length === 1) {
        const e = ext[0];
        const v = Number.isNaN(e.constant) ? e.fn(tm) : e.constant;
        if (!Number.isFinite(v)) throw new ValidationError(`${pop.name}.external`, `is not finite at t = ${tm} s (got ${v})`);
        for (let j = 0; j < N; j++) input[j] += v;
      } else {
        for (let j = 0; j < N; j++) {
          const e = ext[j];
          const v = Number.isNaN(e.constant) ? e.fn(tm) : e.constant;
          if (!Number.isFinite(v)) throw new ValidationError(`${pop.name}.external[${j}]`, `is not finite at t = ${tm} s (got ${v})`);
          input[j] += v;
        }
      }
    }
    const outs = plan.outputs;
    for (let g = 0; g < outs.length; g++) {
      const s = outs[g];
      for (let j = 0; j < N; j++) input[j] += s[j];
    }
    if (plan.currents.length) {
      const d = plan.direct;
      d.fill(0);
      for (const c of plan.currents) {
        (c.pre.type as CurrentSource).evaluate(t + 0.5 * dt, c.pre.state.value);
        addCurrent(c, c.pre.state.value, d);
      }
      for (let j = 0; j < N; j++) input[j] += d[j];
    }
    for (let j = 0; j < N; j++) input[j] *= gain[j];
  }

  /** Phase 2: every population advances by dt (input populations emit their spikes). */
  stepNeurons(dt: number, t: number): void {
    const pops = this.populations;
    for (let k = 0; k < pops.length; k++) {
      const p = pops[k];
      if (p.kind === 'current') continue;
      p.step(dt, t);
    }
  }

  /** Phase 3: every (non-fused) PSC filter advances exactly by dt. */
  decaySynapses(dt: number): void {
    const gs = this.groups;
    for (let k = 0; k < gs.length; k++) {
      const f = gs[k].filter;
      if (f) f.decay(dt);
    }
  }

  /** Phase 4: spikes land in the filters of their connections (after their delay). */
  deliverSpikes(dt: number): void {
    const cs = this.connections;
    for (let k = 0; k < cs.length; k++) {
      const c = cs[k];
      const g = this.groupOf.get(c);
      if (!g) continue; // current source
      const sp = c.pre.spikes;
      const line = this.delays.get(c);
      if (!line) {
        if (sp.count) this.events += deliver(c, g, sp.index, sp.offset, 0, sp.count, dt);
        continue;
      }
      // Write this step's spikes into the ring, then deliver those emitted D steps ago.
      const s = this.stepCount % line.slots;
      const base = s * line.cap;
      const n = sp.count;
      line.index.set(sp.index.subarray(0, n), base);
      line.offset.set(sp.offset.subarray(0, n), base);
      line.count[s] = n;
      const r = (this.stepCount + 1) % line.slots; // = stepCount − D (mod D + 1)
      if (line.count[r]) this.events += deliver(c, g, line.index, line.offset, r * line.cap, line.count[r], dt);
      line.count[r] = 0;
    }
  }
}

/** Adds W·x (a current source's values) to `out`. */
function addCurrent(c: Connection, x: Float64Array, out: Float64Array): void {
  const w = c.weights, M = c.post.size, N = c.pre.size;
  if (w.kind === 'dense') {
    const W = w.W;
    for (let j = 0; j < M; j++) {
      let acc = 0;
      const row = j * N;
      for (let i = 0; i < N; i++) acc += W[row + i] * x[i];
      out[j] += acc;
    }
  } else {
    const { rowPtr, post, weight } = w;
    for (let i = 0; i < N; i++) {
      const xi = x[i];
      for (let k = rowPtr[i]; k < rowPtr[i + 1]; k++) out[post[k]] += weight[k] * xi;
    }
  }
}

/**
 * Lands `count` spikes (pre index, offset within their step) on the connection's targets; returns the number of
 * synaptic events. A spike r = dt − offset before the step's end adds w·c_k to stage k (c from the PSC shape).
 * Only the spiking neurons' CSR rows (or dense columns) are read.
 */
function deliver(c: Connection, g: SynapseGroup, idx: Int32Array, off: Float64Array, from: number, count: number, dt: number): number {
  const M = c.post.size;
  const X = g.target;
  const w = c.weights;
  const gain = c.post.gain;
  const scale = g.scaleByGain;
  const tau = g.tauS;
  const n = g.n;
  let events = 0;
  if (n === 0 && w.kind === 'sparse' && !scale) return deliverSparseExp(w.rowPtr, w.post, w.weight, X, idx, off, from, count, dt, tau);
  if (n === 0) {
    for (let s = from; s < from + count; s++) {
      const i = idx[s];
      const r = dt - off[s];
      const c0 = r > 0 ? Math.exp(-r / tau) * (1 / tau) : 1 / tau; // as deliverSparseExp: sparse ≡ dense bit for bit
      if (w.kind === 'sparse') {
        const post = w.post, val = w.weight, e = w.rowPtr[i + 1];
        const b = w.rowPtr[i];
        events += e - b;
        if (scale) for (let k = b; k < e; k++) X[post[k]] += val[k] * c0 * gain[post[k]];
        else for (let k = b; k < e; k++) X[post[k]] += val[k] * c0;
      } else {
        const WT = w.WT, base = i * M;
        events += M;
        if (scale) for (let j = 0; j < M; j++) X[j] += WT[base + j] * c0 * gain[j];
        else for (let j = 0; j < M; j++) X[j] += WT[base + j] * c0;
      }
    }
    return events;
  }
  const f = g.filter!;
  for (let s = from; s < from + count; s++) {
    const i = idx[s];
    const cs = f.landingCoefficients(dt - off[s]);
    if (w.kind === 'sparse') {
      const post = w.post, val = w.weight, e = w.rowPtr[i + 1];
      events += e - w.rowPtr[i];
      for (let k = w.rowPtr[i]; k < e; k++) {
        const j = post[k], v = val[k];
        for (let q = 0; q <= n; q++) X[q * M + j] += v * cs[q];
      }
    } else {
      const WT = w.WT, base = i * M;
      events += M;
      for (let j = 0; j < M; j++) {
        const v = WT[base + j];
        for (let q = 0; q <= n; q++) X[q * M + j] += v * cs[q];
      }
    }
  }
  return events;
}

/** The common case (sparse, n = 0, unit gain) as one tight loop: the hot path of networks like CUBA. */
function deliverSparseExp(rowPtr: Int32Array, post: Int32Array, val: Float64Array, X: Float64Array, idx: Int32Array, off: Float64Array,
  from: number, count: number, dt: number, tau: number): number {
  let events = 0;
  const inv = 1 / tau;
  for (let s = from, end = from + count; s < end; s++) {
    const i = idx[s];
    const r = dt - off[s];
    const c0 = r > 0 ? Math.exp(-r / tau) * inv : inv;
    const b = rowPtr[i], e = rowPtr[i + 1];
    events += e - b;
    for (let k = b; k < e; k++) X[post[k]] += val[k] * c0;
  }
  return events;
}

function isUnit(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 1) return false;
  return true;
}
