/**
 * Reads a spikebridge {@link Network} into a {@link NetworkDescription}: the one place that knows spikebridge's
 * population and neuron classes. Everything downstream (the PyNN writer, comparisons) works from the description.
 *
 * Exported: normalized LIF populations (`Population.lif`, per-neuron parameters, `Population.physicalLif`'s gain),
 * current-based LIF (`Population.currentLif`), spike sources (`Population.spikeTrains`, `Population.poisson`:
 * sampled here by stepping them over the run, so both simulators see the same spikes), PSCs of order 0 and 1,
 * delays, biases, constant external inputs and constant current sources (folded into `i_offset`), initial v.
 * Anything PyNN's standard models cannot express is a {@link ValidationError} naming the population or connection.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkKnownKeys, checkTimeGrid } from '../core/validate.js';
import { HodgkinHuxley } from '../neurons/hodgkinHuxley.js';
import { LIF } from '../neurons/lif.js';
import { CurrentLIF } from '../neurons/lifCurrent.js';
import { LifPerNeuron } from '../neurons/lifPerNeuron.js';
import type { Connection } from '../network/connection.js';
import { Network } from '../network/network.js';
import { Population } from '../network/population.js';
import { CurrentSource, isSpikeSource } from '../network/sources.js';
import {
  CURRENT_PER_VIN, LIF_MAPPING,
  type NetworkDescription, type NeuronPopulationDescription, type PerNeuronValue, type PopulationDescription, type ProjectionDescription,
} from './description.js';

/** Options of {@link describeNetwork}. */
export interface DescribeOptions {
  /** Simulated time, s (rounded to a whole number of steps, as `Network.run` does). */
  duration: number;
  /** Time step, s. */
  dt: number;
  /** Record more than spikes: `v` of chosen neurons, e.g. `{ v: { exc: [0, 1] } }`. */
  record?: { v?: Record<string, readonly number[]> };
}

const EXPORTABLE = 'normalized or physical LIF (Population.lif, Population.physicalLif), CurrentLIF (Population.currentLif), spike trains and Poisson sources';

/**
 * Describes the network from t = 0 for a run of `duration` at `dt`. Spike sources are stepped over the run here
 * (then re-seeded, so the network's own run replays the same spikes). The network must be at t = 0 (new or reset).
 * @throws ValidationError for anything PyNN's standard models cannot express, naming the population or connection
 */
export function describeNetwork(network: Network, o: DescribeOptions): NetworkDescription {
  if (!(network instanceof Network)) throw new ValidationError('describeNetwork.network', `must be a Network (got ${describeValue(network)})`);
  if (o === null || typeof o !== 'object') throw new ValidationError('describeNetwork', `needs options { duration, dt } (got ${describeValue(o)})`);
  checkKnownKeys('describeNetwork', o, ['duration', 'dt', 'record']);
  const steps = checkTimeGrid('describeNetwork', o.dt, o.duration);
  if (network.stepCount !== 0) {
    throw new ValidationError('describeNetwork.network', `has already run to t = ${network.t} s; call network.reset() first (the export starts at t = 0)`);
  }
  if (!network.populations.some((p) => p.kind !== 'current')) throw new ValidationError('describeNetwork.network', 'has no neuron or spike-source populations to export');
  const dt = o.dt;
  const ms = 1e3;

  // Inputs that are constant in time join the bias (v_in units, before the gain).
  const extraBias = new Map<Population, Float64Array>();
  for (const p of network.populations) if (p.kind === 'neurons') extraBias.set(p, constantExternal(p));
  for (const c of network.connections) if (c.pre.kind === 'current') addConstantCurrent(c, extraBias.get(c.post)!);

  const plans = planConnections(network, dt);
  const synapses = synapseShapes(plans);
  const projections = describeProjections(plans);
  const populations: PopulationDescription[] = [];
  for (const p of network.populations) {
    if (p.kind === 'current') continue;
    if (p.kind === 'spikes') {
      populations.push({ kind: 'spike-source', name: p.name, size: p.size, cellType: 'SpikeSourceArray', spikeTimes: sampleSource(p, steps, dt), model: p.type.name });
      continue;
    }
    populations.push(describeLif(p, extraBias.get(p)!, synapses.get(p.name) ?? { n: 0, tauE: 5, tauI: 5 }));
  }

  const v = Object.entries(o.record?.v ?? {}).map(([name, neurons]) => {
    const pop = populations.find((q) => q.name === name);
    if (!pop || pop.kind !== 'neurons') throw new ValidationError(`describeNetwork.record.v.${name}`, `must name a population of neurons (got ${JSON.stringify(name)})`);
    if (!Array.isArray(neurons) || neurons.some((i) => !Number.isInteger(i) || i < 0 || i >= pop.size)) {
      throw new ValidationError(`describeNetwork.record.v.${name}`, `must be an array of neuron indices in [0, ${pop.size - 1}] (got ${describeValue(neurons)})`);
    }
    return { population: name, neurons: [...neurons] };
  });

  return {
    duration: steps * dt * ms,
    dt: dt * ms,
    populations,
    projections,
    recording: { spikes: populations.map((p) => p.name), v },
    notes: [
      `normalized LIF → physical: V = ${LIF_MAPPING.vRest} mV + ${LIF_MAPPING.vScale} mV · v (threshold ${LIF_MAPPING.vRest + LIF_MAPPING.vScale} mV), `
        + `leak ${LIF_MAPPING.gLeak} µS so c_m = ${LIF_MAPPING.gLeak} µS · τ_m and 1 unit of v_in = ${CURRENT_PER_VIN} nA (bias, gain and constant inputs → i_offset)`,
      'weights: a PSC of order n and weight w (∫h = 1) is w·gain/τ_s nA on an exponential synapse (n = 0) and w·gain/(e·τ_s) nA on an alpha synapse (n = 1, peak at t = τ_s)',
      'spike sources: the exact spike times spikebridge\'s sources emit in this run (Poisson sources sampled with their seeds)',
    ],
  };
}

