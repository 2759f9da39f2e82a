/** `npm run sim -- network`: a random excitatory/inhibitory LIF network; raster and population rate. */
import { NETWORK_MODELS, networkFigures, runNetwork, NETWORK_DEFAULTS } from '../src/experiments/network.js';
import { ValidationError } from '../src/core/errors.js';
import { checkSamples, defineSim, NON_NEGATIVE, POSITIVE, SEED, tableRows } from './lib/sim.js';

export default defineSim({
  name: 'network',
  summary: 'Random excitatory/inhibitory LIF network (CUBA-like): raster, population rates, CV of inter-spike intervals',
  details: 'Current jumps --w-e and --w-i per spike (weights w·τ_s with ∫h = 1), exponential PSCs, bias above threshold, seeded connectivity and v(0).',
  flags: {
    size: { type: 'integer', description: 'neurons in all (80 % excitatory)', default: NETWORK_DEFAULTS.size, min: 2, max: 100_000 },
    p: { type: 'number', description: 'connection probability', default: NETWORK_DEFAULTS.p, min: 0, max: 1 },
    'w-e': { type: 'number', description: 'current jump per excitatory spike', default: NETWORK_DEFAULTS.wE},
    'w-i': { type: 'number', description: 'current jump per inhibitory spike (negative)', default: NETWORK_DEFAULTS.wI},
    bias: { type: 'number', description: 'bias μ (threshold 1)', default: NETWORK_DEFAULTS.bias},
    'tau-s': { type: 'number', description: 'PSC time constant', units: 's', default: NETWORK_DEFAULTS.tauS, ...POSITIVE },
    delay: { type: 'number', description: 'transmission delay, rounded to whole time steps', units: 's', default: NETWORK_DEFAULTS.delay, ...NON_NEGATIVE },
    model: { type: 'string', description: 'neuron model', choices: NETWORK_MODELS, default: NETWORK_DEFAULTS.model},
    duration: { type: 'number', description: 'simulated time', units: 's', default: NETWORK_DEFAULTS.duration, ...POSITIVE },
    dt: { type: 'number', description: 'time step', units: 's', default: NETWORK_DEFAULTS.dt, ...POSITIVE },
    seed: { type: 'integer', description: 'seed of connectivity and v(0)', default: NETWORK_DEFAULTS.seed, ...SEED },
  },
  examples: ['npm run sim -- network --plot network.html', 'npm run sim -- network --size 4000 --p 0.02 --model lif-current'],
  check(f) {
    checkSamples(f.duration, f.dt);
    const synapses = f.size * f.size * f.p;
    if (synapses > 2e7) throw new ValidationError('--size / --p', `${f.size}² × ${f.p} ≈ ${synapses.toPrecision(3)} synapses; at most 20,000,000 (fewer neurons or a smaller p)`);
    // Every spike is kept for the raster: about 10–100 per neuron-second.
    if (f.size * f.duration > 1e6) throw new ValidationError('--size / --duration', `${f.size} neurons × ${f.duration} s; at most 1,000,000 neuron-seconds`);
  },
  run(f, ctx) {
    const r = runNetwork({
      size: f.size, p: f.p, wE: f['w-e'], wI: f['w-i'], bias: f.bias, tauS: f['tau-s'], delay: f.delay, model: f.model,
      duration: f.duration, dt: f.dt, seed: f.seed,
    }, (d, t) => ctx.progress(d, t, 'simulating'));
    const summary = [
      `E/I network: ${r.settings.size} ${r.settings.model} neurons, p = ${r.settings.p} (${r.synapses} synapses), jumps ${r.settings.wE} / ${r.settings.wI}, τ_s = ${r.settings.tauS * 1e3} ms, ${r.settings.duration} s at dt = ${r.settings.dt * 1e3} ms`,
      `spikes: excitatory ${r.spikes.exc} (${r.meanRate.exc.toFixed(2)} Hz per neuron), inhibitory ${r.spikes.inh} (${r.meanRate.inh.toFixed(2)} Hz)`,
      `mean CV of inter-spike intervals: ${Number.isNaN(r.cv) ? 'none (no neuron fired 3 times)' : r.cv.toFixed(3)}   synaptic events: ${r.synapticEvents}   wall time: ${r.wallSeconds.toFixed(2)} s`,
    ].join('\n');
    return {
      json: {
        settings: r.settings, spikes: r.spikes, meanRate: r.meanRate, cv: r.cv, synapses: r.synapses, synapticEvents: r.synapticEvents,
        populationRate: { t: Array.from(r.rate.t), exc: Array.from(r.rate.exc), inh: Array.from(r.rate.inh) },
      },
      summary,
      csv: { header: ['t_s', 'rate_exc_hz', 'rate_inh_hz'], rows: tableRows(r.rate.t.length, (i) => [r.rate.t[i], r.rate.exc[i], r.rate.inh[i]]) },
      figures: () => networkFigures(r),
    };
  },
});
