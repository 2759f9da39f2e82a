/** `npm run sim -- universal`: a 1-D function fitted by sums of N ReLUs (Krzakala & Baker). */
import { runUniversal, universalFigures, UNIVERSAL_DEFAULTS } from '../src/experiments/universal.js';
import { defineSim, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'universal',
  summary: 'Universal approximation: f(x) fitted by Σ α_i ReLU(a_i x + b_i) for several N (trained and constructed)',
  flags: {
    fn: { type: 'string', description: 'f(x), a formula in x', default: UNIVERSAL_DEFAULTS.fn},
    units: { type: 'numbers', description: 'numbers of ReLU units', default: UNIVERSAL_DEFAULTS.units, min: 1, max: 10_000 },
    a: { type: 'number', description: 'interval start', default: UNIVERSAL_DEFAULTS.a},
    b: { type: 'number', description: 'interval end', default: UNIVERSAL_DEFAULTS.b},
    points: { type: 'integer', description: 'training points', default: UNIVERSAL_DEFAULTS.points, min: 2, max: 10_000 },
    epochs: { type: 'integer', description: 'full-batch Adam epochs', default: UNIVERSAL_DEFAULTS.epochs, min: 1, max: 1_000_000 },
    lr: { type: 'number', description: 'Adam learning rate', default: UNIVERSAL_DEFAULTS.lr, ...POSITIVE },
    seed: { type: 'integer', description: 'seed', default: UNIVERSAL_DEFAULTS.seed, ...SEED },
  },
  examples: ['npm run sim -- universal --plot universal.html', "npm run sim -- universal --fn 'abs(x)' --units 2,4"],
  run(f) {
    const r = runUniversal({ fn: f.fn, units: f.units, a: f.a, b: f.b, points: f.points, epochs: f.epochs, lr: f.lr, seed: f.seed });
    return {
      json: { settings: f, fits: r.fits.map(({ curve, ...x }) => x), constructed: r.constructed.map(({ curve, ...x }) => x) },
      summary: [`f(x) = ${r.fn} on [${f.a}, ${f.b}]`, '  N     trained RMS / max error      constructed (interpolant) RMS / max',
        ...r.fits.map((x, i) => `  ${String(x.units).padEnd(5)} ${x.rmsError.toExponential(3)} / ${x.maxError.toExponential(3)}      ${r.constructed[i].rmsError.toExponential(3)} / ${r.constructed[i].maxError.toExponential(3)}`)].join('\n'),
      csv: { header: ['x', 'f', ...r.fits.map((x) => `N${x.units}`)], rows: r.x.map((x, i) => [x, r.target[i], ...r.fits.map((ff) => ff.curve[i])]) },
      figures: () => universalFigures(r),
    };
  },
});
