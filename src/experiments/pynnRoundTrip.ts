/**
 * The PyNN round trip's scenarios: a named network (CUBA, COBA, the feed-forward scenario, the E/I network) built for
 * export, spikebridge's own run of it with every population's spikes recorded, the comparison with the spikes
 * PyNN/NEURON wrote back, and the side-by-side rasters. Writing files and running Python live in the sim.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { checkKnownKeys, checkOneOf, checkPositive } from '../core/validate.js';
import { compareSpikes, type SpikeComparison } from '../export/compare.js';
import type { SpikeRecord } from '../export/pynnResults.js';
import type { Network } from '../network/network.js';
import { SpikeRecorder } from '../network/recorders.js';
import { buildCoba } from './coba.js';
import { buildCuba } from './cuba.js';
import { buildFeedforward } from './feedforward.js';
import { layout, type Figure, type Trace } from './figure.js';
import { buildNetwork } from './network.js';

/** Networks the export sim knows. */
export const EXPORT_NETWORKS = ['cuba', 'feedforward', 'network', 'coba'] as const;
/** One of {@link EXPORT_NETWORKS}. */
export type ExportNetworkName = (typeof EXPORT_NETWORKS)[number];

/** Options of {@link buildExportScenario}; unset values take the scenario's defaults. */
export interface ExportScenarioOptions {
  network: ExportNetworkName;
  /** s. @default 1 */
  duration?: number;
  /** s. @default 1e-4 (cuba, network), 1e-5 (feedforward: compared spike by spike) */
  dt?: number;
  /** Neurons (cuba, network). */
  size?: number;
  /** Connection probability (cuba, network). */
  p?: number;
  /** Fixed in-degree instead of p (cuba). */
  inDegree?: number;
  /** Seed (feedforward, network). */
  seed?: number;
}

/** A part of a population reported on its own (e.g. CUBA's excitatory neurons). */
export interface Group {
  name: string;
  population: string;
  start: number;
  end: number;
}

/** A network ready for export and for spikebridge's own run. */
export interface ExportScenario {
  name: ExportNetworkName;
  net: Network;
  duration: number;
  dt: number;
  /** No recurrence and no chaos: both simulators should produce the same spikes. */
  deterministic: boolean;
  /** What is reported: every population, and for CUBA its excitatory and inhibitory neurons. */
  groups: Group[];
  settings: Record<string, unknown>;
}

/** Builds the named network with its run settings. */
export function buildExportScenario(o: ExportScenarioOptions): ExportScenario {
  checkKnownKeys('export', o, ['network', 'duration', 'dt', 'size', 'p', 'inDegree', 'seed']);
  const name = checkOneOf('export.network', o.network, EXPORT_NETWORKS);
  const duration = checkPositive('export.duration', o.duration ?? 1);
  const dt = checkPositive('export.dt', o.dt ?? (name === 'feedforward' ? 1e-5 : 1e-4));
  const defined = <T extends object>(x: T) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)) as T;
  const whole = (net: Network): Group[] => net.populations.map((p) => ({ name: p.name, population: p.name, start: 0, end: p.size }));
  if (name === 'cuba') {
    if (o.seed !== undefined) throw new ValidationError('export.seed', 'cuba has fixed seeds (connectivity 2024, v(0) 7)');
    const { net, pop, settings, nExc } = buildCuba(defined({ size: o.size, p: o.p, inDegree: o.inDegree, duration, dt }));
    const groups = [...whole(net), { name: 'cuba:exc', population: pop.name, start: 0, end: nExc }, { name: 'cuba:inh', population: pop.name, start: nExc, end: pop.size }];
    return { name, net, duration, dt, deterministic: false, groups, settings: { ...settings } };
  }
  if (o.inDegree !== undefined) throw new ValidationError('export.inDegree', `only cuba takes a fixed in-degree (got it for ${name})`);
  if (name === 'coba') {
    if (o.size !== undefined || o.p !== undefined) throw new ValidationError('export.size', 'COBA is the benchmark network (4,000 neurons, p = 0.02); size and p do not apply');
    const { net, settings } = buildCoba(defined({ seed: o.seed, duration, dt }));
    return { name, net, duration, dt, deterministic: false, groups: whole(net), settings: { ...settings } };
  }
  if (name === 'feedforward') {
    if (o.size !== undefined || o.p !== undefined) throw new ValidationError('export.size', 'the feed-forward scenario has 50 Poisson inputs → 20 LIF; size and p do not apply');
    const { net, settings } = buildFeedforward(defined({ duration, dt, seed: o.seed, settle: 0 }));
    return { name, net, duration, dt, deterministic: true, groups: whole(net), settings: { ...settings } };
  }
  const { net, settings } = buildNetwork(defined({ size: o.size, p: o.p, seed: o.seed, duration, dt }));
  return { name, net, duration, dt, deterministic: false, groups: whole(net), settings: { ...settings } };
}

