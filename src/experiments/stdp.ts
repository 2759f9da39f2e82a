/**
 * Song, Miller & Abbott (2000, Nat. Neurosci. 3:919) as Brian2's `examples/synapses/STDP.py` runs it: 1,000 Poisson
 * inputs at 15 Hz onto one LIF neuron through plastic excitatory synapses with additive STDP whose depression is 5 %
 * stronger than its potentiation. The weights are driven apart, to 0 and to g_max (a bimodal distribution), and the
 * output rate is regulated; multiplicative STDP (μ = 1) gives a unimodal distribution instead.
 *
 * The example's neuron, τ_m dV/dt = g_e (E_e − V_r) + E_L − V, with a dimensionless g_e that decays with τ_e and jumps
 * by w at each input spike — note the fixed driving force E_e − V_r — and no refractory period, is exactly a
 * normalized LIF with an exponential current synapse:
 *   v = (V − E_L)/(V_t − E_L) (threshold 1, rest 0), v_reset = (V_r − E_L)/(V_t − E_L) = 14/20 = 0.7, τ_m = 10 ms;
 *   the current g_e (E_e − V_r)/(V_t − E_L) = 3 g_e jumps by 3w and decays with τ_e, which in the notes' convention
 *   (∫h = 1: a spike of weight u adds u/τ_s) is the current weight u = w·τ_e (E_e − V_r)/(V_t − E_L) = 0.015 w.
 * STDP runs on u with every amplitude and bound scaled by the same factor (the additive rule is linear in them, the
 * multiplicative one depends on u/u_max only), so it is the example's rule on w; weights are reported as w, in g_max
 * units where asked. Precise timing (exact integration, off-grid spikes) by default; Brian2 takes Euler steps of 0.1 ms.
 *
 * With `drive: 'conductance'` the driving force is E_e − V (Song et al.'s conductance model): a physical LIF (C 1 µF/cm²,
 * g_L 0.1 mS/cm², so τ_m = 10 ms) with a conductance synapse of reversal potential 0 mV and weight g_L·w (mS/cm²),
 * in grid timing (exponential Euler, Brian2's semantics).
 * @module
 */
import { mulberry32 } from '../core/rng.js';
import type { Progress } from '../core/progress.js';
import { checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive } from '../core/validate.js';
import { ValidationError } from '../core/errors.js';
import { Network } from '../network/network.js';
import { resolveStdp, stdpWindow, type StdpDependence, type StdpPairing, type StdpSpec } from '../network/plasticity.js';
import { Population } from '../network/population.js';
import { RateRecorder, SpikeRecorder, StreamRecorder, WeightRecorder, type Recorder } from '../network/recorders.js';
import { layout, line, type Figure } from './figure.js';

/** The example's constants (mV, s, Hz; g dimensionless). */
export const SONG_CONSTANTS = {
  inputs: 1000, rate: 15, tauM: 0.01, tauE: 0.005, EL: -74, Vt: -54, Vr: -60, Ee: 0, gMax: 0.01,
  tauPre: 0.02, tauPost: 0.02, dApre: 0.01, depressionRatio: 1.05,
} as const;

/** The current weight (notes' convention) of a conductance jump w: τ_e (E_e − V_r)/(V_t − E_L) = 0.015. */
export const SONG_WEIGHT_SCALE = (SONG_CONSTANTS.tauE * (SONG_CONSTANTS.Ee - SONG_CONSTANTS.Vr)) / (SONG_CONSTANTS.Vt - SONG_CONSTANTS.EL);
/** v_reset of the normalized neuron: (V_r − E_L)/(V_t − E_L) = 0.7. */
export const SONG_V_RESET = (SONG_CONSTANTS.Vr - SONG_CONSTANTS.EL) / (SONG_CONSTANTS.Vt - SONG_CONSTANTS.EL);
/** Leak conductance of the conductance variant, mS/cm² (with C = 1 µF/cm²: τ_m = 10 ms). */
const G_L = 0.1;
/** Histogram bins over [0, g_max]. */
export const SONG_BINS = 10;

