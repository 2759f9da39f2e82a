/**
 * A plot on the page: a plotly div drawn from a shared `Figure` (src/experiments), plotly's own modebar for PNG
 * (plus an SVG button), and a CSV button for the data. The figure last drawn stays until a new one replaces it, so
 * a rejected input never blanks a plot. Plotly attaches the drawn traces to the div (`div.data`), which is how
 * scripts and the browser test read what is shown.
 * @module
 */
import Plotly from 'plotly.js-dist-min';
import type { Figure } from '../src/experiments/figure.js';
import { figureCsv, figureFileName } from './figures/csv.js';
import { h } from './controls.js';

/** Below this width plots use tighter margins and smaller titles. */
const NARROW = window.matchMedia('(max-width: 639px)');
const views = new Set<PlotView>();
// Crossing the breakpoint re-lays out what is on screen (same data, not counted as a new draw).
NARROW.addEventListener('change', () => {
  for (const v of views) if (v.current && v.div.isConnected) void v['render'](v.current);
});

const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12 };

/** Rows a horizontal legend needs at this width (plotly packs items left to right: symbol ~40 px + text). */
function legendRows(fig: Figure, width: number): number {
  const items = fig.data.filter((t) => t.showlegend !== false && (fig.data.length > 1 || t.showlegend === true));
  if (!items.length) return 0;
  let rows = 1, used = 0;
  for (const t of items) {
    const w = 44 + 6.3 * String(t.name ?? '').length;
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
  private config: Record<string, unknown> | undefined;
  private readonly csvButton: HTMLButtonElement;
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

  /** Draws (or redraws in place) a figure; resolves once plotly has rendered it. */
  async draw(fig: Figure): Promise<void> {
    if (!this.div.isConnected) return; // the panel was unmounted while its job ran
    await this.render(fig);
    this.figure = fig;
    this.draws++;
    this.div.dataset.draws = String(this.draws);
    this.csvButton.disabled = false;
    views.add(this);
  }

  private async render(fig: Figure): Promise<void> {
    const narrow = NARROW.matches;
    const base = fig.layout;
    // Title top-left; the legend pinned to the bottom of the figure, under the x-axis title, with the bottom
    // margin sized for its rows: titles, legends and tick labels never collide, however narrow the window.
    const rows = legendRows(fig, (this.div.clientWidth || window.innerWidth) - 20);
    const layout: Record<string, unknown> = {
      ...base,
      font: FONT,
      autosize: true,
      height: this.height,
      margin: { l: narrow ? 52 : 62, r: narrow ? 10 : 16, t: narrow ? 36 : 40, b: 48 + rows * 19 },
      title: { ...(base.title as object), font: { size: narrow ? 12 : 14 }, x: 0.01, xanchor: 'left', y: 0.985, yanchor: 'top' },
      legend: { orientation: 'h', x: 0, xanchor: 'left', yref: 'container', y: 0, yanchor: 'bottom', font: { size: 11 } },
      // automargin + standoff: axis titles sit clear of the tick labels whatever the margins.
      xaxis: { ...(base.xaxis as object), automargin: true, title: { ...((base.xaxis as { title?: object })?.title ?? {}), standoff: 6 } },
      yaxis: { ...(base.yaxis as object), automargin: true, title: { ...((base.yaxis as { title?: object })?.title ?? {}), standoff: 6 } },
      paper_bgcolor: '#fff',
      plot_bgcolor: '#fff',
      // Keeps the user's zoom across redraws of the same plot.
      uirevision: this.id,
    };
    // One config object per plot: Plotly.react rebuilds the whole plot (newPlot) whenever the config changes, and a
    // fresh closure in it would count as a change on every redraw.
    this.config ??= this.makeConfig(figureFileName(fig));
    await Plotly.react(this.div, fig.data, layout, this.config);
  }

  private makeConfig(name: string): Record<string, unknown> {
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

  /** Refits the plot to its container (after the panel becomes visible again). */
  resize(): void {
    if (this.figure) void Plotly.Plots.resize(this.div);
  }
}
