/**
 * One problem under every optimizer (the CS224n notes, Neychev's lecture, Krzakala & Baker): the same network, initial weights, data and mini-batch order,
 * trained by SGD, momentum, Nesterov, Adagrad, RMSProp, Adam and Nadam; loss curves side by side.
 * @module
 */
import { Rng } from '../core/rng.js';
import { ValidationError } from '../core/errors.js';
import { checkInteger, checkKnownKeys, checkPositive } from '../core/validate.js';
import { MLP } from '../nn/mlp.js';
import { OPTIMIZER_NAMES, type OptimizerName, type OptimizerSpec } from '../nn/optimizers.js';
import { train } from '../nn/train.js';
import { layout, line, type Figure } from './figure.js';
import { checkMemory } from '../core/budget.js';

/** Learning rates that suit each rule on this problem (adaptive rules take smaller steps). */
export const DEFAULT_LR: Record<OptimizerName, number> = { sgd: 0.5, momentum: 0.05, nesterov: 0.05, adagrad: 0.1, rmsprop: 0.01, adam: 0.01, nadam: 0.01 };

/** Options of {@link runOptimizers}. */
export interface OptimizersOptions {
  /** Which optimizers. @default all */
  names?: OptimizerName[];
  /** Multiplies every default learning rate. @default 1 */
  lrScale?: number;
  /** @default 40 */
  epochs?: number;
  /** @default 32 */
  batchSize?: number;
  /** Samples of the circle problem. @default 300 */
  samples?: number;
  /** @default 1 */
  seed?: number;
}

/** Loss and accuracy per epoch for each optimizer. */
export interface OptimizersResult {
  runs: { name: OptimizerName; lr: number; loss: number[]; accuracy: number[]; finalLoss: number }[];
}

/** TensorFlow Playground's "circle" data: points in the unit disk, label 1 inside radius 0.5. */
export function circles(n: number, rng: Rng): { X: number[][]; T: number[][] } {
  const X: number[][] = [], T: number[][] = [];
  for (let i = 0; i < n; i++) {
    const inside = i % 2 === 0;
    const r = inside ? 0.45 * Math.sqrt(rng.random()) : 0.55 + 0.45 * rng.random(), a = 2 * Math.PI * rng.random();
    X.push([r * Math.cos(a), r * Math.sin(a)]);
    T.push([inside ? 1 : 0]);
  }
  return { X, T };
}

/** The resolved defaults of {@link runOptimizers} (every optimizer by default; the sim's flags read them). */
export const OPTIMIZERS_DEFAULTS = Object.freeze({ lrScale: 1, epochs: 40, batchSize: 32, seed: 1, samples: 300 });

/** Trains a 2-16-16-1 tanh network (sigmoid output, cross-entropy) under each optimizer from the same start. */
export function runOptimizers(o: OptimizersOptions = {}): OptimizersResult {
  checkKnownKeys('optimizers', o, ['names', 'lrScale', 'epochs', 'batchSize', 'samples', 'seed']);
  const names = o.names ?? [...OPTIMIZER_NAMES];
  for (const n of names) if (!(OPTIMIZER_NAMES as readonly string[]).includes(n)) throw new ValidationError('optimizers.names', `unknown optimizer '${n}'; known optimizers are ${OPTIMIZER_NAMES.join(', ')}`);
  const scale = checkPositive('optimizers.lrScale', o.lrScale ?? OPTIMIZERS_DEFAULTS.lrScale);
  const epochs = checkInteger('optimizers.epochs', o.epochs ?? OPTIMIZERS_DEFAULTS.epochs, 1);
  const batchSize = checkInteger('optimizers.batchSize', o.batchSize ?? OPTIMIZERS_DEFAULTS.batchSize, 1);
  const seed = checkInteger('optimizers.seed', o.seed ?? OPTIMIZERS_DEFAULTS.seed, 0);
  const samples = checkInteger('optimizers.samples', o.samples ?? OPTIMIZERS_DEFAULTS.samples, 4);
  checkMemory('optimizers.samples', 200 * samples, `${samples} samples as rows of arrays, about 200 bytes each`, ['fewer samples']);
  const data = circles(samples, new Rng(seed));
  return {
    runs: names.map((name) => {
      const net = new MLP({ sizes: [2, 16, 16, 1], hidden: 'tanh', output: 'sigmoid', seed });
      const lr = DEFAULT_LR[name] * scale;
      const h = train(net, data, { loss: 'cross-entropy', optimizer: { name, lr } as OptimizerSpec, epochs, batchSize, seed });
      return { name, lr, loss: h.loss, accuracy: h.accuracy, finalLoss: h.loss[h.loss.length - 1] };
    }),
  };
}

/** Loss curves, one per optimizer. */
export function optimizersFigures(r: OptimizersResult): Figure[] {
  return [{
    title: 'Optimizers',
    data: r.runs.map((run) => line(run.loss.map((_, i) => i + 1), run.loss, `${run.name} (α = ${run.lr})`)),
    layout: layout('Circle data, 2-16-16-1: training loss under each optimizer', 'epoch', 'cross-entropy (nats)', { yaxis: { type: 'log', title: { text: 'cross-entropy (nats)' } } }),
  }];
}
