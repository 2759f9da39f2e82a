/**
 * The training playground's figures (drawn only by the page): the decision boundary as a heatmap of the output
 * under the points, and the train/test loss curves per epoch. Pure figure specs of a `PlaygroundSession` snapshot
 * (src/experiments/playground.ts).
 * @module
 */
import { layout, line, type Figure, type Trace } from '../../src/experiments/figure.js';
import { DOMAIN, type PlaygroundSnapshot, type Points2D } from '../../src/experiments/playground.js';

/** How the boundary figure is drawn. */
export interface PlaygroundView {
  /** Show the test points (outlined in black). @default false */
  showTest?: boolean;
  /** Colour the output as 0/1 instead of its value. @default false */
  discretize?: boolean;
}

const ORANGE = '#f59322', BLUE = '#0877bd';

/** A loss for reading: 3 decimals, or 3 significant digits below 0.01. */
export function formatLoss(x: number): string {
  return x >= 0.01 || x === 0 ? x.toFixed(3) : x.toPrecision(3);
}

/** The decision boundary (heatmap of σ(z)) under the points; and the train/test loss curves per epoch. */
export function playgroundFigures(snap: PlaygroundSnapshot, sets: { train: Points2D; test: Points2D }, view: PlaygroundView = {}): Figure[] {
  const G = snap.grid.x.length;
  const z: number[][] = [];
  for (let j = 0; j < G; j++) {
    const row: number[] = [];
    for (let i = 0; i < G; i++) {
      const v = snap.grid.p[j * G + i];
      row.push(view.discretize ? (v >= 0.5 ? 1 : 0) : v);
    }
    z.push(row);
  }
  const points = (p: Points2D, name: string, edge: string): Trace => ({
    type: 'scatter', mode: 'markers', name, x: Array.from(p.x), y: Array.from(p.y),
    marker: { size: 6, color: Array.from(p.label, (l) => (l ? BLUE : ORANGE)), line: { width: 1, color: edge } },
    hovertemplate: 'x₁ %{x:.2f}, x₂ %{y:.2f}<extra></extra>',
  });
  const data: Trace[] = [
    {
      // The grid as x0/dx (not x/y arrays): the CSV export then holds the points, not the grid's diagonal.
      type: 'heatmap', name: 'σ(z) (class 1 probability)', x0: snap.grid.x[0], dx: snap.grid.x[1] - snap.grid.x[0], y0: snap.grid.y[0], dy: snap.grid.y[1] - snap.grid.y[0], z, zmin: 0, zmax: 1, showscale: false, zsmooth: view.discretize ? false : 'fast',
      colorscale: [[0, ORANGE], [0.5, '#f4f4f4'], [1, BLUE]], opacity: 0.75, hovertemplate: 'x₁ %{x:.2f}, x₂ %{y:.2f}: σ = %{z:.3f}<extra></extra>',
      showlegend: false,
    },
    points(sets.train, 'training points', '#ffffff'),
  ];
  if (view.showTest) data.push(points(sets.test, 'test points', '#000000'));
  const boundary: Figure = {
    title: 'Playground decision boundary',
    data,
    layout: layout(`Epoch ${snap.epoch}: test error ${(100 * snap.testError).toFixed(1)} %, training error ${(100 * snap.trainError).toFixed(1)} %`, 'x₁', 'x₂', {
      xaxis: { title: { text: 'x₁' }, range: [-DOMAIN, DOMAIN], constrain: 'domain' },
      yaxis: { title: { text: 'x₂' }, range: [-DOMAIN, DOMAIN], scaleanchor: 'x', constrain: 'domain' },
    }),
  };
  const ep = snap.trainLoss.map((_, i) => i);
  const loss: Figure = {
    title: 'Playground loss',
    data: [line(ep, snap.trainLoss, 'training loss'), line(ep, snap.testLoss, 'test loss', { line: { dash: 'dash' } })],
    layout: layout(`Loss: test ${formatLoss(snap.testLoss[snap.testLoss.length - 1])}, training ${formatLoss(snap.trainLoss[snap.trainLoss.length - 1])}`, 'epoch', 'cross-entropy (nats)', {
      yaxis: { title: { text: 'cross-entropy (nats, log scale)' }, type: 'log', exponentformat: 'power' },
    }),
  };
  return [boundary, loss];
}
