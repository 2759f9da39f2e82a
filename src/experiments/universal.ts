/**
 * Universal approximation (notes Theorem 12.1; Krzakala & Baker): a 1-D function fitted by Y = Σ_i α_i ReLU(a_i x + b_i),
 * i.e. a 1-N-1 network with ReLU hidden units and an identity output; the error falls as N grows.
 * @module
 */
import { compileFormula } from '../core/formula.js';
import { checkFinite, checkInteger, checkKnownKeys, checkPositive } from '../core/validate.js';
import { ValidationError } from '../core/errors.js';
import { MLP } from '../nn/mlp.js';
import { train } from '../nn/train.js';
import { layout, line, type Figure } from './figure.js';

/** Options of {@link runUniversal}. */
export interface UniversalOptions {
  /** f(x), a formula in x. @default 'sin(3*x) + 0.3*x^2' */
  fn?: string;
  /** Numbers of ReLU units to try. @default [2, 4, 8, 16, 32] */
  units?: number[];
  /** Interval [a, b]. @default [-2, 2] */
  a?: number;
  b?: number;
  /** Training points. @default 200 */
  points?: number;
  /** Full-batch Adam epochs. @default 3000 */
  epochs?: number;
  /** @default 0.01 */
  lr?: number;
  /** @default 2 */
  seed?: number;
}

/** Fit per N, with each unit's contribution α_i ReLU(a_i x + b_i) for the largest N. */
export interface UniversalResult {
  fn: string;
  x: number[];
  target: number[];
  fits: { units: number; rmsError: number; maxError: number; curve: number[] }[];
  /** The constructive answer for each N: the piecewise-linear interpolant of f at N + 1 knots, written as a 1-N-1
   * ReLU network (α_0 = first slope, α_i = change of slope at knot i, output bias f(a)). */
  constructed: { units: number; rmsError: number; maxError: number; curve: number[] }[];
  /** Contributions of the hidden units of the largest network. */
  pieces: number[][];
}

/** The resolved defaults of {@link runUniversal} (the sim's flags read them). */
export const UNIVERSAL_DEFAULTS = Object.freeze({
   fn: 'sin(3*x) + 0.3*x^2', units: [2, 4, 8, 16, 32], a: -2, b: 2, points: 200, epochs: 3000, lr: 0.01, seed: 2,
});

/** Trains a 1-N-1 ReLU network for each N on f sampled on [a, b]. */
export function runUniversal(o: UniversalOptions = {}): UniversalResult {
  checkKnownKeys('universal', o, ['fn', 'units', 'a', 'b', 'points', 'epochs', 'lr', 'seed']);
  const fnText = o.fn ?? UNIVERSAL_DEFAULTS.fn;
  const f = compileFormula(fnText, 'universal.fn', 'x');
  const units = (o.units ?? [...UNIVERSAL_DEFAULTS.units]).map((u, i) => checkInteger(`universal.units[${i}]`, u, 1));
  const a = checkFinite('universal.a', o.a ?? UNIVERSAL_DEFAULTS.a), b = checkFinite('universal.b', o.b ?? UNIVERSAL_DEFAULTS.b);
  if (!(b > a)) throw new ValidationError('universal.b', `must be > a = ${a} (got ${b})`);
  const n = checkInteger('universal.points', o.points ?? UNIVERSAL_DEFAULTS.points, 2);
  const epochs = checkInteger('universal.epochs', o.epochs ?? UNIVERSAL_DEFAULTS.epochs, 1);
  const lr = checkPositive('universal.lr', o.lr ?? UNIVERSAL_DEFAULTS.lr);
  const seed = checkInteger('universal.seed', o.seed ?? UNIVERSAL_DEFAULTS.seed, 0);
  const x = Array.from({ length: n }, (_, i) => a + ((b - a) * i) / (n - 1));
  const target = x.map((v) => f(v));
  target.forEach((v, i) => { if (!Number.isFinite(v)) throw new ValidationError('universal.fn', `is not finite at x = ${x[i]} (got ${v})`); });
  const X = x.map((v) => [v]), T = target.map((v) => [v]);
  let pieces: number[][] = [];
  const fits = units.map((N) => {
    const net = new MLP({ sizes: [1, N, 1], hidden: 'relu', output: 'identity', seed, init: { weights: 'he' } });
    // Translated ReLUs (Krzakala & Baker): spread the kinks x = −b_i/a_i evenly over [a, b]; with b = 0 they would all
    // sit at x = 0 and the sum could bend in one place only.
    // Half the units face right (a_i > 0) and half left, so every part of [a, b] has units active on it.
    const [W0, b0] = net.parameterArrays();
    for (let i = 0; i < N; i++) {
      W0[i] = (i % 2 === 0 ? 1 : -1) * Math.abs(W0[i]);
      b0[i] = -W0[i] * (a + ((b - a) * (i + 0.5)) / N);
    }
    train(net, { X, T }, { loss: 'mse', optimizer: { name: 'adam', lr }, epochs, batchSize: 'full', seed });
    const curve = net.forward(X).map((r) => r[0]);
    const err = curve.map((c, i) => c - target[i]);
    const [l0, l1] = net.getParameters();
    pieces = l0.b.map((bi, i) => x.map((v) => l1.W[0][i] * Math.max(0, l0.W[i][0] * v + bi)));
    return { units: N, rmsError: Math.sqrt(err.reduce((s, e) => s + e * e, 0) / n), maxError: err.reduce((m, e) => Math.max(m, Math.abs(e)), 0), curve };
  });
  const errors = (curve: number[]) => {
    const err = curve.map((c, i) => c - target[i]);
    return { rmsError: Math.sqrt(err.reduce((s, e) => s + e * e, 0) / n), maxError: err.reduce((m, e) => Math.max(m, Math.abs(e)), 0) };
  };
  const constructed = units.map((N) => {
    const net = interpolantNetwork(f, a, b, N);
    const curve = net.forward(X).map((r) => r[0]);
    return { units: N, ...errors(curve), curve };
  });
  return { fn: fnText, x, target, fits, constructed, pieces };
}