/** Bias + constant external input of a population (v_in units, per neuron); a time-varying input cannot be exported. */
function constantExternal(p: Population): Float64Array {
  const b = p.bias.slice();
  const ext = p.external;
  if (!ext) return b;
  ext.forEach((e, k) => {
    if (Number.isNaN(e.constant)) {
      throw new ValidationError(`${p.name}.external`, 'is a time-varying input; only constant inputs can be exported to PyNN (they become i_offset)');
    }
    if (ext.length === 1) for (let j = 0; j < b.length; j++) b[j] += e.constant;
    else b[k] += e.constant;
  });
  return b;
}

/** W·x of a constant current source added to the post population's bias. */
function addConstantCurrent(c: Connection, bias: Float64Array): void {
  const src = c.pre.type as CurrentSource;
  if (!(src instanceof CurrentSource) || !src.constant) {
    throw new ValidationError(`${c.label}`, `current source '${c.pre.name}' varies in time; only constant current sources can be exported to PyNN (they become i_offset)`);
  }
  const x = new Float64Array(c.pre.size);
  src.evaluate(0, x);
  const N = c.pre.size, M = c.post.size;
  const W = c.toDense();
  for (let j = 0; j < M; j++) for (let i = 0; i < N; i++) bias[j] += W[j * N + i] * x[i];
}

/** The spikes a source population emits over the run, ms per neuron, stepped exactly as `Network.run` steps it. */
function sampleSource(p: Population, steps: number, dt: number): number[][] {
  const type = p.type;
  if (!isSpikeSource(type)) throw new ValidationError(p.name, `is not a spike source (type ${type.name})`);
  const probe = new Population(p.name, type, p.size);
  type.reset(probe.state); // the generator's start (re-seeded)
  probe.prepare(dt);
  const trains: number[][] = Array.from({ length: p.size }, () => []);
  for (let i = 0; i < steps; i++) {
    const t = i * dt;
    probe.step(dt, t);
    const sp = probe.spikes;
    for (let k = 0; k < sp.count; k++) trains[sp.index[k]].push((t + sp.offset[k]) * 1e3);
  }
  type.reset(probe.state); // leaves a random source re-seeded for the network's own run
  return trains;
}

type Receptor = 'excitatory' | 'inhibitory';

/** A spiking connection with its conversion to PyNN: weight factor, delay (ms) and synapses per receptor. */
interface Plan {
  c: Connection;
  /** w (∫h = 1) → the current the PyNN synapse adds, nA per unit weight and gain: 1/τ_s (exp) or the alpha peak 1/(e·τ_s). */
  k: number;
  delay: number;
  count: Record<Receptor, number>;
}

/** Calls f(pre, post, w) for every synapse of nonzero weight. */
function forEachSynapse(c: Connection, f: (i: number, j: number, w: number) => void): void {
  const w = c.weights;
  if (w.kind === 'sparse') {
    for (let i = 0; i < c.pre.size; i++) for (let s = w.rowPtr[i]; s < w.rowPtr[i + 1]; s++) if (w.weight[s] !== 0) f(i, w.post[s], w.weight[s]);
  } else {
    const N = c.pre.size;
    for (let j = 0; j < c.post.size; j++) for (let i = 0; i < N; i++) if (w.W[j * N + i] !== 0) f(i, j, w.W[j * N + i]);
  }
}

