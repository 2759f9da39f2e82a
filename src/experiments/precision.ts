/**
 * Spike-time precision of a network against the exact solution, as dt goes from 1 ms to 1 µs: one normalized LIF
 * (τ_m 20 ms, τ_ref 2 ms) driven by three excitatory and two inhibitory off-grid spike trains through PSCs of order
 * n (τ_s 5 ms excitatory, 8 ms inhibitory), built with the library's Network in precise or grid timing. The exact
 * solution is computed independently of the library's propagators: the textbook closed forms between input spikes,
 * scanned every 2 µs for the threshold and bisected to 1e-16 s (Morrison et al. 2007 measure NEST's precise models
 * the same way).
 * @module
 */
import { mulberry32 } from '../core/rng.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkKnownKeys, checkPositive } from '../core/validate.js';
import { LIF_TIMINGS, type LifTiming } from '../neurons/lif.js';
import { Network } from '../network/network.js';
import { Population } from '../network/population.js';
import { SpikeRecorder } from '../network/recorders.js';
import { layout, line, type Figure } from './figure.js';

/** One input spike of {@link exactLifSpikes}: its time (s), receptor and weight (∫h = 1: stage 0 jumps by w/τ_s). */
export interface ExactInput {
  time: number;
  receptor: number;
  w: number;
}

/** The exact problem: one LIF (threshold 1, reset 0) with current receptors of order 0 or 1. */
export interface ExactLifProblem {
  J: number;
  tauM: number;
  tauRef: number;
  duration: number;
  v0?: number;
  receptors: { tauS: number; n: 0 | 1 }[];
  inputs: ExactInput[];
}

/**
 * The exact spike times of {@link ExactLifProblem}, event by event from the closed forms: between events
 * v(τ) = J + (v − J)e^{−bτ} + Σ responses, and for a receptor with rate a = 1/τ_s (b = 1/τ_m, c = b − a):
 *   n = 0, current I:            I·b(e^{−aτ} − e^{−bτ})/(b − a)   (I·bτe^{−bτ} when a = b)
 *   n = 1, stages x0 → x1 (out): x1·(the same) + x0·ab e^{−bτ}(e^{cτ}(cτ − 1) + 1)/c²   (x0·a b τ² e^{−bτ}/2 when a = b).
 * Crossings: the closed form scanned every 2 µs, then bisected to 1e-16 s.
 */
export function exactLifSpikes(o: ExactLifProblem): number[] {
  const b = 1 / o.tauM;
  const R = o.receptors.map((r) => ({ a: 1 / r.tauS, n: r.n, x0: 0, x1: 0 }));
  const events = [...o.inputs].sort((p, q) => p.time - q.time);
  let t = 0, v = o.v0 ?? 0, refEnd = 0;
  const spikes: number[] = [];
  const vAfter = (tau: number) => {
    let x = o.J + (v - o.J) * Math.exp(-b * tau);
    for (const r of R) {
      const c = b - r.a;
      const P = c === 0 ? r.a * tau * Math.exp(-b * tau) : (b * (Math.exp(-r.a * tau) - Math.exp(-b * tau))) / (b - r.a);
      if (r.n === 0) x += r.x0 * P;
      else {
        const Q = c === 0 ? (r.a * b * tau * tau * Math.exp(-b * tau)) / 2 : r.a * b * Math.exp(-b * tau) * ((Math.exp(c * tau) * (c * tau - 1) + 1) / (c * c));
        x += r.x1 * P + r.x0 * Q;
      }
    }
    return x;
  };
  const advanceReceptors = (tau: number) => {
    for (const r of R) {
      const e = Math.exp(-r.a * tau);
      if (r.n === 0) r.x0 *= e;
      else {
        r.x1 = (r.x1 + r.x0 * r.a * tau) * e;
        r.x0 *= e;
      }
    }
  };
  let k = 0;
  while (t < o.duration) {
    const tNext = Math.min(k < events.length ? events[k].time : Infinity, o.duration);
    if (refEnd > t) {
      const tr = Math.min(refEnd, tNext);
      advanceReceptors(tr - t);
      t = tr;
    } else {
      const h = tNext - t, step = 2e-6;
      let crossed = -1, prev = 0;
      for (let s = Math.min(step, h); h > 0; s = Math.min(s + step, h)) {
        if (vAfter(s) >= 1) {
          let lo = prev, hi = s;
          for (let it = 0; it < 200 && hi - lo > 1e-16; it++) {
            const mid = 0.5 * (lo + hi);
            if (vAfter(mid) >= 1) hi = mid;
            else lo = mid;
          }
          crossed = hi;
          break;
        }
        prev = s;
        if (s >= h) break;
      }
      if (crossed >= 0) {
        advanceReceptors(crossed);
        t += crossed;
        spikes.push(t);
        v = 0;
        refEnd = t + o.tauRef;
        continue;
      }
      v = vAfter(h);
      advanceReceptors(h);
      t = tNext;
    }
    while (k < events.length && events[k].time <= t) {
      const e = events[k++];
      R[e.receptor].x0 += e.w / o.receptors[e.receptor].tauS;
    }
  }
  return spikes;
}

