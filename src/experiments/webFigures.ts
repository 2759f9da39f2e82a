/**
 * Small figures and exports the web app adds to the shared ones (`neuronTraces`, `fiCurve`, `tuningCurves`):
 * the LIF rate curve G(v) with the measured operating point, and any figure's data as CSV. Pure data, no plotly.
 * @module
 */
import { linspace } from '../core/arrays.js';
import { lifRate } from '../neurons/rates.js';
import { layout, line, type Figure, type Trace } from './figure.js';
import type { LifRun } from './neuronTraces.js';

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

function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function axisTitle(fig: Figure, axis: 'xaxis' | 'yaxis', fallback: string): string {
  const a = fig.layout[axis] as { title?: { text?: string } | string } | undefined;
  const t = typeof a?.title === 'string' ? a.title : a?.title?.text;
  return t || fallback;
}

/**
 * A figure's data as tidy CSV: one row per point, columns `trace`, the x axis title and the y axis title (with
 * their units). Traces without finite points (legend-only entries) are skipped.
 */
export function figureCsv(fig: Figure): string {
  const rows = [[ 'trace', axisTitle(fig, 'xaxis', 'x'), axisTitle(fig, 'yaxis', 'y') ].map(csvField).join(',')];
  for (const tr of fig.data) {
    const x = tr.x, y = tr.y;
    if (!x || !y) continue;
    const name = csvField(String(tr.name ?? ''));
    for (let i = 0; i < Math.min(x.length, y.length); i++) {
      if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) continue;
      rows.push(`${name},${x[i]},${y[i]}`);
    }
  }
  return rows.join('\n') + '\n';
}

/** A file name from a figure title: lower case, words joined by '-'. */
export function figureFileName(fig: Figure): string {
  return fig.title.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'figure';
}
