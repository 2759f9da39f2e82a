/** `npm run sim -- cobahh`: the COBAHH benchmark (Brette et al. 2007, benchmark 3): raster, rates, CV of ISIs. */
import { COBAHH_DEFAULTS, cobahhFigures, runCobahh } from '../src/experiments/cobahh.js';
import { checkSamples, defineSim } from './lib/sim.js';

export default defineSim({
  name: 'cobahh',
  summary: "COBAHH benchmark: 4,000 Traub-Miles HH neurons with conductance synapses, as Brian2's examples/COBAHH.py",
  details: '3,200 E / 800 I, p = 0.02, exponential conductances (6 nS / 67 nS, τ 5 / 10 ms, E 0 / −80 mV), spikes at −20 mV with 3 ms\n' +
    'refractoriness. Method exponential-euler (default, as Brian2; stable at 0.1 ms) or rk4 (needs dt ≤ 0.05 ms here).',
  flags: {
    duration: { type: 'number', description: 'simulated time', units: 's', default: COBAHH_DEFAULTS.duration, exclusiveMin: 0, max: 100 },
    dt: { type: 'number', description: 'time step', units: 's', default: COBAHH_DEFAULTS.dt, exclusiveMin: 0, max: 0.001 },
    seed: { type: 'integer', description: 'seed of connectivity and initial state', default: COBAHH_DEFAULTS.seed, min: 0, max: 2 ** 32 - 1 },
    method: { type: 'string', description: 'integrator', choices: ['exponential-euler', 'rk4'], default: COBAHH_DEFAULTS.method },
  },
  examples: ['npm run sim -- cobahh', 'npm run sim -- cobahh --method rk4 --dt 0.00005 --plot cobahh.html'],
  check(f) {
    checkSamples(f.duration, f.dt);
  },
  run(f, ctx) {
    const r = runCobahh({ duration: f.duration, dt: f.dt, seed: f.seed, method: f.method }, (d, t) => ctx.progress(d, t, 'steps'));
    const cv = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
    const summary = [
      `COBAHH: 4,000 Traub-Miles HH neurons, ${f.duration} s at dt = ${f.dt * 1e3} ms (${f.method}), seed ${f.seed}`,
      `spikes: ${r.spikes}   mean rate: ${r.meanRate.toFixed(2)} Hz (E ${r.exc.meanRate.toFixed(2)}, I ${r.inh.meanRate.toFixed(2)})   mean CV of ISIs: ${cv(r.meanCv)}`,
      `loop: ${r.loopSeconds.toFixed(2)} s (${(r.neuronStepsPerSecond / 1e6).toFixed(1)} M neuron-steps/s), build ${r.buildSeconds.toFixed(2)} s`,
    ].join('\n');
    return {
      json: {
        settings: r.settings, spikes: r.spikes, meanRate: r.meanRate, meanCv: r.meanCv, exc: r.exc, inh: r.inh,
        loopSeconds: r.loopSeconds, neuronStepsPerSecond: r.neuronStepsPerSecond, synapticEvents: r.synapticEvents,
      },
      summary,
      csv: { header: ['population', 'index', 'time_s'], rows: [...Array.from(r.raster.exc.index, (i, k) => ['exc', i, r.raster.exc.time[k]]), ...Array.from(r.raster.inh.index, (i, k) => ['inh', i, r.raster.inh.time[k]])] },
      figures: () => cobahhFigures(r),
    };
  },
});
