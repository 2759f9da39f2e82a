/**
 * `lif` workload (sims/bench/README.md): 10,000 independent normalized LIF neurons, exact update, dt 0.1 ms, 1 s,
 * built from the library's own neuron type, so `npm run bench` measures what users run.
 */
import { mulberry32 } from '../../src/core/rng.js';
import { LIF } from '../../src/neurons/lif.js';
import { createSpikeBuffer } from '../../src/neurons/types.js';
import { median, type Workload } from '../lib/benchTypes.js';

/** One timed run of the `lif` workload: 10,000 neurons, v_in[i] = 3·u_i (mulberry32(12345)), dt 0.1 ms, 1 s. */
export function lifPopulationWorkload(o: { neurons?: number; steps?: number; method?: 'exact' | 'euler' | 'rk4'; simd?: boolean } = {}) {
  const n = o.neurons ?? 10_000, steps = o.steps ?? 10_000, dt = 1e-4;
  const lif = new LIF({ tauM: 0.02, tauRef: 0.002, method: o.method ?? 'exact' });
  const state = o.simd === false ? { v: new Float64Array(n), refractory: new Float64Array(n) } : lif.initialState(n);
  const input = o.simd === false ? new Float64Array(n) : lif.inputFor(state);
  const u = mulberry32(12345);
  for (let i = 0; i < n; i++) input[i] = 3 * u();
  const spikes = createSpikeBuffer(n);
  let count = 0;
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    lif.step(dt, s * dt, input, state, spikes);
    count += spikes.count;
  }
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, neuronStepsPerS: (n * steps) / seconds, spikes: count };
}

const workload: Workload = {
  name: 'lif',
  description: '10,000 independent LIF neurons, exact update, dt 0.1 ms, 1 s',
  order: 1,
  run(log) {
    lifPopulationWorkload({ steps: 2000 }); // warm-up (JIT, WebAssembly tier-up)
    const runs = Array.from({ length: 7 }, () => lifPopulationWorkload());
    const ts = Array.from({ length: 3 }, () => lifPopulationWorkload({ simd: false }));
    const rate = median(runs.map((r) => r.neuronStepsPerS));
    const tsRate = median(ts.map((r) => r.neuronStepsPerS));
    log(`  lif: ${runs.map((r) => (r.neuronStepsPerS / 1e8).toFixed(2)).join(' ')} × 1e8 neuron-steps/s`);
    return {
      keys: { lif_population_neuron_steps_per_s: rate, lif_spikes: runs[0].spikes, lif_typescript_neuron_steps_per_s: tsRate },
      rows: [
        { metric: 'LIF population (WebAssembly SIMD common path)', value: rate, unit: 'neuron-steps/s', peers: 'Brian2 Cython 4.0e8, C++ standalone 4.2e8, C -O3 7e8, C vectorized 2.3e9' },
        { metric: 'LIF population (TypeScript common path)', value: tsRate, unit: 'neuron-steps/s', peers: 'plain JavaScript loop 2.0e8' },
        { metric: 'spikes in 1 s', value: runs[0].spikes, unit: 'spikes', peers: '' },
      ],
    };
  },
};
export default workload;
