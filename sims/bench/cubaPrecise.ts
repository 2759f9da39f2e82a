/**
 * `cuba-precise` workload: the `cuba` network (BENCHMARKS.md) with the LIF populations in precise timing — exact
 * subthreshold integration of v and the synaptic current, input spikes landing at their true times inside the step,
 * threshold crossings located on the exact trajectory (off-grid spike times). No peer runs it here (NEST's precise
 * models are not in Debian); the figure that matters is its cost beside the grid mode, measured in the same run.
 */
import { runCuba } from '../../src/experiments/cuba.js';
import { median, type Workload } from '../lib/benchTypes.js';

const workload: Workload = {
  name: 'cuba-precise',
  description: 'CUBA with precise (off-grid) spike timing, beside the grid mode in the same run',
  order: 3.5,
  run(log) {
    runCuba({ duration: 0.1, recordRate: false, timing: 'precise' }); // warm-up (JIT)
    runCuba({ duration: 0.1, recordRate: false });
    const precise: ReturnType<typeof runCuba>[] = [];
    const grid: ReturnType<typeof runCuba>[] = [];
    for (let k = 0; k < 5; k++) {
      // Interleaved, so both see the same machine load.
      precise.push(runCuba({ recordRate: false, timing: 'precise' }));
      grid.push(runCuba({ recordRate: false }));
    }
    const rate = median(precise.map((x) => x.neuronStepsPerSecond));
    const gridRate = median(grid.map((x) => x.neuronStepsPerSecond));
    log(`  cuba-precise: ${precise.map((x) => (x.neuronStepsPerSecond / 1e8).toFixed(2)).join(' ')} × 1e8 neuron-steps/s; grid ${grid.map((x) => (x.neuronStepsPerSecond / 1e8).toFixed(2)).join(' ')}`);
    return {
      keys: {
        cuba_precise_neuron_steps_per_s: rate,
        cuba_precise_spikes: precise[0].spikes,
        cuba_precise_synaptic_events: precise[0].synapticEvents,
        cuba_precise_cost_vs_grid: gridRate / rate,
      },
      rows: [
        { metric: 'neuron-steps/s, precise timing', value: rate, unit: 'neuron-steps/s', peers: '' },
        { metric: 'neuron-steps/s, grid timing (same run)', value: gridRate, unit: 'neuron-steps/s', peers: 'Brian2 Cython 2.6e8 (grid)' },
        { metric: 'cost of precise timing', value: gridRate / rate, unit: '× grid', peers: 'target ≤ 2' },
        { metric: 'spikes in 1 s, precise', value: precise[0].spikes, unit: 'spikes', peers: `grid ${grid[0].spikes} (Brian2 42,229)` },
      ],
      details: { precise: precise.map((x) => x.neuronStepsPerSecond), grid: grid.map((x) => x.neuronStepsPerSecond) },
    };
  },
};
export default workload;
