/**
 * Reading back what an exported PyNN script wrote: `spikes.csv` (`population,index,time_s`) into the shape a
 * `SpikeRecorder` gives, and `v.csv` (`population,index,time_s,v_mV`) into traces.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';

/** Spikes of one population: neuron index and time (s), in file order (run.py writes them sorted by time). */
export interface SpikeRecord {
  index: Int32Array;
  time: Float64Array;
}

/** Splits CSV text into non-empty data lines after checking the header. */
function* csvRows(owner: string, text: string, header: string, columns: number): Generator<{ cells: string[]; line: number }> {
  if (typeof text !== 'string') throw new ValidationError(owner, `must be given the CSV text (got ${describeValue(text)})`);
  const lines = text.split(/\r?\n/);
  if (lines[0].replace(/^\uFEFF/, '') !== header) {
    throw new ValidationError(owner, `the first line must be the header '${header}' (got ${JSON.stringify(lines[0].slice(0, 80))})`);
  }
  for (let k = 1; k < lines.length; k++) {
    const l = lines[k];
    if (l === '') continue;
    const cells = l.split(',');
    if (cells.length !== columns) throw new ValidationError(owner, `line ${k + 1} must have ${columns} fields (got ${JSON.stringify(l.slice(0, 80))})`);
    yield { cells, line: k + 1 };
  }
}

function parseIndex(owner: string, s: string, line: number): number {
  const i = Number(s);
  if (s === '' || !Number.isInteger(i) || i < 0 || i > 2 ** 31 - 1) throw new ValidationError(owner, `line ${line}: the index must be a whole number >= 0 (got ${JSON.stringify(s)})`);
  return i;
}

function parseNumber(owner: string, what: string, s: string, line: number): number {
  const x = s.trim() === '' ? NaN : Number(s);
  if (!Number.isFinite(x)) throw new ValidationError(owner, `line ${line}: ${what} must be a finite number (got ${JSON.stringify(s)})`);
  return x;
}

/**
 * Parses the `spikes.csv` an exported `run.py` writes: header `population,index,time_s`, one spike per line.
 * Populations without spikes do not appear.
 * @returns population name → `{ index, time }` (time in s)
 * @throws ValidationError naming the line for anything else
 */
export function parsePyNNSpikes(csvText: string): Record<string, SpikeRecord> {
  const owner = 'parsePyNNSpikes';
  const lists = new Map<string, { index: number[]; time: number[] }>();
  for (const { cells, line } of csvRows(owner, csvText, 'population,index,time_s', 3)) {
    const [pop, i, t] = cells;
    if (pop === '') throw new ValidationError(owner, `line ${line}: the population name is empty`);
    let l = lists.get(pop);
    if (!l) lists.set(pop, (l = { index: [], time: [] }));
    l.index.push(parseIndex(owner, i, line));
    l.time.push(parseNumber(owner, 'the time', t, line));
  }
  const out: Record<string, SpikeRecord> = {};
  for (const [pop, l] of lists) out[pop] = { index: Int32Array.from(l.index), time: Float64Array.from(l.time) };
  return out;
}

/** Membrane potential traces read from `v.csv`: population → neuron index → samples (t in s, v in mV). */
export type VoltageTraces = Record<string, Record<number, { t: Float64Array; v: Float64Array }>>;

/** Parses the `v.csv` an exported `run.py` writes when membrane potentials are recorded. */
export function parsePyNNVoltages(csvText: string): VoltageTraces {
  const owner = 'parsePyNNVoltages';
  const lists = new Map<string, Map<number, { t: number[]; v: number[] }>>();
  for (const { cells, line } of csvRows(owner, csvText, 'population,index,time_s,v_mV', 4)) {
    const [pop, i, t, v] = cells;
    let byIndex = lists.get(pop);
    if (!byIndex) lists.set(pop, (byIndex = new Map()));
    const idx = parseIndex(owner, i, line);
    let tr = byIndex.get(idx);
    if (!tr) byIndex.set(idx, (tr = { t: [], v: [] }));
    tr.t.push(parseNumber(owner, 'the time', t, line));
    tr.v.push(parseNumber(owner, 'v', v, line));
  }
  const out: VoltageTraces = {};
  for (const [pop, byIndex] of lists) {
    out[pop] = {};
    for (const [i, tr] of byIndex) out[pop][i] = { t: Float64Array.from(tr.t), v: Float64Array.from(tr.v) };
  }
  return out;
}
