/**
 * The bridge: a rate MLP trained with G(v) run as a network of spiking LIF neurons (notes §2.1, §4.1, §5.1).
 *
 * Why it works: an LIF neuron held at a constant input v fires at G(v) (§2.1); its spike train filtered by a PSC
 * h with ∫h = 1 (§4.1) has time-average G(v); so z = W·s(t) + b with s the filtered spike trains (§5.1) has the
 * time-average of the rate network's z = W·G(…) + b. Each hidden `lif`/`soft-lif` layer (amplitude a, the
 * factor training used so rates are O(1)) becomes a population of normalized LIF neurons with the layer's τ_m and
 * τ_ref, and the next layer's weights become a·W (the spiking neuron fires at G, the rate unit outputs a·G). The
 * output layer does not spike: its input current z(t) is read from the filtered spikes and averaged over a
 * window that skips the filters' onset. Everything runs on the network simulator (`network/network.ts`):
 * event-driven spike delivery, the SIMD LIF population, exact PSC filters.
 *
 * Inputs enter as constant currents into the first layer (J = W⁰x + b⁰, computed once per sample with the MLP's
 * own GEMM) or as Poisson spike trains at rates proportional to x, through W⁰ scaled by 1/rate.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import type { Progress } from '../core/progress.js';
import { Rng } from '../core/rng.js';
import { checkFinite, checkFunction, checkInteger, checkKnownKeys, checkNonNegative, checkOneOf, checkPositive } from '../core/validate.js';
import { lifRateRaw } from '../neurons/rates.js';
import { resolvePsc } from '../synapses/psc.js';
import { Network } from '../network/network.js';
import { Population } from '../network/population.js';
import { ActivityRecorder, SpikeRecorder, type Recorder } from '../network/recorders.js';
import { MLP } from '../nn/mlp.js';
import { asMatrix, type Matrix } from '../nn/matrix.js';
import { rowClass } from '../nn/metrics.js';
import { CurrentSums, Readout } from './readout.js';
import { PoissonSource } from '../network/sources.js';
import { maxOf } from '../core/arrays.js';

/** How inputs enter the spiking network. */
export type SpikingInputMode = 'current' | 'poisson';
/** How membrane voltages start at each presentation. */
export type SpikingInit = 'stationary' | 'uniform' | 'zero';

/** Options of {@link toSpiking}. Times in seconds, rates in Hz. */
export interface ToSpikingOptions {
  /** PSC time constant τ_s of every connection, s. @default 0.005 */
  tauS?: number;
  /** PSC order n (0 exponential, 1 alpha, …). @default 0 */
  n?: number;
  /** Time step, s (a presentation may override it). @default 0.001 */
  dt?: number;
  /**
   * `'current'`: x enters as the constant current J = W⁰x + b⁰ into the first hidden layer (exact, fast);
   * `'poisson'`: x drives Poisson spike trains at `inputRate`·x Hz, filtered like the other synapses.
   * @default 'current'
   */
  input?: SpikingInputMode;
  /** Poisson input: rate (Hz) of an input equal to 1 (inputs must be ≥ 0). @default 200 */
  inputRate?: number;
  /**
   * The amplitude a of each hidden layer's rate curve (a·G(v)), one number for all or one per hidden layer.
   * Default: each layer's own `amplitude` from its activation spec — override only for a model trained with a
   * different scaling than its spec states.
   */
  amplitude?: number | number[];
  /**
   * Start of the readout window, s: the output current is averaged from here to the end of the presentation.
   * Skipping the onset (the filters start empty and rise as 1 − e^(−t/τ_s)) removes the bias it would add.
   * Capped at half the presentation. Default: (n + 1)·τ_s.
   */
  readoutStart?: number;
  /**
   * Initial membrane state at each presentation. `'stationary'` (default): neurons with a constant input
   * (the first layer under current input) start at a uniformly random phase of their own firing cycle, so the
   * population is unsynchronized and an unbiased sample of G(J) from t = 0; the other layers start at v uniform
   * in [0, 1). `'uniform'`: v uniform in [0, 1) everywhere. `'zero'`: v = 0 everywhere (synchronized onset).
   * @default 'stationary'
   */
  init?: SpikingInit;
  /** Seed of the initial phases and Poisson inputs (per sample: the seed and the sample's index). @default 0 */
  seed?: number;
}

