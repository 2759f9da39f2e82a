/**
 * Writes a {@link NetworkDescription} as a PyNN 0.10 script for NEURON (`pyNN.neuron`): `run.py`, plus data files
 * beside it when the data are not embedded. Running `run.py` in its folder — serially or under `mpirun` — rebuilds
 * the network (IF_curr_exp / IF_curr_alpha, SpikeSourceArray, FromListConnector lists), runs it, gathers the
 * spikes on rank 0 and writes `spikes.csv` (`population,index,time_s`) next to it.
 *
 * The text is produced as a stream of chunks ({@link pyNNChunks}) of at most `chunkRows` data rows, so a network
 * of millions of synapses is written without ever holding its connection list as one string. Memory: the
 * description holds four numbers per synapse (~32 bytes: 4 M synapses ≈ 125 MB, measured beside a 47 MB network of
 * 40,000 CUBA neurons) and writing retains one chunk (~2 MB) beyond it. {@link pyNNFiles} collects the chunks into one
 * string per file, which is what {@link toPyNN} returns: fine up to a few million synapses (a JavaScript string
 * holds at most ~5·10⁸ characters, ~10⁷ connection rows); beyond, write the chunks as they come.
 *
 * Delays: NEURON aborts under MPI when a delay is not longer than dt ("mindelay is 0 (or less than dt for fixed
 * step method)"), so delays of zero or one step are written as dt + ε (ε = dt/1000), which NEURON's fixed step
 * delivers one step after the spike.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkInteger, checkKnownKeys, checkOneOf } from '../core/validate.js';
import type { Network } from '../network/network.js';
import { describeNetwork, type DescribeOptions } from './describe.js';
import type { NetworkDescription, NeuronPopulationDescription, PerNeuronValue } from './description.js';

/** Where the data (connection lists, spike times, per-neuron values) go. */
export type PyNNDataMode = 'inline' | 'files' | 'auto';

/** Options of the PyNN writer. */
export interface PyNNWriteOptions {
  /**
   * 'inline': everything in run.py (one file to download); 'files': data files beside run.py; 'auto': inline up to
   * {@link INLINE_ROWS} data rows. @default 'auto'
   */
  data?: PyNNDataMode;
  /** Data rows per chunk of the stream. @default 65536 */
  chunkRows?: number;
}

/** Options of {@link toPyNN}: the run (duration, dt, recording) and the writer's. */
export type ToPyNNOptions = DescribeOptions & PyNNWriteOptions;

/** A piece of one output file; all chunks of a file come one after another, in order. */
export interface FileChunk {
  file: string;
  text: string;
}

/** 'auto' embeds the data in run.py up to this many rows (~10 MB of script). */
export const INLINE_ROWS = 250_000;

/** The fraction of dt added to delays of zero or one step (NEURON under MPI needs delays longer than dt). */
export const DELAY_EPSILON = 1e-3;

/** A data table: a name (its file), its column count, row count and a row writer. */
interface Table {
  name: string;
  columns: number;
  rows: number;
  row(k: number): string;
}

/**
 * Exports a network to PyNN: `{ files }` maps file names to contents; `run.py` is the entry point.
 * @example
 * ```ts
 * const { files } = toPyNN(net, { duration: 1, dt: 1e-4 });
 * // write each file into one folder, then: mpirun -np 2 python3 run.py → spikes.csv
 * ```
 */
export function toPyNN(network: Network, options: ToPyNNOptions): { files: Record<string, string> } {
  if (options === null || typeof options !== 'object') throw new ValidationError('toPyNN', `needs options { duration, dt } (got ${describeValue(options)})`);
  const { data, chunkRows, ...run } = options;
  return { files: pyNNFiles(describeNetwork(network, run), { data, chunkRows }) };
}

/** Collects {@link pyNNChunks} into one string per file. */
export function pyNNFiles(d: NetworkDescription, o: PyNNWriteOptions = {}): Record<string, string> {
  const parts: Record<string, string[]> = {};
  for (const c of pyNNChunks(d, o)) (parts[c.file] ??= []).push(c.text);
  const files: Record<string, string> = {};
  for (const [f, p] of Object.entries(parts)) files[f] = p.join('');
  return files;
}

