/**
 * A population: N neurons of one {@link NeuronType}, their state as a structure of arrays, and what the
 * network writes into them each step. The input each neuron reads is z = gain ⊙ (b + external(t) + Σ W s(t))
 * (notes §5.1: z = W x + b; `gain` scales everything, e.g. µA/cm² → v_in for physical LIF units). Input
 * populations (spike generators, current sources) are populations too, so they are connected and recorded alike.
 * @module
 */
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { resolveSignal, type ResolvedSignal, type Signal } from '../core/formula.js';
import { checkFiniteArray, checkInteger, checkKnownKeys } from '../core/validate.js';
import { HodgkinHuxley, type HodgkinHuxleyOptions } from '../neurons/hodgkinHuxley.js';
import { AdEx, type AdExOptions } from '../neurons/adex.js';
import { Izhikevich, type IzhikevichOptions } from '../neurons/izhikevich.js';
import { LIF, PhysicalLIF, type LifOptions, type PhysicalLifOptions } from '../neurons/lif.js';
import { NO_SYNAPTIC_INPUT, createSpikeBuffer, type NeuronType, type SpikeBuffer, type SynapticInput } from '../neurons/types.js';
import { CurrentSource, PoissonSource, SpikeTrainSource, isSpikeSource, type PoissonSourceOptions } from './sources.js';

/** What a population is: neurons that integrate input, a spike generator, or a current source. */
export type PopulationKind = 'neurons' | 'spikes' | 'current';

/** Options shared by every population of neurons. */
export interface PopulationOptions {
  /** b: a constant added to the input, one number for all or one per neuron (input units). @default 0 */
  bias?: number | ArrayLike<number>;
  /** Per-neuron (or shared) factor on the whole input. @default 1 */
  gain?: number | ArrayLike<number>;
  /**
   * An injected input (input units): one signal for every neuron or one per neuron — a number, a function of
   * t (s) or a formula in t — sampled at each step's midpoint.
   */
  external?: Signal | readonly Signal[];
  /** Initial values of state variables (a number for all neurons or an array), e.g. `{ v: v0 }`. */
  init?: Record<string, number | ArrayLike<number>>;
}

const NAME_RE = /^[A-Za-z_][\w.-]*$/;

/**
 * N neurons of one type with structure-of-arrays state, per-neuron bias and gain, and a spike buffer.
 * @example
 * ```ts
 * const exc = Population.lif('exc', 400, { tauRef: 0.002 }, { bias: 0.9 });
 * const inp = Population.poisson('in', 100, { rate: 20, seed: 1 });
 * ```
 */
export class Population<S extends string = string> {
  /** Name used by connections, recorders and error messages (`exc.v`). */
  readonly name: string;
  readonly type: NeuronType<S>;
  readonly size: number;
  readonly kind: PopulationKind;
  /** State variables, one Float64Array of length `size` each. */
  readonly state: Record<S, Float64Array>;
  /** The input the neuron step reads, rebuilt each step: gain ⊙ (bias + external + Σ PSC). */
  readonly input: Float64Array;
  /** b, per neuron (read at the start of each run). */
  readonly bias: Float64Array;
  /** Gain, per neuron (read at the start of each run). */
  readonly gain: Float64Array;
  /** Spikes of the last step (neuron index, offset in s from the step's start). */
  spikes: SpikeBuffer;
  /** Injected signals (one, or one per neuron), or null. */
  readonly external: readonly ResolvedSignal[] | null;
  /** The synaptic input the neuron type integrates itself (set by the network when it compiles its connections). */
  synapses: SynapticInput = NO_SYNAPTIC_INPUT;
  private initial: Record<string, Float64Array> | null = null;

  constructor(name: string, type: NeuronType<S>, size: number, o: PopulationOptions = {}) {
    if (typeof name !== 'string' || !NAME_RE.test(name)) {
      throw new ValidationError('Population.name', `must be a name of letters, digits, _ . - starting with a letter (got ${JSON.stringify(name)})`);
    }
    checkInteger(`${name}.size`, size, 1);
    checkKnownKeys(name, o, ['bias', 'gain', 'external', 'init']);
    this.name = name;
    this.type = type;
    this.size = size;
    this.kind = isSpikeSource(type) ? 'spikes' : type instanceof CurrentSource ? 'current' : 'neurons';
    this.state = type.initialState(size);
    // A type may keep the input beside its state (LIF's SIMD kernel reads it in place, no copy per step).
    this.input = type.inputFor?.(this.state) ?? new Float64Array(size);
    this.bias = perNeuron(`${name}.bias`, o.bias ?? 0, size);
    this.gain = perNeuron(`${name}.gain`, o.gain ?? 1, size);
    this.spikes = createSpikeBuffer(size);
    if (o.external === undefined) this.external = null;
    else if (Array.isArray(o.external)) {
      if (o.external.length !== size) throw new ValidationError(`${name}.external`, `must be one signal or one per neuron (${size}) (got ${o.external.length})`);
      this.external = o.external.map((s, i) => resolveSignal(`${name}.external[${i}]`, s));
    } else this.external = [resolveSignal(`${name}.external`, o.external)];
    if (this.kind !== 'neurons' && (o.external !== undefined || o.bias !== undefined || o.gain !== undefined)) {
      throw new ValidationError(`${name}`, 'an input population takes no bias, gain or external input');
    }
    for (const [k, v] of Object.entries(o.init ?? {})) {
      if (!(type.stateNames as readonly string[]).includes(k)) {
        throw new ValidationError(`${name}.init.${k}`, `is not a state variable of ${type.name}; they are ${type.stateNames.join(', ')}`);
      }
      this.state[k as S].set(perNeuron(`${name}.init.${k}`, v, size));
    }
  }