/** `count` off-grid spike trains with exponential intervals at `rate` Hz (mulberry32(seed)). */
export function offGridTrains(seed: number, count: number, rate: number, duration: number): number[][] {
  const u = mulberry32(seed);
  return Array.from({ length: count }, () => {
    const out: number[] = [];
    for (let t = -Math.log(1 - u()) / rate; t < duration; t += -Math.log(1 - u()) / rate) out.push(t);
    return out;
  });
}

/** Options of {@link runPrecision}. */
export interface PrecisionOptions {
  /** Time steps to try, s. @default [1e-3, 5e-4, 2e-4, 1e-4, 1e-5, 1e-6] */
  dts?: number[];
  /** PSC orders to try. @default [0, 1] */
  orders?: (0 | 1)[];
  /** Timing modes to try. @default ['precise', 'grid'] */
  timings?: LifTiming[];
  /** Simulated time, s. @default 0.5 */
  duration?: number;
  /** Bias of the neuron (above threshold at 1.1). @default 1.1 */
  bias?: number;
  /** Seed of the input trains. @default 11 */
  seed?: number;
}

/** The case every run simulates (also what a peer simulator is handed). */
export interface PrecisionCase {
  tauM: number;
  tauRef: number;
  bias: number;
  duration: number;
  excitatory: { trains: number[][]; weights: number[]; tauS: number };
  inhibitory: { trains: number[][]; weights: number[]; tauS: number };
}

/** One (timing, n, dt) run against the exact solution. */
export interface PrecisionRow {
  timing: LifTiming;
  n: 0 | 1;
  dt: number;
  spikes: number;
  exactSpikes: number;
  /** Largest |t − t_exact| over matched spikes (each simulated spike to its nearest exact one), s. */
  maxError: number;
  /** Mean |t − t_exact|, s. */
  meanError: number;
}

/** Resolved options. */
export type PrecisionSettings = Required<PrecisionOptions>;

/** The scenario's defaults. */
export const PRECISION_DEFAULTS: PrecisionSettings = {
  dts: [1e-3, 5e-4, 2e-4, 1e-4, 1e-5, 1e-6], orders: [0, 1], timings: ['precise', 'grid'], duration: 0.5, bias: 1.1, seed: 11,
};

/** Validates options. */
export function resolvePrecision(o: PrecisionOptions = {}): PrecisionSettings {
  checkKnownKeys('precision', o, ['dts', 'orders', 'timings', 'duration', 'bias', 'seed']);
  const s = { ...PRECISION_DEFAULTS, ...o };
  s.dts.forEach((dt, i) => checkPositive(`precision.dts[${i}]`, dt));
  s.orders.forEach((n, i) => { if (n !== 0 && n !== 1) throw new Error(`precision.orders[${i}]: must be 0 or 1 (got ${n})`); });
  s.timings.forEach((m, i) => { if (!LIF_TIMINGS.includes(m)) throw new Error(`precision.timings[${i}]: must be one of ${LIF_TIMINGS.join(', ')} (got ${m})`); });
  checkPositive('precision.duration', s.duration);
  checkInteger('precision.seed', s.seed, 0);
  return s;
}

/** The input trains and neuron of the scenario. */
export function precisionCase(s: PrecisionSettings): PrecisionCase {
  return {
    tauM: 0.02, tauRef: 0.002, bias: s.bias, duration: s.duration,
    excitatory: { trains: offGridTrains(s.seed, 3, 40, s.duration), weights: [0.008, 0.006, 0.01], tauS: 0.005 },
    inhibitory: { trains: offGridTrains(s.seed + 1, 2, 30, s.duration), weights: [-0.006, -0.004], tauS: 0.008 },
  };
}

