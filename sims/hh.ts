/** `npm run sim -- hh`: one Hodgkin-Huxley neuron: trace, spike times, rate. */
import { HH_RUN_DEFAULTS, hhFigures, runHh } from '../src/experiments/neuronTraces.js';
import { HH_METHODS } from '../src/neurons/hodgkinHuxley.js';
import { checkSamples, defineSim, POSITIVE, tableRows } from './lib/sim.js';

export default defineSim({
  name: 'hh',
  summary: 'Hodgkin-Huxley neuron (NEURON hh defaults): V(t), gates, currents, spike times and rate',
  details: 'The current may be a number or a formula in t (seconds), e.g. "10 + 5*sin(2*pi*20*t)" or "10*heaviside(t - 0.05)".',
  flags: {
    current: { type: 'string', description: 'injected current: number or formula in t (s)', units: 'µA/cm²', default: String(HH_RUN_DEFAULTS.current)},
    duration: { type: 'number', description: 'simulated time', units: 's', default: HH_RUN_DEFAULTS.duration, ...POSITIVE },
    dt: { type: 'number', description: 'time step (rk45: output interval)', units: 's', default: HH_RUN_DEFAULTS.dt, ...POSITIVE },
    method: { type: 'string', description: 'integrator', choices: HH_METHODS, default: HH_RUN_DEFAULTS.method},
    temperature: { type: 'number', description: 'temperature (Q10 = 3)', units: '°C', default: HH_RUN_DEFAULTS.temperature, min: -273.15, max: 100 },
    rtol: { type: 'number', description: 'RK45 relative tolerance', default: HH_RUN_DEFAULTS.rtol, min: 1e-13, max: 0.1 },
    'rate-table': { type: 'boolean', description: "NEURON's default 1 mV rate table (usetable_hh = 1) instead of the exact rates" },
  },
  examples: ['npm run sim -- hh --current 10 --duration 0.2', 'npm run sim -- hh --current "10 + 5*sin(2*pi*20*t)" --plot hh.html'],
  check(f) {
    checkSamples(f.duration, f.dt);
  },
  run(f, ctx) {
    const run = runHh(
      { current: f.current, duration: f.duration, dt: f.dt, method: f.method, rtol: f.rtol, neuron: { temperature: f.temperature, rateTable: Boolean(f['rate-table']) } },
      (d, t) => ctx.progress(d, t, 'simulating'),
    );
    const tr = run.trace;
    const spikes = Array.from(tr.spikes);
    let vmin = Infinity, vmax = -Infinity;
    for (const V of tr.V) {
      vmin = Math.min(vmin, V);
      vmax = Math.max(vmax, V);
    }
    const summary = [
      `Hodgkin-Huxley, I = ${f.current} µA/cm², ${f.duration * 1e3} ms at dt = ${f.dt * 1e3} ms (${f.method}), ${f.temperature} °C`,
      `spikes: ${spikes.length}   rate: ${run.rate.toFixed(2)} Hz (from inter-spike intervals)`,
      `V range: ${vmin.toFixed(2)} to ${vmax.toFixed(2)} mV   final V: ${tr.V[tr.V.length - 1].toFixed(3)} mV`,
      `spike times (ms): ${spikes.slice(0, 12).map((s) => (s * 1e3).toFixed(4)).join(', ')}${spikes.length > 12 ? ', …' : ''}`,
      `wall time: ${run.wallMs.toFixed(1)} ms`,
    ].join('\n');
    return {
      json: { settings: { ...run.settings, temperature: f.temperature }, spikes, rate: run.rate, spikeCount: spikes.length, finalV: tr.V[tr.V.length - 1], evaluations: tr.evaluations },
      summary,
      csv: { header: ['t_s', 'V_mV', 'm', 'h', 'n', 'INa_uA_cm2', 'IK_uA_cm2', 'IL_uA_cm2'], rows: tableRows(tr.t.length, (i) => [tr.t[i], tr.V[i], tr.m[i], tr.h[i], tr.n[i], tr.INa[i], tr.IK[i], tr.IL[i]]) },
      figures: () => hhFigures(run),
    };
  },
});
