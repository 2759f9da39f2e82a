/**
 * `hh` workload (sims/bench/README.md): one HH neuron, I = 10 µA/cm², RK4 at dt 0.01 ms for 1 s, built from the
 * library's own `HodgkinHuxley`; and a work-precision table for RK4 and RK45.
 */
import { HodgkinHuxley } from '../../src/neurons/hodgkinHuxley.js';
import { median, type Workload } from '../lib/benchTypes.js';

/** One timed run of the `hh` workload: I = 10 µA/cm², RK4 at dt = 0.01 ms, 1 s (100,000 steps). */
export function hhRk4Workload() {
  const hh = new HodgkinHuxley();
  const t0 = performance.now();
  const tr = hh.simulate({ current: 10, duration: 1, dt: 1e-5, method: 'rk4', record: false });
  const seconds = (performance.now() - t0) / 1000;
  return { seconds, stepsPerS: 1e5 / seconds, spikes: tr.spikes.length };
}

/** A row of the work-precision table. */
export interface WorkPrecisionRow {
  method: string;
  setting: string;
  wallMs: number;
  evaluations: number;
  spikes: number;
  /** Largest |spike time − reference| (s); Infinity when the spike count differs. */
  maxSpikeError: number;
}

/**
 * Work against precision for HH at 10 µA/cm² over 1 s: RK4 at several dt and RK45 at several tolerances,
 * each spike train compared with a converged reference (RK45, rtol = atol = 1e-12). Wall times are medians.
 */
export function hhWorkPrecision(repeats = 3): { reference: number[]; rows: WorkPrecisionRow[] } {
  const hh = new HodgkinHuxley();
  const ref = hh.simulate({ current: 10, duration: 1, dt: 1e-3, method: 'rk45', rtol: 1e-12, atol: 1e-12, record: false }).spikes;
  const rows: WorkPrecisionRow[] = [];
  const run = (method: 'rk4' | 'rk45', setting: string, o: { dt: number; rtol?: number; atol?: number }) => {
    const times: number[] = [];
    let tr!: ReturnType<HodgkinHuxley['simulate']>;
    for (let k = 0; k < repeats; k++) {
      const t0 = performance.now();
      tr = hh.simulate({ current: 10, duration: 1, method, record: false, ...o });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    let err = tr.spikes.length === ref.length ? 0 : Infinity;
    if (Number.isFinite(err)) for (let i = 0; i < ref.length; i++) err = Math.max(err, Math.abs(tr.spikes[i] - ref[i]));
    rows.push({ method, setting, wallMs: times[times.length >> 1], evaluations: tr.evaluations, spikes: tr.spikes.length, maxSpikeError: err });
  };
  for (const dt of [5e-5, 2.5e-5, 1e-5, 5e-6, 2.5e-6]) run('rk4', `dt = ${dt * 1e3} ms`, { dt });
  for (const rtol of [1e-4, 1e-6, 1e-8, 1e-10]) run('rk45', `rtol = ${rtol}`, { dt: 1e-3, rtol, atol: rtol * 1e-2 });
  return { reference: Array.from(ref), rows };
}

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
