/**
 * XOR (notes §7.1; Neychev's lecture): a perceptron learns OR and AND but never XOR (no line separates it); a 2-layer MLP
 * learns XOR. Plain data and figures for the `xor` sim and the web app.
 * @module
 */
import { checkInteger, checkKnownKeys, checkPositive } from '../core/validate.js';
import { MLP } from '../nn/mlp.js';
import { Perceptron } from '../nn/perceptron.js';
import { train } from '../nn/train.js';
import { layout, line, type Figure } from './figure.js';

/** The four inputs of a 2-input Boolean function. */
export const BOOL_INPUTS = [[0, 0], [0, 1], [1, 0], [1, 1]];
/** Truth tables over {@link BOOL_INPUTS}. */
export const TRUTH: Record<'or' | 'and' | 'xor', number[]> = { or: [0, 1, 1, 1], and: [0, 0, 0, 1], xor: [0, 1, 1, 0] };

/** Options of {@link runXor}. */
export interface XorOptions {
  /** Hidden units of the MLP. @default 3 */
  hidden?: number;
  /** Full-batch epochs. @default 1000 */
  epochs?: number;
  /** Adam learning rate. @default 0.05 */
  lr?: number;
  /** Perceptron passes. @default 50 */
  perceptronEpochs?: number;
  /** @default 1 */
  seed?: number;
}

/** Perceptron runs on OR, AND, XOR and the MLP on XOR. */
export interface XorResult {
  perceptron: Record<'or' | 'and' | 'xor', { converged: boolean; epochs: number; errors: number[]; w: number[]; b: number; outputs: number[] }>;
  mlp: { outputs: number[]; loss: number[]; learned: boolean; sizes: number[] };
  /** MLP output on a grid over [−0.5, 1.5]² (rows: y, columns: x). */
  surface: { x: number[]; y: number[]; z: number[][] };
}

/** The resolved defaults of {@link runXor} (the sim's flags read them). */
export const XOR_DEFAULTS = Object.freeze({ hidden: 3, epochs: 1000, lr: 0.05, perceptronEpochs: 50, seed: 1 });

/** Runs the perceptron on OR, AND and XOR and trains a 2-H-1 tanh/sigmoid MLP on XOR (cross-entropy, Adam). */
export function runXor(o: XorOptions = {}): XorResult {
  checkKnownKeys('xor', o, ['hidden', 'epochs', 'lr', 'perceptronEpochs', 'seed']);
  const hidden = checkInteger('xor.hidden', o.hidden ?? XOR_DEFAULTS.hidden, 1);
  const epochs = checkInteger('xor.epochs', o.epochs ?? XOR_DEFAULTS.epochs, 1);
  const lr = checkPositive('xor.lr', o.lr ?? XOR_DEFAULTS.lr);
  const pe = checkInteger('xor.perceptronEpochs', o.perceptronEpochs ?? XOR_DEFAULTS.perceptronEpochs, 1);
  const seed = checkInteger('xor.seed', o.seed ?? XOR_DEFAULTS.seed, 0);
  const perceptron = {} as XorResult['perceptron'];
  for (const f of ['or', 'and', 'xor'] as const) {
    const p = new Perceptron(2, { w: [0.6, -0.2], b: -0.1 }); // the notes' starting weights (§7.1)
    const r = p.train(BOOL_INPUTS, TRUTH[f], { maxEpochs: pe });
    perceptron[f] = { ...r, w: Array.from(p.w), b: p.b, outputs: BOOL_INPUTS.map((x) => p.predict(x)) };
  }
  const net = new MLP({ sizes: [2, hidden, 1], hidden: 'tanh', output: 'sigmoid', seed });
  const h = train(net, { X: BOOL_INPUTS, T: TRUTH.xor.map((t) => [t]) }, {
    loss: 'cross-entropy', optimizer: { name: 'adam', lr }, epochs, batchSize: 'full', seed,
  });
  const outputs = net.forward(BOOL_INPUTS).map((r) => r[0]);
  const grid = Array.from({ length: 41 }, (_, i) => -0.5 + (2 * i) / 40);
  const z = grid.map((y) => net.forward(grid.map((x) => [x, y])).map((r) => r[0]));
  return {
    perceptron,
    mlp: { outputs, loss: h.loss, learned: outputs.every((y, i) => (y >= 0.5 ? 1 : 0) === TRUTH.xor[i]), sizes: [2, hidden, 1] },
    surface: { x: grid, y: grid, z },
  };
}

/** The MLP's XOR surface with the four points, and the training loss. */
export function xorFigures(r: XorResult): Figure[] {
  const pts = (t: number) => BOOL_INPUTS.filter((_, i) => TRUTH.xor[i] === t);
  return [
    {
      title: 'XOR decision surface',
      data: [
        { type: 'contour', x: r.surface.x, y: r.surface.y, z: r.surface.z, colorscale: 'RdBu', contours: { start: 0, end: 1, size: 0.1 }, name: 'MLP output' },
        { type: 'scatter', mode: 'markers', x: pts(1).map((p) => p[0]), y: pts(1).map((p) => p[1]), name: 'XOR = 1', marker: { size: 14, symbol: 'circle' } },
        { type: 'scatter', mode: 'markers', x: pts(0).map((p) => p[0]), y: pts(0).map((p) => p[1]), name: 'XOR = 0', marker: { size: 14, symbol: 'x' } },
      ],
      layout: layout(`MLP ${r.mlp.sizes.join('-')} on XOR: output y(x₁, x₂)`, 'x₁', 'x₂'),
    },
    {
      title: 'XOR training loss',
      data: [line(r.mlp.loss.map((_, i) => i + 1), r.mlp.loss, 'cross-entropy')],
      layout: layout('MLP on XOR: training loss', 'epoch', 'cross-entropy (nats)', { yaxis: { type: 'log', title: { text: 'cross-entropy (nats)' } } }),
    },
    {
      title: 'Perceptron mistakes per pass',
      data: (['or', 'and', 'xor'] as const).map((f) => line(r.perceptron[f].errors.map((_, i) => i + 1), r.perceptron[f].errors, f.toUpperCase())),
      layout: layout('Perceptron (notes §7.1): mistakes per pass', 'pass over the 4 inputs', 'mistakes'),
    },
  ];
}