/** Spike times of the case simulated by the library at dt. */
export function simulateCase(c: PrecisionCase, n: 0 | 1, timing: LifTiming, dt: number): number[] {
  const net = new Network();
  net.add(Population.spikeTrains('exc', c.excitatory.trains));
  net.add(Population.spikeTrains('inh', c.inhibitory.trains));
  const out = net.add(Population.lif('out', 1, { tauM: c.tauM, tauRef: c.tauRef, timing }, { bias: c.bias }));
  net.connect('exc', 'out', { weights: [c.excitatory.weights], tauS: c.excitatory.tauS, n });
  net.connect('inh', 'out', { weights: [c.inhibitory.weights], tauS: c.inhibitory.tauS, n });
  const rec = new SpikeRecorder(out);
  net.run(c.duration, dt, { recorders: [rec] });
  return Array.from(rec.spikes.time);
}

/** The exact spike times of the case. */
export function exactCase(c: PrecisionCase, n: 0 | 1): number[] {
  const inputs: ExactInput[] = [
    ...c.excitatory.trains.flatMap((tr, i) => tr.map((time) => ({ time, receptor: 0, w: c.excitatory.weights[i] }))),
    ...c.inhibitory.trains.flatMap((tr, i) => tr.map((time) => ({ time, receptor: 1, w: c.inhibitory.weights[i] }))),
  ];
  return exactLifSpikes({ J: c.bias, tauM: c.tauM, tauRef: c.tauRef, duration: c.duration, inputs,
    receptors: [{ tauS: c.excitatory.tauS, n }, { tauS: c.inhibitory.tauS, n }] });
}

/** Errors of `got` against `exact`: each spike matched to its nearest exact spike. */
export function spikeTimeErrors(got: ArrayLike<number>, exact: ArrayLike<number>): { maxError: number; meanError: number } {
  let max = 0, sum = 0, k = 0;
  for (let i = 0; i < got.length; i++) {
    while (k + 1 < exact.length && Math.abs(exact[k + 1] - got[i]) <= Math.abs(exact[k] - got[i])) k++;
    const e = exact.length ? Math.abs(got[i] - exact[k]) : Infinity;
    max = Math.max(max, e);
    sum += e;
  }
  return { maxError: got.length ? max : 0, meanError: got.length ? sum / got.length : 0 };
}

/** Runs every (timing, n, dt) of the settings against the exact solution. */
export function runPrecision(o: PrecisionOptions = {}, onProgress?: Progress): { settings: PrecisionSettings; rows: PrecisionRow[] } {
  const s = resolvePrecision(o);
  const c = precisionCase(s);
  const rows: PrecisionRow[] = [];
  const total = s.orders.length * s.timings.length * s.dts.length;
  for (const n of s.orders) {
    const exact = exactCase(c, n);
    for (const timing of s.timings) {
      for (const dt of s.dts) {
        const got = simulateCase(c, n, timing, dt);
        rows.push({ timing, n, dt, spikes: got.length, exactSpikes: exact.length, ...spikeTimeErrors(got, exact) });
        onProgress?.(rows.length, total);
      }
    }
  }
  return { settings: s, rows };
}

/** Worst spike-time error against dt, one line per (timing, n) — and per peer, when given. */
export function precisionFigure(rows: PrecisionRow[], peers: { name: string; rows: PrecisionRow[] }[] = []): Figure {
  const lines = [];
  const groups = [...new Set(rows.map((r) => `${r.timing}|${r.n}`))];
  for (const g of groups) {
    const [timing, n] = g.split('|');
    const rs = rows.filter((r) => r.timing === timing && String(r.n) === n);
    lines.push(line(rs.map((r) => r.dt * 1e3), rs.map((r) => Math.max(r.maxError, 1e-16)), `spikebridge ${timing}, n = ${n}`, { mode: 'lines+markers' }));
  }
  for (const p of peers) {
    for (const n of [...new Set(p.rows.map((r) => r.n))]) {
      const rs = p.rows.filter((r) => r.n === n);
      lines.push(line(rs.map((r) => r.dt * 1e3), rs.map((r) => Math.max(r.maxError, 1e-16)), `${p.name}, n = ${n}`, { mode: 'lines+markers', line: { dash: 'dot' } }));
    }
  }
  return {
    title: 'Spike-time precision',
    data: lines,
    layout: layout('Worst spike-time error against the exact solution', 'dt (ms)', 'max |t − t_exact| (s)', { xaxis: { type: 'log', title: { text: 'dt (ms)' } }, yaxis: { type: 'log', title: { text: 'max |t − t_exact| (s)' } } }),
  };
}
