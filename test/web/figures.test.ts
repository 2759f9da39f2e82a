/** The page's own figures and the CSV export (web/figures/), in Node. */
import { describe, expect, it } from 'vitest';
import { PlaygroundSession } from '../../src/experiments/playground.js';
import { figureCsv, figureFileName } from '../../web/figures/csv.js';
import { formatLoss, playgroundFigures } from '../../web/figures/playground.js';
import { columnMinMax, DISPLAY_SHAPES, thinFigure } from '../../web/figures/thin.js';
import { DISPLAY_COLUMNS, DISPLAY_LINE_POINTS } from '../../web/jobs/decimate.js';
import type { Figure } from '../../src/experiments/figure.js';

describe('CSV export', () => {
  it('writes tidy rows with axis titles (units) as headers and quotes where needed', () => {
    const csv = figureCsv({
      title: 'Membrane potential',
      data: [{ type: 'scatter', x: [0, 1], y: [-65, -64], name: 'V, "rk4"' }, { x: [NaN], y: [NaN], name: 'legend only' }],
      layout: { xaxis: { title: { text: 't (ms)' } }, yaxis: { title: { text: 'V (mV)' } } },
    });
    expect(csv).toBe('trace,t (ms),V (mV)\n"V, ""rk4""",0,-65\n"V, ""rk4""",1,-64\n');
    expect(figureFileName({ title: 'LIF f–I curve', data: [], layout: {} })).toBe('lif-f-i-curve');
  });
});

describe('playground figures', () => {
  it('figures: heatmap over the domain, training (and test) points, loss per epoch', () => {
    const s = new PlaygroundSession({ dataset: 'spiral', features: ['x1', 'x2', 'sinx1', 'sinx2'], activation: 'soft-lif' });
    s.step(2);
    const [b, l] = playgroundFigures(s.snapshot(), s.data, { showTest: true, discretize: true });
    expect(b.data.map((t) => t.type)).toEqual(['heatmap', 'scatter', 'scatter']);
    const z = b.data[0].z as number[][];
    expect(z.length).toBe(51);
    expect(new Set(z.flat())).toEqual(new Set(z.flat().filter((v) => v === 0 || v === 1)));
    expect(l.data[0].y!.length).toBe(3);
    // CSV export: the points (the heatmap is a grid, drawn but not listed).
    const csv = figureCsv(b).trim().split('\n');
    expect(csv[0]).toBe('trace,x₁,x₂');
    expect(csv.length - 1).toBe(s.data.train.x.length + s.data.test.x.length);
  });

  it('losses read with 3 decimals, or 3 significant digits below 0.01', () => {
    expect([formatLoss(0.69314), formatLoss(0.0123), formatLoss(0.0012345), formatLoss(0)]).toEqual(['0.693', '0.012', '0.00123', '0.000']);
  });
});

describe('thinning for display (every plot, the same way)', () => {
  const n = 200_001;
  const x = Array.from({ length: n }, (_, i) => i * 1e-3);
  // A slow sine with narrow spikes every 997 samples: the spikes are what a naive stride would lose.
  const y = x.map((t, i) => Math.sin(t) + (i % 997 === 500 ? 3 : 0) - (i % 1409 === 7 ? 2 : 0));

  it('a long line keeps each pixel column’s minimum and maximum, first and last point, and says so', () => {
    const fig: Figure = { title: 'v', data: [{ type: 'scatter', mode: 'lines', x, y, name: 'v' }], layout: {} };
    const { figure, note } = thinFigure(fig);
    const tx = figure.data[0].x as number[], ty = figure.data[0].y as number[];
    expect(tx.length).toBeLessThanOrEqual(4 * DISPLAY_COLUMNS);
    expect(tx[0]).toBe(0);
    expect(tx[tx.length - 1]).toBe(x[n - 1]);
    // Per column, the drawn extremes are the true ones (computed here directly).
    const col = (t: number) => Math.min(DISPLAY_COLUMNS - 1, Math.floor((t / x[n - 1]) * DISPLAY_COLUMNS));
    const trueMax = new Array(DISPLAY_COLUMNS).fill(-Infinity), drawnMax = new Array(DISPLAY_COLUMNS).fill(-Infinity);
    x.forEach((t, i) => { trueMax[col(t)] = Math.max(trueMax[col(t)], y[i]); });
    tx.forEach((t, i) => { drawnMax[col(t)] = Math.max(drawnMax[col(t)], ty[i]); });
    expect(drawnMax).toEqual(trueMax);
    expect(ty.filter((v) => v > 2).length).toBe(y.filter((v) => v > 2).length); // every spike is drawn
    expect(note).toBe(`Drawn thinned: lines: min–max per pixel column (200,001 samples → ${tx.length.toLocaleString('en')} points).`);
    expect(fig.data[0].x).toBe(x); // the input is not modified
  });

  it('short lines and small figures are drawn as they are; a worker-decimated line still says how many samples it had', () => {
    const fig: Figure = { title: 'v', data: [{ type: 'scatter', mode: 'lines', x: x.slice(0, DISPLAY_LINE_POINTS), y: y.slice(0, DISPLAY_LINE_POINTS) }], layout: {} };
    const same = thinFigure(fig);
    expect(same.figure.data[0]).toBe(fig.data[0]);
    expect(same.note).toBe('');
    expect(thinFigure(fig, 1_000_001).note).toContain(`1,000,001 samples → ${DISPLAY_LINE_POINTS.toLocaleString('en')} points`);
  });

  it('dense shaded intervals left out with a note (markers stay: the plot paints them); NaN gaps kept', () => {
    const spikes = Array.from({ length: 50_000 }, (_, i) => i * 2e-3);
    const fig: Figure = {
      title: 'spikes',
      data: [{ type: 'scatter', mode: 'markers', x: spikes, y: spikes.map(() => 1) }],
      layout: { shapes: spikes.map((t) => ({ type: 'rect', xref: 'x', yref: 'paper', x0: t, x1: t + 1e-3, y0: 0, y1: 1 })) },
    };
    const { figure, note } = thinFigure(fig);
    expect(figure.data[0]).toBe(fig.data[0]);
    expect(figure.layout.shapes).toEqual([]);
    expect(note).toBe('Drawn thinned: 50,000 shaded intervals left out (too dense to shade at this scale).');
    const few = { ...fig, layout: { shapes: (fig.layout.shapes as unknown[]).slice(0, DISPLAY_SHAPES) } };
    expect(thinFigure(few).figure.layout.shapes).toHaveLength(DISPLAY_SHAPES);
    const gap = Float64Array.from({ length: 10_000 }, (_, i) => (i === 5000 ? NaN : i));
    const idx = Array.from(columnMinMax(Float64Array.from(gap.keys()), gap, 100, 0, 9999));
    expect(idx).toContain(5000);
    // A NaN in x (segments of a phase-plane curve): its point is kept alone and the rest is thinned as before.
    const xs = Float64Array.from({ length: 10_000 }, (_, i) => (i === 3000 ? NaN : i));
    const ys = Float64Array.from(xs.keys(), (i) => Math.sin(i / 50));
    const kept = Array.from(columnMinMax(xs, ys, 100, 0, 9999));
    expect(kept).toContain(3000);
    expect(kept.length).toBeLessThan(600);
    expect(Math.max(...kept.map((i) => ys[i]))).toBe(Math.max(...ys));
  });
});