/** Resolved {@link ToSpikingOptions}. */
export interface SpikingSettings {
  readonly tauS: number;
  readonly n: number;
  readonly dt: number;
  readonly input: SpikingInputMode;
  readonly inputRate: number;
  readonly amplitude: readonly number[];
  readonly readoutStart: number;
  readonly init: SpikingInit;
  readonly seed: number;
}

/** Options of a presentation ({@link SpikingNetwork.predict}, {@link SpikingNetwork.run}). */
export interface PresentOptions {
  /** Presentation time, s (at least one step). */
  duration: number;
  /** Time step, s. @default the network's dt */
  dt?: number;
  /** Called with (samples done, total samples). */
  onProgress?: Progress;
}

/** Options of {@link SpikingNetwork.run}. */
export interface RunOneOptions extends PresentOptions {
  /**
   * Which per-sample random stream to use (initial phases, Poisson inputs): `run(X[p], { seed: p })` replays
   * exactly what `predict(X)` simulated for sample p. @default 0
   */
  seed?: number;
}

/** What a multi-duration evaluation returns. */
export interface OverTimeResult {
  /** Presentation times, s. */
  durations: number[];
  /** predictions[d][p]: class of sample p at presentation time durations[d]. */
  predictions: Int32Array[];
  /** outputs[d]: mean output current z̄ (rows = samples, row-major, O per row) at durations[d]. */
  outputs: Float64Array[];
  /** Spikes per sample per hidden neuron, averaged (a cost figure). */
  meanHiddenRate: number;
}

/** One hidden layer of a {@link SpikingRun}. */
export interface HiddenLayerRun {
  /** The raster: neuron index and time (s) of every spike, in time order. */
  spikes: { index: Int32Array; time: Float64Array };
  /** Spikes per neuron over the run. */
  counts: Int32Array;
  /** counts / duration, Hz. */
  rates: Float64Array;
  /** The rate network's view of the same sample: G(z) in Hz for this layer's z computed by the rate network. */
  rateNetRates: Float64Array;
  /** Filtered activities s(t) (∫h = 1, so in Hz): activities[i][k] for neuron i at `activityTimes[k]`. */
  activities: Float64Array[];
}

/** What {@link SpikingNetwork.run} returns for one input. */
export interface SpikingRun {
  duration: number;
  dt: number;
  /** Times of the activity samples, s (0, dt, …, duration). */
  activityTimes: Float64Array;
  hidden: HiddenLayerRun[];
  /** Times of the output-current samples: the start of each step, s. */
  t: Float64Array;
  /** outputCurrents[j][k]: z_j(t[k]), the output layer's input current read from the filtered spikes. */
  outputCurrents: Float64Array[];
  /** The readout window [from, to), s. */
  window: [number, number];
  /** Mean z over the window. */
  meanCurrent: number[];
  /** The output activation applied to the mean current (what `predict` classifies). */
  output: number[];
  /** The rate network's output for the same input. */
  rateOutput: number[];
  prediction: number;
}

interface HiddenSpec {
  tauM: number;
  tauRef: number;
  amplitude: number;
}

const KNOWN = ['tauS', 'n', 'dt', 'input', 'inputRate', 'amplitude', 'readoutStart', 'init', 'seed'];

/**
 * Converts a rate MLP whose hidden layers use `lif` or `soft-lif` into a network of spiking LIF neurons.
 * @throws ValidationError naming the layer whose activation has no spiking counterpart, or a bad option
 * @example
 * ```ts
 * const snn = toSpiking(mlp, { tauS: 0.005, dt: 0.001 });
 * const classes = snn.predict(Xtest, { duration: 0.2 });
 * const trace = snn.run(Xtest[0], { duration: 0.2 }); // raster, filtered activities, output currents
 * ```
 */
