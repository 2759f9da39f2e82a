/**
 * A plot on the page: a plotly div drawn from a shared `Figure` (src/experiments), plotly's own modebar for PNG
 * (plus an SVG button), and a CSV button for the data. The figure last drawn stays until a new one replaces it, so
 * a rejected input never blanks a plot. Plotly attaches the drawn traces to the div (`div.data`), which is how
 * scripts and the browser test read what is shown.
 *
 * Every figure goes through `thinFigure` first (figures/thin.ts: bounded, thinned the same way everywhere, with a
 * note on the plot when it was). Large marker traces (a raster) are painted into one image under the axes, in
 * slices between which the page answers, instead of one SVG element per point (12,000 of those hold the page for
 * about half a second); the traces stay in `div.data` (hidden: plotly does no work for them) and in the CSV, and the
 * image is repainted for the new ranges when the plot is zoomed. plotly (4.6 MB) is loaded on demand: the page, its
 * controls and the first job start without it, and until it has arrived a plot shows a light preview of its lines.
 * @module
 */
import type { Figure, Trace } from '../src/experiments/figure.js';
import { figureCsv, figureFileName } from './figures/csv.js';
import { thinFigure } from './figures/thin.js';
import { h } from './controls.js';

type PlotlyApi = typeof import('plotly.js-dist-min').default;
let plotly: Promise<PlotlyApi> | null = null;
let plotlyReady: PlotlyApi | null = null;

/** Starts loading plotly if it has not started (the app calls it once the first panel is up). */
export function loadPlotly(): Promise<PlotlyApi> {
  plotly ??= import('plotly.js-dist-min').then((m) => {
    document.documentElement.dataset.plotly = 'ready'; // for scripts and tests: plots draw without loading more
    return (plotlyReady = m.default);
  });
  return plotly;
}

/** Resolves after the page has had a turn to handle input and paint (between the plots of one redraw). */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Plotly's redraws, one per task and one at a time across the page: a panel that redraws three plots lets the page
 * answer a click between them instead of holding the main thread for all three.
 */
let plotlyTurn: Promise<unknown> = Promise.resolve();
function inOwnTask<T>(work: () => Promise<T> | T): Promise<T> {
  const mine = plotlyTurn.then(nextTask).then(work);
  plotlyTurn = mine.catch(() => undefined);
  return mine;
}

/** Marker traces with more points than this are painted into an image instead of drawn point by point. */
export const PAINTED_MARKERS = 1000;
const PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];

type Range = [number, number];

function finiteRange(traces: Trace[], key: 'x' | 'y'): Range {
  let lo = Infinity, hi = -Infinity;
  for (const t of traces) {
    const a = t[key];
    if (!a || t.type === 'heatmap') continue;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi >= lo)) return [0, 1];
  const pad = hi > lo ? 0.02 * (hi - lo) : 0.5;
  return [lo - pad, hi + pad];
}

/** A canvas as a data URL, encoded off the main thread (toBlob) and read back without blocking it. */
function dataUrl(canvas: HTMLCanvasElement): Promise<string> {
  return new Promise((resolve, reject) => canvas.toBlob((blob) => {
    if (!blob) return reject(new Error('the raster image could not be encoded'));
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(blob);
  }, 'image/png'));
}

/**
 * Paints the points of `traces` inside the ranges onto a canvas of w×h pixels: a layout image placed on the axes
 * (a data URL, so PNG and SVG exports hold it).
 */
