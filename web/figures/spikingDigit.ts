/**
 * The spiking view's figures (drawn only by the page): one digit's hidden raster, its output currents converging
 * over the presentation and the two networks' answers; accuracy against presentation time. Pure figure specs of
 * the `spikingDigit` scenario's results; `PlotView` draws them.
 * @module
 */
import type { SpikingAccuracyResult, SpikingDigitResult } from '../../src/experiments/spikingDigit.js';
import { layout, line, type Figure, type Trace } from '../../src/experiments/figure.js';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'];

/** Figures of one digit: hidden raster; output currents z_j(t) with their running means; the two answers. */
export function spikingDigitFigures(r: SpikingDigitResult, label: number | null): Figure[] {
  const run = r.run;
  const what = label === null ? 'drawn digit' : `digit labelled ${label}`;
  const h = run.hidden[0];
  const raster: Figure = {
    title: 'Spiking hidden raster',
    data: [{ type: 'scatter', mode: 'markers', x: Array.from(h.spikes.time, (t) => t * 1e3), y: Array.from(h.spikes.index), name: 'spike', marker: { symbol: 'line-ns-open', size: 7, color: '#16213a' } }],
    layout: layout(`Hidden layer (${h.counts.length} LIF neurons): ${h.spikes.time.length} spikes, ${what}`, 'time (ms)', 'hidden neuron', { yaxis: { title: { text: 'hidden neuron' }, range: [-0.5, h.counts.length - 0.5] } }),
  };
  const tms = Array.from(run.t, (t) => t * 1e3);
  const [from] = [Math.round(run.window[0] / run.dt)];
  const data: Trace[] = [];
  const winner = run.prediction;
  for (let j = 0; j < run.outputCurrents.length; j++) {
    const z = run.outputCurrents[j];
    const mean: number[] = [], tm: number[] = [];
    let acc = 0;
    for (let k = from; k < z.length; k++) {
      acc += z[k];
      mean.push(acc / (k - from + 1));
      tm.push(tms[k]);
    }
    data.push(line(tms, z, `z${j}(t)`, { line: { width: 1, color: COLORS[j] }, opacity: 0.3, showlegend: false, legendgroup: `d${j}` }));
    data.push(line(tm, mean, `${j}${j === winner ? ' (answer)' : ''}`, { line: { width: j === winner ? 3.5 : 1.8, color: COLORS[j] }, legendgroup: `d${j}` }));
  }
  data.push(line([tms[0], tms[tms.length - 1]], [r.rateLogits[winner], r.rateLogits[winner]], `rate net z${winner}`, { line: { dash: 'dash', color: COLORS[winner], width: 1.5 } }));
  const currents: Figure = {
    title: 'Spiking output currents',
    data,
    layout: layout(`Output currents z(t) (faint) and their means from ${(run.window[0] * 1e3).toFixed(0)} ms (bold): answer ${winner}`, 'time (ms)', 'output current z'),
  };
  const digits = Array.from({ length: r.rateProbabilities.length }, (_, i) => i);
  const answers: Figure = {
    title: 'Rate and spiking answers',
    data: [
      { type: 'bar', x: digits, y: r.rateProbabilities.map((p) => 100 * p), name: `rate network: ${r.ratePrediction}`, marker: { color: '#2458c6' } },
      { type: 'bar', x: digits, y: r.spikingProbabilities.map((p) => 100 * p), name: `spiking network: ${run.prediction}`, marker: { color: '#f59322' } },
    ],
    layout: layout(`Softmax of the outputs: rate ${r.ratePrediction}, spiking ${run.prediction} (${(run.duration * 1e3).toFixed(0)} ms)`, 'digit', 'softmax (%)', { barmode: 'group', xaxis: { title: { text: 'digit' }, dtick: 1 } }),
  };
  return [raster, currents, answers];
}

/** Accuracy against presentation time (rate network dashed). */
export function spikingAccuracyFigure(r: SpikingAccuracyResult): Figure {
  const ms = r.durations.map((d) => d * 1e3);
  return {
    title: 'Spiking accuracy vs presentation time',
    data: [
      line(ms, r.accuracy.map((a) => 100 * a), 'spiking LIF network', { mode: 'lines+markers' }),
      line([ms[0], ms[ms.length - 1]], [100 * r.rateAccuracy, 100 * r.rateAccuracy], 'rate network', { line: { dash: 'dash' } }),
    ],
    layout: layout(`Accuracy vs presentation time (${r.samples} test digits)`, 'presentation time (ms)', 'accuracy (%)', { xaxis: { title: { text: 'presentation time (ms)' }, type: 'log', tickvals: ms, ticktext: ms.map((m) => String(Number(m.toPrecision(6)))) } }),
  };
}