/**
 * The PyNN export as a stream of chunks: run.py first, then each data file (with `data: 'files'`). Memory stays
 * bounded by one chunk (`chunkRows` rows) beyond the description itself.
 */
export function* pyNNChunks(d: NetworkDescription, o: PyNNWriteOptions = {}): Generator<FileChunk> {
  checkKnownKeys('toPyNN', o, ['data', 'chunkRows']);
  const mode = checkOneOf('toPyNN.data', o.data ?? 'auto', ['inline', 'files', 'auto'] as const);
  const chunkRows = checkInteger('toPyNN.chunkRows', o.chunkRows ?? 65536, 1);
  const minDelay = d.dt * (1 + DELAY_EPSILON);
  const tables = dataTables(d, minDelay);
  const rows = tables.reduce((a, t) => a + t.rows, 0);
  const inline = mode === 'inline' || (mode === 'auto' && rows <= INLINE_ROWS);
  const script = scriptParts(d, tables, minDelay, inline);
  yield { file: 'run.py', text: script.head };
  if (inline) {
    for (const t of tables) {
      yield { file: 'run.py', text: `DATA[${py(t.name)}] = """\n` };
      yield* rowChunks('run.py', t, chunkRows);
      yield { file: 'run.py', text: '"""\n' };
    }
  }
  yield { file: 'run.py', text: script.tail };
  if (!inline) for (const t of tables) yield* rowChunks(t.name, t, Math.max(1, chunkRows));
}

function* rowChunks(file: string, t: Table, chunkRows: number): Generator<FileChunk> {
  for (let k = 0; k < t.rows; k += chunkRows) {
    const end = Math.min(t.rows, k + chunkRows);
    const lines = new Array<string>(end - k);
    for (let r = k; r < end; r++) lines[r - k] = t.row(r);
    yield { file, text: lines.join('\n') + '\n' };
  }
}

/** A number as Python reads it back exactly (shortest round-trip form). */
function num(x: number): string {
  if (!Number.isFinite(x)) throw new ValidationError('toPyNN', `cannot write the non-finite number ${x}`);
  return String(x);
}

/** A Python string literal (names are letters, digits, _ . - and >, :). */
function py(s: string): string {
  return JSON.stringify(s);
}

function perNeuronFile(pop: string, param: string): string {
  return `${pop}.${param}.txt`;
}

function projectionFile(k: number, pre: string, post: string, receptor: string): string {
  return `projection${k}.${pre}.${post}.${receptor}.txt`;
}

/** Every data table of the description, in the order run.py reads them. */
function dataTables(d: NetworkDescription, minDelay: number): Table[] {
  const tables: Table[] = [];
  const column = (name: string, a: number[]) => tables.push({ name, columns: 1, rows: a.length, row: (k) => num(a[k]) });
  for (const p of d.populations) {
    if (p.kind === 'spike-source') {
      const idx: number[] = [], pos: number[] = [];
      p.spikeTimes.forEach((tr, i) => tr.forEach((_, k) => (idx.push(i), pos.push(k))));
      tables.push({ name: perNeuronFile(p.name, 'spikes'), columns: 2, rows: idx.length, row: (k) => `${idx[k]} ${num(p.spikeTimes[idx[k]][pos[k]])}` });
      continue;
    }
    for (const [param, v] of Object.entries(p.parameters)) if (Array.isArray(v)) column(perNeuronFile(p.name, param), v);
    if (Array.isArray(p.initial.v)) column(perNeuronFile(p.name, 'v_init'), p.initial.v);
  }
  d.projections.forEach((q, k) => {
    const c = q.connections;
    tables.push({
      name: projectionFile(k, q.pre, q.post, q.receptor), columns: 4, rows: c.pre.length,
      row: (r) => `${c.pre[r]} ${c.post[r]} ${num(c.weight[r])} ${num(c.delay[r] < minDelay ? minDelay : c.delay[r])}`,
    });
  });
  return tables;
}

/** A parameter value in Python: a number, or the column of its data file. */
function pyValue(pop: NeuronPopulationDescription, v: PerNeuronValue, file: string): string {
  return Array.isArray(v) ? `column(${py(file)}, ${pop.size})` : num(v);
}