async function markerImage(traces: Trace[], colors: string[], xr: Range, yr: Range, w: number, h: number): Promise<Record<string, unknown>> {
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext('2d')!;
  // Pixels written straight into the image (a fillRect per point costs ~2 µs each, 0.4 s for 200,000 spikes).
  const img = ctx.createImageData(w, h);
  const px32 = new Uint32Array(img.data.buffer);
  let painted = 0;
  for (const [k, t] of traces.entries()) {
    ctx.fillStyle = colors[k]; // the canvas normalizes any CSS color: '#rrggbb', or 'rgba(r, g, b, a)' when translucent
    const css = String(ctx.fillStyle);
    const [r, g, b] = css.startsWith('#') ? [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16)) : (css.match(/\d+/g) ?? ['0', '0', '0']).slice(0, 3).map(Number);
    const rgba = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0; // little-endian RGBA
    const size = Math.max(1, Math.round(Number((t.marker as { size?: number } | undefined)?.size ?? 4) * (window.devicePixelRatio || 1)));
    const x = t.x!, y = t.y!, sx = w / (xr[1] - xr[0]), sy = h / (yr[1] - yr[0]), half = Math.floor(size / 2);
    for (let i = 0; i < x.length; i++) {
      // A turn for the page between slices: a raster of 10^6 points never holds it in one task.
      if (++painted % PAINT_SLICE === 0) await nextTask();
      const cx = Math.round((x[i] - xr[0]) * sx) - half, cy = Math.round((yr[1] - y[i]) * sy) - half;
      if (!(cx > -size && cx < w && cy > -size && cy < h)) continue; // outside, or not finite
      for (let dy = Math.max(0, cy); dy < Math.min(h, cy + size); dy++) px32.fill(rgba, dy * w + Math.max(0, cx), dy * w + Math.min(w, cx + size));
    }
  }
  ctx.putImageData(img, 0, 0);
  return {
    source: await dataUrl(canvas), xref: 'x', yref: 'y', x: xr[0], y: yr[1], sizex: xr[1] - xr[0], sizey: yr[1] - yr[0],
    sizing: 'stretch', layer: 'below', xanchor: 'left', yanchor: 'top',
  };
}

/** Points painted per task (a few ms of a laptop's time). */
const PAINT_SLICE = 25_000;

const SVG = 'http://www.w3.org/2000/svg';

/** A quick SVG sketch of a figure's lines and markers, shown until plotly has loaded (no axes ticks, no hover). */
function sketch(div: HTMLElement, fig: Figure, height: number): void {
  const w = Math.max(200, div.clientWidth || 600), hgt = height;
  const m = { l: 50, r: 12, t: 36, b: 34 };
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  const traces = fig.data.filter((t) => t.x && t.y && t.type !== 'heatmap');
  for (const t of traces) {
    for (let i = 0; i < t.x!.length; i++) {
      const x = t.x![i], y = t.y![i];
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      x0 = Math.min(x0, x); x1 = Math.max(x1, x); y0 = Math.min(y0, y); y1 = Math.max(y1, y);
    }
  }
  if (!(x1 > x0)) { x0 = 0; x1 = 1; }
  if (!(y1 > y0)) { y0 -= 1; y1 += 1; }
  const X = (x: number) => m.l + ((x - x0) / (x1 - x0)) * (w - m.l - m.r);
  const Y = (y: number) => hgt - m.b - ((y - y0) / (y1 - y0)) * (hgt - m.t - m.b);
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('class', 'plot-sketch');
  svg.setAttribute('width', String(w));
  svg.setAttribute('height', String(hgt));
  svg.setAttribute('viewBox', `0 0 ${w} ${hgt}`);
  const add = (tag: string, attrs: Record<string, string>, text = '') => {
    const el = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    if (text) el.textContent = text;
    svg.append(el);
  };
  add('rect', { x: String(m.l), y: String(m.t), width: String(w - m.l - m.r), height: String(hgt - m.t - m.b), fill: 'none', stroke: '#dde2ea' });
  const title = (fig.layout.title as { text?: string } | undefined)?.text ?? fig.title;
  add('text', { x: '8', y: '20', 'font-size': '13', fill: '#1d2330' }, title);
  add('text', { x: String(w - m.r), y: String(hgt - 10), 'font-size': '11', fill: '#5d6778', 'text-anchor': 'end' }, 'loading the plotting library…');
  const colors = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd'];
  traces.forEach((t, k) => {
    const color = ((t.line as { color?: string } | undefined)?.color ?? (t.marker as { color?: string } | undefined)?.color) || colors[k % colors.length];
    const pts: string[] = [];
    for (let i = 0; i < t.x!.length; i++) {
      if (Number.isFinite(t.x![i]) && Number.isFinite(t.y![i])) pts.push(`${X(t.x![i]).toFixed(1)},${Y(t.y![i]).toFixed(1)}`);
    }
    if (t.mode === 'markers') {
      const d = pts.map((p) => `M${p}h1.5`).join('');
      if (d) add('path', { d, stroke: color, 'stroke-width': '2', fill: 'none' });
    } else if (pts.length) add('polyline', { points: pts.join(' '), stroke: color, 'stroke-width': '1.2', fill: 'none' });
  });
  div.replaceChildren(svg);
  div.dataset.sketch = '1';
}

