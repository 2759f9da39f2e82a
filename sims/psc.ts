/** `npm run sim -- psc`: PSC kernels for several n and τ_s, and one spike train filtered three ways. */
import { pscFigures, runPsc, PSC_RUN_DEFAULTS } from '../src/experiments/psc.js';
import { checkSamples, defineSim, NON_NEGATIVE, POSITIVE, SEED, tableRows } from './lib/sim.js';

export default defineSim({
  name: 'psc',
  summary: 'PSC kernels h(t) = k tⁿ e^(−t/τ_s) (∫h = 1) and a spike train filtered exactly, recursively and by Euler',
  details: 'Notes §4.1 and §5.2. Without --spikes, a Poisson train at --rate (seeded) is filtered.',
  flags: {
    ns: { type: 'numbers', description: 'kernel orders n to draw', default: PSC_RUN_DEFAULTS.ns, min: 0, max: 10 },
    'tau-s': { type: 'numbers', description: 'kernel time constants to draw', units: 's', default: PSC_RUN_DEFAULTS.tauS, ...POSITIVE, max: 10 },
    spikes: { type: 'numbers', description: 'spike times to filter (default: a Poisson train)', units: 's', ...NON_NEGATIVE },
    rate: { type: 'number', description: 'rate of the default Poisson train', units: 'Hz', default: PSC_RUN_DEFAULTS.rate, min: 0, max: 10_000 },
    seed: { type: 'integer', description: 'seed of the Poisson train', default: PSC_RUN_DEFAULTS.seed, ...SEED },
    n: { type: 'integer', description: 'order of the filter applied to the train', default: PSC_RUN_DEFAULTS.n, min: 0, max: 10 },
    'filter-tau-s': { type: 'number', description: 'τ_s of the filter applied to the train', units: 's', default: PSC_RUN_DEFAULTS.filterTauS, ...POSITIVE },
    duration: { type: 'number', description: 'length of the train', units: 's', default: PSC_RUN_DEFAULTS.duration, ...POSITIVE },
    dt: { type: 'number', description: 'sample interval', units: 's', default: PSC_RUN_DEFAULTS.dt, ...POSITIVE },
  },
  examples: ['npm run sim -- psc', 'npm run sim -- psc --spikes 0.01,0.02,0.025 --n 2 --plot psc.html'],
  check(f) {
    checkSamples(f.duration, f.dt);
  },
  run(f) {
    const r = runPsc({
      ns: f.ns, tauS: f['tau-s'], spikes: f.spikes, rate: f.rate, seed: f.seed, n: f.n,
      filterTauS: f['filter-tau-s'], duration: f.duration, dt: f.dt,
    });
    const kernels = r.kernels.curves.map((c) => ({ n: c.n, tauS: c.tauS, integral: c.integral, peakTime: c.peakTime, peak: c.h.reduce((m: number, x: number) => Math.max(m, x), -Infinity) }));
    const summary = [
      'PSC kernels (∫h should be 1):',
      ...kernels.map((k) => `  n = ${k.n}, τ_s = ${(k.tauS * 1e3).toFixed(1)} ms: ∫h = ${k.integral.toFixed(9)}, peak ${k.peak.toFixed(2)} /s at ${(k.peakTime * 1e3).toFixed(1)} ms`),
      `Spike train: ${r.spikes.length} spikes in ${r.settings.duration} s (${r.empiricalRate.toFixed(2)} Hz); filter n = ${r.settings.n}, τ_s = ${r.settings.filterTauS * 1e3} ms, dt = ${r.settings.dt * 1e3} ms`,
      `  max |exact − recursive| = ${r.recursiveError.toExponential(2)}   max |exact − Euler| = ${r.eulerError.toExponential(2)} (first order in dt)`,
      `  mean filtered activity ${r.meanActivity.toFixed(2)} /s vs spike rate ${r.empiricalRate.toFixed(2)} Hz`,
    ].join('\n');
    const f0 = r.filtered;
    return {
      json: {
        settings: r.settings, kernels, spikes: Array.from(r.spikes), recursiveError: r.recursiveError, eulerError: r.eulerError,
        meanActivity: r.meanActivity, empiricalRate: r.empiricalRate,
      },
      summary,
      csv: { header: ['t_s', 'exact', 'recursive', 'euler'], rows: tableRows(f0.t.length, (i) => [f0.t[i], f0.exact[i], f0.recursive[i], f0.euler[i]]) },
      figures: () => pscFigures(r),
    };
  },
});
