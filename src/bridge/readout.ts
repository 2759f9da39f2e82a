/**
 * Pieces the bridge adds on top of the network simulator without changing it: a non-spiking {@link Readout}
 * "neuron type" whose input is the output layer's current z = W·s(t) + b (notes §5.1), a recorder that keeps
 * running sums of that current so one run answers every presentation time at once, and a Poisson input source
 * whose rates are set per sample (the network's own `PoissonSource` fixes its rates at construction).
 * @module
 */
import { Rng } from '../core/rng.js';
import type { NeuronType, SpikeBuffer } from '../neurons/types.js';
import type { Network } from '../network/network.js';
import type { Population } from '../network/population.js';
import type { Recorder } from '../network/recorders.js';
import type { SpikeSourceType } from '../network/sources.js';

/**
 * The output layer as a population that integrates nothing and never spikes: the network gathers its input
 * z = gain ⊙ (b + Σ filter outputs) every step, which is exactly the rate network's pre-activation of the
 * output layer with the hidden rates replaced by filtered spike trains (notes §5.1).
 */
export class Readout implements NeuronType<'z'> {
  readonly name = 'readout';
  readonly stateNames = ['z'] as const;
  readonly inputUnits = 'z (the output layer input current)';
  /** A readout does not fire. */
  rate(): number {
    return 0;
  }
  initialState(size: number): Record<'z', Float64Array> {
    return { z: new Float64Array(size) };
  }
  /** Keeps the current it read (for recorders) and emits no spikes. */
  step(_dt: number, _t: number, input: Float64Array, state: Record<'z', Float64Array>, spikes: SpikeBuffer): void {
    state.z.set(input);
    spikes.count = 0;
  }
}

/**
 * Running sums of a readout population's current over a run: `cum[(k)·O + j]` = Σ_{i<k} z_j(t_i), with z(t_i) the
 * current the output read during step i (its filters' values at t_i = t₀ + i·dt). The mean over steps [a, b) is
 * then (cum[b] − cum[a]) / (b − a), so one run of the longest presentation gives every shorter one exactly (the
 * simulation is causal: a shorter run is the prefix of a longer one).
 */
export class CurrentSums implements Recorder {
  /** (steps + 1) × outputs running sums, row k = sum over the first k steps. */
  cum = new Float64Array(0);
  private readonly z: Float64Array;
  private readonly O: number;
  constructor(readonly pop: Population<'z'>) {
    this.z = pop.state.z;
    this.O = pop.size;
  }
  start(_net: Network, steps: number): void {
    const need = (steps + 1) * this.O;
    if (this.cum.length < need) this.cum = new Float64Array(need);
    this.cum.fill(0, 0, this.O);
  }
  record(step: number): void {
    const O = this.O, z = this.z, c = this.cum;
    const a = step * O, b = a + O;
    for (let j = 0; j < O; j++) c[b + j] = c[a + j] + z[j];
  }
  /** Mean current of output j over steps [from, to). */
  mean(j: number, from: number, to: number): number {
    const O = this.O;
    return (this.cum[to * O + j] - this.cum[from * O + j]) / (to - from);
  }
}

/**
 * Independent Poisson spike trains whose per-neuron rates (Hz) and seed are set before each run
 * ({@link RateSource.setRates}); homogeneous within a run, spike times continuous (exponential intervals), as
 * the network's `PoissonSource`.
 */
export class RateSource implements SpikeSourceType<'next'> {
  readonly name = 'poisson-rates';
  readonly stateNames = ['next'] as const;
  readonly inputUnits = 'none (a generator)';
  /** Rates in Hz, one per neuron. */
  readonly rates: Float64Array;
  /** Seed applied at the next reset. */
  seed = 0;
  /** Largest rate expected (Hz): sizes the spike buffer. */
  readonly rateMax: number;
  private rng = new Rng(0);
  constructor(size: number, rateMax: number) {
    this.rates = new Float64Array(size);
    this.rateMax = rateMax;
  }
  /** Sets the rates (Hz) and the seed used from the next reset. */
  setRates(rates: ArrayLike<number>, seed: number): void {
    this.rates.set(rates);
    this.seed = seed;
  }
  rate(): number {
    return NaN;
  }
  initialState(size: number): Record<'next', Float64Array> {
    return { next: new Float64Array(size).fill(NaN) };
  }
  reset(state: Record<'next', Float64Array>): void {
    this.rng = new Rng(this.seed);
    state.next.fill(NaN);
  }
  /** Mean spikes per step plus ten standard deviations (an excess is postponed one step). */
  capacity(dt: number, size: number): number {
    const mean = size * this.rateMax * dt;
    return Math.ceil(size + mean + 10 * Math.sqrt(mean) + 16);
  }
  step(dt: number, t: number, _input: Float64Array, state: Record<'next', Float64Array>, spikes: SpikeBuffer): void {
    const next = state.next, rng = this.rng, rates = this.rates;
    const idx = spikes.index, off = spikes.offset, cap = idx.length;
    const tEnd = t + dt;
    let count = 0;
    for (let i = 0; i < next.length; i++) {
      const lam = rates[i];
      if (!(lam > 0)) continue;
      let s = next[i];
      if (s !== s) s = t + rng.exponential(lam);
      while (s < tEnd && count < cap) {
        idx[count] = i;
        off[count++] = s - t > 0 ? s - t : 0;
        s += rng.exponential(lam);
      }
      next[i] = s;
    }
    spikes.count = count;
  }
}
