/** `npm run sim -- lif`: one normalized LIF neuron: trace, spikes, measured rate beside G(v_in). */
import { LIF_RUN_DEFAULTS, lifFigures, runLif } from '../src/experiments/neuronTraces.js';
import { LIF_METHODS } from '../src/neurons/lif.js';
import { checkSamples, defineSim, NON_NEGATIVE, POSITIVE, tableRows } from './lib/sim.js';

export default defineSim({
  name: 'lif',
  summary: 'Leaky integrate-and-fire neuron (normalized): v(t), spikes, measured rate vs G(v_in)',
  flags: {
    input: { type: 'string', description: 'v_in (threshold 1): number or formula in t (s)', default: String(LIF_RUN_DEFAULTS.input)},
    duration: { type: 'number', description: 'simulated time', units: 's', default: LIF_RUN_DEFAULTS.duration, ...POSITIVE },
    dt: { type: 'number', description: 'time step', units: 's', default: LIF_RUN_DEFAULTS.dt, ...POSITIVE },
    method: { type: 'string', description: 'integrator', choices: LIF_METHODS, default: LIF_RUN_DEFAULTS.method},
    'tau-m': { type: 'number', description: 'membrane time constant', units: 's', default: LIF_RUN_DEFAULTS.tauM, ...POSITIVE },
    'tau-ref': { type: 'number', description: 'refractory period', units: 's', default: LIF_RUN_DEFAULTS.tauRef, ...NON_NEGATIVE },
  },
  examples: ['npm run sim -- lif --input 1.5', 'npm run sim -- lif --input "1 + 0.5*sin(2*pi*5*t)" --duration 1 --plot lif.html'],
  check(f) {
    checkSamples(f.duration, f.dt);
  },
  run(f) {
    const run = runLif({ input: f.input, duration: f.duration, dt: f.dt, method: f.method, tauM: f['tau-m'], tauRef: f['tau-ref'] });
    const spikes = Array.from(run.trace.spikes);
    const rel = Number.isNaN(run.analyticRate) || run.analyticRate === 0 ? NaN : (run.rate / run.analyticRate - 1) * 100;
    const summary = [
      `LIF (τ_m = ${f['tau-m'] * 1e3} ms, τ_ref = ${f['tau-ref'] * 1e3} ms), v_in = ${f.input}, ${f.duration * 1e3} ms at dt = ${f.dt * 1e3} ms (${f.method})`,
      `spikes: ${spikes.length}   measured rate: ${run.rate.toFixed(4)} Hz` +
        (Number.isNaN(run.analyticRate) ? '' : `   G(v_in): ${run.analyticRate.toFixed(4)} Hz` + (Number.isNaN(rel) ? '' : ` (${rel.toExponential(2)} %)`)),
      `spike times (ms): ${spikes.slice(0, 12).map((s) => (s * 1e3).toFixed(4)).join(', ')}${spikes.length > 12 ? ', …' : ''}`,
    ].join('\n');
    return {
      json: { settings: run.settings, spikes, rate: run.rate, analyticRate: Number.isNaN(run.analyticRate) ? null : run.analyticRate, spikeCount: spikes.length },
      summary,
      csv: { header: ['t_s', 'v'], rows: tableRows(run.trace.t.length, (i) => [run.trace.t[i], run.trace.v[i]]) },
      figures: () => lifFigures(run),
    };
  },
});
