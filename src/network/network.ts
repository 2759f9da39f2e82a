/**
 * The network simulator: populations, connections pre → post (a weight matrix, a PSC shape and a delay each), and a
 * fixed-step loop with named phases. The input of post neuron j is z_j = gain_j (b_j + external_j(t) + Σ_i W_ji s_i(t))
 * where s_i are pre neuron i's PSC-filtered spike trains (notes §5.1). Filtering is linear, so all connections onto
 * one population with the same synapse (kind, τ_s, n, and E for conductances) share one receptor per post neuron that
 * holds their weighted sum (a {@link SynapseGroup}). A receptor is either a filter the network advances and sums into
 * the input (held over the step), a current the post neuron type integrates itself (fused: LIF with method 'exact'),
 * or a conductance the neuron reads with its reversal potential.
 *
 * One step of length dt from t (phases, in order):
 *  1. `gatherInputs` — input = gain ⊙ (bias + external(t + dt/2) + Σ outputs of unfused current filters at t + Σ W·currents);
 *  2. `stepSources` — spike generators emit this step's spikes (with in-step offsets);
 *  3. `queueArrivals` — onto populations with precise timing, every spike that arrives inside this step (from a
 *     source without delay, or emitted D steps ago by anyone) is queued at its exact arrival time;
 *  4. `stepNeurons` — every population of neurons advances to t + dt and lists its spikes (with in-step offsets);
 *  5. `decaySynapses` — every network-owned PSC filter advances exactly from t to t + dt;
 *  6. `deliverSpikes` — onto the other receptors, spikes of this step (no delay) or of D steps ago land at their true
 *     time inside the step, adding w·e^(−r/τ)(r/τ)^k/(k! τ_s) to stage k, r before the step's end (notes §5.2:
 *     "+ w/τ_s on arrival", made exact for the time r left in the step); a spike between neurons without delay onto a
 *     precise population lands the same way, with its exact effect on v at the step's end;
 *  7. `updateWeights` — plastic connections (plasticity.ts) take this step's pre arrivals (emitted D steps ago, at their
 *     in-step offsets) and post spikes in time order and update their traces and weights; so every delivery above
 *     used the weights as they were at the step's start;
 *  8. this step's spikes enter the delay lines; then recorders, then progress.
 * @module
 */
import { checkMemory } from '../core/budget.js';
import { ValidationError, describeValue } from '../core/errors.js';
import { badSignalValue } from '../core/formula.js';
import { throttledProgress, type Progress } from '../core/progress.js';
import { checkFunction, checkKnownKeys, checkTimeGrid } from '../core/validate.js';
import type { ConductanceReceptor, CurrentReceptor, SynapticInput } from '../neurons/types.js';
import { PscFilter } from '../synapses/psc.js';
import { Connection, createConnection, type ConnectionSpec, type SynapseKind } from './connection.js';
import { EventQueue } from './events.js';
import { Population } from './population.js';
import type { Arrivals, Stdp } from './plasticity.js';
import type { CurrentSource } from './sources.js';
import type { Recorder } from './recorders.js';

/** The peak of the PSC kernel h = tⁿe^{−t/τ}/(n! τ^{n+1}), at t = nτ: a conductance weight w is scaled by 1/peak. */
function kernelPeak(n: number, tauS: number): number {
  if (n === 0) return 1 / tauS;
  let lf = 0;
  for (let k = 2; k <= n; k++) lf += Math.log(k);
  return Math.exp(n * Math.log(n) - n - lf) / tauS;
}

/**
 * The summed synaptic input onto one post population for one kind of synapse: a receptor. Its state is a
 * {@link PscFilter} of the network's, or — when fused — stages the post neuron type integrates itself.
 */
