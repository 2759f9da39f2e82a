/**
 * `npm run sim -- <name> [flags]`: finds `sims/<name>.ts`, checks every flag, runs it, and prints a summary,
 * --json, --csv or --plot. Bad input is a one-line message and exit code 2; anything unexpected is one line and
 * exit code 1 (the stack trace only with --debug). Never a stack trace otherwise.
 */
import { readdirSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { flagLine, parseFlag, UsageError } from './lib/flags.js';
import { checkReadable, checkWritable, writeOutput } from './lib/output.js';
import { SIMS_DIR, simsModule } from './lib/paths.js';
import { figuresToHtml } from './lib/plotHtml.js';
import { createBar } from './lib/progressBar.js';
import { reportError } from './lib/report.js';
import type { FlagSpec, Sim } from './lib/sim.js';

const NOT_SIMS = new Set(['cli', 'bench']);

function simNames(): string[] {
  return readdirSync(SIMS_DIR)
    .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
    .map((f) => f.slice(0, -3))
    .filter((n) => !NOT_SIMS.has(n))
    .sort();
}

async function loadSim(name: string): Promise<Sim> {
  const mod = await import(pathToFileURL(simsModule(`${name}.ts`)).href);
  return mod.default as Sim;
}

const COMMON: Record<string, FlagSpec> = {
  json: { type: 'boolean', description: 'print exactly one JSON object (settings and results) on stdout' },
  csv: { type: 'string', description: "write the data as CSV to this file ('-' for stdout, alone)", file: 'write' },
  plot: { type: 'string', description: 'write a standalone plotly page (opens from disk) to this file, e.g. out.html', file: 'write' },
  debug: { type: 'boolean', description: 'show the stack trace of an unexpected error' },
  help: { type: 'boolean', description: 'show this help' },
};

function simHelp(sim: Sim): string {
  const lines = [`npm run sim -- ${sim.name} [flags]`, '', sim.summary];
  if (sim.details) lines.push('', sim.details);
  lines.push('', 'Flags:');
  for (const [k, f] of Object.entries(sim.flags)) lines.push(flagLine(k, f));
  for (const [k, f] of Object.entries(COMMON)) lines.push(flagLine(k, f));
  if (sim.examples?.length) lines.push('', 'Examples:', ...sim.examples.map((e) => '  ' + e));
  return lines.join('\n');
}

async function mainHelp(): Promise<string> {
  const lines = ['spikebridge sims: npm run sim -- <name> [flags]   (npm run sim -- <name> --help for its flags)', '', 'Sims:'];
  for (const n of simNames()) {
    let summary: string;
    try {
      summary = (await loadSim(n)).summary;
    } catch (e) {
      summary = `(cannot be loaded: ${(e as Error).message.split('\n')[0]})`;
    }
    lines.push(`  ${n.padEnd(14)} ${summary}`);
  }
  lines.push('', 'Every sim takes --json, --csv <file>, --plot <file.html>, --debug and --help.');
  return lines.join('\n');
}

/** Where the CLI writes: stdout and stderr (tests capture them). */
export interface CliIO {
  out(text: string): void;
  err(text: string): void;
  /** Draw a progress bar (only on a terminal). */
  tty: boolean;
}

const processIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
  tty: Boolean(process.stderr.isTTY),
};

/** Runs the CLI on `argv` (without node and script); returns the exit code (0; 2 for bad input; 1 for other errors). */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    await main(argv, io);
    return 0;
  } catch (e: unknown) {
    return reportError(e, io, argv.includes('--debug'));
  }
}