/** Validates the spiking connections and counts their synapses per receptor (the sign of weight × gain). */
function planConnections(network: Network, dt: number): Plan[] {
  return network.connections.filter((c) => c.pre.kind !== 'current').map((c) => {
    if (c.n > 1) throw new ValidationError(`${c.label}.n`, `PSC order ${c.n} has no PyNN standard synapse (n = 0 → exponential, n = 1 → alpha)`);
    const count = { excitatory: 0, inhibitory: 0 };
    const gain = c.post.gain;
    forEachSynapse(c, (_, j, w) => (w * gain[j] > 0 ? count.excitatory++ : count.inhibitory++));
    const k = (c.n === 0 ? 1 / c.tauS : 1 / (Math.E * c.tauS)) * CURRENT_PER_VIN;
    return { c, k, delay: c.resolveDelay(dt) * dt * 1e3, count };
  });
}

/**
 * One PyNN projection per (pre, post, receptor): a connection with weights of both signs is split, connections
 * between the same populations are merged. The lists are allocated at their final length (a description of
 * 4 M synapses holds 4 × 4 M numbers, ~130 MB, and nothing more).
 */
function describeProjections(plans: Plan[]): ProjectionDescription[] {
  const byKey = new Map<string, { d: ProjectionDescription; fill: number }>();
  const keyOf = (p: Plan, r: Receptor) => `${p.c.pre.name}\u0000${p.c.post.name}\u0000${r}`;
  for (const p of plans) for (const r of ['excitatory', 'inhibitory'] as const) {
    if (!p.count[r]) continue;
    const key = keyOf(p, r);
    const e = byKey.get(key);
    if (e) e.fill += p.count[r];
    else {
      const d = { label: `${p.c.pre.name}->${p.c.post.name}:${r}`, pre: p.c.pre.name, post: p.c.post.name, receptor: r, connections: { pre: [], post: [], weight: [], delay: [] } };
      byKey.set(key, { d, fill: p.count[r] });
    }
  }
  for (const e of byKey.values()) {
    const n = e.fill;
    e.d.connections = { pre: new Array<number>(n).fill(0), post: new Array<number>(n).fill(0), weight: new Array<number>(n).fill(0.5), delay: new Array<number>(n).fill(0.5) };
    e.fill = 0;
  }
  for (const p of plans) {
    const gain = p.c.post.gain, k = p.k, delay = p.delay;
    const exc = byKey.get(keyOf(p, 'excitatory')), inh = byKey.get(keyOf(p, 'inhibitory'));
    forEachSynapse(p.c, (i, j, w) => {
      const x = w * gain[j] * k;
      const e = (x > 0 ? exc : inh)!;
      const l = e.d.connections, m = e.fill++;
      l.pre[m] = i;
      l.post[m] = j;
      l.weight[m] = x;
      l.delay[m] = delay;
    });
  }
  return [...byKey.values()].map((e) => e.d);
}

/** The PSC order and the excitatory/inhibitory τ_s (ms) of each post population; PyNN's IF_curr_* has one of each. */
function synapseShapes(plans: Plan[]): Map<string, { n: number; tauE: number; tauI: number }> {
  interface Shape { n: number; nFrom: string; tau: Record<Receptor, number>; from: Record<Receptor, string> }
  const shapes = new Map<string, Shape>();
  for (const { c, count } of plans) {
    const post = c.post.name;
    let s = shapes.get(post);
    if (!s) {
      s = { n: c.n, nFrom: c.label, tau: { excitatory: NaN, inhibitory: NaN }, from: { excitatory: '', inhibitory: '' } };
      shapes.set(post, s);
    }
    if (s.n !== c.n) {
      throw new ValidationError(post, `receives PSCs of order ${s.n} (${s.nFrom}) and ${c.n} (${c.label}); a PyNN population has one synapse shape (IF_curr_exp or IF_curr_alpha)`);
    }
    for (const r of ['excitatory', 'inhibitory'] as const) {
      if (!count[r]) continue;
      const tau = c.tauS * 1e3;
      if (Number.isNaN(s.tau[r])) {
        s.tau[r] = tau;
        s.from[r] = c.label;
      } else if (s.tau[r] !== tau) {
        throw new ValidationError(post, `its ${r} synapses have τ_s = ${s.tau[r] / 1e3} s (${s.from[r]}) and ${c.tauS} s (${c.label}); a PyNN population has one ${r} time constant`);
      }
    }
  }
  const result = new Map<string, { n: number; tauE: number; tauI: number }>();
  // A receptor nothing connects to keeps PyNN's default τ (5 ms): it never carries a current.
  for (const [k, s] of shapes) result.set(k, { n: s.n, tauE: Number.isNaN(s.tau.excitatory) ? 5 : s.tau.excitatory, tauI: Number.isNaN(s.tau.inhibitory) ? 5 : s.tau.inhibitory });
  return result;
}

