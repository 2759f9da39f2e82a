/** `npm run sim -- vanishing`: gradient norm per layer of a deep sigmoid net (notes §13.1), and the exploding chain of §13.2. */
import { runVanishing, VANISHING_DEFAULTS, vanishingFigures } from '../src/experiments/vanishing.js';
import { defineSim } from './lib/sim.js';

export default defineSim({
  name: 'vanishing',
  summary: 'Vanishing gradients in a deep logistic net (‖∂E/∂z^(l)‖ per layer) and exploding ones (weights 8, biases −4)',
  flags: {
    layers: { type: 'integer', description: 'hidden layers', default: VANISHING_DEFAULTS.layers },
    width: { type: 'integer', description: 'units per hidden layer', default: VANISHING_DEFAULTS.width },
    sd: { type: 'number', description: 'standard deviation of the initial weights (logistic net)', default: VANISHING_DEFAULTS.sd },
    samples: { type: 'integer', description: 'random samples', default: VANISHING_DEFAULTS.samples },
    seed: { type: 'integer', description: 'seed', default: VANISHING_DEFAULTS.seed },
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
      figures: vanishingFigures(r),
    };
  },
});
