/** `npm run sim -- vanishing`: gradient norm per layer of a deep sigmoid net (notes §13.1), and the exploding chain of §13.2. */
import { runVanishing, vanishingFigures, VANISHING_DEFAULTS } from '../src/experiments/vanishing.js';
import { ValidationError } from '../src/core/errors.js';
import { defineSim, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'vanishing',
  summary: 'Vanishing gradients in a deep logistic net (‖∂E/∂z^(l)‖ per layer) and exploding ones (weights 8, biases −4)',
  flags: {
    layers: { type: 'integer', description: 'hidden layers', default: VANISHING_DEFAULTS.layers, min: 1, max: 1000 },
    width: { type: 'integer', description: 'units per hidden layer', default: VANISHING_DEFAULTS.width, min: 1, max: 10_000 },
    sd: { type: 'number', description: 'standard deviation of the initial weights (logistic net)', default: VANISHING_DEFAULTS.sd, ...POSITIVE },
    samples: { type: 'integer', description: 'random samples', default: VANISHING_DEFAULTS.samples, min: 1, max: 10_000 },
    seed: { type: 'integer', description: 'seed', default: VANISHING_DEFAULTS.seed, ...SEED },
  },
  check(f) {
    // Weights (width² per layer) and activations (samples × width per layer), for two nets.
    const numbers = f.layers * f.width * (f.width + f.samples);
    if (numbers > 2e7) throw new ValidationError('--layers / --width / --samples', `${f.layers} layers × ${f.width} units × (${f.width} + ${f.samples}) = ${numbers.toPrecision(3)} numbers per net; at most 20,000,000`);
  },
  run(f) {
    const r = runVanishing({ layers: f.layers, width: f.width, sd: f.sd, samples: f.samples, seed: f.seed });
    const fmt = (v: number[]) => v.map((x, i) => `    layer ${i + 1}: ${x.toExponential(3)}`).join('\n');
    return {
      json: { settings: f, sigmoid: r.sigmoid, relu: r.relu, sigmoidRatios: r.sigmoidRatios, chain: r.chain },
      summary: [`‖∂E/∂z^(l)‖, input side first — logistic units, N(0, ${f.sd}²) weights:`, fmt(r.sigmoid),
        '  ReLU units, He initialization:', fmt(r.relu),
        `Exploding chain (notes §13.2: 5 logistic units, w = 8, b = −4, input 1/2, every z = 0):`,
        fmt(r.chain.norms), `  ∂E/∂z^(1) = ${r.chain.ratio.toFixed(6)} × ∂E/∂z^(5)  (notes: 16)`].join('\n'),
      csv: { header: ['layer', 'sigmoid', 'relu'], rows: r.sigmoid.map((s, i) => [i + 1, s, r.relu[i]]) },
      figures: () => vanishingFigures(r),
    };
  },
});
