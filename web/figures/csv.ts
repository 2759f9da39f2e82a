/**
 * Any figure's data as CSV (the CSV button under every plot) and a file name from its title. Pure data, no plotly.
 * @module
 */
import type { Figure } from '../../src/experiments/figure.js';

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