  /**
   * Normalized LIF neurons: shared or per-neuron parameters (arrays), `timing: 'precise'` (default: exact synaptic
   * integration and off-grid spike times) or `'grid'` (Brian2's semantics). See {@link LIF}.
   */
  static lif(name: string, size: number, params: LifOptions = {}, o: PopulationOptions = {}): Population<'v' | 'refractory'> {
    return new Population(name, new LIF(params), size, o);
  }

  /**
   * LIF neurons in physical units: the normalized model runs them (state `v` = (V − V_L)/(V_th − V_L)) and the
   * gain 1/(g_L (V_th − V_L)) turns bias, external input and current-synapse weights given in µA/cm² into v_in.
   * Conductance synapses (a connection with a reversal potential `E` in mV, weights in mS/cm²) need `timing: 'grid'`.
   */
  static physicalLif(name: string, size: number, params: PhysicalLifOptions = {}, o: Omit<PopulationOptions, 'gain'> = {}): Population<'v' | 'refractory'> {
    const p = new PhysicalLIF(params);
    const gain = p.rheobases.length === 1 ? 1 / p.rheobases[0] : Array.from(p.rheobases, (r) => 1 / r);
    return new Population(name, p.normalized, size, { ...o, gain });
  }

  /** Hodgkin-Huxley neurons (input in µA/cm²; shared parameters). */
  static hh(name: string, size: number, params: HodgkinHuxleyOptions = {}, o: PopulationOptions = {}): Population<'V' | 'm' | 'h' | 'n'> {
    if (params && typeof params === 'object' && (params as { timing?: unknown }).timing === 'precise') {
      throw new ValidationError(`${name}.timing`, "cannot be 'precise' for HH neurons: their spikes are crossings of a nonlinear trajectory, located by interpolation inside the step; use 'interpolated' (default) or 'grid' (got 'precise')");
    }
    return new Population(name, new HodgkinHuxley(params), size, o);
  }

  /** AdEx neurons (Brette & Gerstner 2005; pF, nS, mV, pA; conductance synapses in nS): a parameter set or a named pattern. */
  static adex(name: string, size: number, params: AdExOptions = {}, o: PopulationOptions = {}): Population<'V' | 'w' | 'refractory'> {
    return new Population(name, new AdEx(params), size, o) as Population<'V' | 'w' | 'refractory'>;
  }

  /** Izhikevich (2003) neurons (the paper's units: v in mV, I in mV/ms): a parameter set or a named one ('RS', 'FS', …). */
  static izhikevich(name: string, size: number, params: IzhikevichOptions = {}, o: PopulationOptions = {}): Population<'v' | 'u'> {
    return new Population(name, new Izhikevich(params), size, o) as Population<'v' | 'u'>;
  }

  /** An input population replaying given spike trains, one per neuron (s, sorted). */
  static spikeTrains(name: string, trains: readonly ArrayLike<number>[]): Population<'cursor'> {
    const src = new SpikeTrainSource(trains, name);
    return new Population(name, src, src.size);
  }

  /** An input population of independent Poisson spike trains (rates in Hz, seeded). */
  static poisson(name: string, size: number, o: PoissonSourceOptions): Population<'next'> {
    return new Population(name, new PoissonSource(o, name), size);
  }

  /** An input population of currents (constant, function of t or formula; one shared or one per neuron). */
  static currents(name: string, size: number, signals: Signal | readonly Signal[]): Population<'value'> {
    return new Population(name, new CurrentSource(signals, size, name), size);
  }

  /** Makes the spike buffer large enough for a run at dt (generators may emit several spikes per neuron per step). */
  prepare(dt: number): void {
    const t = this.type;
    const cap = isSpikeSource(t) ? t.capacity(dt, this.size) : this.size;
    if (this.spikes.index.length < cap) this.spikes = createSpikeBuffer(cap);
    this.spikes.count = 0;
    if (!this.initial) {
      this.initial = {};
      for (const k of t.stateNames) this.initial[k] = this.state[k].slice();
    }
  }

  /** Restores the state captured at the first run (or at construction if never run) and clears the spikes. */
  reset(): void {
    if (this.initial) for (const k of this.type.stateNames) this.state[k].set(this.initial[k]);
    const t = this.type;
    if (isSpikeSource(t)) t.reset(this.state);
    this.spikes.count = 0;
  }

  /**
   * Advances the population by dt from t. A non-finite value is reported as `<population>.<variable>`.
   */
  step(dt: number, t: number): void {
    try {
      this.type.step(dt, t, this.input, this.state, this.spikes, this.synapses);
    } catch (e) {
      if (e instanceof SimulationDiverged && !e.variable.startsWith(this.name + '.')) {
        // Re-throw under the population's name (exc.v), keeping the value, neuron and time of the original.
        const m = / = (\S+) at t = /.exec(e.message);
        const hint = /\((.*)\)$/.exec(e.message);
        throw new SimulationDiverged(`${this.name}.${e.variable}`, e.time, m ? Number(m[1]) : NaN, e.index,
          `neuron ${e.index} of ${this.size}${hint ? '; ' + hint[1] : ''}`);
      }
      throw e;
    }
  }
}

function perNeuron(name: string, v: number | ArrayLike<number>, size: number): Float64Array {
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new ValidationError(name, `must be a finite number or an array of ${size} (got ${v})`);
    return new Float64Array(size).fill(v);
  }
  return checkFiniteArray(name, v, size);
}
