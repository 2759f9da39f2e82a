/** `npm run sim -- tuning`: NEF-style population tuning curves. */
import { runTuningCurves, tuningFigure, TUNING_DEFAULTS } from '../src/experiments/tuningCurves.js';
import { ValidationError } from '../src/core/errors.js';
import { defineSim, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'tuning',
  summary: 'NEF population tuning curves a_i(x) = G(α_i e_i x + J_bias,i) from chosen max rates and intercepts',
  flags: {
    n: { type: 'integer', description: 'number of neurons', default: TUNING_DEFAULTS.n, min: 1, max: 10_000 },
    'max-rate-min': { type: 'number', description: 'lowest max rate', units: 'Hz', default: TUNING_DEFAULTS.maxRates[0], ...POSITIVE },
    'max-rate-max': { type: 'number', description: 'highest max rate', units: 'Hz', default: TUNING_DEFAULTS.maxRates[1], ...POSITIVE },
    'intercept-min': { type: 'number', description: 'lowest x-intercept', default: TUNING_DEFAULTS.intercepts[0]},
    'intercept-max': { type: 'number', description: 'highest x-intercept', default: TUNING_DEFAULTS.intercepts[1]},
    points: { type: 'integer', description: 'samples of x in [-1, 1]', default: TUNING_DEFAULTS.points, min: 2, max: 100_000 },
    seed: { type: 'integer', description: 'random seed', default: TUNING_DEFAULTS.seed, ...SEED },
  },
  check(f) {
    if (f.n * f.points > 1e7) throw new ValidationError('--n × --points', `${f.n} × ${f.points} rates; at most 10,000,000`);
  },
  run(f) {
    const r = runTuningCurves({
      n: f.n, maxRates: [f['max-rate-min'], f['max-rate-max']], intercepts: [f['intercept-min'], f['intercept-max']], points: f.points, seed: f.seed,
    });
    const p = r.population;
    const lines = ['neuron  encoder  max rate (Hz)  intercept  gain α     bias J'];
    for (let i = 0; i < p.gains.length; i++) {
      lines.push(`${String(i).padStart(6)}  ${(p.encoders[i] > 0 ? '+1' : '-1').padStart(7)}  ${p.maxRates[i].toFixed(2).padStart(13)}  ${p.intercepts[i].toFixed(3).padStart(9)}  ${p.gains[i].toFixed(4).padStart(8)}  ${p.biases[i].toFixed(4).padStart(8)}`);
    }
    return {
      json: { settings: f, x: r.x, rates: r.rates, encoders: Array.from(p.encoders), gains: Array.from(p.gains), biases: Array.from(p.biases), maxRates: Array.from(p.maxRates), intercepts: Array.from(p.intercepts) },
      summary: lines.join('\n'),
      csv: { header: ['x', ...r.rates.map((_, i) => `neuron${i}_Hz`)], rows: r.x.map((x, k) => [x, ...r.rates.map((row) => row[k])]) },
      figures: () => [tuningFigure(r)],
    };
  },
});
