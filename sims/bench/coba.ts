/**
 * `coba` workload (BENCHMARKS.md): Brette et al. (2007) benchmark 1, conductance-based LIF network with PyNN's
 * VAbenchmarks parameters, exponential Euler as Brian2 (src/experiments/coba.ts). Keys coba_neuron_steps_per_s,
 * coba_spikes, coba_mean_rate_hz, coba_mean_cv. `--peers` runs Brian2's own version beside it.
 */
import { runCoba } from '../../src/experiments/coba.js';
import { cpuSeconds, median, type Workload } from '../lib/benchTypes.js';

const workload: Workload = {
  name: 'coba',
  description: 'COBA: 4,000 conductance-based LIF (3,200 E / 800 I), p = 0.02, exponential Euler, dt 0.1 ms, 1 s',
  order: 3.6,
  run(log) {
    runCoba({ duration: 0.1, keepSpikes: 0 }); // warm-up (JIT)
    const runs = Array.from({ length: 3 }, () => runCoba({ keepSpikes: 0 }, undefined, cpuSeconds));
    const r = runs[0];
    const rate = median(runs.map((x) => x.neuronStepsPerSecond));
    log(`  coba: ${runs.map((x) => (x.neuronStepsPerSecond / 1e6).toFixed(1)).join(' ')} × 1e6 neuron-steps/s`);
    return {
      keys: {
        coba_neuron_steps_per_s: rate,
        coba_spikes: r.spikes,
        coba_mean_rate_hz: r.meanRate,
        coba_mean_cv: r.meanCv ?? NaN,
        coba_loop_seconds: median(runs.map((x) => x.loopSeconds)),
        coba_loop_cpu_seconds: median(runs.map((x) => x.loopCpuSeconds!)),
      },
      rows: [
        { metric: 'neuron-steps/s', value: rate, unit: 'neuron-steps/s', peers: 'Brian2 Cython ≈ 4.8e7 (0.83 s for 1 s)' },
        { metric: 'loop time for 1 s', value: median(runs.map((x) => x.loopSeconds)), unit: 's', peers: 'Brian2 Cython 0.83 s' },
        { metric: 'loop CPU time for 1 s', value: median(runs.map((x) => x.loopCpuSeconds!)), unit: 's', peers: '--peers measures Brian2 beside it' },
        { metric: 'spikes in 1 s', value: r.spikes, unit: 'spikes', peers: '' },
        { metric: 'mean rate', value: r.meanRate, unit: 'Hz', peers: '' },
        { metric: 'mean CV of ISIs (neurons with ≥ 3 spikes)', value: r.meanCv ?? NaN, unit: '', peers: '' },
      ],
      details: { runs: runs.map((x) => x.neuronStepsPerSecond), cpuSeconds: runs.map((x) => x.loopCpuSeconds) },
    };
  },
};
export default workload;
