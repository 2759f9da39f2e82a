/**
 * `npm run bench [-- --json] [-- --only <name>]`: runs the workloads of sims/bench/README.md found in
 * `sims/bench/*.ts` and prints a table, or exactly one JSON object on stdout with --json.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Workload } from './lib/benchTypes.js';
import { SIMS_DIR, simsModule } from './lib/paths.js';
import { reportError } from './lib/report.js';

const here = join(SIMS_DIR, 'bench');

async function main(): Promise<void> {
  let values: { json?: boolean; only?: string; help?: boolean; peers?: boolean; debug?: boolean };
  try {
    ({ values } = parseArgs({ options: { json: { type: 'boolean' }, only: { type: 'string' }, help: { type: 'boolean' }, peers: { type: 'boolean' }, debug: { type: 'boolean' } }, strict: true }));
  } catch (e) {
    process.stderr.write(`error: ${(e as Error).message.split('\n')[0]}\n`);
    process.exit(2);
  }
  const files = readdirSync(here).filter((f) => f.endsWith('.ts')).sort();
  const workloads: Workload[] = [];
  for (const f of files) workloads.push((await import(pathToFileURL(simsModule(`bench/${f}`)).href)).default as Workload);
  workloads.sort((a, b) => a.order - b.order);
  const names = workloads.map((w) => w.name);
  if (values.help) {
    console.log(`npm run bench [-- --json] [-- --only <${names.join('|')}>] [-- --peers]\n\n` + workloads.map((w) => `  ${w.name.padEnd(9)} ${w.description}`).join('\n') +
      '\n\n--peers also runs the lif, cuba, coba and cobahh workloads in Brian2 (Cython target, and C++ standalone for coba and cobahh; Debian: apt-get install python3-brian),' +
      ' Brian2\'s STDP example beside stdp, and hh in NEURON, in the same run.' +
      '\n--debug shows the stack trace of an unexpected error.');
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
    text.push('| metric | spikebridge | unit | peers on this machine (sims/bench/README.md) |', '|---|---|---|---|');
    for (const row of r.rows) text.push(`| ${row.metric} | ${fmt(row.value)} | ${row.unit} | ${row.peers ?? ''} |`);
    for (const e of r.extra ?? []) text.push('', e);
  }
  if (values.peers) {
    if (selected.includes('hh')) for (const line of runNeuronPeer(keys, details, log)) text.push(line);
    if (selected.includes('stdp')) for (const line of runStdpPeer(keys, log)) text.push(line);
    for (const line of runBenchmarkPeers(selected.filter((n) => n === 'coba' || n === 'cobahh'), keys, log)) text.push(line);
    const peerRows = runPeers(selected.filter((n) => n === 'lif' || n === 'cuba'), keys, log);
    if (peerRows.length) {
      text.push('\n## peers, run now on this machine (Brian2, Cython target; compilation not timed)');
      text.push('| workload | Brian2 neuron-steps/s | spikebridge neuron-steps/s | spikebridge / Brian2 | spikes (Brian2 / spikebridge) |', '|---|---|---|---|---|');
      for (const row of peerRows) text.push(row);
    }
  }
  if (values.json) process.stdout.write(JSON.stringify({ ...keys, node: process.version, details }) + '\n');
  else console.log(text.join('\n'));
}

/** Runs the hh workload in NEURON (sims/bench/peers/neuron_hh.py): wall time and spike-time error beside ours. */
function runNeuronPeer(keys: Record<string, number>, details: Record<string, unknown>, log: (m: string) => void): string[] {
  const python = process.env.SPIKEBRIDGE_PYTHON ?? '/usr/bin/python3';
  log(`running NEURON on hh (${python} sims/bench/peers/neuron_hh.py)`);
  const r = spawnSync(python, [join(here, 'peers', 'neuron_hh.py')], { encoding: 'utf8', timeout: 600_000 });
  let out: Record<string, any>;
  try {
    out = JSON.parse((r.stdout ?? '').trim().split('\n').pop() ?? '');
  } catch {
    log(`  NEURON run failed: ${(r.stderr || r.error?.message || 'no output').trim().split('\n').pop()}`);
    return [];
  }
  if (out.error) {
    log(`  ${out.error}`);
    return [];
  }
  const rows = ['\n## NEURON, run now on this machine: HH at 10 µA/cm² for 1 s (errors: largest spike-time difference from converged CVODE)',
    '| simulator | setting | wall time (ms) | max spike-time error (s) |', '|---|---|---|---|'];
  for (const [k, label] of [['fixed_0.025ms', 'fixed step (implicit Euler), dt 0.025 ms'], ['cvode_atol_1e-3', 'CVODE, atol 1e-3']] as const) {
    const p = out[k];
    keys[`peer_neuron_${k.replace(/[.-]/g, '_')}_ms`] = p.wall_ms;
    rows.push(`| NEURON | ${label} | ${p.wall_ms.toFixed(2)} | ${p.max_spike_error_s_vs_converged_table?.toExponential(2) ?? 'spike count differs'} |`);
  }
  const wp = (details.hh as { workPrecision?: { method: string; setting: string; wallMs: number; maxSpikeError: number | null }[] } | undefined)?.workPrecision ?? [];
  for (const w of wp) rows.push(`| spikebridge | ${w.method}, ${w.setting} | ${w.wallMs.toFixed(2)} | ${w.maxSpikeError === null ? 'spike count differs' : w.maxSpikeError.toExponential(2)} |`);
  return rows;
}