export function toSpiking(mlp: MLP, options: ToSpikingOptions = {}): SpikingNetwork {
  return new SpikingNetwork(mlp, options);
}

/** A rate MLP run as spiking LIF neurons (see {@link toSpiking}). */
export class SpikingNetwork {
  readonly settings: SpikingSettings;
  /** The simulator network: populations `hidden0`, `hidden1`, …, `output` (and `input` for Poisson input). */
  readonly network: Network;
  /** Hidden populations of LIF neurons. */
  readonly hidden: Population<'v' | 'refractory'>[];
  /** The non-spiking readout: its input is the output layer's current. */
  readonly output: Population<'z'>;
  /** The Poisson input population (null for current input). */
  readonly input: Population<'next'> | null;
  /** Units per layer, input first (as the MLP). */
  readonly sizes: readonly number[];
  /** The rate network this was converted from (the spiking network keeps a copy of the weights it had then). */
  readonly mlp: MLP;
  private readonly specs: HiddenSpec[];
  private readonly params: { W: Float64Array; b: Float64Array }[];
  private readonly firstLayer: MLP;
  private readonly source: PoissonSource | null;
  private readonly sums: CurrentSums;
  private readonly outAct: MLP['activations'][number];

  constructor(mlp: MLP, options: ToSpikingOptions = {}) {
    if (!(mlp instanceof MLP)) throw new ValidationError('toSpiking.mlp', `must be an MLP (got ${describeValue(mlp)})`);
    checkKnownKeys('toSpiking', options, KNOWN);
    const L = mlp.depth;
    if (L < 2) {
      throw new ValidationError('toSpiking.mlp', `needs at least one hidden layer of 'lif' or 'soft-lif' units to run as spiking neurons (got sizes [${mlp.sizes.join(', ')}])`);
    }
    // Only LIF rate curves have a spiking counterpart: the neuron that fires at G(v) (notes §2.1).
    this.specs = [];
    for (let l = 0; l < L - 1; l++) {
      const a = mlp.activations[l];
      const where = L - 1 > 1 ? `toSpiking.mlp.hidden[${l}]` : 'toSpiking.mlp.hidden';
      // soft-lif is G(v) with the threshold kink smoothed over ~γ; the neuron that runs it is the plain LIF (its γ is
      // a training device only), so a small γ keeps the two close where the units operate.
      if (a.name !== 'lif' && a.name !== 'soft-lif') {
        throw new ValidationError(where, `hidden layer ${l + 1} (${mlp.sizes[l + 1]} units) uses '${a.name}', which has no spiking counterpart: ` +
          `only 'lif' and 'soft-lif' are the rate curve G(v) of an LIF neuron; train with hidden: 'soft-lif' (or 'lif')`);
      }
      this.specs.push({ tauM: a.params.tauM, tauRef: a.params.tauRef, amplitude: a.params.amplitude });
    }
    if (mlp.activations[L - 1].learned) {
      throw new ValidationError('toSpiking.mlp.output', `the output activation '${mlp.activations[L - 1].name}' has learned per-unit parameters, which the readout does not carry; use identity, softmax or sigmoid outputs`);
    }
    this.settings = resolveSpikingOptions(options, this.specs);
    const s = this.settings;
    this.specs.forEach((h, l) => (h.amplitude = s.amplitude[l]));
    this.mlp = mlp;
    this.sizes = mlp.sizes;
    this.outAct = mlp.activations[L - 1];
    const layers = mlp.getParameters();
    this.params = layers.map((p) => ({ W: Float64Array.from(p.W.flat()), b: Float64Array.from(p.b) }));
    // The first layer's currents J = W⁰x + b⁰ for a batch of samples: one GEMM by the MLP's own kernels.
    this.firstLayer = new MLP({ sizes: [mlp.sizes[0], mlp.sizes[1]], output: 'identity' });
    this.firstLayer.setParameters([layers[0]]);

    const net = new Network();
    this.hidden = this.specs.map((h, l) => net.add(Population.lif(`hidden${l}`, mlp.sizes[l + 1], { tauM: h.tauM, tauRef: h.tauRef }, { bias: this.params[l].b })));
    const psc = { tauS: s.tauS, n: s.n };
    if (s.input === 'poisson') {
      // Rates are set per sample (setRates); sized here for the largest input rate.
      this.source = new PoissonSource({ rate: new Float64Array(mlp.sizes[0]).fill(s.inputRate) }, 'toSpiking.input');
      this.input = net.add(new Population('input', this.source, mlp.sizes[0]));
      // Filtered Poisson trains have mean inputRate·x; W⁰/inputRate turns that back into W⁰x (bias b⁰ on the population).
      net.connect(this.input, this.hidden[0], { weights: scaled(this.params[0].W, 1 / s.inputRate), ...psc });
    } else {
      this.source = null;
      this.input = null;
    }
    for (let l = 1; l < L - 1; l++) {
      net.connect(this.hidden[l - 1], this.hidden[l], { weights: scaled(this.params[l].W, this.specs[l - 1].amplitude), ...psc });
    }
    this.output = net.add(new Population('output', new Readout(), mlp.sizes[L], { bias: this.params[L - 1].b }));
    // The rate unit outputs a·G(z), the neuron fires at G(z): the weights carry the amplitude.
    net.connect(this.hidden[L - 2], this.output, { weights: scaled(this.params[L - 1].W, this.specs[L - 2].amplitude), ...psc });
    this.network = net;
    this.sums = new CurrentSums(this.output);
  }

