/**
 * `npm run sim -- <name> [flags]`: finds `sims/<name>.ts`, parses its flags, runs it, and prints a summary,
 * --json, --csv or --plot. Bad input is a one-line message and exit code 2, never a stack trace.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SpikebridgeError } from '../src/core/errors.js';
import { createBar } from './lib/progressBar.js';
import { SIMS_DIR, simsModule } from './lib/paths.js';
import { writePlot } from './lib/plotHtml.js';
import type { FlagSpec, Sim } from './lib/sim.js';

const NOT_SIMS = new Set(['cli', 'bench']);

/** Thrown for bad command lines: printed as one line, exit code 2. */
class UsageError extends Error {}

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
  csv: { type: 'string', description: "write the data as CSV to this file ('-' for stdout)" },
  plot: { type: 'string', description: 'write a standalone plotly page (opens from disk) to this file, e.g. out.html' },
  help: { type: 'boolean', description: 'show this help' },
};

function flagLine(name: string, f: FlagSpec): string {
  const kind = f.type === 'boolean' ? '' : f.choices ? ` <${f.choices.join('|')}>` : f.type === 'numbers' ? ' <a,b,...>' : ` <${f.type}>`;
  const def = f.default === undefined ? '' : ` (default ${Array.isArray(f.default) ? f.default.join(',') : f.default}${f.units ? ' ' + f.units : ''})`;
  const units = f.units && f.default === undefined ? ` [${f.units}]` : '';
  return `  --${name}${kind}`.padEnd(34) + ` ${f.description}${units}${def}`;
}

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
  lines.push('', 'Every sim takes --json, --csv <file>, --plot <file.html> and --help.');
  return lines.join('\n');
}

function parseValue(name: string, f: FlagSpec, raw: string | boolean): unknown {
  if (f.type === 'boolean') return raw;
  const s = String(raw);
  switch (f.type) {
    case 'number':
    case 'integer': {
      const v = s.trim() === '' ? NaN : Number(s);
      if (!Number.isFinite(v)) throw new UsageError(`--${name}: must be a finite number (got '${s}')`);
      if (f.type === 'integer' && !Number.isInteger(v)) throw new UsageError(`--${name}: must be an integer (got '${s}')`);
      return v;
    }
    case 'numbers': {
      const parts = s.split(',').map((p) => p.trim());
      const vs = parts.map(Number);
      if (parts.some((p) => p === '') || vs.some((v) => !Number.isFinite(v))) {
        throw new UsageError(`--${name}: must be a comma-separated list of finite numbers (got '${s}')`);
      }
      return vs;
    }
    case 'string':
      if (f.choices && !f.choices.includes(s)) throw new UsageError(`--${name}: must be one of ${f.choices.join(', ')} (got '${s}')`);
      return s;
  }
}

function toCsv(csv: { header: string[]; rows: (number | string)[][] }): string {
  const cell = (c: number | string) => (typeof c === 'number' ? String(c) : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [csv.header.join(','), ...csv.rows.map((r) => r.map(cell).join(','))].join('\n') + '\n';
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

/** Runs the CLI on `argv` (without node and script); returns the exit code (0, or 2 for bad input). */
export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  try {
    await main(argv, io);
    return 0;
  } catch (e: unknown) {
    if (e instanceof UsageError || e instanceof SpikebridgeError) {
      io.err(`error: ${e.message}\n`);
      return 2;
    }
    if (e instanceof Error && (e as NodeJS.ErrnoException).code === 'ENOENT') {
      io.err(`error: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
}

async function main(argv: string[], io: CliIO): Promise<void> {
  const console = { log: (s: string) => io.out(s + '\n') };
  const name = argv[0];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(await mainHelp());
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
    console.log(simHelp(sim));
    return;
  }
  const flags: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(sim.flags)) {
    flags[k] = v[k] === undefined ? f.default : parseValue(k, f, v[k]!);
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
  if (v.json) io.out(JSON.stringify({ sim: name, ...result.json }) + '\n');
  else console.log(result.summary);
  if (v.csv !== undefined) {
    if (!result.csv) throw new UsageError(`${name}: this sim has no CSV output`);
    const text = toCsv(result.csv);
    if (v.csv === '-') io.out(text);
    else {
      writeFileSync(String(v.csv), text);
      if (!v.json) console.log(`CSV written to ${v.csv}`);
    }
  }
  if (v.plot !== undefined) {
    if (!result.figures?.length) throw new UsageError(`${name}: this sim has no plot`);
    writePlot(String(v.plot), `spikebridge: ${name}`, result.figures);
    if (!v.json) console.log(`Plot written to ${v.plot}`);
    else io.err(`plot written to ${v.plot}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