async function main(argv: string[], io: CliIO): Promise<void> {
  const name = argv[0];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out((await mainHelp()) + '\n');
    return;
  }
  if (name.startsWith('-')) throw new UsageError(`expected a sim name first (got '${name}'); try: npm run sim -- --help`);
  const names = simNames();
  if (!names.includes(name)) throw new UsageError(`unknown sim '${name}'; the sims are: ${names.join(', ')}`);
  const sim = await loadSim(name);
  const all: Record<string, FlagSpec> = { ...sim.flags, ...COMMON };
  const options: Record<string, { type: 'string' | 'boolean' }> = {};
  for (const [k, f] of Object.entries(all)) options[k] = { type: f.type === 'boolean' ? 'boolean' : 'string' };
  // `--dt -1` would read as two flags: glue a value that starts with '-' to its flag (`--dt=-1`).
  const args: string[] = [];
  const rest = argv.slice(1);
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const key = a.startsWith('--') && !a.includes('=') ? a.slice(2) : '';
    if (key && options[key]?.type === 'string' && i + 1 < rest.length && rest[i + 1].startsWith('-') && !rest[i + 1].startsWith('--')) {
      args.push(`${a}=${rest[++i]}`);
    } else args.push(a);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: false });
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0].replace(/\. To specify.*$/, '');
    throw new UsageError(`${name}: ${msg}; see npm run sim -- ${name} --help`);
  }
  const v = parsed.values as Record<string, string | boolean | undefined>;
  if (v.help) {
    io.out(simHelp(sim) + '\n');
    return;
  }

  // Every check before any work: each flag, the sim's checks across flags, then the files named.
  const flags: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(sim.flags)) flags[k] = v[k] === undefined ? f.default : parseFlag(k, f, v[k]!);
  for (const k of ['csv', 'plot']) if (v[k] !== undefined) parseFlag(k, COMMON[k], v[k]!);
  sim.check?.(flags);
  const toStdout = [...(v.json ? ['--json'] : []), ...Object.keys(all).filter((k) => all[k].file === 'write' && v[k] === '-').map((k) => `--${k} -`)];
  if (toStdout.length > 1) throw new UsageError(`${toStdout.join(' and ')} would all write to stdout; give ${toStdout.length > 2 ? 'all but one' : 'one of them'} a file name`);
  for (const [k, f] of Object.entries(all)) {
    const path = v[k];
    if (typeof path !== 'string' || !f.file) continue;
    if (f.file === 'read') checkReadable(k, path);
    else if (path !== '-') checkWritable(k, path);
  }

  const bar = createBar(io.tty);
  const ctx = {
    progress: (done: number, total: number, label?: string) => bar.update(done, total, label),
    log: (msg: string) => {
      bar.clear();
      io.err(msg + '\n');
    },
  };
  let result;
  try {
    result = await sim.run(flags, ctx);
  } finally {
    bar.stop();
  }

  // stdout carries one thing: the JSON, a file given as '-', or else the summary and the notes on files written.
  const note = toStdout.length ? (s: string) => io.err(s + '\n') : (s: string) => io.out(s + '\n');
  if (v.json) io.out(JSON.stringify({ sim: name, ...result.json }) + '\n');
  else note(result.summary);
  const written = (what: string, path: string) => {
    if (path !== '-') note(`${what[0].toUpperCase()}${what.slice(1)} written to ${path}`);
  };
  if (typeof v.csv === 'string') {
    if (!result.csv) throw new UsageError(`${name}: this sim has no CSV output`);
    writeOutput('csv', v.csv, result.csv, io.out);
    written('CSV', v.csv);
  }
  if (typeof v.plot === 'string') {
    const figures = result.figures?.() ?? [];
    if (!figures.length) throw new UsageError(`${name}: this sim has no plot`);
    writeOutput('plot', v.plot, figuresToHtml(`spikebridge: ${name}`, figures), io.out);
    written('plot', v.plot);
  }
  for (const [k, f] of Object.entries(sim.flags)) {
    const path = v[k];
    if (f.file !== 'write' || typeof path !== 'string') continue;
    const output = result.outputs?.[k];
    if (!output) throw new Error(`${name}: the sim returned no output for --${k}`);
    writeOutput(k, path, output.content, io.out);
    written(output.what, path);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const debug = process.argv.includes('--debug');
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => process.exit(e.code === 'EPIPE' ? 0 : reportError(e, processIO, debug)));
  // Errors outside the run's promise (a callback, a timer) are reported the same way.
  process.on('uncaughtException', (e) => process.exit(reportError(e, processIO, debug)));
  process.on('unhandledRejection', (e) => process.exit(reportError(e, processIO, debug)));
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