  /** Class per sample (argmax of the output; one output: output ≥ 0.5) after a presentation of `duration`. */
  predict(X: number[][] | Matrix, o: PresentOptions): number[] {
    checkKnownKeys('SpikingNetwork.predict', o, ['duration', 'dt', 'onProgress']);
    const r = this.predictOverTime(X, { durations: [o?.duration], dt: o?.dt, onProgress: o?.onProgress }, 'predict');
    return Array.from(r.predictions[0]);
  }

  /** Mean output current z̄ per sample (rows) over the readout window of a presentation of `duration`. */
  outputCurrents(X: number[][] | Matrix, o: PresentOptions): number[][] {
    checkKnownKeys('SpikingNetwork.outputCurrents', o, ['duration', 'dt', 'onProgress']);
    const r = this.predictOverTime(X, { durations: [o?.duration], dt: o?.dt, onProgress: o?.onProgress }, 'outputCurrents');
    const O = this.output.size;
    return Array.from({ length: r.predictions[0].length }, (_, p) => Array.from(r.outputs[0].subarray(p * O, (p + 1) * O)));
  }

  /**
   * Predictions at several presentation times from one run per sample (as long as the longest): the simulation
   * is causal, so the first k steps of a long presentation are exactly a presentation of k steps.
   */
  predictOverTime(X: number[][] | Matrix, o: { durations: number[]; dt?: number; onProgress?: Progress }, owner = 'predictOverTime'): OverTimeResult {
    const name = `SpikingNetwork.${owner}`;
    if (!o || typeof o !== 'object') throw new ValidationError(name, `needs options { duration } in seconds (got ${describeValue(o)})`);
    const dt = o.dt === undefined ? this.settings.dt : checkPositive(`${name}.dt`, o.dt);
    if (o.onProgress !== undefined) checkFunction(`${name}.onProgress`, o.onProgress, '(done, total) => void');
    if (!Array.isArray(o.durations) || o.durations.length === 0) throw new ValidationError(`${name}.durations`, 'must be a non-empty array of presentation times in seconds');
    const steps = o.durations.map((d) => this.checkDuration(`${name}.duration`, d, dt));
    const M = this.checkX(X, 'X');
    const P = M.rows, O = this.output.size;
    const maxSteps = maxOf(steps);
    const windows = steps.map((k) => this.windowSteps(k, dt));
    const predictions = steps.map(() => new Int32Array(P));
    const outputs = steps.map(() => new Float64Array(P * O));
    const J = this.settings.input === 'current' ? this.firstLayer.predict(M).data : null;
    const zbar = new Float64Array(O), y = new Float64Array(O);
    let spikes = 0;
    for (let p = 0; p < P; p++) {
      const info = this.present(p, M.data.subarray(p * M.cols, (p + 1) * M.cols), J ? J.subarray(p * this.sizes[1], (p + 1) * this.sizes[1]) : null, maxSteps, dt, [this.sums]);
      for (const k in info.spikes) if (k !== 'output' && k !== 'input') spikes += info.spikes[k];
      for (let d = 0; d < steps.length; d++) {
        const [a, b] = windows[d];
        for (let j = 0; j < O; j++) zbar[j] = this.sums.mean(j, a, b);
        outputs[d].set(zbar, p * O);
        predictions[d][p] = this.classify(zbar, y);
      }
      o.onProgress?.(p + 1, P);
    }
    const nHidden = this.hidden.reduce((s, h) => s + h.size, 0);
    return { durations: steps.map((k) => k * dt), predictions, outputs, meanHiddenRate: spikes / (P * nHidden * maxSteps * dt) };
  }