/** Options of {@link runSongStdp}. */
export interface SongStdpOptions {
  /** Simulated time, s. @default 100 */
  duration?: number;
  /** Time step, s. @default 1e-4 */
  dt?: number;
  /** Seed of the inputs and the initial weights. @default 1 */
  seed?: number;
  /** Weight dependence. @default 'additive' */
  rule?: StdpDependence;
  /** μ of the multiplicative rule. @default 1 */
  mu?: number;
  /** @default 'all-to-all' */
  pairing?: StdpPairing;
  /** 'fixed': the example's driving force E_e − V_r (normalized LIF); 'conductance': E_e − V (physical LIF, grid timing). @default 'fixed' */
  drive?: 'fixed' | 'conductance';
  /** Spike timing of the neuron with the fixed drive ('conductance' always uses 'grid'). @default 'precise' */
  timing?: 'precise' | 'grid';
  /** Time constant of the pre-synaptic trace, s. @default 0.02 */
  tauPre?: number;
  /** Time constant of the post-synaptic trace, s. @default 0.02 */
  tauPost?: number;
  /** ΔA_pre as a fraction of g_max (potentiation of one pair at Δt = 0). @default 0.01 */
  dApre?: number;
  /**
   * Depression over potentiation, integrated over the window: ΔA_post = −ratio·ΔA_pre·τ_pre/τ_post (Brian2's example:
   * 1.05, depression slightly stronger). @default 1.05
   */
  depressionRatio?: number;
  /** Upper bound of the weights g_max (dimensionless conductance; initial weights uniform in [0, g_max]). @default 0.01 */
  gMax?: number;
  /** Number of Poisson inputs. @default 1000 */
  inputs?: number;
  /** Their rate, Hz. @default 15 */
  rate?: number;
  /** Simulated seconds between two `onPartial` reports (and samples of the two followed weights: every 1/100 of it). @default 1 */
  reportEvery?: number;
}

/** Resolved {@link SongStdpOptions}. */
export type SongStdpSettings = Required<SongStdpOptions>;

/** The scenario's defaults (Brian2's example). */
export const SONG_STDP_DEFAULTS: SongStdpSettings = {
  duration: 100, dt: 1e-4, seed: 1, rule: 'additive', mu: 1, pairing: 'all-to-all', drive: 'fixed', timing: 'precise',
  tauPre: SONG_CONSTANTS.tauPre, tauPost: SONG_CONSTANTS.tauPost, dApre: SONG_CONSTANTS.dApre, depressionRatio: SONG_CONSTANTS.depressionRatio,
  gMax: SONG_CONSTANTS.gMax, inputs: 1000, rate: 15, reportEvery: 1,
};

/** Validates the options, filling the defaults. */
export function resolveSongStdp(o: SongStdpOptions = {}): SongStdpSettings {
  checkKnownKeys('stdp', o, Object.keys(SONG_STDP_DEFAULTS));
  const d = SONG_STDP_DEFAULTS;
  const s: SongStdpSettings = {
    duration: checkPositive('stdp.duration', o.duration ?? d.duration),
    dt: checkPositive('stdp.dt', o.dt ?? d.dt),
    seed: checkInteger('stdp.seed', o.seed ?? d.seed, 0),
    rule: checkOneOf('stdp.rule', o.rule ?? d.rule, ['additive', 'multiplicative'] as const),
    mu: checkNonNegative('stdp.mu', o.mu ?? d.mu),
    pairing: checkOneOf('stdp.pairing', o.pairing ?? d.pairing, ['all-to-all', 'nearest'] as const),
    drive: checkOneOf('stdp.drive', o.drive ?? d.drive, ['fixed', 'conductance'] as const),
    timing: checkOneOf('stdp.timing', o.timing ?? d.timing, ['precise', 'grid'] as const),
    tauPre: checkPositive('stdp.tauPre', o.tauPre ?? d.tauPre),
    tauPost: checkPositive('stdp.tauPost', o.tauPost ?? d.tauPost),
    dApre: checkPositive('stdp.dApre', o.dApre ?? d.dApre),
    depressionRatio: checkNonNegative('stdp.depressionRatio', o.depressionRatio ?? d.depressionRatio),
    gMax: checkPositive('stdp.gMax', o.gMax ?? d.gMax),
    inputs: checkInteger('stdp.inputs', o.inputs ?? d.inputs, 1),
    rate: checkNonNegative('stdp.rate', o.rate ?? d.rate),
    reportEvery: checkPositive('stdp.reportEvery', o.reportEvery ?? d.reportEvery),
  };
  if (s.dt > s.duration) throw new ValidationError('stdp.dt', `must be <= duration (${s.duration} s) (got ${s.dt})`);
  if (o.mu !== undefined && s.rule !== 'multiplicative') throw new ValidationError('stdp.mu', `only applies to rule 'multiplicative' (got mu = ${o.mu} with '${s.rule}')`);
  if (o.timing !== undefined && s.drive === 'conductance' && s.timing !== 'grid') {
    throw new ValidationError('stdp.timing', "the conductance drive runs in grid timing (conductance synapses on an LIF need timing: 'grid')");
  }
  return s;
}

/** The settings that make the STDP rule. */
export type SongRuleSettings = Pick<SongStdpSettings, 'rule' | 'mu' | 'pairing' | 'tauPre' | 'tauPost' | 'dApre' | 'depressionRatio' | 'gMax'>;

