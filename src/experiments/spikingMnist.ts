/**
 * The MNIST bridge scenario: train a 784-300-10 `soft-lif` network (or take a given one), run it as
 * spiking LIF neurons and compare. Training recipe for spiking (Hunsberger & Eliasmith 2015): soft-LIF with a small
 * smoothing γ (so the trained curve is G(v) nearly everywhere the neurons operate), amplitude 1/63 (rates of
 * O(60 Hz) become O(1) activities, so Adam's default step suits), τ_ref 2 ms, τ_m 20 ms as the neurons will have.
 * Training is `experiments/mnist.ts`'s with these defaults; the `mnist` sim's own soft-LIF default amplitude is 0.05,
 * so `npm run sim -- mnist --activation soft-lif --amplitude 0.0158730` gives this model (either kind converts).
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { LabelledProgress } from '../core/progress.js';
import { checkKnownKeys } from '../core/validate.js';
import type { MnistSet } from '../nn/data.js';
import type { MLP } from '../nn/mlp.js';
import { runMnist, type MnistOptions } from './mnist.js';
import { evaluateSpiking, type SpikingEvalOptions, type SpikingEvalResult } from './spiking.js';

/** How the model is trained when none is given. */
export interface SpikingTrainOptions {
  /** @default 20 (≈ 30 s here; 94 % on the test digits) */
  epochs?: number;
  /** soft-LIF smoothing γ. @default 0.02 */
  gamma?: number;
  /** Output = amplitude · rate (Hz). @default 1/63 */
  amplitude?: number;
  /** Hidden layer sizes. @default [300] */
  hidden?: number[];
  /** @default 64 */
  batchSize?: number;
  /** @default 1e-3 (Adam) */
  lr?: number;
  /** Inverted dropout on the hidden units (noise on the activities while training). @default 0 */
  dropout?: number;
  /** @default 1 */
  seed?: number;
}

/** The training defaults of the scenario. */
export const SPIKING_TRAIN_DEFAULTS: Required<SpikingTrainOptions> = { epochs: 20, gamma: 0.02, amplitude: 1 / 63, hidden: [300], batchSize: 64, lr: 1e-3, dropout: 0, seed: 1 };

/** What {@link runSpikingMnist} returns. */
export interface SpikingMnistResult {
  /** How the model was obtained. */
  model: { source: 'trained' | 'given'; sizes: number[]; hidden: string; training: Required<SpikingTrainOptions> | null; trainSeconds: number; mlp: MLP };
  evaluation: SpikingEvalResult;
  trainSize: number;
  testSize: number;
}

/**
 * Trains (unless `model` is given) and evaluates on the test digits. `data` are the `mnist` package's digits
 * (`loadMnist()`), loaded by the caller so that this module runs in a browser too.
 */
export async function runSpikingMnist(
  data: { train: MnistSet; test: MnistSet },
  o: { training?: SpikingTrainOptions; evaluation?: SpikingEvalOptions; model?: MLP } = {},
  callbacks: { onProgress?: LabelledProgress; log?: (msg: string) => void } = {},
): Promise<SpikingMnistResult> {
  checkKnownKeys('spikingMnist', o, ['training', 'evaluation', 'model']);
  let mlp: MLP, trainSeconds = 0, training: Required<SpikingTrainOptions> | null = null;
  if (o.model) {
    mlp = o.model;
    if (mlp.sizes[0] !== data.test.X.cols || mlp.sizes[mlp.depth] !== 10) {
      throw new ValidationError('spikingMnist.model', `must map ${data.test.X.cols} pixels to 10 classes (got sizes [${mlp.sizes.join(', ')}])`);
    }
  } else {
    checkKnownKeys('spikingMnist.training', o.training, Object.keys(SPIKING_TRAIN_DEFAULTS));
    training = { ...SPIKING_TRAIN_DEFAULTS, ...(o.training ?? {}) };
    const opts: MnistOptions = {
      activation: 'soft-lif', gamma: training.gamma, amplitude: training.amplitude, hidden: training.hidden, epochs: training.epochs,
      batchSize: training.batchSize, lr: training.lr, dropout: training.dropout, seed: training.seed, optimizer: 'adam',
    };
    const r = await runMnist(opts, {
      onProgress: (d, t) => callbacks.onProgress?.(d, t, 'training soft-lif MLP'),
      onEpoch: (e) => callbacks.log?.(`epoch ${e.epoch}/${e.epochs}: loss ${e.loss.toFixed(4)}, training accuracy ${(100 * (e.accuracy ?? 0)).toFixed(2)} %`),
    }, data);
    mlp = r.model;
    trainSeconds = r.seconds;
  }
  const evaluation = evaluateSpiking(mlp, { X: data.test.X, labels: data.test.labels }, o.evaluation ?? {}, callbacks.onProgress);
  return {
    model: { source: o.model ? 'given' : 'trained', sizes: [...mlp.sizes], hidden: mlp.activations.slice(0, -1).map((a) => a.name).join(', '), training, trainSeconds, mlp },
    evaluation, trainSize: data.train.X.rows, testSize: data.test.X.rows,
  };
}