export class SynapseGroup {
  readonly post: Population;
  readonly kind: SynapseKind;
  readonly tauS: number;
  readonly n: number;
  /** Reversal potential of a conductance receptor, mV (NaN for currents). */
  readonly E: number;
  /** The network's filter, or null when the post neuron type integrates this current itself. */
  readonly filter: PscFilter | null;
  /** Stage-major state the spikes are added to (the filter's, or the fused receptor's). */
  readonly target: Float64Array;
  /** The receptor's output per post neuron (its last stage): the filtered current or conductance. */
  readonly output: Float64Array;
  /** Events land inside the step, at their exact times (the post type has precise timing). */
  readonly precise: boolean;
  /** Factor on every delivered weight: 1 for currents (∫h = 1), 1/peak of h for conductances (weights are peak g). */
  readonly weightScale: number;
  /** Index in the post's fused current receptors or conductance receptors. */
  readonly slot: number;
  /**
   * Set at the start of each run: a fused current is the neuron's own input term, so a non-unit gain of the post
   * population applies at delivery (a filter's output gets it when the input is gathered).
   */
  scaleByGain = false;
  constructor(post: Population, kind: SynapseKind, tauS: number, n: number, E: number, slot: number) {
    this.post = post;
    this.kind = kind;
    this.tauS = tauS;
    this.n = n;
    this.E = E;
    this.slot = slot;
    const caps = post.type.synapticInput;
    const fused = kind === 'current' && caps?.fusesCurrents === true;
    this.precise = fused && caps?.precise === true;
    this.weightScale = kind === 'conductance' ? 1 / kernelPeak(n, tauS) : 1;
    if (fused) {
      const own = post.type.receptorState?.(post.state as Record<string, Float64Array>, n, slot);
      this.filter = null;
      this.target = own ?? new Float64Array((n + 1) * post.size);
    } else {
      this.filter = new PscFilter({ n, tauS }, post.size);
      this.target = this.filter.state;
    }
    this.output = this.target.subarray(n * post.size);
  }
  /** True when the post neuron type integrates this current itself. */
  get fused(): boolean {
    return this.filter === null;
  }
  private scratch: PscFilter | null = null;
  /** A filter of this shape whose `landingCoefficients` the delivery uses (its own, or a one-channel scratch one). */
  landing(): PscFilter {
    return this.filter ?? (this.scratch ??= new PscFilter({ n: this.n, tauS: this.tauS }, 1));
  }
  /** Back to no input. */
  reset(): void {
    this.target.fill(0);
  }
}

/** Per-connection delay line: the pre spikes of the last D steps (a ring of D + 1 slots; grows with the spike count). */
class DelayLine {
  readonly slots: number;
  cap: number;
  index: Int32Array;
  offset: Float64Array;
  readonly count: Int32Array;
  constructor(readonly steps: number, cap: number, private readonly param: string) {
    this.slots = steps + 1;
    this.cap = Math.max(1, cap);
    this.budget(this.cap);
    this.index = new Int32Array(this.slots * this.cap);
    this.offset = new Float64Array(this.slots * this.cap);
    this.count = new Int32Array(this.slots);
  }
  /** Stores step `k`'s spikes. */
  write(k: number, idx: Int32Array, off: Float64Array, n: number): void {
    if (n > this.cap) this.grow(n);
    const s = k % this.slots, base = s * this.cap;
    this.index.set(idx.subarray(0, n), base);
    this.offset.set(off.subarray(0, n), base);
    this.count[s] = n;
  }
  /** A ring of `slots` × `cap` spikes (index and offset, 12 bytes each) must fit the memory budget. */
  private budget(cap: number): void {
    checkMemory(this.param, this.slots * (cap * 12 + 4), `a delay line of ${this.slots} steps × ${cap} spikes, 12 bytes each`, [
      'a shorter delay', 'a larger dt', 'fewer pre-synaptic neurons',
    ]);
  }
  private grow(need: number): void {
    const cap = Math.max(need, 2 * this.cap);
    this.budget(cap);
    const index = new Int32Array(this.slots * cap), offset = new Float64Array(this.slots * cap);
    for (let s = 0; s < this.slots; s++) {
      index.set(this.index.subarray(s * this.cap, s * this.cap + this.count[s]), s * cap);
      offset.set(this.offset.subarray(s * this.cap, s * this.cap + this.count[s]), s * cap);
    }
    [this.cap, this.index, this.offset] = [cap, index, offset];
  }
}

/** Options of {@link Network.run}. */
export interface RunOptions {
  /** Called about 100 times with (steps done, total steps). */
  onProgress?: Progress;
  /** Recorders for this run (each is started, fed every step, and finished). */
  recorders?: Recorder[];
  /**
   * A clock of the process's CPU time in seconds (in Node: `() => { const u = process.cpuUsage(); return (u.user +
   * u.system) / 1e6; }`); when given, {@link RunInfo.cpuSeconds} reports the loop's CPU time, the fair measure on a
   * loaded machine.
   */
  cpuClock?: () => number;
}

