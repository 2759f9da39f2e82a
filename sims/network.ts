/** `npm run sim -- network`: a random excitatory/inhibitory network of LIF, HH, AdEx or Izhikevich neurons; raster and population rate. */
import { ValidationError } from '../src/core/errors.js';
import {
  NETWORK_DEFAULTS, NETWORK_MODEL_ALIASES, NETWORK_MODELS, NETWORK_PRESETS, NETWORK_SYNAPSES, networkFigures, runNetwork,
} from '../src/experiments/network.js';
import { LIF_TIMINGS } from '../src/neurons/lif.js';
import { checkSamples, defineSim, NON_NEGATIVE, POSITIVE, SEED, tableRows } from './lib/sim.js';

const presets = Object.entries(NETWORK_PRESETS).flatMap(([model, bySynapse]) => Object.entries(bySynapse).map(([synapse, p]) =>
  `  ${`${model}, ${synapse}`.padEnd(20)} bias ${p.bias}, wE ${p.wE}, wI ${p.wI}, τ ${p.tauE * 1e3}/${p.tauI * 1e3} ms${Number.isNaN(p.EE) ? '' : `, E ${p.EE}/${p.EI} mV`}: ${p.description}`));

/** The rows population, index, time_s of each population's stored spikes, made one at a time as they are written. */
function* spikeRows(pops: readonly (readonly [string, { index: Int32Array; time: Float64Array }])[]): Generator<readonly (number | string)[]> {
  for (const [name, x] of pops) for (let k = 0; k < x.index.length; k++) yield [name, x.index[k], x.time[k]];
}