/**
 * Y(x) = f(a) + Σ_{i<N} α_i ReLU(x − c_i), knots c_i = a + i(b − a)/N: the piecewise-linear interpolant of f,
 * exactly a 1-N-1 ReLU network (W⁰ = 1, b⁰_i = −c_i, W¹ = α, b¹ = f(a)). Its error falls as O(1/N²).
 */
export function interpolantNetwork(f: (x: number) => number, a: number, b: number, N: number): MLP {
  const c = Array.from({ length: N + 1 }, (_, i) => a + ((b - a) * i) / N);
  const slopes = c.slice(0, -1).map((ci, i) => (f(c[i + 1]) - f(ci)) / (c[i + 1] - ci));
  const alpha = slopes.map((s, i) => (i === 0 ? s : s - slopes[i - 1]));
  const net = new MLP({ sizes: [1, N, 1], hidden: 'relu', output: 'identity' });
  net.setParameters([{ W: c.slice(0, -1).map(() => [1]), b: c.slice(0, -1).map((ci) => -ci) }, { W: [alpha], b: [f(a)] }]);
  return net;
}

/** Target and fits; the pieces α_i ReLU(a_i x + b_i) of the largest fit; error against N. */
export function universalFigures(r: UniversalResult): Figure[] {
  const last = r.fits[r.fits.length - 1];
  return [
    {
      title: 'Fits by sums of ReLUs',
      data: [line(r.x, r.target, `f(x) = ${r.fn}`, { line: { width: 4 } }), ...r.fits.map((f) => line(r.x, f.curve, `N = ${f.units}`))],
      layout: layout('Universal approximation: Σ_i α_i ReLU(a_i x + b_i)', 'x', 'y'),
    },
    {
      title: 'ReLU pieces',
      data: r.pieces.map((p, i) => line(r.x, p, `unit ${i + 1}`, { showlegend: false })),
      layout: layout(`The ${last?.units} pieces α_i ReLU(a_i x + b_i) of the largest fit (they sum to it, minus the output bias)`, 'x', 'contribution'),
    },
    {
      title: 'Error against N',
      data: [
        line(r.fits.map((f) => f.units), r.fits.map((f) => f.rmsError), 'trained (Adam)', { mode: 'lines+markers' }),
        line(r.constructed.map((f) => f.units), r.constructed.map((f) => f.rmsError), 'constructed (interpolant)', { mode: 'lines+markers' }),
      ],
      layout: layout('Fit error against the number of ReLU units', 'N (hidden units)', 'RMS error', { xaxis: { type: 'log', title: { text: 'N (hidden units)' } }, yaxis: { type: 'log', title: { text: 'RMS error' } } }),
    },
  ];
}
