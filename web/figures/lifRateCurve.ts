/**
 * The LIF panel's second plot: the rate curve G(v) with the run's analytic point G(v_in) and its measured rate.
 * Pure figure spec of a `runLif` result (src/experiments/neuronTraces.ts), drawn only by the page.
 * @module
 */
import { linspace } from '../../src/core/arrays.js';
import { layout, line, type Figure, type Trace } from '../../src/experiments/figure.js';
import type { LifRun } from '../../src/experiments/neuronTraces.js';
import { lifRate } from '../../src/neurons/rates.js';

/** G(v) on [0, vMax] with the run's analytic point G(v_in) and its measured rate (constant inputs only). */
export function lifRateCurveFigure(run: LifRun, vMax = 5): Figure {
  const p = { tauM: run.settings.tauM, tauRef: run.settings.tauRef };
  const vIn = typeof run.settings.input === 'number' ? run.settings.input : Number.isNaN(run.analyticRate) ? NaN : Number(run.settings.input);
  const top = Math.max(vMax, Number.isFinite(vIn) ? vIn * 1.1 : 0);
  const v = Array.from(linspace(0, top, 301));
  const data: Trace[] = [line(v, v.map((x) => lifRate(x, p)), 'G(v) analytic')];
  if (Number.isFinite(vIn)) {
    data.push({ type: 'scatter', mode: 'markers', x: [vIn], y: [run.analyticRate], name: `G(v_in) = ${run.analyticRate.toFixed(2)} Hz`, marker: { size: 12, symbol: 'circle-open', color: '#1f77b4', line: { width: 2 } } });
    data.push({ type: 'scatter', mode: 'markers', x: [vIn], y: [run.rate], name: `measured ${run.rate.toFixed(2)} Hz`, marker: { size: 7, color: '#d62728' } });
  }
  return {
    title: 'LIF rate curve',
    data,
    layout: layout(Number.isFinite(vIn) ? `G(v) and the measured rate at v_in = ${vIn}` : 'G(v) (the measured point needs a constant input)', 'v_in (threshold = 1)', 'rate (Hz)'),
  };
}
