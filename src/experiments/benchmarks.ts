/**
 * The `lif` and `hh` benchmark workloads of BENCHMARKS.md, built from the library's own neuron types, so
 * `npm run bench` measures what users run.
 * @module
 */
import { mulberry32 } from '../core/rng.js';
import { LIF } from '../neurons/lif.js';
import { HodgkinHuxley } from '../neurons/hodgkinHuxley.js';
import { createSpikeBuffer } from '../neurons/types.js';

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
