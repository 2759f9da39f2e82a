/**
 * `stdp` workload: Song, Miller & Abbott (2000) as Brian2's examples/synapses/STDP.py (src/experiments/stdp.ts) —
 * 1,000 Poisson inputs at 15 Hz onto one LIF through additive STDP synapses, dt 0.1 ms, 100 s, seed 1. Keys
 * stdp_loop_seconds (wall time of the 100 s run), stdp_output_rate_hz (last 10 s), stdp_lowest_bin_fraction and
 * stdp_highest_bin_fraction (final weights in 10 bins of g_max/10). `--peers` runs Brian2's example beside it.
 */
import { runSongStdp } from '../../src/experiments/stdp.js';
import { median, type Workload } from '../lib/benchTypes.js';

const workload: Workload = {
  name: 'stdp',
  description: 'STDP (Song et al. 2000, Brian2\'s example): 1,000 Poisson inputs at 15 Hz onto one LIF, additive STDP, dt 0.1 ms, 100 s',
  order: 3.8,
  run(log) {
    runSongStdp({ duration: 2 }); // warm-up (JIT)
    const runs = Array.from({ length: 3 }, () => runSongStdp({ duration: 100, seed: 1 }));
    const r = runs[0];
    const loop = median(runs.map((x) => x.wallSeconds));
    log(`  stdp: ${runs.map((x) => x.wallSeconds.toFixed(2)).join(' ')} s for 100 s`);
    return {
      keys: {
        stdp_loop_seconds: loop,
        stdp_output_rate_hz: r.outputRate,
        stdp_lowest_bin_fraction: r.histogram[0] / r.finalWeights.length,
        stdp_highest_bin_fraction: r.histogram[9] / r.finalWeights.length,
      },
      rows: [
        { metric: 'loop time for 100 s', value: loop, unit: 's', peers: 'Brian2 Cython: --peers runs it now' },
        { metric: 'output rate, last 10 s', value: r.outputRate, unit: 'Hz', peers: 'Brian2 19.5–24.2 Hz (3 seeds)' },
        { metric: 'weights in the lowest bin', value: r.histogram[0] / 10, unit: '%', peers: 'Brian2 27–28 %' },
        { metric: 'weights in the highest bin', value: r.histogram[9] / 10, unit: '%', peers: 'Brian2 17–18 %' },
      ],
      details: { runs: runs.map((x) => x.wallSeconds), histogram: r.histogram },
    };
  },
};
export default workload;
