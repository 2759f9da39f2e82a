/**
 * The random E/I LIF network of `network.ts`, run so that results can be shown while it runs (issue 8's network
 * panel): the same populations, connections, seeds and recorders as {@link runNetwork} (the final result is
 * identical, which the tests check), plus a {@link StreamRecorder} that hands out a {@link NetworkRun} of what has
 * been simulated so far every `partialEvery` seconds of wall time. Figures: `networkFigures` (shared with the sim).
 *
 * Why a second entry point: `runNetwork` keeps its recorders to itself until it returns; streaming needs to read
 * them mid-run. (Were `runNetwork` to accept an `onPartial` hook, this file would shrink to that call.)
 * @module
 */
import type { Progress } from '../core/progress.js';
import { mulberry32 } from '../core/rng.js';
import { ValidationError } from '../core/errors.js';
import { Network } from '../network/network.js';
import { Population } from '../network/population.js';
import { RateRecorder, SpikeRecorder, StateRecorder, StreamRecorder, type Recorder } from '../network/recorders.js';
import { resolveNetwork, type NetworkRun, type NetworkRunOptions } from './network.js';

/** At most this many neuron-steps per run from the page (N × duration / dt), so a typo cannot hang the worker. */
export const MAX_NEURON_STEPS = 2e9;

/** Options of {@link runNetworkStreaming}: the scenario's, plus how often a partial result is handed out. */
export interface NetworkStreamOptions extends NetworkRunOptions {
  /** Wall-clock seconds between partial results. @default 0.25 */
  partialEvery?: number;
}

/** Runs the E/I network, calling `onPartial(run, fraction)` with the results so far while it runs. */
export function runNetworkStreaming(o: NetworkStreamOptions = {}, onProgress?: Progress, onPartial?: (partial: NetworkRun, fraction: number) => void): NetworkRun {
  const { partialEvery = 0.25, ...rest } = o;
  const s = resolveNetwork(rest);
  const work = s.size * (s.duration / s.dt);
  if (work > MAX_NEURON_STEPS) {
    throw new ValidationError('network.duration', `N × duration / dt = ${work.toExponential(2)} neuron-steps; the page allows at most ${MAX_NEURON_STEPS.toExponential(0)} (fewer neurons, a shorter run or a larger dt)`);
  }
  // Construction exactly as runNetwork's (network.ts): same seeds, same order of draws.
  const nE = Math.max(1, Math.min(s.size - 1, Math.round(s.size * s.excitatoryFraction)));
  const nI = s.size - nE;
  const init = mulberry32(s.seed);
  const v0 = (n: number) => Float64Array.from({ length: n }, () => init());
  const net = new Network();
  const make = (name: string, n: number) => s.model === 'lif'
    ? Population.lif(name, n, { tauM: 0.02, tauRef: 0.002 }, { bias: s.bias, init: { v: v0(n) } })
    : Population.currentLif(name, n, { tauM: 0.02, tauRef: 0.002, tauS: s.tauS }, { bias: s.bias, init: { v: v0(n) } });
  const exc = net.add(make('exc', nE));
  const inh = net.add(make('inh', nI));
  const rng = mulberry32(s.seed + 1000);
  const common = { p: s.p, rng, tauS: s.tauS, n: 0, delay: s.delay };
  const wE = s.wE * s.tauS, wI = Math.abs(s.wI) * s.tauS;
  for (const post of [exc, inh]) {
    net.connect(exc, post, { ...common, weight: wE, sign: 'excitatory' });
    net.connect(inh, post, { ...common, weight: wI, sign: 'inhibitory' });
  }
  const half = Math.floor(s.rasterLimit / 2);
  const rasterE = new SpikeRecorder(exc, { limit: half }), rasterI = new SpikeRecorder(inh, { limit: s.rasterLimit - half });
  const rateE = new RateRecorder(exc, { bin: 0.001 }), rateI = new RateRecorder(inh, { bin: 0.001 });
  const shown = [0, 1, 2].filter((i) => i < nE);
  // v every 0.1 ms as runNetwork, but at most ~200,000 samples per trace (memory stays bounded on long page runs).
  const every = Math.max(1, Math.round(1e-4 / s.dt), Math.ceil(s.duration / s.dt / 200_000));
  const vRec = new StateRecorder(exc, 'v', { neurons: shown, every });
  const synapses = net.connections.reduce((a, c) => a + c.synapses, 0);
  const steps = Math.round(s.duration / s.dt);
  const binSteps = Math.max(1, Math.round(0.001 / s.dt));

  /** What has been simulated after `done` steps (copies: the recorders keep running). */
  const snapshot = (done: number): NetworkRun => {
    const t = done * s.dt;
    const bins = Math.floor(done / binSteps), samples = Math.floor(done / every) + 1;
    const eSp = rasterE.spikes, iSp = rasterI.spikes;
    return {
      settings: s,
      spikes: { exc: rasterE.total, inh: rasterI.total },
      meanRate: { exc: rasterE.total / (nE * t), inh: rasterI.total / (nI * t) },
      cv: NaN, synapses, synapticEvents: NaN, wallSeconds: NaN,
      raster: { exc: eSp, inh: iSp },
      rate: { t: rateE.t.slice(0, bins), exc: rateE.rate.slice(0, bins), inh: rateI.rate.slice(0, bins) },
      traces: { t: vRec.t.slice(0, samples), v: vRec.values.map((v) => v.slice(0, samples)), neurons: shown },
    };
  };
  const recorders: Recorder[] = [rasterE, rasterI, rateE, rateI, vRec];
  let last = performance.now();
  if (onPartial) {
    // Checked every ~1 ms of simulated time (cheap); a partial goes out when `partialEvery` s of wall time passed.
    recorders.push(new StreamRecorder((t) => {
      const now = performance.now();
      if (now - last < partialEvery * 1000) return;
      last = now;
      const done = Math.round(t / s.dt);
      if (done < steps) onPartial(snapshot(done), done / steps);
    }, { every: binSteps }));
  }
  const info = net.run(s.duration, s.dt, { recorders, onProgress });
  const full = snapshot(steps);
  return {
    ...full,
    meanRate: { exc: rasterE.total / (nE * s.duration), inh: rasterI.total / (nI * s.duration) },
    rate: { t: rateE.t, exc: rateE.rate, inh: rateI.rate },
    traces: { t: vRec.t, v: vRec.values, neurons: shown },
    cv: meanCv([rasterE, rasterI]),
    synapticEvents: info.synapticEvents,
    wallSeconds: info.wallSeconds,
  };
}

/** Mean CV of inter-spike intervals over neurons with ≥ 3 spikes (as network.ts computes it). */
function meanCv(recs: SpikeRecorder[]): number {
  let acc = 0, n = 0;
  for (const r of recs) {
    const { index, time } = r.spikes;
    const last = new Float64Array(r.pop.size).fill(NaN);
    const s1 = new Float64Array(r.pop.size), s2 = new Float64Array(r.pop.size), c = new Int32Array(r.pop.size);
    for (let k = 0; k < index.length; k++) {
      const i = index[k];
      if (last[i] === last[i]) {
        const d = time[k] - last[i];
        s1[i] += d;
        s2[i] += d * d;
        c[i]++;
      }
      last[i] = time[k];
    }
    for (let i = 0; i < c.length; i++) if (c[i] >= 2) {
      const m = s1[i] / c[i];
      acc += Math.sqrt(Math.max(0, s2[i] / c[i] - m * m)) / m;
      n++;
    }
  }
  return n ? acc / n : NaN;
}
