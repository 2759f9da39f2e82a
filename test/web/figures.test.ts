/** The page's own figures and the CSV export (web/figures/), in Node. */
import { describe, expect, it } from 'vitest';
import { PlaygroundSession } from '../../src/experiments/playground.js';
import { figureCsv, figureFileName } from '../../web/figures/csv.js';
import { formatLoss, playgroundFigures } from '../../web/figures/playground.js';

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