/** The STDP rule of the example in g units (w in [0, g_max]): ΔA_pre = dApre·g_max, ΔA_post = −ratio·ΔA_pre·τ_pre/τ_post. */
export function songRule(s: SongRuleSettings): StdpSpec {
  const dApre = s.dApre * s.gMax;
  return {
    rule: 'stdp', tauPre: s.tauPre, tauPost: s.tauPost, dApre, dApost: -dApre * (s.tauPre / s.tauPost) * s.depressionRatio,
    wMax: s.gMax, dependence: s.rule, ...(s.rule === 'multiplicative' ? { mu: s.mu } : {}), pairing: s.pairing,
  };
}

/** Counts of `w` (in g units) in `bins` equal bins over [0, g_max] (g_max itself in the last). */
export function weightHistogram(w: ArrayLike<number>, gMax: number = SONG_CONSTANTS.gMax, bins = SONG_BINS): number[] {
  const h = new Array<number>(bins).fill(0);
  for (let k = 0; k < w.length; k++) h[Math.min(bins - 1, Math.max(0, Math.floor((w[k] / gMax) * bins)))]++;
  return h;
}

/** What `onPartial` receives while the run streams. */
export interface SongStdpPartial {
  /** Simulated time, s. */
  t: number;
  /** Histogram of the weights now, 10 bins of g_max/10. */
  histogram: number[];
  /** Histogram of the initial weights (the same array in every report). */
  initialHistogram: number[];
  /** Output rate over the last report interval, Hz. */
  rate: number;
}

/** A run of the experiment. Weights are conductances w (dimensionless, as the example's g_e), in [0, g_max]. */
export interface SongStdpResult {
  settings: SongStdpSettings;
  gMax: number;
  /** Initial and final weight of every input, same units as gMax. */
  initialWeights: Float64Array;
  finalWeights: Float64Array;
  /** Final weights in 10 bins of g_max/10 (counts), and the initial ones. */
  histogram: number[];
  initialHistogram: number[];
  /** Two weights over time (inputs 0 and 1), sampled every reportEvery/100 s. */
  traces: { t: Float64Array; w: [Float64Array, Float64Array] };
  /** Output rate in 1 s bins, Hz. */
  rate: { t: Float64Array; rate: Float64Array };
  /** Output rate over the last 10 s (the whole run if shorter), Hz, and that window's length, s. */
  outputRate: number;
  outputRateWindow: number;
  outputSpikes: number;
  /** Wall time of the simulation loop, s. */
  wallSeconds: number;
  /** The current weight of g = 1 (fixed drive) or the conductance of g = 1 in mS/cm² (conductance drive). */
  weightScale: number;
}

/** Builds the network (no run). */
export function buildSongStdp(o: SongStdpOptions = {}) {
  const s = resolveSongStdp(o);
  const K = SONG_CONSTANTS;
  const scale = s.drive === 'fixed' ? SONG_WEIGHT_SCALE : G_L;
  const rule = songRule(s);
  const scaled: StdpSpec = { ...rule, dApre: rule.dApre * scale, dApost: rule.dApost * scale, wMax: rule.wMax * scale };
  const draw = mulberry32(s.seed);
  const initialWeights = Float64Array.from({ length: s.inputs }, () => draw() * s.gMax);
  const net = new Network();
  const inputs = net.add(Population.poisson('inputs', s.inputs, { rate: s.rate, seed: s.seed + 1 }));
  const neuron = s.drive === 'fixed'
    ? net.add(Population.lif('neuron', 1, { tauM: K.tauM, tauRef: 0, vReset: SONG_V_RESET, timing: s.timing }))
    : net.add(Population.physicalLif('neuron', 1, { C: 1, gL: G_L, VL: K.EL, Vth: K.Vt, Vreset: K.Vr, tauRef: 0, timing: 'grid' }));
  const synapses = net.connect(inputs, neuron, {
    weights: Array.from(initialWeights, (w) => w * scale), tauS: K.tauE, plasticity: scaled, ...(s.drive === 'conductance' ? { E: K.Ee } : {}),
  });
  return { net, inputs, neuron, synapses, settings: s, scale, initialWeights };
}

