/**
 * The last pass over every figure before it is drawn: whatever a panel hands to a plot, what reaches plotly is
 * bounded, thinned the same way everywhere, and says so on the plot. A line keeps the minimum and the maximum of each
 * pixel column (every peak and trough stays), and shaded intervals too many to tell apart are left out (merging them
 * would shade whole columns that are mostly outside them). Markers are not thinned: a plot paints many of them into
 * one image (plot.ts), which is per pixel by nature. Pure data, no plotly, tested in Node.
 * @module
 */
import type { Figure, Trace } from '../../src/experiments/figure.js';
import { DISPLAY_COLUMNS, DISPLAY_LINE_POINTS } from '../jobs/decimate.js';
import { thousands } from '../messages.js';

/** Shaded x intervals (layout rectangles) drawn up to this many; beyond, left out with a note. */
export const DISPLAY_SHAPES = 250;

/** A figure ready to draw and the note (empty when nothing was thinned) that says what was thinned. */
export interface ThinnedFigure {
  figure: Figure;
  note: string;
}

const fmt = thousands;

function isLine(t: Trace): boolean {
  const mode = t.mode as string | undefined;
  return t.type === 'scatter' || t.type === 'scattergl' || t.type === undefined ? mode === undefined || mode.includes('lines') : false;
}

/** The x range of every finite x of the figure's scatter traces (the autoscaled axis). */
function xRange(fig: Figure): [number, number] {
  let lo = Infinity, hi = -Infinity;
  for (const t of fig.data) {
    const x = t.x;
    if (!x || t.type === 'heatmap') continue;
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : [0, 1];
}

function ascending(x: ArrayLike<number>): boolean {
  for (let i = 1; i < x.length; i++) if (x[i] < x[i - 1]) return false;
  return true;
}

/**
 * Indices of a line's points to draw: in each of `columns` equal x columns over [lo, hi], the first and last point,
 * the minimum and the maximum of y, and a NaN gap if there is one. x must be ascending (else columns are equal runs
 * of indices).
 */
export function columnMinMax(x: ArrayLike<number>, y: ArrayLike<number>, columns: number, lo: number, hi: number): Int32Array {
  const n = Math.min(x.length, y.length);
  const byX = ascending(x) && hi > lo;
  const col = (i: number) => Math.min(columns - 1, Math.floor(byX ? ((x[i] - lo) / (hi - lo)) * columns : (i * columns) / n));
  const keep = new Uint8Array(n);
  let start = 0;
  while (start < n) {
    const c = col(start);
    let end = start, iMin = -1, iMax = -1, gap = -1;
    // The run's first point always belongs to it (a NaN x has no column: it is a run of its own).
    while (end < n && (end === start || col(end) === c)) {
      const v = y[end];
      if (v !== v) { if (gap < 0) gap = end; } else {
        if (iMin < 0 || v < y[iMin]) iMin = end;
        if (iMax < 0 || v > y[iMax]) iMax = end;
      }
      end++;
    }
    keep[start] = keep[end - 1] = 1;
    if (iMin >= 0) keep[iMin] = keep[iMax] = 1;
    if (gap >= 0) keep[gap] = 1;
    start = end;
  }
  let m = 0;
  for (let i = 0; i < n; i++) m += keep[i];
  const out = new Int32Array(m);
  for (let i = 0, k = 0; i < n; i++) if (keep[i]) out[k++] = i;
  return out;
}

function pick(a: ArrayLike<number>, idx: Int32Array): number[] {
  const out = new Array<number>(idx.length);
  for (let k = 0; k < idx.length; k++) out[k] = a[idx[k]];
  return out;
}

interface Rect { type?: string; xref?: string; x0: number; x1: number; [k: string]: unknown }

/**
 * The figure as it will be drawn: lines of more than {@link DISPLAY_LINE_POINTS} points reduced to each column's
 * extremes, more than {@link DISPLAY_SHAPES} x-shaded intervals left out. `samples`: how many samples each line had before the worker decimated it
 * (so the note tells the whole story). The input is not modified.
 */
export function thinFigure(fig: Figure, samples = 0, columns = DISPLAY_COLUMNS): ThinnedFigure {
  const range = xRange(fig);
  const notes: string[] = [];
  let lineFrom = samples, lineTo = 0;
  const data = fig.data.map((t) => {
    const x = t.x, y = t.y;
    if (!x || !y) return t;
    if (isLine(t)) {
      if (x.length <= DISPLAY_LINE_POINTS) {
        lineTo = Math.max(lineTo, x.length);
        return t;
      }
      const idx = columnMinMax(x, y, columns, range[0], range[1]);
      lineFrom = Math.max(lineFrom, x.length);
      lineTo = Math.max(lineTo, idx.length);
      return { ...t, x: pick(x, idx), y: pick(y, idx) };
    }
    return t;
  });
  if (lineFrom > lineTo && lineTo > 0) notes.push(`lines: min–max per pixel column (${fmt(lineFrom)} samples → ${fmt(lineTo)} points)`);

  let layout = fig.layout;
  const shapes = layout.shapes as Rect[] | undefined;
  const isShade = (r: Rect) => r.type === 'rect' && r.xref === 'x';
  const shaded = shapes?.filter(isShade).length ?? 0;
  if (shaded > DISPLAY_SHAPES) {
    // Merging them would shade whole columns that are mostly not in an interval: they are left out instead.
    notes.push(`${fmt(shaded)} shaded intervals left out (too dense to shade at this scale)`);
    layout = { ...layout, shapes: shapes!.filter((r) => !isShade(r)) };
  }
  return { figure: { ...fig, data, layout }, note: notes.length ? `Drawn thinned: ${notes.join('; ')}.` : '' };
}