  /**
   * One presentation of one input, recorded for plots: the hidden layers' rasters and filtered activities, the
   * output currents over time, and the rate network's view of the same input beside them.
   */
  run(x: ArrayLike<number>, o: RunOneOptions): SpikingRun {
    const name = 'SpikingNetwork.run';
    if (!o || typeof o !== 'object') throw new ValidationError(name, `needs options { duration } in seconds (got ${describeValue(o)})`);
    const dt = o.dt === undefined ? this.settings.dt : checkPositive(`${name}.dt`, o.dt);
    const steps = this.checkDuration(`${name}.duration`, o.duration, dt);
    const sample = checkInteger(`${name}.seed`, o.seed ?? 0, 0);
    if (!(Array.isArray(x) || ArrayBuffer.isView(x))) throw new ValidationError(`${name}.x`, `must be one input of ${this.sizes[0]} numbers (got ${describeValue(x)})`);
    const M = this.checkX([Array.from(x)], `${name}.x`);
    const xr = M.data;
    const J = this.settings.input === 'current' ? this.firstLayer.predict(M).data : null;
    const spikeRecs = this.hidden.map((h) => new SpikeRecorder(h));
    const actRecs = this.hidden.map((h) => new ActivityRecorder(h, { tauS: this.settings.tauS, n: this.settings.n }));
    const trace = new CurrentTrace(this.output);
    this.present(sample, xr, J, steps, dt, [this.sums, trace, ...spikeRecs, ...actRecs]);
    const duration = steps * dt;
    const rate = this.rateForward(xr);
    const [a, b] = this.windowSteps(steps, dt);
    const O = this.output.size;
    const zbar = new Float64Array(O), y = new Float64Array(O);
    for (let j = 0; j < O; j++) zbar[j] = this.sums.mean(j, a, b);
    const prediction = this.classify(zbar, y);
    return {
      duration, dt, activityTimes: actRecs[0].t,
      hidden: this.hidden.map((h, l) => ({
        spikes: spikeRecs[l].spikes,
        counts: spikeRecs[l].counts,
        rates: Float64Array.from(spikeRecs[l].counts, (c) => c / duration),
        rateNetRates: Float64Array.from(rate.z[l], (z) => lifRateRaw(z, this.specs[l].tauM, this.specs[l].tauRef)),
        activities: actRecs[l].values,
      })),
      t: trace.t, outputCurrents: trace.values, window: [a * dt, b * dt],
      meanCurrent: Array.from(zbar), output: Array.from(y), rateOutput: Array.from(rate.y), prediction,
    };
  }

