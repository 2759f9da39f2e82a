/** `lif` workload (BENCHMARKS.md): 10,000 independent normalized LIF neurons, exact update, dt 0.1 ms, 1 s. */
import { lifPopulationWorkload } from '../../src/experiments/benchmarks.js';
import { median, type Workload } from '../lib/benchTypes.js';

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
