/**
 * Vanishing and exploding gradients (notes §13): ‖∂E/∂z^(l)‖ layer by layer in a deep logistic network (it
 * shrinks toward the input, at best ×1/4 per layer since σ' ≤ 1/4), against ReLU; and the chain of §13.2
 * (weights 8, biases −4, input 1/2), where every layer doubles it: ∂E/∂z^(1) = 16 ∂E/∂z^(5).
 * @module
 */
import { Rng } from '../core/rng.js';
import { checkInteger, checkKnownKeys, checkPositive } from '../core/validate.js';
import { chainNetwork, layerGradientNorms } from '../nn/diagnostics.js';
import { MLP } from '../nn/mlp.js';
import { layout, type Figure } from './figure.js';
import { checkMemory } from '../core/budget.js';

/** Options of {@link runVanishing}. */
export interface VanishingOptions {
  /** Hidden layers of the deep network. @default 6 */
  layers?: number;
  /** Units per hidden layer. @default 10 */
  width?: number;
  /** Standard deviation of the initial weights. @default 1 */
  sd?: number;
  /** Samples of random data. @default 32 */
  samples?: number;
  /** @default 1 */
  seed?: number;
}

/** Norms per layer (input side first) and the chain's. */
export interface VanishingResult {
  /** Logistic units, weights N(0, sd²). */
  sigmoid: number[];
  /** ReLU units, He initialization (for contrast: no systematic shrinking). */
  relu: number[];
  /** Ratios ‖δ^(l)‖/‖δ^(l+1)‖ of the sigmoid net. */
  sigmoidRatios: number[];
  chain: { norms: number[]; ratio: number; z: number[] };
}

/** The resolved defaults of {@link runVanishing} (the sim's flags read them). */
export const VANISHING_DEFAULTS = Object.freeze({ layers: 6, width: 10, sd: 1, samples: 32, seed: 1 });

/** Builds the networks and measures the norms. */
export function runVanishing(o: VanishingOptions = {}): VanishingResult {
  checkKnownKeys('vanishing', o, ['layers', 'width', 'sd', 'samples', 'seed']);
  const layers = checkInteger('vanishing.layers', o.layers ?? VANISHING_DEFAULTS.layers, 1);
  const width = checkInteger('vanishing.width', o.width ?? VANISHING_DEFAULTS.width, 1);
  const sd = checkPositive('vanishing.sd', o.sd ?? VANISHING_DEFAULTS.sd);
  const P = checkInteger('vanishing.samples', o.samples ?? VANISHING_DEFAULTS.samples, 1);
  const seed = checkInteger('vanishing.seed', o.seed ?? VANISHING_DEFAULTS.seed, 0);
  // The inputs and the deep networks (weights and gradients, work buffers of 256 rows), before any of them is built.
  checkMemory('vanishing.width', 8 * (P * width + 2 * layers * (width * width + 2 * width) + 5 * 256 * width * layers),
    `${P} samples of ${width} inputs and ${layers} hidden layers of ${width} units, 8 bytes a number`, ['fewer or narrower layers', 'fewer samples']);
  const rng = new Rng(seed);
  const X = Array.from({ length: P }, () => Array.from({ length: width }, () => rng.normal()));
  const T = Array.from({ length: P }, () => [rng.random()]);
  const sizes = [width, ...new Array(layers).fill(width), 1];
  const norms = (hidden: 'sigmoid' | 'relu', init: { weights: 'normal' | 'he'; sd?: number }) =>
    layerGradientNorms(new MLP({ sizes, hidden, output: 'identity', seed, init }), X, T, 'mse');
  const sigmoid = norms('sigmoid', { weights: 'normal', sd });
  const chain = chainNetwork(5);
  const cn = layerGradientNorms(chain, [[0.5]], [[1]], 'mse');
  return {
    sigmoid, relu: norms('relu', { weights: 'he' }),
    sigmoidRatios: sigmoid.slice(0, -1).map((v, i) => v / sigmoid[i + 1]),
    chain: { norms: cn, ratio: cn[0] / cn[cn.length - 1], z: new Array(5).fill(0) },
  };
}

/** Bar charts of the norms per layer (log scale). */
export function vanishingFigures(r: VanishingResult): Figure[] {
  const lab = (n: number) => Array.from({ length: n }, (_, i) => i + 1); // layer l of z^(l)
  return [
    {
      title: 'Gradient norm per layer',
      data: [
        { type: 'bar', x: lab(r.sigmoid.length), y: r.sigmoid, name: 'logistic units' },
        { type: 'bar', x: lab(r.relu.length), y: r.relu, name: 'ReLU units, He init' },
      ],
      layout: layout('Vanishing gradients (notes §13.1): ‖∂E/∂z^(l)‖', 'layer l of z^(l) (input side first)', '‖∂E/∂z‖', { yaxis: { type: 'log', title: { text: '‖∂E/∂z‖' } }, barmode: 'group' }),
    },
    {
      title: 'Exploding chain',
      data: [{ type: 'bar', x: lab(r.chain.norms.length), y: r.chain.norms, name: 'w = 8, b = −4' }],
      layout: layout(`Exploding gradients (notes §13.2): ×${r.chain.ratio.toFixed(3)} from z^(5) to z^(1)`, 'layer l of z^(l)', '‖∂E/∂z‖'),
    },
  ];
}