  /**
   * The rate network's forward pass for one input, layer by layer: z per layer and the output y. Hidden rates
   * use the trained activation (a·G or a·soft-G); this is the reference the spiking network is compared with.
   */
  rateForward(x: ArrayLike<number>): { z: Float64Array[]; y: Float64Array } {
    const L = this.params.length;
    let h = Float64Array.from(x);
    const zs: Float64Array[] = [];
    for (let l = 0; l < L; l++) {
      const { W, b } = this.params[l];
      const M = b.length, N = h.length;
      const z = new Float64Array(M);
      for (let j = 0; j < M; j++) {
        let acc = b[j];
        for (let i = 0; i < N; i++) acc += W[j * N + i] * h[i];
        z[j] = acc;
      }
      zs.push(z);
      const out = new Float64Array(M);
      this.mlp.activations[l].forward(z, out, 1, M);
      h = out;
    }
    return { z: zs.slice(0, L - 1), y: h };
  }

  /** The readout window of a presentation of `steps` steps, as [first step, end step). */
  windowSteps(steps: number, dt: number): [number, number] {
    const skip = Math.min(Math.round(this.settings.readoutStart / dt), Math.floor(steps / 2));
    return [skip, steps];
  }

  // ---- internals ----

  /** Resets the network, sets the sample's input and initial state, and runs `steps` steps of dt. */
  private present(index: number, x: Float64Array, J: Float64Array | null, steps: number, dt: number, recorders: Recorder[]) {
    const s = this.settings, net = this.network;
    const seed = (Math.imul(s.seed, 0x9e3779b1) + index) | 0;
    if (this.source) {
      const r = new Float64Array(x.length);
      for (let i = 0; i < x.length; i++) r[i] = x[i] * s.inputRate;
      this.source.setRates(r, seed ^ 0x5bd1e995, 'toSpiking.input');
    }
    net.reset();
    const h0 = this.hidden[0];
    if (J) h0.bias.set(J);
    const rng = new Rng(seed);
    for (let l = 0; l < this.hidden.length; l++) {
      const pop = this.hidden[l];
      const v = pop.state.v, ref = pop.state.refractory;
      ref.fill(0);
      if (s.init === 'zero') v.fill(0);
      else if (s.init === 'stationary' && l === 0 && J) stationaryPhase(J, this.specs[0], rng, v, ref);
      else for (let i = 0; i < v.length; i++) v[i] = rng.random();
    }
    return net.run(steps * dt, dt, { recorders });
  }

  private classify(z: Float64Array, y: Float64Array): number {
    const O = z.length;
    this.outAct.forward(z, y, 1, O);
    return rowClass(y, 0, O);
  }

  private checkDuration(name: string, d: unknown, dt: number): number {
    const v = checkFinite(name, d);
    if (!(v >= dt * (1 - 1e-9))) throw new ValidationError(name, `must be at least one time step dt = ${dt} s (got ${describeValue(d)} s)`);
    const steps = Math.round(v / dt);
    if (steps > 1e8) throw new ValidationError(name, `gives ${steps} steps of ${dt} s; at most 1e8 are allowed (got ${v} s)`);
    return steps;
  }

  private checkX(X: unknown, name: string): Matrix {
    const M = asMatrix(X, name);
    if (M.cols !== this.sizes[0]) {
      throw new ValidationError(name, `inputs must have ${this.sizes[0]} entries, the network's input size (sizes [${this.sizes.join(', ')}]) (got ${M.cols})`);
    }
    for (let k = 0; k < M.data.length; k++) {
      const v = M.data[k];
      if (!Number.isFinite(v)) throw new ValidationError(name, `entry [${Math.floor(k / M.cols)}][${k % M.cols}] must be a finite number (got ${v})`);
      if (this.settings.input === 'poisson' && v < 0) {
        throw new ValidationError(name, `entry [${Math.floor(k / M.cols)}][${k % M.cols}] must be >= 0 for Poisson input (a rate ∝ x) (got ${v})`);
      }
    }
    return M;
  }
}

