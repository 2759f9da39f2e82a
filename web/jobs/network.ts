/**
 * The network panel's job: the random E/I LIF network of `src/experiments/network.ts` (the scenario behind
 * `npm run sim -- network`), refused before anything is allocated when it would not fit in the page's memory, with
 * the connectivity build's progress, partial results handed out while it runs and everything prepared for display:
 * long v traces and population rates min–max decimated, large rasters thinned by neuron (uniformly over the whole
 * run: the scenario's raster is already a uniform sample when it was full). Figures: `networkFigures` (shared with
 * the sim).
 * @module
 */
import { buildNetwork, resolveNetwork, runNetwork, type NetworkRun, type NetworkRunOptions } from '../../src/experiments/network.js';
import { toPyNN } from '../../src/export/pynn.js';
import { decimateTrace, DISPLAY_COLUMNS, DISPLAY_LINE_POINTS, minMaxIndices } from './decimate.js';
import type { JobProgress } from './jobs.js';
import { checkExportSynapses, checkNetworkMemory, checkNeuronSteps } from './limits.js';

/** Options of {@link runNetworkStreaming}: the scenario's, plus how often a partial result is handed out. */
export interface NetworkStreamOptions extends NetworkRunOptions {
  /** Wall-clock seconds between partial results. @default 0.25 */
  partialEvery?: number;
}

/**
 * Runs the E/I network (within the page's limits), calling `onPartial(run, fraction)` with the results so far and
 * `onProgress` with stage 'build' while the connectivity is drawn, then with the steps.
 */
export function runNetworkStreaming(o: NetworkStreamOptions = {}, onProgress?: JobProgress, onPartial?: (partial: NetworkRun, fraction: number) => void): NetworkRun {
  const { partialEvery = 0.25, ...rest } = o;
  const s = resolveNetwork(rest);
  checkNeuronSteps(s.size, s.duration, s.dt);
  checkNetworkMemory(s.size, s.p);
  const partials = onPartial || onProgress ? {
    onPartial: onPartial ?? (() => {}),
    every: onPartial ? partialEvery : Infinity,
    onBuild: onProgress && ((done: number, total: number) => onProgress(done, total, 'build')),
  } : undefined;
  return runNetwork(rest, onProgress && ((done, total) => onProgress(done, total, 'run')), partials);
}

/** Membrane traces longer than this are min–max decimated for display (every spike peak and reset kept). */
export const NETWORK_TRACE_POINTS = 2 * DISPLAY_COLUMNS;
/**
 * At most this many spikes are drawn in the raster (painted into one image, plot.ts); beyond, every k-th neuron is
 * drawn. As many as the scenario keeps (its rasterLimit), so a finished raster shows all it holds.
 */
export const NETWORK_RASTER_POINTS = 200_000;
/** The same for partial results, sent and redrawn every 0.4 s while the run goes on. */
export const NETWORK_PARTIAL_RASTER_POINTS = 50_000;

/** What {@link forDisplay} drew from: samples of each v trace and bins of each population rate. */
export interface NetworkShown {
  shown: { traceSamples: number; rateBins: number };
}

/**
 * A network run prepared for display: v traces and population rates min–max decimated (every peak kept); a raster
 * of more than `maxSpikes` spikes thinned to every k-th neuron of each population, on top of the neurons the
 * scenario kept (`rasterEvery` says which are drawn). Counts, mean rates and statistics come from the full run.
 */
export function forDisplay(run: NetworkRun, maxPoints = NETWORK_TRACE_POINTS, maxSpikes = NETWORK_RASTER_POINTS): NetworkRun & NetworkShown {
  const shown = { traceSamples: run.traces.t.length, rateBins: run.rate.t.length };
  let out: NetworkRun & NetworkShown = { ...run, shown };
  const { t, v, neurons } = run.traces;
  if (t.length > maxPoints) {
    const idx = minMaxIndices(v, t.length, Math.max(1, Math.floor(maxPoints / (2 * Math.max(1, v.length)))));
    const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
    out = { ...out, traces: { t: pick(t), v: v.map(pick), neurons } };
  }
  if (run.rate.t.length > DISPLAY_LINE_POINTS) out = { ...out, rate: decimateTrace(run.rate, ['exc', 'inh'], 2 * DISPLAY_COLUMNS) };
  const spikes = run.raster.exc.index.length + run.raster.inh.index.length;
  if (spikes > maxSpikes) {
    // Every m-th of the neurons each population kept: those of index a multiple of (its stride × m).
    const m = Math.ceil(spikes / maxSpikes);
    const every = { exc: run.rasterEvery.exc * m, inh: run.rasterEvery.inh * m };
    const thin = (r: { index: Int32Array; time: Float64Array }, k: number) => {
      const keep: number[] = [];
      for (let s = 0; s < r.index.length; s++) if (r.index[s] % k === 0) keep.push(s);
      return { index: Int32Array.from(keep, (s) => r.index[s]), time: Float64Array.from(keep, (s) => r.time[s]) };
    };
    out = { ...out, rasterEvery: every, raster: { exc: thin(run.raster.exc, every.exc), inh: thin(run.raster.inh, every.inh) } };
  }
  return out;
}

/** Run the E/I network (partial results stream back while it runs). */
export interface NetworkJob extends NetworkStreamOptions {
  kind: 'network';
}

/** A partial or final network run. */
export interface NetworkJobResult {
  kind: 'network';
  /** The run, prepared by {@link forDisplay}. */
  run: NetworkRun & NetworkShown;
  /** True for a partial result (the run goes on). */
  partial: boolean;
  fraction: number;
}

/** Runs the network panel's job; `onPartial` receives display-ready partial results while it runs. */
export function runNetworkJob({ kind: _k, ...o }: NetworkJob, onProgress?: JobProgress, onPartial?: (partial: NetworkJobResult) => void): NetworkJobResult {
  // Partial results are drawn while the run goes on: smaller rasters keep each redraw short (the page stays responsive).
  const run = runNetworkStreaming(o, onProgress, onPartial ? (p, fraction) => onPartial({ kind: 'network', run: forDisplay(p, NETWORK_TRACE_POINTS, NETWORK_PARTIAL_RASTER_POINTS), partial: true, fraction }) : undefined);
  return { kind: 'network', run: forDisplay(run), partial: false, fraction: 1 };
}

/** Export the E/I network, as the panel's settings build it, to PyNN (`toPyNN`). */
export interface NetworkExportJob extends NetworkRunOptions {
  kind: 'networkExport';
}

/** The files of the export: run.py first, then any data files beside it. */
export interface NetworkExportJobResult {
  kind: 'networkExport';
  files: Record<string, string>;
}

/**
 * Builds the scenario's network (`buildNetwork`, the one `runNetwork` runs) and writes it with `toPyNN` for the
 * settings' duration and dt. Models PyNN has no standard cell for are refused with the exporter's ValidationError.
 */
export function runNetworkExportJob({ kind: _k, ...o }: NetworkExportJob): NetworkExportJobResult {
  const s = resolveNetwork(o);
  checkExportSynapses(s.size * s.size * s.p);
  const { net } = buildNetwork(o);
  return { kind: 'networkExport', files: toPyNN(net, { duration: s.duration, dt: s.dt }).files };
}