/** Runs Brian2's own STDP example (sims/bench/peers/brian2_stdp.py, seed 1, 100 s) beside the stdp workload. */
function runStdpPeer(keys: Record<string, number>, log: (m: string) => void): string[] {
  const python = process.env.SPIKEBRIDGE_PYTHON ?? '/usr/bin/python3';
  log(`running Brian2 on stdp (${python} sims/bench/peers/brian2_stdp.py --seed 1 --duration 100)`);
  const r = spawnSync(python, [join(here, 'peers', 'brian2_stdp.py'), '--seed', '1', '--duration', '100'], { encoding: 'utf8', timeout: 1_200_000, maxBuffer: 1 << 26 });
  let out: { wallSeconds: number; compileSeconds: number; outputRate: number; histogram: number[] };
  try {
    out = JSON.parse((r.stdout ?? '').trim().split('\n').pop() ?? '');
  } catch {
    log(`  Brian2 run failed: ${(r.stderr || r.error?.message || 'no output').trim().split('\n').pop()}`);
    return [];
  }
  keys.peer_brian2_stdp_loop_seconds = out.wallSeconds;
  if (keys.stdp_loop_seconds) keys.stdp_speedup_over_brian2 = out.wallSeconds / keys.stdp_loop_seconds;
  return ['\n## Brian2, run now on this machine: its STDP example, seed 1, 100 s (Cython target)',
    '| simulator | loop time (s) | compilation (s) | output rate, last 10 s (Hz) | lowest / highest bin |', '|---|---|---|---|---|',
    `| Brian2 | ${out.wallSeconds.toFixed(2)} | ${out.compileSeconds.toFixed(2)} | ${out.outputRate.toFixed(1)} | ${out.histogram[0] / 10} % / ${out.histogram[9] / 10} % |`,
    `| spikebridge | ${keys.stdp_loop_seconds?.toFixed(2) ?? '—'} | — | ${keys.stdp_output_rate_hz?.toFixed(1) ?? '—'} | ` +
    `${keys.stdp_lowest_bin_fraction !== undefined ? `${(100 * keys.stdp_lowest_bin_fraction).toFixed(1)} % / ${(100 * keys.stdp_highest_bin_fraction).toFixed(1)} %` : '—'} |`];
}

/**
 * Brian2's own COBA and COBAHH (sims/bench/peers/brian2_coba.py, brian2_cobahh.py), seed 1, on its Cython target and
 * as C++ standalone, in the same run: loop time, neuron-steps/s and the statistics beside ours.
 */
