/**
 * Reads a spikebridge {@link Network} into a {@link NetworkDescription}: the one place that knows spikebridge's
 * population and neuron classes. Everything downstream (the PyNN writer, comparisons) works from the description.
 *
 * Exported: LIF populations (`Population.lif`, normalized, through {@link LIF_MAPPING}; `Population.physicalLif` in
 * its own mV on a membrane of {@link PHYSICAL_AREA_CM2}), shared or per-neuron parameters, either timing; current
 * synapses (IF_curr_exp / IF_curr_alpha) or conductance synapses onto a physical LIF (IF_cond_exp / IF_cond_alpha,
 * the higher reversal potential on the excitatory receptor); spike sources (`Population.spikeTrains`,
 * `Population.poisson`: sampled here by stepping them over the run, so both simulators see the same spikes), PSCs of
 * order 0 and 1, delays, biases, constant external inputs and constant current sources (folded into `i_offset`),
 * initial v.
 * Anything PyNN's standard models cannot express is a {@link ValidationError} naming the population or connection.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkKnownKeys, checkTimeGrid } from '../core/validate.js';
import { HodgkinHuxley } from '../neurons/hodgkinHuxley.js';
import { LIF } from '../neurons/lif.js';
import type { Connection } from '../network/connection.js';
import { Network } from '../network/network.js';
import { Population } from '../network/population.js';
import { CurrentSource, isSpikeSource } from '../network/sources.js';
import {
  CURRENT_PER_VIN, LIF_MAPPING, PHYSICAL_AREA_CM2,
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

const EXPORTABLE = 'normalized or physical LIF (Population.lif, Population.physicalLif), spike trains and Poisson sources';

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
    populations.push(describeLif(p, extraBias.get(p)!, synapses.get(p.name) ?? { n: 0, tauE: 5, tauI: 5, conductance: false, EE: 0, EI: -80 }));
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
      `physical LIF (per-area units: µF/cm², mS/cm², µA/cm²) on a membrane of ${PHYSICAL_AREA_CM2} cm² (${PHYSICAL_AREA_CM2 * 1e8} µm²): `
        + `c_m = C·area, conductances (mS/cm²) × area → µS, currents (µA/cm²) × area → nA; voltages as they are (mV)`,
      'current weights: a PSC of order n and weight w (∫h = 1) is a current jump of w·gain/τ_s (n = 0) or a peak of w·gain/(e·τ_s) (n = 1, at t = τ_s), in nA as above',
      'conductance weights: the peak conductance (mS/cm² × area → µS); reversal potentials as they are',
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
  /**
   * Current synapses: w (∫h = 1) → the current the PyNN synapse adds per unit weight and gain, in v_in: 1/τ_s (exp) or
   * the alpha peak 1/(e·τ_s); conductance synapses: 1 (the weight is the peak).
   */
  k: number;
  /** Per post neuron: nA per unit of v_in (current synapses) or µS per mS/cm² (conductance synapses). */
  scale: Float64Array;
  delay: number;
  count: Record<Receptor, number>;
  /** The receptor of a conductance synapse (by its reversal potential); current synapses go by the weight's sign. */
  receptor?: Receptor;
}

/** Calls f(pre, post, w) for every synapse of nonzero weight. */
function forEachSynapse(c: Connection, f: (i: number, j: number, w: number) => void): void {
  const w = c.matrix;
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
    const frame = frameOf(c.post);
    if (c.kind === 'conductance') {
      const r = receptorOfReversal(network, c);
      forEachSynapse(c, () => count[r]++);
      return { c, k: 1, scale: frame.gPerUnit, delay: c.resolveDelay(dt) * dt * 1e3, count, receptor: r };
    }
    const gain = c.post.gain;
    forEachSynapse(c, (_, j, w) => (w * gain[j] > 0 ? count.excitatory++ : count.inhibitory++));
    const k = c.n === 0 ? 1 / c.tauS : 1 / (Math.E * c.tauS);
    return { c, k, scale: frame.nAPerVin, delay: c.resolveDelay(dt) * dt * 1e3, count };
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
    const gain = p.c.post.gain, k = p.k, delay = p.delay, scale = p.scale, shared = scale.length === 1;
    const cond = p.receptor !== undefined;
    const exc = byKey.get(keyOf(p, 'excitatory')), inh = byKey.get(keyOf(p, 'inhibitory'));
    forEachSynapse(p.c, (i, j, w) => {
      const x = cond ? w * k * scale[shared ? 0 : j] : w * gain[j] * k * scale[shared ? 0 : j];
      const e = (cond ? (p.receptor === 'excitatory' ? exc : inh) : x > 0 ? exc : inh)!;
      const l = e.d.connections, m = e.fill++;
      l.pre[m] = i;
      l.post[m] = j;
      l.weight[m] = x;
      l.delay[m] = delay;
    });
  }
  return [...byKey.values()].map((e) => e.d);
}

