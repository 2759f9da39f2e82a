/** `npm run sim -- network`: a random excitatory/inhibitory LIF network; raster and population rate. */
import { NETWORK_DEFAULTS, NETWORK_MODELS, networkFigures, runNetwork } from '../src/experiments/network.js';
import { defineSim } from './lib/sim.js';

export default defineSim({
  name: 'network',
  summary: 'Random excitatory/inhibitory LIF network (CUBA-like): raster, population rates, CV of inter-spike intervals',
  details: 'Current jumps --w-e and --w-i per spike (weights w·τ_s with ∫h = 1), exponential PSCs, bias above threshold, seeded connectivity and v(0).',
  flags: {
    size: { type: 'integer', description: 'neurons in all (80 % excitatory)', default: NETWORK_DEFAULTS.size },
    p: { type: 'number', description: 'connection probability', default: NETWORK_DEFAULTS.p },
    'w-e': { type: 'number', description: 'current jump per excitatory spike', default: NETWORK_DEFAULTS.wE },
    'w-i': { type: 'number', description: 'current jump per inhibitory spike (negative)', default: NETWORK_DEFAULTS.wI },
    bias: { type: 'number', description: 'bias μ (threshold 1)', default: NETWORK_DEFAULTS.bias },
    'tau-s': { type: 'number', description: 'PSC time constant', units: 's', default: NETWORK_DEFAULTS.tauS },
    delay: { type: 'number', description: 'transmission delay (whole steps)', units: 's', default: NETWORK_DEFAULTS.delay },
    model: { type: 'string', description: 'neuron model', choices: NETWORK_MODELS, default: NETWORK_DEFAULTS.model },
    duration: { type: 'number', description: 'simulated time', units: 's', default: NETWORK_DEFAULTS.duration },
    dt: { type: 'number', description: 'time step', units: 's', default: NETWORK_DEFAULTS.dt },
    seed: { type: 'integer', description: 'seed of connectivity and v(0)', default: NETWORK_DEFAULTS.seed },
  },
  examples: ['npm run sim -- network --plot network.html', 'npm run sim -- network --size 4000 --p 0.02 --model lif-current'],
  run(f, ctx) {
    const r = runNetwork({
      size: f.size, p: f.p, wE: f['w-e'], wI: f['w-i'], bias: f.bias, tauS: f['tau-s'], delay: f.delay, model: f.model,
      duration: f.duration, dt: f.dt, seed: f.seed,
    }, (d, t) => ctx.progress(d, t, 'simulating'));
    const summary = [
      `E/I network: ${r.settings.size} ${r.settings.model} neurons, p = ${r.settings.p} (${r.synapses} synapses), jumps ${r.settings.wE} / ${r.settings.wI}, τ_s = ${r.settings.tauS * 1e3} ms, ${r.settings.duration} s at dt = ${r.settings.dt * 1e3} ms`,
      `spikes: excitatory ${r.spikes.exc} (${r.meanRate.exc.toFixed(2)} Hz per neuron), inhibitory ${r.spikes.inh} (${r.meanRate.inh.toFixed(2)} Hz)`,
      `mean CV of inter-spike intervals: ${r.cv.toFixed(3)}   synaptic events: ${r.synapticEvents}   wall time: ${r.wallSeconds.toFixed(2)} s`,
    ].join('\n');
    return {
      json: {
        settings: r.settings, spikes: r.spikes, meanRate: r.meanRate, cv: r.cv, synapses: r.synapses, synapticEvents: r.synapticEvents,
        populationRate: { t: Array.from(r.rate.t), exc: Array.from(r.rate.exc), inh: Array.from(r.rate.inh) },
      },
      summary,
      csv: { header: ['t_s', 'rate_exc_hz', 'rate_inh_hz'], rows: Array.from(r.rate.t, (t, i) => [t, r.rate.exc[i], r.rate.inh[i]]) },
      figures: networkFigures(r),
    };
  },
});
