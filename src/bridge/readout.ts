/**
 * Pieces the bridge adds on top of the network simulator without changing it: a non-spiking {@link Readout}
 * "neuron type" whose input is the output layer's current z = W·s(t) + b (notes §5.1), a recorder that keeps
 * running sums of that current so one run answers every presentation time at once. (Poisson inputs use the
 * network's `PoissonSource`, whose rates `setRates` changes per sample.)
 * @module
 */
import type { NeuronType, SpikeBuffer } from '../neurons/types.js';
import type { Network } from '../network/network.js';
import type { Population } from '../network/population.js';
import type { Recorder } from '../network/recorders.js';

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

