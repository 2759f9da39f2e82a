/**
 * The network panel's job: the random E/I LIF network of `src/experiments/network.ts` (the scenario behind
 * `npm run sim -- network`), with partial results handed out while it runs and everything prepared for display:
 * long v traces min–max decimated, large rasters thinned by neuron. Figures: `networkFigures` (shared with the sim).
 * @module
 */
import type { Progress } from '../../src/core/progress.js';
import { buildNetwork, resolveNetwork, runNetwork, type NetworkRun, type NetworkRunOptions } from '../../src/experiments/network.js';
import { toPyNN } from '../../src/export/pynn.js';
import { minMaxIndices } from './decimate.js';
import { checkExportSynapses, checkNeuronSteps } from './limits.js';

/** Options of {@link runNetworkStreaming}: the scenario's, plus how often a partial result is handed out. */
export interface NetworkStreamOptions extends NetworkRunOptions {
  /** Wall-clock seconds between partial results. @default 0.25 */
  partialEvery?: number;
}

/** Runs the E/I network (within the page's limit), calling `onPartial(run, fraction)` with the results so far. */
export function runNetworkStreaming(o: NetworkStreamOptions = {}, onProgress?: Progress, onPartial?: (partial: NetworkRun, fraction: number) => void): NetworkRun {
  const { partialEvery = 0.25, ...rest } = o;
  const s = resolveNetwork(rest);
  checkNeuronSteps(s.size, s.duration, s.dt);
  return runNetwork(rest, onProgress, onPartial ? { onPartial, every: partialEvery } : undefined);
}

/** Membrane traces longer than this are min–max decimated for display (every spike peak and reset kept). */
export const NETWORK_TRACE_POINTS = 4000;
/** At most this many spikes are drawn in the raster (an SVG plot stays quick); beyond, every k-th neuron is drawn. */
export const NETWORK_RASTER_POINTS = 12_000;
/** The same for partial results, redrawn while the run goes on. */
export const NETWORK_PARTIAL_RASTER_POINTS = 4_000;

/** What {@link forDisplay} kept of the raster: every `every`-th neuron (1: all). */
export interface RasterShown {
  every: number;
}

/**
 * A network run prepared for display: v traces and population rates min–max decimated (every spike peak and reset,
 * every rate extreme kept) to about `maxPoints` samples; a raster of
 * more than `maxSpikes` spikes thinned to every k-th neuron of each population (`rasterEvery` = k). Rates, counts
 * and statistics are computed from the full run first and are unchanged.
 */
export function forDisplay(run: NetworkRun, maxPoints = NETWORK_TRACE_POINTS, maxSpikes = NETWORK_RASTER_POINTS): NetworkRun & RasterShown {
  let out: NetworkRun & RasterShown = { ...run, every: 1 };
  const { t, v, neurons } = run.traces;
  if (t.length > maxPoints) {
    const idx = minMaxIndices(v, t.length, Math.max(1, Math.floor(maxPoints / (2 * Math.max(1, v.length)))));
    const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
    out = { ...out, traces: { t: pick(t), v: v.map(pick), neurons } };
  }
  // The population rate has a 1 ms bin: a long run would redraw ever longer lines with each partial result.
  const r = run.rate;
  if (r.t.length > maxPoints) {
    const idx = minMaxIndices([r.exc, r.inh], r.t.length, Math.max(1, Math.floor(maxPoints / 4)));
    const pick = (a: Float64Array) => Float64Array.from(idx, (i) => a[i]);
    out = { ...out, rate: { t: pick(r.t), exc: pick(r.exc), inh: pick(r.inh) } };
  }
  const spikes = run.raster.exc.index.length + run.raster.inh.index.length;
  if (spikes > maxSpikes) {
    const every = Math.ceil(spikes / maxSpikes);
    const thin = (r: { index: Int32Array; time: Float64Array }) => {
      const keep: number[] = [];
      for (let k = 0; k < r.index.length; k++) if (r.index[k] % every === 0) keep.push(k);
      return { index: Int32Array.from(keep, (k) => r.index[k]), time: Float64Array.from(keep, (k) => r.time[k]) };
    };
    out = { ...out, every, raster: { exc: thin(run.raster.exc), inh: thin(run.raster.inh) } };
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
  run: NetworkRun & RasterShown;
  /** True for a partial result (the run goes on). */
  partial: boolean;
  fraction: number;
}

/** Runs the network panel's job; `onPartial` receives display-ready partial results while it runs. */
export function runNetworkJob({ kind: _k, ...o }: NetworkJob, onProgress?: Progress, onPartial?: (partial: NetworkJobResult) => void): NetworkJobResult {
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
