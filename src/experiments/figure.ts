/**
 * A plot as plain data: plotly's `{ data, layout }` shape, built by pure functions in `experiments/` so the
 * terminal's `--plot` page and the web app draw the same figure from the same code. Nothing here imports plotly.
 * @module
 */

/** One plotly trace (loosely typed: plotly's own types are large). */
export type Trace = Record<string, unknown> & { type?: string; x?: ArrayLike<number>; y?: ArrayLike<number>; name?: string };

/** A figure: traces and a layout, plus a title used by pages and file names. */
export interface Figure {
  title: string;
  data: Trace[];
  layout: Record<string, unknown>;
}

/** Converts typed arrays to plain arrays (for JSON and plotly). */
export function plain(a: ArrayLike<number>): number[] {
  return Array.from(a);
}

/** A line trace. */
export function line(x: ArrayLike<number>, y: ArrayLike<number>, name: string, extra: Record<string, unknown> = {}): Trace {
  return { type: 'scatter', mode: 'lines', x: plain(x), y: plain(y), name, ...extra };
}

/** A basic layout with axis titles (always with units). */
export function layout(title: string, xTitle: string, yTitle: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: { text: title },
    xaxis: { title: { text: xTitle } },
    yaxis: { title: { text: yTitle } },
    margin: { l: 60, r: 20, t: 50, b: 50 },
    legend: { orientation: 'h', y: -0.2 },
    ...extra,
  };
}

/** A raster of one or more populations (name → spikes), one marker per spike; neuron indices stacked population by population. */
export function rasterFigure(rasters: Record<string, { index: ArrayLike<number>; time: ArrayLike<number> }>, title = 'Raster', sizes?: Record<string, number>): Figure {
  let offset = 0;
  const data: Trace[] = [];
  for (const [name, r] of Object.entries(rasters)) {
    const o = offset;
    data.push({ type: 'scattergl', mode: 'markers', x: plain(r.time), y: Array.from(r.index, (i) => i + o), marker: { size: 2 }, name });
    let max = -1;
    for (let k = 0; k < r.index.length; k++) if (r.index[k] > max) max = r.index[k];
    offset += sizes?.[name] ?? max + 1;
  }
  return { title, data, layout: layout(title, 't (s)', 'neuron') };
}