/** run.py around the (optional) embedded data. */
function scriptParts(d: NetworkDescription, tables: Table[], minDelay: number, inline: boolean): { head: string; tail: string } {
  let lowered = 0, maxDelay = minDelay, lowest = Infinity;
  for (const q of d.projections) {
    for (const x of q.connections.delay) {
      if (x < minDelay) lowered++;
      const e = x < minDelay ? minDelay : x;
      if (e > maxDelay) maxDelay = e;
      if (e < lowest) lowest = e;
    }
  }
  if (lowest === Infinity) lowest = minDelay;
  const synapses = d.projections.reduce((a, q) => a + q.connections.pre.length, 0);
  const neurons = d.populations.reduce((a, p) => a + p.size, 0);
  const rowsOf = new Map(tables.map((t) => [t.name, t.rows]));

  const popLines = d.populations.map((p) => {
    if (p.kind === 'spike-source') {
      const file = perNeuronFile(p.name, 'spikes');
      return [
        `    # ${p.name}: ${p.size} spike sources (spikebridge: ${p.model}), the exact spike times of the run`,
        `    pops[${py(p.name)}] = sim.Population(${p.size}, sim.SpikeSourceArray(spike_times=spike_trains(${py(file)}, ${p.size}, ${rowsOf.get(file)})), label=${py(p.name)})`,
      ].join('\n');
    }
    const params = Object.entries(p.parameters).map(([k, v]) => `${k}=${pyValue(p, v, perNeuronFile(p.name, k))}`).join(', ');
    return [
      `    # ${p.name}: ${p.size} ${p.cellType} (spikebridge: ${p.model})`,
      `    pops[${py(p.name)}] = sim.Population(${p.size}, sim.${p.cellType}(${params}), label=${py(p.name)})`,
      `    pops[${py(p.name)}].initialize(v=${pyValue(p, p.initial.v, perNeuronFile(p.name, 'v_init'))})`,
    ].join('\n');
  });
  const projLines = d.projections.map((q, k) => {
    const file = projectionFile(k, q.pre, q.post, q.receptor);
    return `    connect(sim, pops, ${py(q.pre)}, ${py(q.post)}, ${py(q.receptor)}, ${py(file)}, ${rowsOf.get(file)})  # ${q.connections.pre.length} synapses`;
  });
  const recordLines = [
    ...d.recording.spikes.map((n) => `    pops[${py(n)}].record('spikes')`),
    ...d.recording.v.map((r) => `    pops[${py(r.population)}][[${r.neurons.join(', ')}]].record('v')`),
  ];
  const files = inline ? 'Everything is in this file.' : `It reads its data (${tables.length} files: connection lists "projection<k>.<pre>.<post>.<receptor>.txt" with\nrows "pre post weight_nA delay_ms", spike times "<population>.spikes.txt" with rows "index time_ms", per-neuron\nvalues "<population>.<parameter>.txt") from its own folder.`;

  const head = `#!/usr/bin/env python3
"""A spikebridge network exported to PyNN 0.10 for NEURON (written by spikebridge's toPyNN).

Run it in its folder, serially or with MPI:
    /usr/bin/python3 run.py
    mpirun -np 2 /usr/bin/python3 run.py
It simulates ${num(d.duration)} ms at dt = ${num(d.dt)} ms (${neurons} neurons, ${synapses} synapses), gathers the spikes on
rank 0 and writes spikes.csv next to this file (header population,index,time_s: every spike, times in s)${d.recording.v.length ? ',\nand v.csv (population,index,time_s,v_mV) for the recorded membrane potentials' : ''}.
${files}

How spikebridge's quantities were converted:
${d.notes.map((n) => '- ' + n).join('\n')}
- delays: NEURON aborts under MPI when a delay is not longer than dt ("mindelay is 0 (or less than dt for fixed
  step method)"), so delays of zero or one step are written as dt + ${DELAY_EPSILON} dt = ${num(minDelay)} ms (${lowered} synapses here);
  NEURON's fixed step delivers them one step after the spike.
- inhibitory synapses are negative weights on receptor_type='inhibitory' (PyNN's rule for current synapses).

Needs Debian's python3-pynn, python3-neuron, openmpi-bin and python3-mpi4py, and PyNN's NEURON mechanisms built
(spikebridge's sims/tools/setup-pynn-neuron.sh does that).
"""
import os
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DT = ${num(d.dt)}  # ms
DURATION = ${num(d.duration)}  # ms
MIN_DELAY = ${num(lowest)}  # ms: the shortest delay written below (NEURON exchanges spikes between processes this often)
MAX_DELAY = ${num(maxDelay)}  # ms
DATA = {}  # data embedded in this script (file name -> text), filled at its end


def table(name, columns, rows):
    """Rows of whitespace-separated numbers from data file \`name\` (embedded, or next to this script)."""
    if name in DATA:
        a = np.fromstring(DATA[name], sep=' ')
    else:
        a = np.fromfile(os.path.join(HERE, name), sep=' ')
    if a.size != rows * columns:
        raise ValueError('%s: expected %d rows of %d numbers, read %d numbers' % (name, rows, columns, a.size))
    return a.reshape(rows, columns)


def column(name, size):
    """One value per neuron."""
    return table(name, 1, size)[:, 0]


def spike_trains(name, size, rows):
    """Spike times (ms) per neuron from rows "index time_ms" sorted by index."""
    from pyNN.parameters import Sequence
    a = table(name, 2, rows)
    bounds = np.searchsorted(a[:, 0], np.arange(size + 1) - 0.5)
    return [Sequence(a[bounds[i]:bounds[i + 1], 1]) for i in range(size)]


def connect(sim, pops, pre, post, receptor, name, rows):
    """A projection from an explicit list of (pre, post, weight nA, delay ms)."""
    conns = table(name, 4, rows)
    return sim.Projection(pops[pre], pops[post], sim.FromListConnector(conns, column_names=('weight', 'delay')),
                          sim.StaticSynapse(), receptor_type=receptor, label='%s->%s:%s' % (pre, post, receptor))


def build(sim):
    pops = {}
${popLines.join('\n')}
${projLines.join('\n')}
${recordLines.join('\n')}
    return pops


def write_results(pops, rank):
    """Gathers every population's spikes (and v) on rank 0 and writes them next to this script."""
    spikes = {label: p.get_data('spikes', gather=True).segments[0].spiketrains for label, p in pops.items()}
    voltages = {label: p.get_data('v', gather=True).segments[0].analogsignals for label, p in pops.items()
                if 'v' in p.recorder.recorded}
    if rank != 0:
        return 0
    total = 0
    with open(os.path.join(HERE, 'spikes.csv'), 'w') as f:
        f.write('population,index,time_s\\n')
        for label, trains in spikes.items():
            index = np.concatenate([np.full(len(st), st.annotations['source_index'], dtype=int) for st in trains] + [np.zeros(0, int)])
            times = np.concatenate([st.rescale('ms').magnitude for st in trains] + [np.zeros(0)]) / 1000.0
            order = np.lexsort((index, times))
            f.writelines('%s,%d,%r\\n' % (label, index[k], float(times[k])) for k in order)
            total += len(order)
    if voltages:
        with open(os.path.join(HERE, 'v.csv'), 'w') as f:
            f.write('population,index,time_s,v_mV\\n')
            for label, signals in voltages.items():
                for sig in signals:
                    t = sig.times.rescale('ms').magnitude / 1000.0
                    v = sig.rescale('mV').magnitude
                    for c, i in enumerate(sig.array_annotations['channel_index']):
                        f.writelines('%s,%d,%r,%r\\n' % (label, i, float(t[k]), float(v[k, c])) for k in range(len(t)))
    return total


def main():
    t0 = time.time()
    import pyNN.neuron as sim
    sim.setup(timestep=DT, min_delay=MIN_DELAY, max_delay=MAX_DELAY)
    rank = sim.rank()
    pops = build(sim)
    t1 = time.time()
    sim.run(DURATION)
    t2 = time.time()
    total = write_results(pops, rank)
    t3 = time.time()
    if rank == 0:
        print('spikebridge-pynn: processes %d, build %.3f s, run %.3f s, write %.3f s, spikes %d'
              % (sim.num_processes(), t1 - t0, t2 - t1, t3 - t2, total), flush=True)
    sim.end()


`;
  const tail = `
if __name__ == '__main__':
    main()
`;
  return { head, tail };
}
