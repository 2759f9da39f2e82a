/** `npm run sim -- coba`: the COBA benchmark (Brette et al. 2007, benchmark 1): raster, rates, CV of ISIs. */
import { cobaFigures, COBA_DEFAULTS, runCoba } from '../src/experiments/coba.js';
import { checkSamples, defineSim } from './lib/sim.js';

export default defineSim({
  name: 'coba',
  summary: 'COBA benchmark: 4,000 conductance-based LIF neurons (Brette et al. 2007, PyNN VAbenchmarks): raster, rates, CV',
  details: '3,200 E / 800 I, p = 0.02, exponential conductances (4 nS / 51 nS, τ 5 / 10 ms, E 0 / −80 mV), 0.2 ms delays, a 50 ms\n' +
    'Poisson kick-off; grid timing as Brian2. Method exact = exponential Euler (as Brian2), rk4 follows g(t) exactly in the step.',
  flags: {
    duration: { type: 'number', description: 'simulated time', units: 's', default: COBA_DEFAULTS.duration, exclusiveMin: 0, max: 100 },
    dt: { type: 'number', description: 'time step', units: 's', default: COBA_DEFAULTS.dt, exclusiveMin: 0, max: 0.01 },
    seed: { type: 'integer', description: 'seed of connectivity, initial potentials and the kick-off', default: COBA_DEFAULTS.seed, min: 0, max: 2 ** 32 - 1 },
    method: { type: 'string', description: 'integrator', choices: ['exact', 'rk4'], default: COBA_DEFAULTS.method },
  },
  examples: ['npm run sim -- coba', 'npm run sim -- coba --seed 3 --plot coba.html'],
  check(f) {
    checkSamples(f.duration, f.dt);
  },
  run(f, ctx) {
    const r = runCoba({ duration: f.duration, dt: f.dt, seed: f.seed, method: f.method }, (d, t) => ctx.progress(d, t, 'steps'));
    const cv = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));
    const summary = [
      `COBA: 4,000 LIF, ${f.duration} s at dt = ${f.dt * 1e3} ms (${f.method === 'exact' ? 'exponential Euler' : 'RK4'}), seed ${f.seed}`,
      `spikes: ${r.spikes}   mean rate: ${r.meanRate.toFixed(2)} Hz (E ${r.exc.meanRate.toFixed(2)}, I ${r.inh.meanRate.toFixed(2)})   mean CV of ISIs: ${cv(r.meanCv)} (E ${cv(r.exc.meanCv)}, I ${cv(r.inh.meanCv)})`,
      `loop: ${r.loopSeconds.toFixed(2)} s (${(r.neuronStepsPerSecond / 1e6).toFixed(1)} M neuron-steps/s), build ${r.buildSeconds.toFixed(2)} s, ${r.synapticEvents} synaptic events`,
    ].join('\n');
    return {
      json: {
        settings: r.settings, spikes: r.spikes, meanRate: r.meanRate, meanCv: r.meanCv, exc: r.exc, inh: r.inh,
        loopSeconds: r.loopSeconds, neuronStepsPerSecond: r.neuronStepsPerSecond, synapticEvents: r.synapticEvents,
      },
      summary,
      csv: { header: ['population', 'index', 'time_s'], rows: [...Array.from(r.raster.exc.index, (i, k) => ['exc', i, r.raster.exc.time[k]]), ...Array.from(r.raster.inh.index, (i, k) => ['inh', i, r.raster.inh.time[k]])] },
      figures: () => cobaFigures(r),
    };
  },
});
