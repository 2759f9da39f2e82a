/** `npm run sim -- precision`: spike-time error against the exact solution as dt shrinks, precise and grid timing. */
import { spawnSync } from 'node:child_process';
import { exactCase, precisionCase, precisionFigure, PRECISION_DEFAULTS, runPrecision, spikeTimeErrors, type PrecisionRow } from '../src/experiments/precision.js';
import { ValidationError } from '../src/core/errors.js';
import { checkSamples, defineSim } from './lib/sim.js';

/** Brian2 (`exact` method, grid-aligned spikes) on the same case, for the dts ≥ 10 µs; null when Brian2 is missing. */
function brian2Rows(settings: ReturnType<typeof runPrecision>['settings'], log: (m: string) => void): PrecisionRow[] | null {
  const c = precisionCase(settings);
  const dts = settings.dts.filter((dt) => dt >= 1e-5);
  const p = spawnSync('/usr/bin/python3', [new URL('./bench/peers/brian2_precision.py', import.meta.url).pathname], {
    input: JSON.stringify({ ...c, dts, orders: settings.orders }), encoding: 'utf8', maxBuffer: 1 << 26,
  });
  if (p.status !== 0) {
    log(`Brian2 did not run (install Debian's python3-brian): ${(p.stderr || String(p.error)).trim().split('\n').pop()}`);
    return null;
  }
  const rows = (JSON.parse(p.stdout).rows as { n: 0 | 1; dt: number; spikes: number[] }[]);
  return rows.map((r) => {
    const exact = exactCase(c, r.n);
    return { timing: 'grid', n: r.n, dt: r.dt, spikes: r.spikes.length, exactSpikes: exact.length, ...spikeTimeErrors(r.spikes, exact) };
  });
}

export default defineSim({
  name: 'precision',
  summary: 'Spike-time error of an LIF driven by off-grid spikes against the exact solution, dt from 1 ms to 1 µs: precise vs grid timing (and Brian2)',
  details: 'One LIF (τ_m 20 ms, τ_ref 2 ms) driven by 3 excitatory and 2 inhibitory off-grid spike trains through PSCs of order n; the exact\n' +
    'solution comes from the closed forms between input spikes, independently of the library. --peers runs Brian2 (exact method) too.',
  flags: {
    dts: { type: 'numbers', description: 'time steps to try', units: 's', default: PRECISION_DEFAULTS.dts, exclusiveMin: 0, max: 0.01 },
    orders: { type: 'numbers', description: 'PSC orders n to try (0 exponential, 1 alpha)', default: PRECISION_DEFAULTS.orders, min: 0, max: 1 },
    duration: { type: 'number', description: 'simulated time', units: 's', default: PRECISION_DEFAULTS.duration, exclusiveMin: 0, max: 100 },
    bias: { type: 'number', description: 'bias of the neuron (v_in; threshold 1)', default: PRECISION_DEFAULTS.bias },
    seed: { type: 'integer', description: 'seed of the input trains', default: PRECISION_DEFAULTS.seed, min: 0, max: 2 ** 32 - 1 },
    peers: { type: 'boolean', description: "also run Brian2 on the same case (Debian's python3-brian; dt ≥ 10 µs)" },
  },
  examples: ['npm run sim -- precision', 'npm run sim -- precision --dts 0.001,0.0001 --orders 0 --peers --plot precision.html'],
  check(f) {
    for (const n of f.orders) if (n !== 0 && n !== 1) throw new ValidationError('--orders', `PSC orders must be 0 or 1 (got ${n})`);
    for (const dt of f.dts) checkSamples(f.duration, dt, '--duration / --dts');
  },
  run(f, ctx) {
    const r = runPrecision({ dts: f.dts, orders: f.orders, duration: f.duration, bias: f.bias, seed: f.seed }, (d, t) => ctx.progress(d, t, 'runs'));
    const brian = f.peers ? brian2Rows(r.settings, ctx.log) : null;
    const fmt = (x: number) => (x === 0 ? '0' : x.toExponential(2));
    const lines = ['worst |t − t_exact| (s) over the spikes; spike counts (simulated/exact)', '',
      'dt (ms)   ' + r.settings.orders.map((n) => `precise n=${n}        grid n=${n}           ` + (brian ? `Brian2 n=${n}         ` : '')).join('')];
    for (const dt of r.settings.dts) {
      let s = (dt * 1e3).toPrecision(3).padEnd(10);
      for (const n of r.settings.orders) {
        for (const timing of ['precise', 'grid'] as const) {
          const row = r.rows.find((x) => x.dt === dt && x.n === n && x.timing === timing)!;
          s += `${fmt(row.maxError)} (${row.spikes}/${row.exactSpikes})`.padEnd(21);
        }
        if (brian) {
          const row = brian.find((x) => x.dt === dt && x.n === n);
          s += (row ? `${fmt(row.maxError)} (${row.spikes}/${row.exactSpikes})` : '—').padEnd(21);
        }
      }
      lines.push(s);
    }
    const csvRows = r.rows.map((x) => [`spikebridge-${x.timing}`, x.n, x.dt, x.spikes, x.exactSpikes, x.maxError, x.meanError] as (string | number)[]);
    for (const x of brian ?? []) csvRows.push(['brian2', x.n, x.dt, x.spikes, x.exactSpikes, x.maxError, x.meanError]);
    return {
      json: { settings: r.settings, rows: r.rows, brian2: brian },
      summary: lines.join('\n'),
      csv: { header: ['simulator', 'n', 'dt_s', 'spikes', 'exact_spikes', 'max_error_s', 'mean_error_s'], rows: csvRows },
      figures: () => [precisionFigure(r.rows, brian ? [{ name: 'Brian2 exact', rows: brian }] : [])],
    };
  },
});
