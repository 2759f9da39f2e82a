/** NEF-style population tuning curves as plain data and a figure. @module */
import { linspace } from '../core/arrays.js';
import { checkInteger, checkKnownKeys } from '../core/validate.js';
import { NEF_POPULATION_DEFAULTS, nefPopulation, nefTuningCurves, type NefPopulation, type NefPopulationOptions } from '../neurons/tuning.js';
import { layout, line, type Figure } from './figure.js';

/** Options of {@link runTuningCurves}: the population's plus the number of x samples. */
export interface TuningOptions extends NefPopulationOptions {
  /** Samples of x in [−1, 1]. @default 201 */
  points?: number;
}

/** The resolved defaults of {@link runTuningCurves}: the population's and 201 samples (the sim's flags and the page's fields read them). */
export const TUNING_DEFAULTS = Object.freeze({ ...NEF_POPULATION_DEFAULTS, points: 201 });

/** A population and its tuning curves a_i(x). */
export interface TuningResult {
  x: number[];
  rates: number[][];
  population: NefPopulation;
}

/** Builds the population and evaluates a_i(x) = G(α_i e_i x + J_i) on x ∈ [−1, 1]. */
export function runTuningCurves(o: TuningOptions = {}): TuningResult {
  checkKnownKeys('tuning', o, ['n', 'maxRates', 'intercepts', 'tauM', 'tauRef', 'seed', 'points']);
  const { points, ...popOptions } = o;
  const n = checkInteger('tuning.points', points ?? TUNING_DEFAULTS.points, 2);
  const population = nefPopulation(popOptions);
  const x = Array.from(linspace(-1, 1, n));
  const rates = nefTuningCurves(population, x).map((r) => Array.from(r));
  return { x, rates, population };
}

/** One line per neuron. */
export function tuningFigure(r: TuningResult): Figure {
  return {
    title: 'Population tuning curves',
    data: r.rates.map((row, i) => line(r.x, row, `neuron ${i} (e = ${r.population.encoders[i] > 0 ? '+1' : '−1'})`, { showlegend: r.rates.length <= 12 })),
    layout: layout(`NEF population: ${r.rates.length} LIF neurons`, 'x (represented value, 1)', 'rate a_i(x) (Hz)'),
  };
}