export default defineSim({
  name: 'network',
  summary: 'Random excitatory/inhibitory network (LIF, HH, AdEx or Izhikevich; current or conductance synapses): raster, population rates, CV of inter-spike intervals',
  details: [
    'Each (model, synapse) starts from a preset with sustained asynchronous irregular activity; --bias, --w-e, --w-i, --tau-e, --tau-i, --e-e, --e-i override it.',
    'Units: normalized LIF with current synapses in v_in (threshold 1); physical LIF and HH on a 20,000 µm² membrane in pA and nS; AdEx in pA and nS;',
    'Izhikevich in mV/ms. Current synapses: --w-e ≥ 0 and --w-i ≤ 0 are current jumps per spike (weights w·τ_s, ∫h = 1). Conductance synapses:',
    'peak conductances ≥ 0 (nS), the sign from the reversal potentials. Presets:',
    ...presets,
    'Spikes: --json has `raster` = { exc: { index, time }, inh: { index, time } } (neuron index within its population, time in s;',
    'each population in the order recorded), `rasterComplete` (false when --raster-limit thinned it) and `rasterEvery` ({ exc, inh }: beyond',
    'the limit, the complete trains of every k-th neuron are stored; all spikes are counted); --spikes FILE writes the same spikes as CSV with the columns population,index,time_s (exc rows, then inh).',
  ].join('\n'),
  flags: {
    size: { type: 'integer', description: 'neurons in all (80 % excitatory)', default: NETWORK_DEFAULTS.size, min: 2, max: 100_000 },
    p: { type: 'number', description: 'connection probability', default: NETWORK_DEFAULTS.p, min: 0, max: 1 },
    model: { type: 'string', description: "neuron model ('lif-current': the LIF with grid timing)", choices: [...NETWORK_MODELS, ...Object.keys(NETWORK_MODEL_ALIASES)], default: NETWORK_DEFAULTS.model },
    synapse: { type: 'string', description: 'what synapses drive (Izhikevich: current only)', choices: NETWORK_SYNAPSES, default: NETWORK_DEFAULTS.synapse },
    timing: { type: 'string', description: "LIF spike timing (default: the preset's, precise for current and grid for conductance synapses)", choices: LIF_TIMINGS },
    'w-e': { type: 'number', description: "excitatory current jump per spike (v_in, pA or mV/ms) or peak conductance (nS); default: the preset's" },
    'w-i': { type: 'number', description: "inhibitory current jump per spike (≤ 0) or peak conductance (nS, ≥ 0); default: the preset's" },
    bias: { type: 'number', description: "constant input (v_in, pA or mV/ms); default: the preset's" },
    'tau-e': { type: 'number', description: "PSC time constant of excitatory synapses; default: the preset's", units: 's', ...POSITIVE },
    'tau-i': { type: 'number', description: "PSC time constant of inhibitory synapses; default: the preset's", units: 's', ...POSITIVE },
    'e-e': { type: 'number', description: "excitatory reversal potential (conductance synapses); default: the preset's", units: 'mV' },
    'e-i': { type: 'number', description: "inhibitory reversal potential (conductance synapses); default: the preset's", units: 'mV' },
    delay: { type: 'number', description: 'transmission delay, rounded to whole time steps', units: 's', default: NETWORK_DEFAULTS.delay, ...NON_NEGATIVE },
    duration: { type: 'number', description: 'simulated time', units: 's', default: NETWORK_DEFAULTS.duration, ...POSITIVE },
    dt: { type: 'number', description: 'time step', units: 's', default: NETWORK_DEFAULTS.dt, ...POSITIVE },
    seed: { type: 'integer', description: 'seed of connectivity and initial potentials', default: NETWORK_DEFAULTS.seed, ...SEED },
    spikes: { type: 'string', description: "write every stored spike as CSV population,index,time_s to this file ('-' for stdout, alone)", file: 'write' },
    'raster-limit': { type: 'integer', description: 'spikes stored for the raster (--json, --spikes, --plot), half per population; later ones are only counted', default: NETWORK_DEFAULTS.rasterLimit, min: 0, max: 50_000_000 },
  },
  examples: [
    'npm run sim -- network --plot network.html',
    'npm run sim -- network --synapse conductance --json',
    'npm run sim -- network --model adex --synapse conductance --w-e 3',
    'npm run sim -- network --model izhikevich --duration 0.5 --csv rates.csv',
    'npm run sim -- network --duration 0.2 --spikes spikes.csv',
  ],
  check(f) {
    checkSamples(f.duration, f.dt);
    const synapses = f.size * f.size * f.p;
    if (synapses > 2e7) throw new ValidationError('--size / --p', `${f.size}² × ${f.p} ≈ ${synapses.toPrecision(3)} synapses; at most 20,000,000 (fewer neurons or a smaller p)`);
    // Every spike is kept for the raster: about 10–100 per neuron-second.
    if (f.size * f.duration > 1e6) throw new ValidationError('--size / --duration', `${f.size} neurons × ${f.duration} s; at most 1,000,000 neuron-seconds`);
  },
  run(f, ctx) {
    const r = runNetwork({
      size: f.size, p: f.p, model: f.model, synapse: f.synapse, timing: f.timing, wE: f['w-e'], wI: f['w-i'], bias: f.bias,
      tauE: f['tau-e'], tauI: f['tau-i'], EE: f['e-e'], EI: f['e-i'], delay: f.delay, duration: f.duration, dt: f.dt, seed: f.seed,
      rasterLimit: f['raster-limit'],
    }, (d, t) => ctx.progress(d, t, 'simulating'));
    const pops = [['exc', r.raster.exc], ['inh', r.raster.inh]] as const;
    const stored = r.raster.exc.index.length + r.raster.inh.index.length;
    const complete = stored === r.spikes.exc + r.spikes.inh;
    const s = r.settings, u = r.units;
    const synapse = s.synapse === 'conductance'
      ? `conductances ${s.wE} / ${s.wI} nS (E ${s.EE} / ${s.EI} mV)`
      : `current jumps ${s.wE} / ${s.wI} ${u.weight}`;
    const summary = [
      `E/I network: ${s.size} ${u.label} neurons${s.timing ? ` (${s.timing} timing)` : ''}, p = ${s.p} (${r.synapses} synapses), bias ${s.bias} ${u.input}, ` +
        `${synapse}, τ_E = ${s.tauE * 1e3} ms, τ_I = ${s.tauI * 1e3} ms, ${s.duration} s at dt = ${s.dt * 1e3} ms`,
      `spikes: excitatory ${r.spikes.exc} (${r.meanRate.exc.toFixed(2)} Hz per neuron), inhibitory ${r.spikes.inh} (${r.meanRate.inh.toFixed(2)} Hz)`,
      `mean CV of inter-spike intervals: ${Number.isNaN(r.cv) ? 'none (no neuron fired 3 times)' : r.cv.toFixed(3)}   synaptic events: ${r.synapticEvents}   wall time: ${r.wallSeconds.toFixed(2)} s`,
      ...(complete ? [] : [`raster: ${stored} spikes stored, the whole run of every ${r.rasterEvery.exc}th excitatory and every ${r.rasterEvery.inh}th inhibitory neuron (--raster-limit); the counts and rates above include all`]),
    ].join('\n');
    return {
      json: {
        settings: s, units: u, spikes: r.spikes, meanRate: r.meanRate, cv: Number.isNaN(r.cv) ? null : r.cv, synapses: r.synapses, synapticEvents: r.synapticEvents,
        populationRate: { t: Array.from(r.rate.t), exc: Array.from(r.rate.exc), inh: Array.from(r.rate.inh) },
        // A getter: the arrays are made only when the JSON is printed.
        get raster() {
          return Object.fromEntries(pops.map(([name, x]) => [name, { index: Array.from(x.index), time: Array.from(x.time) }]));
        },
        rasterComplete: complete,
        rasterEvery: r.rasterEvery,
      },
      summary,
      csv: { header: ['t_s', 'rate_exc_hz', 'rate_inh_hz'], rows: tableRows(r.rate.t.length, (i) => [r.rate.t[i], r.rate.exc[i], r.rate.inh[i]]) },
      figures: () => networkFigures(r),
      outputs: {
        spikes: {
          what: 'spikes',
          content: { header: ['population', 'index', 'time_s'], rows: spikeRows(pops) },
        },
      },
    };
  },
});
