/** `npm run sim -- feedforward`: Poisson inputs → W → LIF population; z = W s + b against W r + b. */
import { feedforwardFigures, runFeedforward, FEEDFORWARD_DEFAULTS } from '../src/experiments/feedforward.js';
import { ValidationError } from '../src/core/errors.js';
import { checkSamples, defineSim, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'feedforward',
  summary: 'Poisson inputs at rates r → weight matrix W and biases b → LIF neurons: z = W s + b fluctuates around W r + b',
  details: 'Notes §5.1. Input rates are spread evenly from --rate-min to --rate-max; weights and biases are seeded.',
  flags: {
    inputs: { type: 'integer', description: 'number of Poisson inputs N', default: FEEDFORWARD_DEFAULTS.inputs, min: 1, max: 10_000 },
    outputs: { type: 'integer', description: 'number of LIF outputs M', default: FEEDFORWARD_DEFAULTS.outputs, min: 1, max: 10_000 },
    'rate-min': { type: 'number', description: 'lowest input rate', units: 'Hz', default: FEEDFORWARD_DEFAULTS.rateMin, min: 0, max: 10_000 },
    'rate-max': { type: 'number', description: 'highest input rate', units: 'Hz', default: FEEDFORWARD_DEFAULTS.rateMax, min: 0, max: 10_000 },
    drive: { type: 'number', description: 'mean of W r over the outputs', default: FEEDFORWARD_DEFAULTS.drive},
    'tau-s': { type: 'number', description: 'PSC time constant', units: 's', default: FEEDFORWARD_DEFAULTS.tauS, ...POSITIVE },
    n: { type: 'integer', description: 'PSC order', default: FEEDFORWARD_DEFAULTS.n, min: 0, max: 10 },
    duration: { type: 'number', description: 'simulated time; the first 0.1 s settles and is not averaged', units: 's', default: FEEDFORWARD_DEFAULTS.duration, exclusiveMin: 0.1 },
    dt: { type: 'number', description: 'time step', units: 's', default: FEEDFORWARD_DEFAULTS.dt, ...POSITIVE },
    seed: { type: 'integer', description: 'seed of weights, biases and inputs', default: FEEDFORWARD_DEFAULTS.seed, ...SEED },
    sparse: { type: 'boolean', description: 'store W as CSR (same results)', default: FEEDFORWARD_DEFAULTS.sparse},
  },
  examples: ['npm run sim -- feedforward', 'npm run sim -- feedforward --tau-s 0.02 --n 1 --plot ff.html'],
  check(f) {
    checkSamples(f.duration, f.dt);
    if (f.inputs * f.outputs > 1e7) throw new ValidationError('--inputs × --outputs', `${f.inputs} × ${f.outputs} weights; at most 10,000,000`);
  },
  run(f, ctx) {
    const r = runFeedforward({
      inputs: f.inputs, outputs: f.outputs, rateMin: f['rate-min'], rateMax: f['rate-max'], drive: f.drive,
      tauS: f['tau-s'], n: f.n, duration: f.duration, dt: f.dt, seed: f.seed, sparse: f.sparse,
    }, (d, t) => ctx.progress(d, t, 'simulating'));
    const M = r.settings.outputs;
    let worst = 0;
    for (let j = 0; j < M; j++) worst = Math.max(worst, Math.abs(r.measuredZ[j] - r.predictedZ[j]));
    const rows = Array.from({ length: M }, (_, j) => [j, r.predictedZ[j], r.measuredZ[j], r.analyticRates[j], r.outputRates[j]]);
    const summary = [
      `${r.settings.inputs} Poisson inputs (${r.settings.rateMin}–${r.settings.rateMax} Hz) → W (${M}×${r.settings.inputs}) + b → ${M} LIF, PSC n = ${r.settings.n}, τ_s = ${r.settings.tauS * 1e3} ms, ${r.settings.duration} s at dt = ${r.settings.dt * 1e3} ms`,
      `max |mean z − (W r + b)| = ${worst.toFixed(4)}   (simulated in ${r.wallSeconds.toFixed(2)} s)`,
      ' neuron   W r + b   mean z   G(W r + b) Hz   rate Hz',
      ...rows.map((x) => `${String(x[0]).padStart(7)} ${x[1].toFixed(4).padStart(9)} ${x[2].toFixed(4).padStart(8)} ${x[3].toFixed(2).padStart(15)} ${x[4].toFixed(2).padStart(9)}`),
    ].join('\n');
    return {
      json: {
        settings: r.settings, inputRates: Array.from(r.rates), measuredInputRates: Array.from(r.inputRates), bias: Array.from(r.bias),
        predictedZ: Array.from(r.predictedZ), measuredZ: Array.from(r.measuredZ), analyticRates: Array.from(r.analyticRates),
        outputRates: Array.from(r.outputRates), maxZError: worst,
      },
      summary,
      csv: { header: ['neuron', 'predicted_z', 'mean_z', 'analytic_rate_hz', 'rate_hz'], rows },
      figures: () => feedforwardFigures(r),
    };
  },
});
