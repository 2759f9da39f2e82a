/**
 * `npm run bench [-- --json] [-- --only <name>]`: runs the workloads of ../shared/BENCHMARKS.md found in
 * `sims/bench/*.ts` and prints a table, or exactly one JSON object on stdout with --json.
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Workload } from './lib/benchTypes.js';

const here = join(dirname(fileURLToPath(import.meta.url)), 'bench');

async function main(): Promise<void> {
  let values: { json?: boolean; only?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message.split('\n')[0]}\n`);
    process.exit(2);
  }
  const files = readdirSync(here).filter((f) => f.endsWith('.ts')).sort();
  const workloads: Workload[] = [];
  for (const f of files) workloads.push((await import(pathToFileURL(join(here, f)).href)).default as Workload);
  workloads.sort((a, b) => a.order - b.order);
  const names = workloads.map((w) => w.name);
  if (values.help) {
    console.log(`npm run bench [-- --json] [-- --only <${names.join('|')}>]\n\n` + workloads.map((w) => `  ${w.name.padEnd(9)} ${w.description}`).join('\n'));
    return;
  }
  const selected = values.only ? values.only.split(',') : names;
  for (const s of selected) {
    if (!names.includes(s)) {
      process.stderr.write(`error: --only: unknown workload '${s}'; the workloads are ${names.join(', ')}\n`);
      process.exit(2);
    }
  }
  const log = (m: string) => process.stderr.write(m + '\n');
  const keys: Record<string, number> = {};
  const details: Record<string, unknown> = {};
  const text: string[] = [];
  for (const w of workloads.filter((w) => selected.includes(w.name))) {
    log(`running ${w.name}: ${w.description}`);
    const r = await w.run(log);
    // A key two workloads share (mlp_infer_samples_per_s: the mlp workload's ReLU net, and the spiking workload's
    // own rate net from the same run) keeps the first workload's value; the later one is also under its own prefix.
    for (const [k, v] of Object.entries(r.keys)) if (!(k in keys)) keys[k] = v;
    if (r.details) details[w.name] = r.details;
    text.push(`\n## ${w.name} — ${w.description}`);
    text.push('| metric | spikebridge | unit | peers on this machine (BENCHMARKS.md) |', '|---|---|---|---|');
    for (const row of r.rows) text.push(`| ${row.metric} | ${fmt(row.value)} | ${row.unit} | ${row.peers ?? ''} |`);
    for (const e of r.extra ?? []) text.push('', e);
  }
  if (values.json) process.stdout.write(JSON.stringify({ ...keys, node: process.version, details }) + '\n');
  else console.log(text.join('\n'));
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0)) return v.toExponential(3);
  return Number(v.toPrecision(5)).toLocaleString('en-US');
}

main();