/**
 * Starts each neuron at a uniformly random phase of its firing cycle under the constant input J (period 1/G(J)):
 * the time since its last spike is u/G(J), u ~ U[0, 1); within τ_ref of it the neuron is refractory, after it
 * v = J(1 − e^(−(a − τ_ref)/τ_m)) (notes §2.1 solved from reset 0). A neuron below threshold sits at v = J.
 */
export function stationaryPhase(J: ArrayLike<number>, h: { tauM: number; tauRef: number }, rng: Rng, v: Float64Array, ref: Float64Array): void {
  for (let i = 0; i < v.length; i++) {
    const j = J[i];
    const r = lifRateRaw(j, h.tauM, h.tauRef);
    const u = rng.random();
    if (!(r > 0)) {
      v[i] = j;
      ref[i] = 0;
      continue;
    }
    const a = u / r;
    if (a < h.tauRef) {
      v[i] = 0;
      ref[i] = h.tauRef - a;
    } else {
      v[i] = -j * Math.expm1(-(a - h.tauRef) / h.tauM);
      ref[i] = 0;
    }
  }
}

/** Validates {@link ToSpikingOptions}, filling defaults. */
export function resolveSpikingOptions(o: ToSpikingOptions, hidden: readonly HiddenSpec[]): SpikingSettings {
  checkKnownKeys('toSpiking', o, KNOWN);
  const psc = resolvePsc({ tauS: o.tauS ?? 0.005, n: o.n ?? 0 }, 'toSpiking');
  const dt = checkPositive('toSpiking.dt', o.dt ?? 0.001);
  const input = checkOneOf('toSpiking.input', o.input ?? 'current', ['current', 'poisson'] as const);
  const inputRate = checkPositive('toSpiking.inputRate', o.inputRate ?? 200);
  let amplitude: number[];
  if (o.amplitude === undefined) amplitude = hidden.map((h) => h.amplitude);
  else if (typeof o.amplitude === 'number') amplitude = hidden.map(() => checkPositive('toSpiking.amplitude', o.amplitude));
  else if (Array.isArray(o.amplitude)) {
    if (o.amplitude.length !== hidden.length) throw new ValidationError('toSpiking.amplitude', `must be one number or one per hidden layer (${hidden.length}) (got ${o.amplitude.length})`);
    amplitude = o.amplitude.map((a, l) => checkPositive(`toSpiking.amplitude[${l}]`, a));
  } else throw new ValidationError('toSpiking.amplitude', `must be a number or an array of numbers (got ${describeValue(o.amplitude)})`);
  const readoutStart = checkNonNegative('toSpiking.readoutStart', o.readoutStart ?? (psc.n + 1) * psc.tauS);
  const init = checkOneOf('toSpiking.init', o.init ?? 'stationary', ['stationary', 'uniform', 'zero'] as const);
  const seed = checkInteger('toSpiking.seed', o.seed ?? 0, 0);
  return { tauS: psc.tauS, n: psc.n, dt, input, inputRate, amplitude, readoutStart, init, seed };
}

function scaled(W: Float64Array, a: number): Float64Array {
  const out = new Float64Array(W.length);
  for (let k = 0; k < W.length; k++) out[k] = a * W[k];
  return out;
}

/** z(t_i) of a readout at the start of every step (the current the output read during that step). */
class CurrentTrace implements Recorder {
  t = new Float64Array(0);
  values: Float64Array[] = [];
  private t0 = 0;
  private dt = 0;
  constructor(readonly pop: Population<'z'>) {}
  start(_net: Network, steps: number, dt: number, t0: number): void {
    this.t = new Float64Array(steps);
    this.values = Array.from({ length: this.pop.size }, () => new Float64Array(steps));
    this.t0 = t0;
    this.dt = dt;
  }
  record(step: number): void {
    this.t[step] = this.t0 + step * this.dt;
    const z = this.pop.state.z;
    for (let j = 0; j < z.length; j++) this.values[j][step] = z[j];
  }
}
