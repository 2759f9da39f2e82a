/**
 * `hh-population` workload: 4,000 Traub-Miles HH neurons (COBAHH's neuron: V_T −63 mV, threshold −20 mV, 3 ms
 * refractory) driven by constant currents I_i = 2·u_i µA/cm² (u_i from mulberry32(12345)), exponential Euler at
 * dt 0.1 ms for 1 s: the neuron step of the COBAHH benchmark without its synapses.
 */
import { mulberry32 } from '../../src/core/rng.js';
import { HodgkinHuxley } from '../../src/neurons/hodgkinHuxley.js';
import { createSpikeBuffer } from '../../src/neurons/types.js';
import { median, type Workload } from '../lib/benchTypes.js';

function once(): { seconds: number; spikes: number } {
  const n = 4000, steps = 10_000, dt = 1e-4;
  const hh = new HodgkinHuxley({ kinetics: 'traub-miles', refractory: 0.003, method: 'exponential-euler' });
  const state = hh.initialState(n);
  const input = new Float64Array(n);
  const u = mulberry32(12345);
  for (let i = 0; i < n; i++) input[i] = 2 * u();
  const spikes = createSpikeBuffer(n);
  let count = 0;
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    hh.step(dt, s * dt, input, state, spikes);
    count += spikes.count;
  }
  return { seconds: (performance.now() - t0) / 1000, spikes: count };
}

const workload: Workload = {
  name: 'hh-population',
  description: '4,000 Traub-Miles HH neurons, constant currents, exponential Euler at dt 0.1 ms, 1 s',
  order: 2.5,
  run(log) {
    once(); // warm-up
    const runs = Array.from({ length: 3 }, once);
    const rate = median(runs.map((r) => 4e7 / r.seconds));
    log(`  hh-population: ${runs.map((r) => (4e7 / r.seconds / 1e6).toFixed(2)).join(' ')} × 1e6 neuron-steps/s`);
    return {
      keys: { hh_population_neuron_steps_per_s: rate, hh_population_spikes: runs[0].spikes },
      rows: [
        { metric: 'Traub-Miles population, exponential Euler, dt 0.1 ms', value: rate, unit: 'neuron-steps/s', peers: 'Brian2 COBAHH (neurons and synapses): Cython 1.3e7, C++ standalone 2.0e7' },
        { metric: 'spikes in 1 s', value: runs[0].spikes, unit: 'spikes' },
      ],
    };
  },
};
export default workload;