/** Runs the experiment; `onPartial` gets the histogram every `reportEvery` simulated seconds (for a streaming view). */
export function runSongStdp(o: SongStdpOptions = {}, onProgress?: Progress, onPartial?: (p: SongStdpPartial) => void): SongStdpResult {
  const { net, neuron, synapses, settings: s, scale, initialWeights } = buildSongStdp(o);
  const live = synapses.matrix.kind === 'dense' ? synapses.matrix.WT : synapses.matrix.weight;
  const reportSteps = Math.max(1, Math.round(s.reportEvery / s.dt));
  const spikes = new SpikeRecorder(neuron);
  const rate = new RateRecorder(neuron, { bin: 1 });
  const traces = new WeightRecorder(synapses, { synapses: s.inputs > 1 ? [0, 1] : [0, 0], every: Math.max(1, Math.round(reportSteps / 100)) });
  const recorders: Recorder[] = [spikes, rate, traces];
  if (onPartial) {
    const initialHistogram = weightHistogram(initialWeights, s.gMax);
    let last = 0;
    const g = new Float64Array(live.length);
    recorders.push(new StreamRecorder((t) => {
      for (let k = 0; k < g.length; k++) g[k] = live[k] / scale;
      onPartial({ t, histogram: weightHistogram(g, s.gMax), initialHistogram, rate: (spikes.total - last) / (reportSteps * s.dt) });
      last = spikes.total;
    }, { every: reportSteps }));
  }
  const info = net.run(s.duration, s.dt, { recorders, onProgress });
  const finalWeights = Float64Array.from(synapses.weights().weight, (w) => w / scale);
  const window = Math.min(10, s.duration);
  const times = spikes.spikes.time;
  let late = 0;
  for (let k = 0; k < times.length; k++) if (times[k] >= s.duration - window) late++;
  const unscale = (a: Float64Array) => a.map((w) => w / scale);
  return {
    settings: s, gMax: s.gMax, initialWeights, finalWeights,
    histogram: weightHistogram(finalWeights, s.gMax), initialHistogram: weightHistogram(initialWeights, s.gMax),
    traces: { t: traces.t, w: [unscale(traces.values[0]), unscale(traces.values[1])] },
    rate: { t: rate.t, rate: rate.rate },
    outputRate: late / window, outputRateWindow: window, outputSpikes: spikes.total,
    wallSeconds: info.wallSeconds, weightScale: scale,
  };
}

/** The STDP window of the run's rule: Δw/g_max of one pair against Δt (ms), from the middle of the range. */
export function songWindowFigure(s: SongRuleSettings): Figure {
  const p = resolveStdp(songRule(s));
  const dts = Float64Array.from({ length: 401 }, (_, k) => -0.1 + k * 5e-4);
  const dw = stdpWindow(p, dts);
  return {
    title: 'STDP window',
    data: [line(dts.map((d) => d * 1e3), dw.map((x) => x / p.wMax), `${s.rule}${s.rule === 'multiplicative' ? ` (μ = ${s.mu})` : ''}, w = g_max/2`)],
    layout: layout('STDP window: one pair, Δt = t_post − t_pre', 'Δt (ms)', 'Δw / g_max'),
  };
}

/** The weight histogram at time t (10 bins of g_max/10) beside the initial one; a streaming view redraws it. */
export function songHistogramFigure(histogram: readonly number[], initialHistogram: readonly number[], t: number, s: Pick<SongStdpSettings, 'rule' | 'inputs'>): Figure {
  const centers = Array.from({ length: histogram.length }, (_, k) => (k + 0.5) / histogram.length);
  return {
    title: 'STDP final weights',
    data: [
      { type: 'bar', x: centers, y: [...histogram], name: `after ${Number(t.toPrecision(6))} s`, marker: { color: '#1f77b4' } },
      { type: 'bar', x: centers, y: [...initialHistogram], name: 'initial', marker: { color: '#bbbbbb' } },
    ],
    layout: layout(`Weights after ${Number(t.toPrecision(6))} s (${s.rule} STDP, ${s.inputs} synapses)`, 'w / g_max', 'synapses',
      { barmode: 'group', xaxis: { title: { text: 'w / g_max' }, range: [0, 1], dtick: 0.1 } }),
  };
}

/** Histogram of the final (and initial) weights, two weights over time, the output rate, the window. */
export function songStdpFigures(r: SongStdpResult): Figure[] {
  return [
    songHistogramFigure(r.histogram, r.initialHistogram, r.settings.duration, r.settings),
    {
      title: 'STDP weights over time',
      data: [line(r.traces.t, r.traces.w[0].map((w) => w / r.gMax), 'synapse 0'), line(r.traces.t, r.traces.w[1].map((w) => w / r.gMax), 'synapse 1')],
      layout: layout('Two weights over time', 't (s)', 'w / g_max', { yaxis: { title: { text: 'w / g_max' }, range: [0, 1] } }),
    },
    {
      title: 'STDP output rate',
      data: [line(r.rate.t, r.rate.rate, 'output neuron (1 s bins)')],
      layout: layout(`Output rate: ${r.outputRate.toFixed(1)} Hz over the last ${r.outputRateWindow} s`, 't (s)', 'rate (Hz)'),
    },
    songWindowFigure(r.settings),
  ];
}
