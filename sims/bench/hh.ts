/** `hh` workload (BENCHMARKS.md): one HH neuron, I = 10 µA/cm², RK4 at dt 0.01 ms for 1 s; work-precision table. */
import { hhRk4Workload, hhWorkPrecision } from '../../src/experiments/benchmarks.js';
import { median, type Workload } from '../lib/benchTypes.js';

const workload: Workload = {
  name: 'hh',
  description: 'Hodgkin-Huxley, I = 10 µA/cm², RK4 at dt 0.01 ms, 1 s; work-precision for RK4 and RK45',
  order: 2,
  run(log) {
    for (let i = 0; i < 3; i++) hhRk4Workload(); // warm-up
    const runs = Array.from({ length: 9 }, () => hhRk4Workload());
    const rate = median(runs.map((r) => r.stepsPerS));
    log(`  hh: ${runs.map((r) => (r.stepsPerS / 1e6).toFixed(2)).join(' ')} × 1e6 steps/s`);
    const wp = hhWorkPrecision();
    const table = [
      'Work-precision, HH at 10 µA/cm² over 1 s (reference: RK45 rtol = atol = 1e-12; NEURON fixed step 0.025 ms: 45 ms and 0.6 ms drift within 200 ms; CVODE atol 1e-3: 19 ms; SciPy RK45 rtol 1e-6: 0.7 s)',
      '| method | setting | wall time (ms) | f evaluations | spikes | max spike-time error (s) |',
      '|---|---|---|---|---|---|',
      ...wp.rows.map((r) => `| ${r.method} | ${r.setting} | ${r.wallMs.toFixed(2)} | ${r.evaluations} | ${r.spikes} | ${Number.isFinite(r.maxSpikeError) ? r.maxSpikeError.toExponential(2) : 'spike count differs'} |`),
    ];
    return {
      keys: { hh_rk4_steps_per_s: rate, hh_spikes: runs[0].spikes },
      rows: [
        { metric: 'HH RK4, dt 0.01 ms', value: rate, unit: 'steps/s', peers: 'Python 2.2e5, plain JavaScript 2.5e6, C -O3 6.2e6' },
        { metric: 'spikes in 1 s', value: runs[0].spikes, unit: 'spikes', peers: '69' },
      ],
      extra: [table.join('\n')],
      details: { workPrecision: wp.rows.map((r) => ({ ...r, maxSpikeError: Number.isFinite(r.maxSpikeError) ? r.maxSpikeError : null })) },
    };
  },
};
export default workload;
