/**
 * The window classifier of the CS224n notes (§1.3–1.5): 5-word windows of 4-d word vectors (x ∈ R²⁰), 8 sigmoid
 * units, one score s = Uᵀσ(Wx + b), trained so true windows outscore corrupt ones by the margin:
 * J = max(0, 1 + s_c − s). The data are synthetic: a window is "true" when its centre word is an entity and the
 * word before it a preposition ("Museums in Paris are amazing"); its corrupt partner swaps the centre word for a
 * random non-entity word ("… in amazing are …").
 * @module
 */
import { Rng } from '../core/rng.js';
import { checkInteger, checkKnownKeys, checkPositive } from '../core/validate.js';
import { MLP } from '../nn/mlp.js';
import { createOptimizer } from '../nn/optimizers.js';
import { layout, line, type Figure } from './figure.js';
import { checkMemory } from '../core/budget.js';

/** Options of {@link runMaxMargin}. */
export interface MaxMarginOptions {
  /** Training window pairs. @default 400 */
  pairs?: number;
  /** Held-out pairs. @default 200 */
  testPairs?: number;
  /** @default 100 */
  epochs?: number;
  /** @default 20 */
  batchSize?: number;
  /** SGD learning rate. @default 0.5 */
  lr?: number;
  /** @default 1 */
  seed?: number;
}

/** Loss per epoch and pairwise accuracy (s > s_c) before and after. */
export interface MaxMarginResult {
  loss: number[];
  trainAccuracy: number[];
  testAccuracyBefore: number;
  testAccuracy: number;
  vocabulary: { words: number; entities: number; prepositions: number };
}

const VOCAB = 40, ENTITIES = 8, PREPS = 4, DIM = 4, WINDOW = 5;

/** Builds the vocabulary (random 4-d vectors) and true/corrupt window pairs. */
export function windowPairs(pairs: number, vectors: number[][], rng: Rng): { Xt: number[][]; Xc: number[][] } {
  const Xt: number[][] = [], Xc: number[][] = [];
  const other = () => ENTITIES + PREPS + rng.int(VOCAB - ENTITIES - PREPS);
  for (let p = 0; p < pairs; p++) {
    const words = [other(), ENTITIES + rng.int(PREPS), rng.int(ENTITIES), other(), other()];
    const corrupt = [...words];
    corrupt[2] = other();
    Xt.push(words.flatMap((w) => vectors[w]));
    Xc.push(corrupt.flatMap((w) => vectors[w]));
  }
  return { Xt, Xc };
}

/** Fraction of pairs scored the right way round (s > s_c). */
export function pairAccuracy(net: MLP, Xt: number[][], Xc: number[][]): number {
  const s = net.forward(Xt), sc = net.forward(Xc);
  return s.filter((v, i) => v[0] > sc[i][0]).length / s.length;
}

/** The resolved defaults of {@link runMaxMargin} (the sim's flags read them). */
export const MAX_MARGIN_DEFAULTS = Object.freeze({
   pairs: 400, testPairs: 200, epochs: 100, batchSize: 20, lr: 0.5, seed: 1,
});

/** Trains the 20-8-1 window scorer with mini-batch SGD on the max-margin objective. */
export function runMaxMargin(o: MaxMarginOptions = {}): MaxMarginResult {
  checkKnownKeys('maxMargin', o, ['pairs', 'testPairs', 'epochs', 'batchSize', 'lr', 'seed']);
  const pairs = checkInteger('maxMargin.pairs', o.pairs ?? MAX_MARGIN_DEFAULTS.pairs, 1);
  const testPairs = checkInteger('maxMargin.testPairs', o.testPairs ?? MAX_MARGIN_DEFAULTS.testPairs, 1);
  const epochs = checkInteger('maxMargin.epochs', o.epochs ?? MAX_MARGIN_DEFAULTS.epochs, 1);
  const batch = checkInteger('maxMargin.batchSize', o.batchSize ?? MAX_MARGIN_DEFAULTS.batchSize, 1);
  const lr = checkPositive('maxMargin.lr', o.lr ?? MAX_MARGIN_DEFAULTS.lr);
  const seed = checkInteger('maxMargin.seed', o.seed ?? MAX_MARGIN_DEFAULTS.seed, 0);
  // two windows of DIM·WINDOW numbers per pair, as arrays (about 400 bytes a pair)
  checkMemory('maxMargin.pairs', 400 * (pairs + testPairs), `${pairs} training and ${testPairs} test pairs of windows`, ['fewer pairs']);
  const rng = new Rng(seed);
  const vectors = Array.from({ length: VOCAB }, () => Array.from({ length: DIM }, () => rng.normal()));
  const tr = windowPairs(pairs, vectors, rng), te = windowPairs(testPairs, vectors, rng);
  const net = new MLP({ sizes: [DIM * WINDOW, 8, 1], hidden: 'sigmoid', output: 'identity', seed });
  const opt = createOptimizer({ name: 'sgd', lr });
  const params = net.parameterArrays(), grads = net.gradientArrays();
  const before = pairAccuracy(net, te.Xt, te.Xc);
  const loss: number[] = [], trainAccuracy: number[] = [];
  const order = Array.from({ length: pairs }, (_, i) => i);
  for (let e = 0; e < epochs; e++) {
    rng.shuffle(order);
    let sum = 0;
    for (let s = 0; s < pairs; s += batch) {
      const idx = order.slice(s, s + batch);
      const r = net.maxMarginLossAndGradients(idx.map((i) => tr.Xt[i]), idx.map((i) => tr.Xc[i]), 1);
      opt.step(params, grads);
      sum += r.loss * idx.length;
    }
    loss.push(sum / pairs);
    trainAccuracy.push(pairAccuracy(net, tr.Xt, tr.Xc));
  }
  return {
    loss, trainAccuracy, testAccuracyBefore: before, testAccuracy: pairAccuracy(net, te.Xt, te.Xc),
    vocabulary: { words: VOCAB, entities: ENTITIES, prepositions: PREPS },
  };
}

/** Loss and pairwise accuracy per epoch. */
export function maxMarginFigures(r: MaxMarginResult): Figure[] {
  const ep = r.loss.map((_, i) => i + 1);
  return [
    { title: 'Max-margin loss', data: [line(ep, r.loss, 'J = mean max(0, 1 + s_c − s)')], layout: layout('Window classifier: max-margin loss', 'epoch', 'J') },
    { title: 'Pairwise accuracy', data: [line(ep, r.trainAccuracy.map((a) => 100 * a), 'training pairs with s > s_c')], layout: layout(`Pairs ranked right (held out: ${(100 * r.testAccuracy).toFixed(1)} %)`, 'epoch', '%') },
  ];
}