function runBenchmarkPeers(names: string[], keys: Record<string, number>, log: (m: string) => void): string[] {
  if (!names.length) return [];
  const python = process.env.SPIKEBRIDGE_PYTHON ?? '/usr/bin/python3';
  const rows = ['\n## Brian2 on the conductance benchmarks, run now on this machine (seed 1; compilation not timed)',
    '| workload | system | loop time for 1 s | loop CPU time | neuron-steps/s | mean rate (Hz) | mean CV | speed: spikebridge / this (wall) | (CPU) |',
    '|---|---|---|---|---|---|---|---|---|'];
  for (const n of names) {
    const mine = keys[`${n}_neuron_steps_per_s`];
    const myCpu = keys[`${n}_loop_cpu_seconds`];
    rows.push(`| ${n} | spikebridge | ${fmt(keys[`${n}_loop_seconds`])} s | ${fmt(myCpu)} s | ${fmt(mine)} | ${fmt(keys[`${n}_mean_rate_hz`])} | ${fmt(keys[`${n}_mean_cv`])} | 1 | 1 |`);
    for (const target of ['cython', 'cpp_standalone']) {
      const script = join(here, 'peers', `brian2_${n}.py`);
      log(`running Brian2 ${n} (${target}): ${python} ${script}`);
      const r = spawnSync(python, [script, '--seed', '1', '--target', target], { encoding: 'utf8', timeout: 900_000 });
      let p: Record<string, any> | undefined;
      try {
        p = JSON.parse((r.stdout ?? '').trim().split('\n').pop() ?? '')[n];
      } catch {
        p = undefined;
      }
      if (!p || p.error) {
        log(`  Brian2 ${n} (${target}) did not run: ${p?.error ?? (r.stderr || r.error?.message || 'no output').trim().split('\n').pop()}`);
        continue;
      }
      keys[`peer_brian2_${n}_${target}_neuron_steps_per_s`] = p.neuron_steps_per_s;
      keys[`peer_brian2_${n}_${target}_loop_seconds`] = p.seconds;
      if (mine) keys[`${n}_speed_over_brian2_${target}`] = mine / p.neuron_steps_per_s;
      // Brian2's C++ standalone CPU time is its whole binary's (setup and loop), so that ratio slightly favours Brian2.
      const cpu = typeof p.cpu_seconds === 'number' ? p.cpu_seconds : NaN;
      if (Number.isFinite(cpu)) keys[`peer_brian2_${n}_${target}_cpu_seconds`] = cpu;
      if (Number.isFinite(cpu) && myCpu) keys[`${n}_cpu_speed_over_brian2_${target}`] = cpu / myCpu;
      rows.push(`| ${n} | Brian2 ${target} | ${fmt(p.seconds)} s | ${Number.isFinite(cpu) ? `${fmt(cpu)} s${target === 'cpp_standalone' ? ' (binary)' : ''}` : '—'} | ${fmt(p.neuron_steps_per_s)} | ${fmt(p.mean_rate_hz)} | ${p.mean_cv === null ? '—' : fmt(p.mean_cv)} | ${mine ? (mine / p.neuron_steps_per_s).toFixed(2) : '—'} | ${Number.isFinite(cpu) && myCpu ? (cpu / myCpu).toFixed(2) : '—'} |`);
    }
  }
  return rows;
}

/** Runs the Brian2 transcription of the lif and cuba workloads (sims/bench/peers) and adds its figures beside ours. */
function runPeers(names: string[], keys: Record<string, number>, log: (m: string) => void): string[] {
  if (!names.length) return [];
  const script = join(here, 'peers', 'brian2_workloads.py');
  const python = process.env.SPIKEBRIDGE_PYTHON ?? '/usr/bin/python3';
  log(`running Brian2 on ${names.join(', ')} (${python} ${script})`);
  const r = spawnSync(python, [script, ...names], { encoding: 'utf8', timeout: 600_000 });
  const last = (r.stdout ?? '').trim().split('\n').pop() ?? '';
  let out: Record<string, any>;
  try {
    out = JSON.parse(last);
  } catch {
    log(`  Brian2 run failed: ${(r.stderr || r.error?.message || 'no output').trim().split('\n').pop()}`);
    return [];
  }
  if (out.error) {
    log(`  ${out.error}`);
    return [];
  }
  const ours: Record<string, [string, string]> = { lif: ['lif_population_neuron_steps_per_s', 'lif_spikes'], cuba: ['cuba_neuron_steps_per_s', 'cuba_spikes'] };
  const rows: string[] = [];
  for (const n of names) {
    const p = out[n];
    if (!p || p.error) {
      log(`  Brian2 ${n}: ${p?.error ?? 'no result'}`);
      continue;
    }
    keys[`peer_brian2_${n}_neuron_steps_per_s`] = p.neuron_steps_per_s;
    keys[`peer_brian2_${n}_spikes`] = p.spikes;
    const mine = keys[ours[n][0]];
    if (mine) keys[`${n}_speedup_over_brian2`] = mine / p.neuron_steps_per_s;
    rows.push(`| ${n} | ${fmt(p.neuron_steps_per_s)} | ${mine ? fmt(mine) : '—'} | ${mine ? (mine / p.neuron_steps_per_s).toFixed(2) : '—'} | ${p.spikes} / ${keys[ours[n][1]] ?? '—'} |`);
  }
  return rows;
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1e5 || (Math.abs(v) < 1e-3 && v !== 0)) return v.toExponential(3);
  return Number(v.toPrecision(5)).toLocaleString('en-US');
}

// One line and an exit code for any error, as in sims/cli.ts; the stack trace with --debug.
main().catch((e) => {
  process.exitCode = reportError(e, { err: (t) => process.stderr.write(t) }, process.argv.includes('--debug'));
});