/** τ_m, τ_ref, v_reset (shared or per neuron) of the LIF types PyNN's IF_curr_* can express. */
function lifParameters(p: Population): { tauM: ArrayLike<number> | number; tauRef: ArrayLike<number> | number; vReset: ArrayLike<number> | number; model: string } {
  const t = p.type;
  if (t instanceof LIF) {
    if (t.params.minV > -Infinity) throw new ValidationError(`${p.name}.minV`, `a lower bound on v (${t.params.minV}) has no PyNN counterpart; export LIF neurons without minV`);
    return { ...t.params, model: `LIF (normalized, ${t.params.method})` };
  }
  if (t instanceof LifPerNeuron) return { tauM: t.tauM, tauRef: t.tauRef, vReset: t.vReset, model: 'LIF (normalized, per-neuron parameters)' };
  if (t instanceof CurrentLIF) {
    // Per-neuron arrays are private to CurrentLIF; the shared values are NaN when they are given per neuron.
    const priv = t as unknown as { tauMs: Float64Array | null; tauRefs: Float64Array | null; vResets: Float64Array | null };
    return {
      tauM: priv.tauMs ?? t.tauM, tauRef: priv.tauRefs ?? t.tauRef, vReset: priv.vResets ?? t.vReset,
      model: 'CurrentLIF (exponential current, spikes on the grid, refractory period in whole steps)',
    };
  }
  if (t instanceof HodgkinHuxley) {
    throw new ValidationError(p.name, "a Hodgkin-Huxley population cannot be exported: PyNN's standard HH_cond_exp has Traub-Miles kinetics (hh_traub.mod) "
      + "and conductance synapses, while this population runs NEURON's squid-axon hh kinetics with current input");
  }
  throw new ValidationError(p.name, `neuron type '${t.name}' has no PyNN standard model; exportable: ${EXPORTABLE}`);
}

/** A LIF population as IF_curr_exp / IF_curr_alpha in PyNN units (see {@link LIF_MAPPING}). */
function describeLif(p: Population, bias: Float64Array, syn: { n: number; tauE: number; tauI: number }): NeuronPopulationDescription {
  const { tauM, tauRef, vReset, model } = lifParameters(p);
  const N = p.size;
  const at = (x: ArrayLike<number> | number, i: number) => (typeof x === 'number' ? x : x[i]);
  const { vRest, vScale, gLeak } = LIF_MAPPING;
  const state = p.state as Record<string, Float64Array>;
  for (const k of ['refractory', 'I']) {
    const a = state[k];
    if (a && a.some((x) => x !== 0)) {
      throw new ValidationError(`${p.name}.init.${k}`, `PyNN's IF_curr_* cannot start with a nonzero ${k === 'I' ? 'synaptic current' : 'refractory time'}; export from ${k} = 0`);
    }
  }
  const perNeuron = (f: (i: number) => number): PerNeuronValue => compact(Array.from({ length: N }, (_, i) => f(i)));
  return {
    kind: 'neurons',
    name: p.name,
    size: N,
    cellType: syn.n === 1 ? 'IF_curr_alpha' : 'IF_curr_exp',
    parameters: {
      cm: perNeuron((i) => gLeak * at(tauM, i) * 1e3),
      tau_m: perNeuron((i) => at(tauM, i) * 1e3),
      tau_refrac: perNeuron((i) => at(tauRef, i) * 1e3),
      v_rest: vRest,
      v_thresh: vRest + vScale,
      v_reset: perNeuron((i) => vRest + vScale * at(vReset, i)),
      i_offset: perNeuron((i) => p.gain[i] * bias[i] * CURRENT_PER_VIN),
      tau_syn_E: syn.tauE,
      tau_syn_I: syn.tauI,
    },
    initial: { v: perNeuron((i) => vRest + vScale * state.v[i]) },
    model,
  };
}

/** One number when every neuron has the same value. */
function compact(a: number[]): PerNeuronValue {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return a;
  return a[0];
}
