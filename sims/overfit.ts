/** `npm run sim -- overfit`: notes Example 11.1, noisy u = 0.4x − 0.9 fitted by a 1-1000-1 network, with and without weight decay. */
import { overfitFigures, runOverfit, OVERFIT_DEFAULTS } from '../src/experiments/overfit.js';
import { defineSim, NON_NEGATIVE, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'overfit',
  summary: 'Overfitting (notes Ex. 11.1): noisy u = 0.4x − 0.9, 1-1000-1 network, with and without L2 weight decay',
  flags: {
    samples: { type: 'integer', description: 'training samples', default: OVERFIT_DEFAULTS.samples, min: 1, max: 10_000 },
    'test-samples': { type: 'integer', description: 'test samples', default: OVERFIT_DEFAULTS.testSamples, min: 1, max: 100_000 },
    noise: { type: 'number', description: 'noise standard deviation', default: OVERFIT_DEFAULTS.noise, ...NON_NEGATIVE },
    hidden: { type: 'integer', description: 'hidden tanh units', default: OVERFIT_DEFAULTS.hidden, min: 1, max: 100_000 },
    epochs: { type: 'integer', description: 'full-batch epochs', default: OVERFIT_DEFAULTS.epochs, min: 1, max: 100_000 },
    lr: { type: 'number', description: 'Adam learning rate', default: OVERFIT_DEFAULTS.lr, ...POSITIVE },
    l2: { type: 'number', description: 'weight decay λ of the regularized run (E + λ‖W‖²)', default: OVERFIT_DEFAULTS.l2, ...NON_NEGATIVE },
    seed: { type: 'integer', description: 'seed', default: OVERFIT_DEFAULTS.seed, ...SEED },
  },
  examples: ['npm run sim -- overfit', 'npm run sim -- overfit --l2 0.1 --plot overfit.html'],
  run(f) {
    const r = runOverfit({ samples: f.samples, testSamples: f['test-samples'], noise: f.noise, hidden: f.hidden, epochs: f.epochs, lr: f.lr, l2: f.l2, seed: f.seed });
    const row = (name: string, x: typeof r.plain) =>
      `  ${name.padEnd(14)} initial MSE ${x.initialLoss.toFixed(4)}  training MSE ${x.trainLoss.toExponential(3)}  test MSE ${x.testLoss.toFixed(5)}  fitted line u ≈ ${x.slope.toFixed(3)}x ${x.intercept < 0 ? '−' : '+'} ${Math.abs(x.intercept).toFixed(3)}`;
    return {
      json: { settings: f, plain: { ...r.plain, curve: undefined }, decay: { ...r.decay, curve: undefined }, train: r.train },
      summary: [`u = 0.4x − 0.9 + noise, ${f.samples} training samples, 1-${f.hidden}-1 (tanh, identity output, MSE), ${f.epochs} epochs`,
        row('no decay', r.plain), row(`λ = ${f.l2}`, r.decay)].join('\n'),
      csv: { header: ['x', 'true', 'no_decay', 'decay'], rows: r.grid.map((x, i) => [x, 0.4 * x - 0.9, r.plain.curve[i], r.decay.curve[i]]) },
      figures: () => overfitFigures(r),
    };
  },
});
