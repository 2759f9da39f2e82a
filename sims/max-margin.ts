/** `npm run sim -- max-margin`: the window classifier of the CS224n notes trained with J = max(0, 1 + s_c − s). */
import { maxMarginFigures, runMaxMargin, MAX_MARGIN_DEFAULTS } from '../src/experiments/maxMargin.js';
import { defineSim, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'max-margin',
  summary: 'Window classifier (5 words × 4-d vectors → 8 sigmoid units → 1 score), max-margin loss on true vs corrupt windows',
  flags: {
    pairs: { type: 'integer', description: 'training window pairs (true, corrupt)', default: MAX_MARGIN_DEFAULTS.pairs, min: 1, max: 100_000 },
    'test-pairs': { type: 'integer', description: 'held-out pairs', default: MAX_MARGIN_DEFAULTS.testPairs, min: 1, max: 100_000 },
    epochs: { type: 'integer', description: 'epochs', default: MAX_MARGIN_DEFAULTS.epochs, min: 1, max: 10_000 },
    'batch-size': { type: 'integer', description: 'pairs per SGD step', default: MAX_MARGIN_DEFAULTS.batchSize, min: 1, max: 100_000 },
    lr: { type: 'number', description: 'SGD learning rate', default: MAX_MARGIN_DEFAULTS.lr, ...POSITIVE },
    seed: { type: 'integer', description: 'seed', default: MAX_MARGIN_DEFAULTS.seed, ...SEED },
  },
  run(f) {
    const r = runMaxMargin({ pairs: f.pairs, testPairs: f['test-pairs'], epochs: f.epochs, batchSize: f['batch-size'], lr: f.lr, seed: f.seed });
    return {
      json: { settings: f, ...r },
      summary: [`Synthetic windows: ${r.vocabulary.words} words (4-d vectors), true = entity after a preposition in the centre, corrupt = centre word replaced`,
        `loss J: ${r.loss[0].toFixed(4)} → ${r.loss[r.loss.length - 1].toFixed(4)} over ${f.epochs} epochs`,
        `held-out pairs ranked right (s > s_c): ${(100 * r.testAccuracyBefore).toFixed(1)} % before → ${(100 * r.testAccuracy).toFixed(1)} % after`].join('\n'),
      csv: { header: ['epoch', 'loss', 'train_pair_accuracy'], rows: r.loss.map((l, i) => [i + 1, l, r.trainAccuracy[i]]) },
      figures: () => maxMarginFigures(r),
    };
  },
});
