/** `npm run sim -- optimizers`: one problem under every optimizer, loss curves side by side. */
import { DEFAULT_LR, OPTIMIZERS_DEFAULTS, optimizersFigures, runOptimizers } from '../src/experiments/optimizers.js';
import { OPTIMIZER_NAMES } from '../src/nn/optimizers.js';
import { defineSim, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'optimizers',
  summary: 'SGD, momentum, Nesterov, Adagrad, RMSProp, Adam, Nadam on one problem (same net, start and batches)',
  details: `Default learning rates: ${OPTIMIZER_NAMES.map((n) => `${n} ${DEFAULT_LR[n]}`).join(', ')}.`,
  flags: {
    epochs: { type: 'integer', description: 'epochs', default: OPTIMIZERS_DEFAULTS.epochs, min: 1, max: 10_000 },
    'batch-size': { type: 'integer', description: 'mini-batch size', default: OPTIMIZERS_DEFAULTS.batchSize, min: 1, max: 100_000 },
    'lr-scale': { type: 'number', description: 'multiplies every default learning rate', default: OPTIMIZERS_DEFAULTS.lrScale, ...POSITIVE },
    samples: { type: 'integer', description: 'samples of the circle data', default: OPTIMIZERS_DEFAULTS.samples, min: 4, max: 100_000 },
    seed: { type: 'integer', description: 'seed', default: OPTIMIZERS_DEFAULTS.seed, ...SEED },
  },
  run(f) {
    const r = runOptimizers({ epochs: f.epochs, batchSize: f['batch-size'], lrScale: f['lr-scale'], samples: f.samples, seed: f.seed });
    return {
      json: { settings: f, runs: r.runs },
      summary: ['Circle data, 2-16-16-1 tanh/sigmoid, cross-entropy:', ...r.runs.map((x) =>
        `  ${x.name.padEnd(9)} α = ${String(x.lr).padEnd(6)} final loss ${x.finalLoss.toFixed(4)}  accuracy ${(100 * x.accuracy[x.accuracy.length - 1]).toFixed(1)} %`)].join('\n'),
      csv: { header: ['epoch', ...r.runs.map((x) => x.name)], rows: r.runs[0].loss.map((_, i) => [i + 1, ...r.runs.map((x) => x.loss[i])]) },
      figures: () => optimizersFigures(r),
    };
  },
});
