/**
 * A plot on the page: a plotly div drawn from a shared `Figure` (src/experiments), plotly's own modebar for PNG
 * (plus an SVG button), and a CSV button for the data. The figure last drawn stays until a new one replaces it, so
 * a rejected input never blanks a plot. Plotly attaches the drawn traces to the div (`div.data`), which is how
 * scripts and the browser test read what is shown.
 * @module
 */
import Plotly from 'plotly.js-dist-min';
import type { Figure } from '../src/experiments/figure.js';
import { figureCsv, figureFileName } from '../src/experiments/webFigures.js';
import { h } from './controls.js';

const FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', size: 12 };

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
    this.csvButton.title = "Download this plot's data as CSV (PNG and SVG: the camera icons in the plot's toolbar)";
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
    const narrow = window.innerWidth < 640;
    const base = fig.layout;
    // Title top-left, legend above the axes on the right: titles, legends and tick labels never collide.
    const layout: Record<string, unknown> = {
      ...base,
      font: FONT,
      autosize: true,
      height: this.height,
      margin: narrow ? { l: 52, r: 10, t: 64, b: 40 } : { l: 62, r: 16, t: 58, b: 44 },
      title: { ...(base.title as object), font: { size: narrow ? 12 : 14 }, x: 0.01, xanchor: 'left', y: 0.995, yanchor: 'top' },
      legend: { orientation: 'h', x: 1, xanchor: 'right', y: 1.02, yanchor: 'bottom', font: { size: 11 }, bgcolor: 'rgba(255,255,255,0)' },
      paper_bgcolor: '#fff',
      plot_bgcolor: '#fff',
      // Keeps the user's zoom across redraws of the same plot.
      uirevision: this.id,
    };
    const name = figureFileName(fig);
    await Plotly.react(this.div, fig.data, layout, {
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
    });
    this.figure = fig;
    this.draws++;
    this.div.dataset.draws = String(this.draws);
    this.csvButton.disabled = false;
  }

  /** Refits the plot to its container (after the panel becomes visible again). */
  resize(): void {
    if (this.figure) void Plotly.Plots.resize(this.div);
  }
}