/** spikebridge's own run of the scenario: every population's spikes, and the wall time of the loop. */
export function runScenario(s: ExportScenario, onProgress?: (done: number, total: number) => void): { spikes: Record<string, SpikeRecord>; wallSeconds: number } {
  const recs = s.net.populations.filter((p) => p.kind !== 'current').map((p) => new SpikeRecorder(p, { limit: 5e7 }));
  const info = s.net.run(s.duration, s.dt, { recorders: recs, onProgress });
  return { spikes: Object.fromEntries(recs.map((r) => [r.pop.name, r.spikes])), wallSeconds: info.wallSeconds };
}

/** The spikes of each group (indices relative to the group's start). */
export function groupSpikes(spikes: Record<string, SpikeRecord>, groups: readonly Group[]): Record<string, SpikeRecord> {
  const out: Record<string, SpikeRecord> = {};
  for (const g of groups) {
    const r = spikes[g.population];
    if (!r) continue;
    const index: number[] = [], time: number[] = [];
    for (let k = 0; k < r.index.length; k++) {
      const i = r.index[k];
      if (i >= g.start && i < g.end) {
        index.push(i - g.start);
        time.push(r.time[k]);
      }
    }
    out[g.name] = { index: Int32Array.from(index), time: Float64Array.from(time) };
  }
  return out;
}

/**
 * Compares two runs of the scenario (a = spikebridge, b = PyNN) group by group; the totals count each neuron once
 * (whole populations), whatever parts of them are also reported.
 */
export function compareScenario(s: ExportScenario, a: Record<string, SpikeRecord>, b: Record<string, SpikeRecord>): SpikeComparison {
  const compare = (groups: Group[]) => compareSpikes(groupSpikes(a, groups), groupSpikes(b, groups), {
    populations: groups.map((g) => ({ name: g.name, size: g.end - g.start })),
    duration: s.duration,
  });
  const whole = s.groups.filter((g) => g.name === g.population);
  const parts = s.groups.filter((g) => g.name !== g.population);
  const c = compare(whole);
  if (parts.length) Object.assign(c.populations, compare(parts).populations);
  return c;
}

/** Rasters of both runs side by side (populations stacked), at most `limit` spikes per side. */
export function roundTripFigures(s: ExportScenario, a: Record<string, SpikeRecord>, b: Record<string, SpikeRecord>, labels: [string, string], limit = 200_000): Figure[] {
  const pops = s.net.populations.filter((p) => p.kind !== 'current');
  const colors = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e'];
  const data: Trace[] = [];
  [a, b].forEach((side, k) => {
    const total = pops.reduce((n, p) => n + (side[p.name]?.index.length ?? 0), 0);
    const stride = Math.max(1, Math.ceil(total / limit));
    let offset = 0;
    pops.forEach((p, c) => {
      const r = side[p.name];
      const x: number[] = [], y: number[] = [];
      if (r) for (let q = 0; q < r.index.length; q += stride) {
        x.push(r.time[q]);
        y.push(r.index[q] + offset);
      }
      data.push({
        type: 'scattergl', mode: 'markers', x, y, name: `${p.name} (${labels[k]})`, xaxis: k ? 'x2' : 'x', yaxis: k ? 'y2' : 'y',
        marker: { size: 2, color: colors[c % colors.length] }, legendgroup: p.name, showlegend: k === 0,
      });
      offset += p.size;
    });
  });
  const base = layout(`${s.name}: ${labels[0]} (left) and ${labels[1]} (right)`, 't (s)', 'neuron (populations stacked)');
  return [{
    title: 'Rasters side by side',
    data,
    layout: {
      ...base,
      xaxis: { ...(base.xaxis as object), domain: [0, 0.48] },
      xaxis2: { title: { text: 't (s)' }, domain: [0.52, 1] },
      yaxis2: { anchor: 'x2', matches: 'y', showticklabels: false },
      annotations: labels.map((text, k) => ({ text, showarrow: false, xref: 'paper', yref: 'paper', x: k ? 0.76 : 0.24, y: 1.04 })),
    },
  }];
}