/** What a post population's synapses need of its PyNN cell: PSC order, τ_s per receptor (ms), current or conductance, E. */
interface SynapseShape { n: number; tauE: number; tauI: number; conductance: boolean; EE: number; EI: number }

/**
 * The PSC order, the excitatory/inhibitory τ_s (ms), current or conductance, and the reversal potentials of each post
 * population; a PyNN IF_* cell has one of each.
 */
function synapseShapes(plans: Plan[]): Map<string, SynapseShape> {
  interface Shape { n: number; nFrom: string; cond: boolean; condFrom: string; tau: Record<Receptor, number>; E: Record<Receptor, number>; from: Record<Receptor, string> }
  const shapes = new Map<string, Shape>();
  for (const { c, count } of plans) {
    const post = c.post.name;
    let s = shapes.get(post);
    if (!s) {
      s = { n: c.n, nFrom: c.label, cond: c.kind === 'conductance', condFrom: c.label, tau: { excitatory: NaN, inhibitory: NaN }, E: { excitatory: NaN, inhibitory: NaN }, from: { excitatory: '', inhibitory: '' } };
      shapes.set(post, s);
    }
    if (s.n !== c.n) {
      throw new ValidationError(post, `receives PSCs of order ${s.n} (${s.nFrom}) and ${c.n} (${c.label}); a PyNN population has one synapse shape (IF_*_exp or IF_*_alpha)`);
    }
    if (s.cond !== (c.kind === 'conductance')) {
      throw new ValidationError(post, `receives current and conductance synapses (${s.condFrom}, ${c.label}); a PyNN population has one kind (IF_curr_* or IF_cond_*)`);
    }
    for (const r of ['excitatory', 'inhibitory'] as const) {
      if (!count[r]) continue;
      const tau = c.tauS * 1e3;
      if (Number.isNaN(s.tau[r])) {
        s.tau[r] = tau;
        s.E[r] = c.E;
        s.from[r] = c.label;
      } else if (s.tau[r] !== tau) {
        throw new ValidationError(post, `its ${r} synapses have τ_s = ${s.tau[r] / 1e3} s (${s.from[r]}) and ${c.tauS} s (${c.label}); a PyNN population has one ${r} time constant`);
      }
    }
  }
  const result = new Map<string, SynapseShape>();
  // A receptor nothing connects to keeps PyNN's defaults (τ 5 ms; E 0 and −70 mV): it never carries a current.
  for (const [k, s] of shapes) {
    result.set(k, {
      n: s.n, tauE: Number.isNaN(s.tau.excitatory) ? 5 : s.tau.excitatory, tauI: Number.isNaN(s.tau.inhibitory) ? 5 : s.tau.inhibitory,
      conductance: s.cond, EE: Number.isNaN(s.E.excitatory) ? 0 : s.E.excitatory, EI: Number.isNaN(s.E.inhibitory) ? -70 : s.E.inhibitory,
    });
  }
  return result;
}

/**
 * The receptor a conductance connection goes to: a PyNN IF_cond_* cell has two, so the post population's conductance
 * synapses may have at most two reversal potentials; the higher goes to 'excitatory'.
 */
function receptorOfReversal(network: Network, c: Connection): Receptor {
  const Es = [...new Set(network.connections.filter((x) => x.post === c.post && x.kind === 'conductance').map((x) => x.E))].sort((a, b) => b - a);
  if (Es.length > 2) {
    throw new ValidationError(c.post.name, `has conductance synapses with ${Es.length} reversal potentials (${Es.join(', ')} mV); a PyNN IF_cond_* cell has two receptors`);
  }
  return c.E === Es[0] && (Es.length === 2 || c.E >= frameOf(c.post).VL[0]) ? 'excitatory' : 'inhibitory';
}

/**
 * How a LIF population's normalized quantities read in PyNN's units, per neuron or shared: V = V_L + v·ΔV (mV), the
 * current of one unit of v_in (nA), and µS per mS/cm² of conductance.
 */
interface Frame {
  VL: Float64Array;
  dV: Float64Array;
  /** The leak conductance of the whole membrane, µS. */
  gLeak: Float64Array;
  nAPerVin: Float64Array;
  gPerUnit: Float64Array;
  physical: boolean;
}

