/**
 * How the spiking network's accuracy grows with presentation time, beside the accuracy of the rate network it was
 * converted from, on labelled inputs. One run per sample as long as the longest presentation answers every
 * shorter one (the simulation is causal; see {@link SpikingNetwork.predictOverTime}).
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import type { Matrix } from '../nn/matrix.js';
import { labelAccuracy, rowClasses } from '../nn/metrics.js';
import type { SpikingNetwork } from './toSpiking.js';

/** What {@link accuracyOverTime} returns. Accuracies are fractions (0–1). */
export interface AccuracyOverTime {
  /** Presentation times, s (whole steps of dt). */
  durations: number[];
  /** Fraction of the samples the spiking network classifies right after each presentation time. */
  accuracy: number[];
  /** predictions[d][p]: the spiking network's class of sample p after durations[d]. */
  predictions: Int32Array[];
  /** Fraction of the samples the rate network classifies right. */
  rateAccuracy: number;
  /** The rate network's class of each sample. */
  rateClasses: Int32Array;
  samples: number;
  /** Mean firing rate of the hidden neurons during the presentations, Hz. */
  meanHiddenRate: number;
  /** Wall time of the spiking runs, s. */
  seconds: number;
}

/**
 * Spiking accuracy after each of `durations` (s) over the rows of `X`, and the rate network's accuracy on the
 * same rows. `labels[p]` is the class of row p (extra labels past the rows are ignored). Classes follow
 * `nn/metrics`: the argmax of the output, or output ≥ 0.5 for a single output.
 */
export function accuracyOverTime(
  snn: SpikingNetwork, X: Matrix, labels: ArrayLike<number>, o: { durations: number[]; dt?: number; onProgress?: Progress },
): AccuracyOverTime {
  const P = X.rows;
  if (!labels || labels.length < P) throw new ValidationError('accuracyOverTime.labels', `must hold a class for each of the ${P} rows of X (got ${labels?.length} labels)`);
  const rateClasses = rowClasses(snn.mlp.predict(X));
  const t0 = performance.now();
  const ot = snn.predictOverTime(X, { durations: o.durations, dt: o.dt, onProgress: o.onProgress });
  const seconds = (performance.now() - t0) / 1000;
  return {
    durations: ot.durations, accuracy: ot.predictions.map((p) => labelAccuracy(p, labels)), predictions: ot.predictions,
    rateAccuracy: labelAccuracy(rateClasses, labels, P), rateClasses, samples: P, meanHiddenRate: ot.meanHiddenRate, seconds,
  };
}