/** What a run did. */
export interface RunInfo {
  /** Steps taken. */
  steps: number;
  /** Simulated time at the end of the run, s. */
  t: number;
  /** Wall time of the loop, s. */
  wallSeconds: number;
  /** CPU time of the loop, s, when {@link RunOptions.cpuClock} was given (else null). */
  cpuSeconds: number | null;
  /** Spikes emitted by each population during the run. */
  spikes: Record<string, number>;
  /** Synaptic events delivered (one per synapse per arriving spike). */
  synapticEvents: number;
}

interface InputPlan {
  pop: Population;
  /** Outputs of the unfused current filters onto this population. */
  outputs: Float64Array[];
  /** Current-source connections onto this population. */
  currents: Connection[];
  /** Nothing in the input changes over time: compute it once per run. */
  static: boolean;
  /** Scratch for the current-source sum. */
  direct: Float64Array;
}

/** How a connection's spikes reach its receptor. */
const enum Route {
  /** At the step's end, after the post population stepped (landing coefficients). */
  AtEnd,
  /** Queued before the post population steps, at their exact arrival times. */
  Queued,
  /** Between neurons without delay onto a precise population: landed after the step, v included. */
  Late,
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
  private queues = new Map<Population, EventQueue>();
  /** Per connection (in `connections` order), filled at compile: its receptor, route, delay line and queue. */
  private plan: { c: Connection; g: SynapseGroup | undefined; route: Route; line: DelayLine | undefined; queue: EventQueue | undefined }[] = [];
  private queueList: EventQueue[] = [];
  private lineList: { c: Connection; line: DelayLine }[] = [];
  private plastic: { c: Connection; rule: Stdp; line: DelayLine | undefined; arrivals: Arrivals }[] = [];
  private plans: InputPlan[] = [];
  private sources: Population[] = [];
  private neurons: Population[] = [];
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
      const same = (x: SynapseGroup) => x.post === b && x.kind === c.kind && x.tauS === c.tauS && x.n === c.n && (c.kind === 'current' || x.E === c.E);
      let g = this.groups.find(same);
      if (!g) {
        const siblings = this.groups.filter((x) => x.post === b && (c.kind === 'conductance' ? x.kind === 'conductance' : x.kind === 'current' && x.fused));
        const fusedHere = c.kind === 'current' && b.type.synapticInput?.fusesCurrents === true;
        g = new SynapseGroup(b, c.kind, c.tauS, c.n, c.E, c.kind === 'conductance' || fusedHere ? siblings.length : -1);
        this.groups.push(g);
      }
      this.groupOf.set(c, g);
    }
    this.dirty = true;
    return c;
  }

  /** The synapse group (receptor) a connection delivers into. */
  groupFor(c: Connection): SynapseGroup | undefined {
    return this.groupOf.get(c);
  }

  /**
   * Back to t = 0: initial states, empty receptors, queues and delay lines, generators re-seeded, plasticity traces
   * at zero. Weights changed by plasticity stay as they are (what was learned is kept).
   */
  reset(): void {
    for (const p of this.populations) p.reset();
    for (const g of this.groups) g.reset();
    for (const d of this.delays.values()) d.count.fill(0);
    for (const q of this.queues.values()) q.clear();
    for (const c of this.connections) c.plasticity?.reset();
    this.t = 0;
    this.stepCount = 0;
  }

  /** Prepares buffers, receptors, routes, delay lines and input plans for steps of dt. */
  private compile(dt: number): void {
    for (const p of this.populations) p.prepare(dt);
    this.sources = this.populations.filter((p) => p.kind === 'spikes');
    this.neurons = this.populations.filter((p) => p.kind === 'neurons');
    for (const pop of this.neurons) {
      const mine = this.groups.filter((g) => g.post === pop);
      const currents: CurrentReceptor[] = mine.filter((g) => g.fused).sort((x, y) => x.slot - y.slot).map((g) => ({ tauS: g.tauS, n: g.n, state: g.target }));
      const conductances: ConductanceReceptor[] = mine.filter((g) => g.kind === 'conductance').sort((x, y) => x.slot - y.slot)
        .map((g) => ({ tauS: g.tauS, n: g.n, E: g.E, g: g.filter!.output, state: g.target }));
      const precise = mine.some((g) => g.precise);
      if (precise && !this.queues.has(pop)) this.queues.set(pop, new EventQueue(pop.size));
      const events = precise ? this.queues.get(pop)!.events : null;
      pop.synapses = { currents, conductances, events } satisfies SynapticInput;
    }
    const routes = new Map<Connection, Route>();
    for (const c of this.connections) {
      const g = this.groupOf.get(c);
      if (!g) continue; // current source
      const D = c.resolveDelay(dt);
      const route = !g.precise ? Route.AtEnd : D > 0 || c.pre.kind === 'spikes' ? Route.Queued : Route.Late;
      if (route === Route.Late && !c.post.type.landLate) {
        throw new ValidationError(`${c.label}.delay`, `'${c.post.name}' (${c.post.type.name}) has precise timing and needs a delay of at least one step between neurons`);
      }
      const old = this.delays.get(c);
      if (D === 0) this.delays.delete(c);
      else if (!old || old.steps !== D) this.delays.set(c, new DelayLine(D, c.pre.spikes.index.length, `${c.label}.delay`));
      routes.set(c, route);
    }
    this.plan = this.connections.map((c) => ({
      c, g: this.groupOf.get(c), route: routes.get(c) ?? Route.AtEnd, line: this.delays.get(c), queue: this.queues.get(c.post),
    }));
    this.queueList = [...this.queues.values()];
    this.lineList = [...this.delays].map(([c, line]) => ({ c, line }));
    this.plastic = [];
    for (const c of this.connections) {
      if (!c.plasticity) continue;
      c.plasticity.prepare(c.matrix, dt, this.stepCount);
      this.plastic.push({ c, rule: c.plasticity, line: this.delays.get(c), arrivals: { index: c.pre.spikes.index, offset: c.pre.spikes.offset, from: 0, count: 0 } });
    }
    this.plans = this.neurons.map((pop) => {
      const outputs = this.groups.filter((g) => g.post === pop && g.kind === 'current' && g.filter).map((g) => g.filter!.output);
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
    checkKnownKeys('Network.run', o, ['onProgress', 'recorders', 'cpuClock']);
    if (o.recorders !== undefined && !Array.isArray(o.recorders)) {
      throw new ValidationError('Network.run.recorders', `must be an array of recorders (got ${describeValue(o.recorders)})`);
    }
    if (this.populations.length === 0) throw new ValidationError('Network.run', 'the network has no populations');
    if (this.dirty || dt !== this.dt) this.compile(dt);
    else for (const p of this.populations) p.prepare(dt);
    const recorders = o.recorders ?? [];
    const t0 = this.t;
    for (const r of recorders) r.start(this, steps, dt, t0);
    const progress = throttledProgress(o.onProgress, steps, 100, 'Network.run.onProgress');
    for (const plan of this.plans) if (plan.static) this.gatherOne(plan, t0, dt);
    for (const g of this.groups) g.scaleByGain = g.fused && !isUnit(g.post.gain);
    const spikeCounts = this.populations.map(() => 0);
    this.events = 0;
    const cpuClock = o.cpuClock === undefined ? undefined : checkFunction<() => number>('Network.run.cpuClock', o.cpuClock, '() => seconds');
    const cpuStart = cpuClock ? cpuClock() : 0;
    const start = performance.now();
    const pops = this.populations;
    const nPops = pops.length;
    for (let i = 0; i < steps; i++) {
      const t = t0 + i * dt;
      this.gatherInputs(t, dt);
      this.stepSources(dt, t);
      this.queueArrivals();
      this.stepNeurons(dt, t);
      for (let k = 0; k < nPops; k++) spikeCounts[k] += pops[k].spikes.count;
      this.decaySynapses(dt);
      this.deliverSpikes(dt);
      this.updateWeights();
      this.pushDelays();
      this.stepCount++;
      for (let k = 0; k < recorders.length; k++) recorders[k].record(i, t + dt);
      progress(i + 1);
    }
    const wallSeconds = (performance.now() - start) / 1000;
    const cpuSeconds = cpuClock ? cpuClock() - cpuStart : null;
    this.t = t0 + steps * dt;
    for (const r of recorders) r.finish?.();
    const spikes: Record<string, number> = {};
    pops.forEach((p, k) => (spikes[p.name] = spikeCounts[k]));
    return { steps, t: this.t, wallSeconds, cpuSeconds, spikes, synapticEvents: this.events };
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
        if (!Number.isFinite(v)) throw badSignalValue(`${pop.name}.external`, tm, v);
        for (let j = 0; j < N; j++) input[j] += v;
      } else {
        for (let j = 0; j < N; j++) {
          const e = ext[j];
          const v = Number.isNaN(e.constant) ? e.fn(tm) : e.constant;
          if (!Number.isFinite(v)) throw badSignalValue(`${pop.name}.external[${j}]`, tm, v);
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

  /** Phase 2: spike generators emit this step's spikes. */
  stepSources(dt: number, t: number): void {
    const src = this.sources;
    for (let k = 0; k < src.length; k++) src[k].step(dt, t);
  }

  /** Phase 3: spikes arriving inside this step are queued, at their times, on populations with precise timing. */
  queueArrivals(): void {
    const qs = this.queueList;
    if (qs.length === 0) return;
    const plan = this.plan;
    for (let k = 0; k < plan.length; k++) {
      const { c, g, route, line, queue: q } = plan[k];
      if (route !== Route.Queued) continue;
      if (!line) {
        const sp = c.pre.spikes;
        if (sp.count) this.events += queue(c, g!, q!, sp.index, sp.offset, 0, sp.count);
        continue;
      }
      const r = (this.stepCount + 1) % line.slots; // the slot of step stepCount − D (kept until overwritten next step)
      if (line.count[r]) this.events += queue(c, g!, q!, line.index, line.offset, r * line.cap, line.count[r]);
    }
    for (let k = 0; k < qs.length; k++) qs[k].finalize();
  }

  /** Phase 4: every population of neurons advances by dt. */
  stepNeurons(dt: number, t: number): void {
    const pops = this.neurons;
    for (let k = 0; k < pops.length; k++) pops[k].step(dt, t);
    const qs = this.queueList;
    for (let k = 0; k < qs.length; k++) qs[k].clear();
  }

  /** Phase 5: every network-owned PSC filter advances exactly by dt. */
  decaySynapses(dt: number): void {
    const gs = this.groups;
    for (let k = 0; k < gs.length; k++) {
      const f = gs[k].filter;
      if (f) f.decay(dt);
    }
  }

  /** Phase 6: spikes land on the other receptors at the step's end (after their delay). */
  deliverSpikes(dt: number): void {
    const plan = this.plan;
    for (let k = 0; k < plan.length; k++) {
      const { c, g, route, line } = plan[k];
      if (!g || route === Route.Queued) continue; // current source, or already queued
      let idx: Int32Array, off: Float64Array, from: number, count: number;
      if (!line) {
        const sp = c.pre.spikes;
        idx = sp.index;
        off = sp.offset;
        from = 0;
        count = sp.count;
      } else {
        const r = (this.stepCount + 1) % line.slots; // the slot of step stepCount − D
        idx = line.index;
        off = line.offset;
        from = r * line.cap;
        count = line.count[r];
      }
      if (!count) continue;
      this.events += route === Route.Late ? landLate(c, g, idx, off, from, count, dt) : deliver(c, g, idx, off, from, count, dt);
    }
  }

  /**
   * Phase 7: plastic connections update their traces and weights from this step's pre arrivals (spikes of D steps
   * ago, or of this step without delay) and post spikes, in time order.
   */
  updateWeights(): void {
    const ps = this.plastic;
    for (let k = 0; k < ps.length; k++) {
      const { c, rule, line, arrivals: a } = ps[k];
      if (!line) {
        const sp = c.pre.spikes;
        a.index = sp.index;
        a.offset = sp.offset;
        a.from = 0;
        a.count = sp.count;
      } else {
        const r = (this.stepCount + 1) % line.slots; // the slot of step stepCount − D
        a.index = line.index;
        a.offset = line.offset;
        a.from = r * line.cap;
        a.count = line.count[r];
      }
      rule.update(this.stepCount, a, c.post.spikes, c.matrix);
    }
  }

  /** Phase 8: this step's spikes enter the delay lines. */
  private pushDelays(): void {
    const ls = this.lineList;
    for (let k = 0; k < ls.length; k++) {
      const sp = ls[k].c.pre.spikes;
      ls[k].line.write(this.stepCount, sp.index, sp.offset, sp.count);
    }
  }
}

/** Adds W·x (a current source's values) to `out`. */
function addCurrent(c: Connection, x: Float64Array, out: Float64Array): void {
  const w = c.matrix, M = c.post.size, N = c.pre.size;
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

/** Queues `count` spikes (pre index, offset within this step) as events on the post neurons; returns the events. */
function queue(c: Connection, g: SynapseGroup, q: EventQueue, idx: Int32Array, off: Float64Array, from: number, count: number): number {
  const w = c.matrix, M = c.post.size, gain = c.post.gain, slot = g.slot;
  const scale = g.weightScale / g.tauS;
  let events = 0;
  for (let s = from; s < from + count; s++) {
    const i = idx[s], o = off[s];
    if (w.kind === 'sparse') {
      const post = w.post, val = w.weight, e = w.rowPtr[i + 1];
      for (let k = w.rowPtr[i]; k < e; k++) {
        const j = post[k], v = val[k];
        if (v !== 0) q.push(j, o, slot, v * scale * gain[j]); // as dense: a zero weight (e.g. depressed to 0) queues nothing
      }
      events += e - w.rowPtr[i];
    } else {
      const WT = w.WT, base = i * M;
      for (let j = 0; j < M; j++) {
        const v = WT[base + j];
        if (v !== 0) q.push(j, o, slot, v * scale * gain[j]);
      }
      events += M;
    }
  }
  return events;
}

/** Lands `count` spikes without delay on a precise population after its step, through its neuron type's `landLate`. */
function landLate(c: Connection, g: SynapseGroup, idx: Int32Array, off: Float64Array, from: number, count: number, dt: number): number {
  const w = c.matrix, M = c.post.size, post = c.post;
  const type = post.type, state = post.state as Record<string, Float64Array>, syn = post.synapses;
  const scale = g.weightScale / g.tauS;
  let events = 0;
  for (let s = from; s < from + count; s++) {
    const i = idx[s], r = dt - off[s];
    if (w.kind === 'sparse') {
      type.landLate!(r, g.slot, w.post, w.weight, w.rowPtr[i], w.rowPtr[i + 1], scale, post.gain, state, syn);
      events += w.rowPtr[i + 1] - w.rowPtr[i];
    } else {
      type.landLate!(r, g.slot, null, w.WT, i * M, i * M + M, scale, post.gain, state, syn);
      events += M;
    }
  }
  return events;
}

/**
 * Lands `count` spikes (pre index, offset within their step) on the connection's targets; returns the number of
 * synaptic events. A spike r = dt − offset before the step's end adds w·c_k to stage k (c from the PSC shape).
 * Only the spiking neurons' CSR rows (or dense columns) are read.
 */
function deliver(c: Connection, g: SynapseGroup, idx: Int32Array, off: Float64Array, from: number, count: number, dt: number): number {
  const M = c.post.size;
  const X = g.target;
  const w = c.matrix;
  const gain = c.post.gain;
  const scale = g.scaleByGain;
  const tau = g.tauS;
  const n = g.n;
  const ws = g.weightScale;
  let events = 0;
  if (n === 0 && w.kind === 'sparse' && !scale) return deliverSparseExp(w.rowPtr, w.post, w.weight, X, idx, off, from, count, dt, tau, ws);
  if (n === 0) {
    for (let s = from; s < from + count; s++) {
      const i = idx[s];
      const r = dt - off[s];
      const c0 = (r > 0 ? Math.exp(-r / tau) * (1 / tau) : 1 / tau) * ws; // as deliverSparseExp: sparse ≡ dense bit for bit
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
  const land = g.landing();
  for (let s = from; s < from + count; s++) {
    const i = idx[s];
    const cs = land.landingCoefficients(dt - off[s]);
    if (w.kind === 'sparse') {
      const post = w.post, val = w.weight, e = w.rowPtr[i + 1];
      events += e - w.rowPtr[i];
      for (let k = w.rowPtr[i]; k < e; k++) {
        const j = post[k], v = val[k] * ws * (scale ? gain[j] : 1);
        for (let q = 0; q <= n; q++) X[q * M + j] += v * cs[q];
      }
    } else {
      const WT = w.WT, base = i * M;
      events += M;
      for (let j = 0; j < M; j++) {
        const v = WT[base + j] * ws * (scale ? gain[j] : 1);
        for (let q = 0; q <= n; q++) X[q * M + j] += v * cs[q];
      }
    }
  }
  return events;
}

/** The common case (sparse, n = 0, unit gain) as one tight loop: the hot path of networks like CUBA and COBA. */
function deliverSparseExp(rowPtr: Int32Array, post: Int32Array, val: Float64Array, X: Float64Array, idx: Int32Array, off: Float64Array,
  from: number, count: number, dt: number, tau: number, ws: number): number {
  let events = 0;
  const inv = 1 / tau;
  for (let s = from, end = from + count; s < end; s++) {
    const i = idx[s];
    const r = dt - off[s];
    const c0 = (r > 0 ? Math.exp(-r / tau) * inv : inv) * ws;
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