function frameOf(p: Population): Frame {
  const t = p.type;
  const u = t instanceof LIF ? t.units : null;
  if (!u) {
    const one = (x: number) => Float64Array.of(x);
    return { VL: one(LIF_MAPPING.vRest), dV: one(LIF_MAPPING.vScale), gLeak: one(LIF_MAPPING.gLeak), nAPerVin: one(CURRENT_PER_VIN), gPerUnit: one(NaN), physical: false };
  }
  const n = u.invGL.length;
  const gLeak = new Float64Array(n), nAPerVin = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    gLeak[i] = (1 / u.invGL[i]) * PHYSICAL_AREA_CM2 * 1e3; // mS/cm² × cm² = mS → µS
    nAPerVin[i] = gLeak[i] * u.dV[i]; // µS × mV = nA
  }
  return { VL: u.VL, dV: u.dV, gLeak, nAPerVin, gPerUnit: Float64Array.of(PHYSICAL_AREA_CM2 * 1e3), physical: true };
}

/** The LIF type of a population PyNN's IF_* cells can express (or a clear error). */
function lifOf(p: Population): LIF {
  const t = p.type;
  if (t instanceof LIF) {
    if (t.params.minV > -Infinity) throw new ValidationError(`${p.name}.minV`, `a lower bound on v (${t.params.minV}) has no PyNN counterpart; export LIF neurons without minV`);
    return t;
  }
  if (t instanceof HodgkinHuxley) {
    throw new ValidationError(p.name, "a Hodgkin-Huxley population cannot be exported: PyNN's standard HH_cond_exp is not NEURON's squid-axon hh "
      + "(hh_traub.mod's Traub-Miles kinetics with its own spike detection), and the two would not run the same dynamics");
  }
  throw new ValidationError(p.name, `neuron type '${t.name}' has no PyNN standard model; exportable: ${EXPORTABLE}`);
}

/** A LIF population as IF_curr_* or IF_cond_* in PyNN units (see {@link LIF_MAPPING} and {@link PHYSICAL_AREA_CM2}). */
function describeLif(p: Population, bias: Float64Array, syn: SynapseShape): NeuronPopulationDescription {
  const lif = lifOf(p);
  const f = frameOf(p);
  const N = p.size;
  const at = (a: Float64Array, i: number) => a[a.length === 1 ? 0 : i];
  const state = p.state as Record<string, Float64Array>;
  if (state.refractory.some((x) => x !== 0)) {
    throw new ValidationError(`${p.name}.init.refractory`, "PyNN's IF_* cells cannot start refractory; export from refractory = 0");
  }
  const { timing, method } = lif.params;
  const model = `LIF (${f.physical ? 'physical units' : 'normalized'}, ${timing} timing, ${method}${timing === 'grid' ? '; spikes on the grid, refractory period in whole steps' : ''})`;
  const perNeuron = (g: (i: number) => number): PerNeuronValue => compact(Array.from({ length: N }, (_, i) => g(i)));
  const cellType = `IF_${syn.conductance ? 'cond' : 'curr'}_${syn.n === 1 ? 'alpha' : 'exp'}` as NeuronPopulationDescription['cellType'];
  const parameters: Record<string, PerNeuronValue> = {
    cm: perNeuron((i) => at(f.gLeak, i) * lif.paramsOf(i).tauM * 1e3), // µS × ms = nF
    tau_m: perNeuron((i) => lif.paramsOf(i).tauM * 1e3),
    tau_refrac: perNeuron((i) => lif.paramsOf(i).tauRef * 1e3),
    v_rest: perNeuron((i) => at(f.VL, i)),
    v_thresh: perNeuron((i) => at(f.VL, i) + at(f.dV, i)),
    v_reset: perNeuron((i) => at(f.VL, i) + at(f.dV, i) * lif.paramsOf(i).vReset),
    i_offset: perNeuron((i) => p.gain[i] * bias[i] * at(f.nAPerVin, i)),
    tau_syn_E: syn.tauE,
    tau_syn_I: syn.tauI,
  };
  if (syn.conductance) {
    parameters.e_rev_E = syn.EE;
    parameters.e_rev_I = syn.EI;
  }
  return {
    kind: 'neurons', name: p.name, size: N, cellType, parameters,
    initial: { v: perNeuron((i) => at(f.VL, i) + at(f.dV, i) * state.v[i]) },
    model,
  };
}

/** One number when every neuron has the same value. */
function compact(a: number[]): PerNeuronValue {
  for (let i = 1; i < a.length; i++) if (a[i] !== a[0]) return a;
  return a[0];
}
