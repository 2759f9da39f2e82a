/**
 * `cobahh` workload (BENCHMARKS.md): Brette et al. (2007) benchmark 3, Brian2's examples/COBAHH.py (4,000 Traub–Miles
 * HH neurons, exponential conductances, exponential Euler, dt 0.1 ms, 1 s; src/experiments/cobahh.ts). Keys
 * cobahh_neuron_steps_per_s, cobahh_spikes, cobahh_mean_rate_hz, cobahh_mean_cv. `--peers` runs Brian2's own.
 */
import { runCobahh } from '../../src/experiments/cobahh.js';
import { cpuSeconds, median, type Workload } from '../lib/benchTypes.js';

const workload: Workload = {
  name: 'cobahh',
  description: 'COBAHH: 4,000 Traub-Miles HH neurons with conductance synapses, exponential Euler, dt 0.1 ms, 1 s',
  order: 3.7,
  run(log) {
    runCobahh({ duration: 0.05, keepSpikes: 0 }); // warm-up (JIT)
    const runs = Array.from({ length: 3 }, () => runCobahh({ keepSpikes: 0 }, undefined, cpuSeconds));
    const r = runs[0];
    const rate = median(runs.map((x) => x.neuronStepsPerSecond));
    log(`  cobahh: ${runs.map((x) => (x.neuronStepsPerSecond / 1e6).toFixed(1)).join(' ')} × 1e6 neuron-steps/s`);
    return {
      keys: {
        cobahh_neuron_steps_per_s: rate,
        cobahh_spikes: r.spikes,
        cobahh_mean_rate_hz: r.meanRate,
        cobahh_mean_cv: r.meanCv ?? NaN,
        cobahh_loop_seconds: median(runs.map((x) => x.loopSeconds)),
        cobahh_loop_cpu_seconds: median(runs.map((x) => x.loopCpuSeconds!)),
      },
      rows: [
        { metric: 'neuron-steps/s', value: rate, unit: 'neuron-steps/s', peers: 'Brian2 Cython ≈ 1.3e7, C++ standalone 2.0e7' },
        { metric: 'loop time for 1 s', value: median(runs.map((x) => x.loopSeconds)), unit: 's', peers: 'Brian2 Cython 2.8–3.2 s, C++ standalone 2.0 s' },
        { metric: 'loop CPU time for 1 s', value: median(runs.map((x) => x.loopCpuSeconds!)), unit: 's', peers: '--peers measures Brian2 beside it' },
        { metric: 'spikes in 1 s', value: r.spikes, unit: 'spikes', peers: '' },
        { metric: 'mean rate', value: r.meanRate, unit: 'Hz', peers: 'Brian2 34.5–40.4 Hz over seeds' },
        { metric: 'mean CV of ISIs (neurons with ≥ 3 spikes)', value: r.meanCv ?? NaN, unit: '', peers: 'Brian2 1.90–2.05 over seeds' },
      ],
      details: { runs: runs.map((x) => x.neuronStepsPerSecond), cpuSeconds: runs.map((x) => x.loopCpuSeconds) },
    };
  },
};
export default workload;