/** Below this width plots use tighter margins and smaller titles. */
const NARROW = window.matchMedia('(max-width: 639px)');
const views = new Set<PlotView>();
// Crossing the breakpoint re-lays out what is on screen (same data, not counted as a new draw); a plot of a hidden
// panel is laid out again when its panel is shown (resize()).
NARROW.addEventListener('change', () => {
  for (const v of views) if (v.current && v.div.isConnected && v.div.offsetParent !== null) void v['render'](v.current);
});

const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12 };

/** `text` in lines of at most `width` characters, broken between words. */
function wrapWords(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

/** Rows a horizontal legend needs at this width (plotly packs items left to right: symbol ~40 px + text). */
function legendRows(fig: Figure, width: number): number {
  const items = fig.data.filter((t) => t.showlegend !== false && (fig.data.length > 1 || t.showlegend === true));
  if (!items.length) return 0;
  let rows = 1, used = 0;
  for (const t of items) {
    const w = 44 + 6.6 * String(t.name ?? '').length;
    if (used > 0 && used + w > width) {
      rows++;
      used = 0;
    }
    used += w;
  }
  return rows;
}

/** Offers a text file for download. */
export function download(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One plot with its export buttons. */
export class PlotView {
  readonly el: HTMLElement;
  readonly div: HTMLDivElement;
  private figure: Figure | null = null;
  private note = '';
  private config: Record<string, unknown> | undefined;
  private readonly csvButton: HTMLButtonElement;
  /** The figure asked for last (a draw waiting for plotly draws only the newest). */
  private latest = 0;
  /** Number of completed draws, mirrored in `data-draws` on the plot div. */
  draws = 0;

  constructor(readonly id: string, private readonly height = 340) {
    this.el = h('figure', 'plot');
    this.div = h('div', 'plot-area');
    this.div.id = id;
    this.div.style.height = `${height}px`;
    const bar = h('div', 'plot-bar');
    this.csvButton = h('button', 'csv', 'CSV');
    this.csvButton.type = 'button';
    this.csvButton.title = "Download this plot's data as CSV (PNG and SVG: the camera and disk icons in the plot's toolbar)";
    this.csvButton.disabled = true;
    this.csvButton.dataset.plot = id;
    this.csvButton.addEventListener('click', () => {
      if (this.figure) download(`${figureFileName(this.figure)}.csv`, figureCsv(this.figure));
    });
    bar.append(this.csvButton);
    this.el.append(this.div, bar);
  }

  /** The figure on screen (null before the first draw). */
  get current(): Figure | null {
    return this.figure;
  }

  /**
   * Draws (or redraws in place) a figure, thinned for display (figures/thin.ts); resolves once plotly has rendered
   * it, or a newer figure asked for meanwhile. `samples`: how many samples each line had before the worker decimated
   * it (the plot's note says so).
   */
  async draw(fig: Figure, o: { samples?: number } = {}): Promise<void> {
    if (!this.div.isConnected) return; // the panel was unmounted while its job ran
    const t0 = performance.now();
    const { figure, note } = thinFigure(fig, o.samples);
    const seq = ++this.latest;
    if (!plotlyReady) {
      if (!this.figure) sketch(this.div, figure, this.height);
      await loadPlotly();
      if (seq !== this.latest || !this.div.isConnected) return;
      if (this.div.dataset.sketch) {
        this.div.replaceChildren();
        delete this.div.dataset.sketch;
      }
    } else if (performance.now() - t0 > 8) {
      await nextTask(); // thinning a large figure took a while: let the page answer before plotly's turn
      if (seq !== this.latest || !this.div.isConnected) return;
    }
    this.note = note;
    await this.render(figure);
    this.figure = figure;
    this.draws++;
    this.div.dataset.draws = String(this.draws);
    this.div.dataset.thinned = note ? '1' : '';
    this.csvButton.disabled = false;
    views.add(this);
  }

  /** Whether the figure on screen was laid out for a narrow window. */
  private laidOutNarrow = false;

  /** The painted marker traces of the figure on screen and their colors (for repainting after a zoom). */
  private painted: { traces: Trace[]; colors: string[] } | null = null;
  private listening = false;

  /** The plot area in device pixels (what a painted image is drawn at). */
  private areaPixels(): [number, number] {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(100, (this.div.clientWidth || 800) - 90), hgt = Math.max(80, this.height - 110);
    return [Math.round(w * dpr), Math.round(hgt * dpr)];
  }

  /**
   * Large marker traces become one image: their traces stay (hidden: in `div.data` and the CSV, not drawn), a key
   * under the plot names them in their colors (not legend items: those would be extra traces), and the axes get the
   * ranges the image was painted for.
   */
  private async paintLargeMarkers(fig: Figure, layout: Record<string, unknown>): Promise<Trace[]> {
    const big = fig.data.filter((t) => t.mode === 'markers' && t.type !== 'heatmap' && (t.x?.length ?? 0) > PAINTED_MARKERS);
    this.painted = null;
    if (!big.length) return fig.data;
    const colors = big.map((t) => (t.marker as { color?: string } | undefined)?.color ?? PALETTE[fig.data.indexOf(t) % PALETTE.length]);
    const xr = finiteRange(fig.data, 'x'), yr = finiteRange(fig.data, 'y');
    const [w, hgt] = this.areaPixels();
    layout.images = [...((layout.images as unknown[]) ?? []), await markerImage(big, colors, xr, yr, w, hgt)];
    layout.xaxis = { ...(layout.xaxis as object), range: xr };
    layout.yaxis = { ...(layout.yaxis as object), range: yr };
    layout.annotations = [...((layout.annotations as unknown[]) ?? []), {
      text: big.map((t, k) => `<span style="color:${colors[k]}">■</span> ${t.name ?? ''}`).join('    '),
      xref: 'paper', yref: 'paper', x: 0, y: 0, xanchor: 'left', yanchor: 'top', yshift: -30, showarrow: false, align: 'left', font: { size: 11 },
    }];
    this.painted = { traces: big, colors };
    // Hidden (visible: false): plotly keeps them in div.data without computing anything for their points.
    return fig.data.map((t) => (big.includes(t) ? { ...t, mode: 'none', visible: false, showlegend: false, hoverinfo: 'skip' } : t));
  }

  /** Repaints the image of the painted traces for the axes' ranges after a zoom or pan. */
  private async repaint(Plotly: PlotlyApi): Promise<void> {
    const full = (this.div as unknown as { _fullLayout?: { xaxis?: { range: Range }; yaxis?: { range: Range }; images?: unknown[] } })._fullLayout;
    if (!this.painted || !full?.xaxis || !full.yaxis) return;
    const xr = [...full.xaxis.range] as Range, yr = [...full.yaxis.range] as Range;
    const [w, hgt] = this.areaPixels();
    const painted = this.painted;
    const image = await markerImage(painted.traces, painted.colors, xr, yr, w, hgt);
    if (painted !== this.painted) return; // redrawn meanwhile
    const others = ((this.div as unknown as { layout: { images?: unknown[] } }).layout.images ?? []).slice(0, -1);
    await Plotly.relayout(this.div, { images: [...others, image] });
  }

  private async render(fig: Figure): Promise<void> {
    const Plotly = plotlyReady ?? await loadPlotly();
    const narrow = NARROW.matches;
    this.laidOutNarrow = narrow;
    const base = fig.layout;
    // Title top-left; the legend pinned to the bottom of the figure, under the x-axis title, with the bottom
    // margin sized for its rows: titles, legends and tick labels never collide, however narrow the window.
    const width = this.div.clientWidth || window.innerWidth;
    const left = narrow ? 52 : 62, right = narrow ? 10 : 16;
    const rows = legendRows(fig, width - left - right);
    // In a narrow window the note takes lines of its own under the x-axis title, wrapped to the figure's width.
    const noteLines = this.note && narrow ? wrapWords(this.note, Math.max(24, Math.floor((width - 16) / 5.6))) : [];
    const noteRoom = noteLines.length ? 14 + 12 * noteLines.length : 0;
    const layout: Record<string, unknown> = {
      ...base,
      font: FONT,
      autosize: true,
      // Narrow: the note's lines and the legend's extra rows add height rather than squeeze the plot area.
      height: this.height + noteRoom + (narrow ? Math.max(0, rows - 1) * 19 : 0),
      margin: { l: left, r: right, t: narrow ? 36 : 40, b: 48 + noteRoom + rows * 19 },
      title: { ...(base.title as object), font: { size: narrow ? 12 : 14 }, x: 0.01, xanchor: 'left', y: 0.985, yanchor: 'top' },
      legend: { orientation: 'h', x: 0, xanchor: 'left', yref: 'container', y: 0, yanchor: 'bottom', font: { size: 11 } },
      // Fixed margins sized for the tick labels, no automargin: plotly's margin loop redraws the axes (measuring every
      // label) up to three times per redraw, most of a long trace's main-thread time.
      xaxis: { ...(base.xaxis as object), automargin: false, title: { ...((base.xaxis as { title?: object })?.title ?? {}), standoff: 6 } },
      yaxis: { ...(base.yaxis as object), automargin: false, title: { ...((base.yaxis as { title?: object })?.title ?? {}), standoff: 6 } },
      paper_bgcolor: '#fff',
      plot_bgcolor: '#fff',
      // Keeps the user's zoom across redraws of the same plot.
      uirevision: this.id,
    };
    if (noteLines.length) {
      layout.annotations = [...((base.annotations as unknown[]) ?? []), {
        text: noteLines.join('<br>'), xref: 'paper', yref: 'paper', x: 0, y: 0, xanchor: 'left', yanchor: 'top', xshift: 8 - left, yshift: -40,
        showarrow: false, align: 'left', font: { size: 10, color: '#5d6778' },
      }];
    } else if (this.note) {
      // Under the x-axis, right-aligned: where a reader looks for how the plot was made, clear of the title and legend.
      layout.annotations = [...((base.annotations as unknown[]) ?? []), {
        text: this.note, xref: 'paper', yref: 'paper', x: 1, y: 0, xanchor: 'right', yanchor: 'top', yshift: -30,
        showarrow: false, align: 'right', font: { size: 10, color: '#5d6778' },
      }];
    }
    // One config object per plot: Plotly.react rebuilds the whole plot (newPlot) whenever the config changes, and a
    // fresh closure in it would count as a change on every redraw.
    this.config ??= this.makeConfig(Plotly, figureFileName(fig));
    const data = await this.paintLargeMarkers(fig, layout);
    await inOwnTask(() => Plotly.react(this.div, data, layout, this.config));
    if (!this.listening) {
      this.listening = true;
      (this.div as unknown as { on(ev: string, cb: (e: Record<string, unknown>) => void): void }).on('plotly_relayout', (e) => {
        // A zoom, pan or autoscale moves the axes; the image's own update (key 'images') does not.
        if (this.painted && Object.keys(e).some((k) => k.startsWith('xaxis') || k.startsWith('yaxis'))) void this.repaint(Plotly);
      });
    }
  }

  private makeConfig(Plotly: PlotlyApi, name: string): Record<string, unknown> {
    return {
      responsive: true,
      displaylogo: false,
      modeBarButtonsToRemove: ['lasso2d', 'select2d'],
      toImageButtonOptions: { format: 'png', filename: name, scale: 2 },
      modeBarButtonsToAdd: [{
        name: 'Download plot as SVG',
        title: 'Download plot as SVG',
        icon: Plotly.Icons.disk ?? Plotly.Icons.camera,
        click: (gd: HTMLElement) => { void Plotly.downloadImage(gd, { format: 'svg', filename: name }); },
      }],
    };
  }

  /** Refits the plot to its container (after the panel becomes visible again); re-lays it out if the window crossed
   * the narrow breakpoint while it was hidden. */
  resize(): void {
    if (!this.figure || !plotlyReady) return;
    if (this.laidOutNarrow !== NARROW.matches) void this.render(this.figure);
    else void plotlyReady.Plots.resize(this.div);
  }
}
