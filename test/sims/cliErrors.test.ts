/**
 * The terminal sims against bad, extreme and hostile command lines. Every case ends in one line on stderr and exit
 * code 2 (bad input, found before any work) or 1 (anything unexpected), with nothing on stdout and no stack trace
 * unless --debug asks for it.
 */
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../sims/cli.js';
import { reportError } from '../../sims/lib/report.js';
import type { FlagSpec, Sim } from '../../sims/lib/sim.js';
import { ValidationError } from '../../src/core/errors.js';

async function sim(...args: string[]) {
  let out = '', err = '';
  const code = await runCli(args, { out: (t) => { out += t; }, err: (t) => { err += t; }, tty: false });
  return { code, out, err };
}

/** Bad input: exit code 2, nothing on stdout, and exactly one line on stderr matching `re`. */
function expectRejected(r: { code: number; out: string; err: string }, re: RegExp, what: string): void {
  expect(r.code, `${what}: ${r.err}`).toBe(2);
  expect(r.out, what).toBe('');
  expect(r.err.split('\n').filter(Boolean), what).toHaveLength(1);
  expect(r.err, what).toMatch(re);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

async function simNames(): Promise<string[]> {
  const help = await sim('--help');
  return [...help.out.matchAll(/^ {2}([a-z][a-z-]*) /gm)].map((m) => m[1]);
}

async function loadSim(name: string): Promise<Sim> {
  return (await import(`../../sims/${name}.ts`)).default as Sim;
}

/** Values just outside a flag's bounds, of the wrong kind, or naming an unusable file; each must be refused. */
function badValues(f: FlagSpec): string[] {
  const bad: string[] = [];
  if (f.type === 'number' || f.type === 'integer' || f.type === 'numbers') {
    bad.push('NaN', 'Infinity', '1e309', '');
    const list = (x: number) => (f.type === 'numbers' ? `1,${x}` : String(x));
    if (f.max !== undefined) bad.push(list(f.type === 'integer' ? f.max + 1 : f.max * 2 + 1), list(1e300));
    if (f.min !== undefined) bad.push(list(f.min - 1));
    if (f.exclusiveMin !== undefined) bad.push(list(f.exclusiveMin));
    if (f.type === 'integer') bad.push('1.5');
  }
  if (f.choices) bad.push('bogus');
  if (f.file === 'write') bad.push('/');
  if (f.file === 'read') bad.push('/nonexistent/model.json', '/');
  return bad;
}

describe('terminal sims: bad input', () => {
  it('every sim refuses an unknown flag, and every flag refuses values outside its spec, before any work', async () => {
    const names = await simNames();
    expect(names.length).toBeGreaterThanOrEqual(17);
    let cases = 0;
    for (const name of names) {
      const s = await loadSim(name);
      expectRejected(await sim(name, '--bogus', '1'), /Unknown option '--bogus'/, `${name} --bogus`);
      const flags: [string, FlagSpec][] = [...Object.entries(s.flags), ['csv', { type: 'string', description: '', file: 'write' }], ['plot', { type: 'string', description: '', file: 'write' }]];
      for (const [flag, f] of flags) {
        for (const value of badValues(f)) {
          expectRejected(await sim(name, `--${flag}`, value), new RegExp(`^error: --${escape(flag)}: `), `${name} --${flag} '${value}'`);
          cases++;
        }
      }
    }
    expect(cases).toBeGreaterThan(300);
  }, 120_000);

  it('the sizes that used to exhaust memory or hang are refused by name', async () => {
    const cases: [string[], RegExp][] = [
      [['mnist', '--train', '1e9'], /--train: must be ≤ 8000/],
      [['mnist', '--train', '8001'], /--train: must be ≤ 8000/],
      [['max-margin', '--pairs', '1e9'], /--pairs: must be ≤ 100000/],
      [['vanishing', '--width', '1e9'], /--width: must be ≤ 10000/],
      [['vanishing', '--layers', '1e6'], /--layers: must be ≤ 1000/],
      [['vanishing', '--layers', '1000', '--width', '10000'], /--layers \/ --width \/ --samples: .* at most 20,000,000/],
      [['optimizers', '--samples', '1e9'], /--samples: must be ≤ 100000/],
      [['xor', '--epochs', '1e12'], /--epochs: must be ≤ 1000000/],
      [['hh', '--duration', '1000'], /--duration \/ --dt: 1000 s at dt = 0\.00001 s is 1\.00e\+8 time steps; at most 10,000,000/],
      [['lif', '--duration', '1999', '--dt', '1e-6'], /--duration \/ --dt: .* at most 10,000,000/],
      [['hh', '--rtol', '1e-300'], /--rtol: must be ≥ 1e-13/],
      [['hh', '--temperature', '1e308'], /--temperature: must be ≤ 100/],
      [['network', '--size', '20000', '--p', '0.5'], /--size \/ --p: .* synapses; at most 20,000,000/],
      [['network', '--size', '100000', '--p', '0.001', '--duration', '100'], /--size \/ --duration: .* neuron-seconds/],
      [['feedforward', '--inputs', '10000', '--outputs', '10000'], /--inputs × --outputs/],
      [['tuning', '--n', '10000', '--points', '100000'], /--n × --points/],
      [['mnist', '--hidden', '10,10,10,10,10,10,10,10,10,10,10'], /--hidden: at most 10 hidden layers/],
      [['spiking-mnist', '--durations', '10', '--dt', '1e-6'], /--durations \/ --dt: .* at most 1,000,000/],
      [['spiking-xor', '--durations', '100', '--dt', '1e-6'], /--durations \/ --dt: .* at most 10,000,000/],
    ];
    for (const [args, re] of cases) expectRejected(await sim(...args), re, args.join(' '));
  });

  it('spiking-mnist --durations -1 and mnist --save / are refused before training (no epoch is logged)', async () => {
    expectRejected(await sim('spiking-mnist', '--durations', '-1'), /^error: --durations: every value must be > 0 \(got '-1'\)$/m, 'durations');
    expectRejected(await sim('spiking-mnist', '--tau-s', '0.01', '--readout-start', '-1'), /--readout-start: must be ≥ 0/, 'readout-start');
    expectRejected(await sim('spiking-mnist', '--example', '5000'), /--example: must be below the number of test digits/, 'example');
    expectRejected(await sim('mnist', '--save', '/'), /^error: --save: cannot write '\/': it is a directory$/m, 'save');
  }, 60_000);

  it('an output path that cannot be written is refused before the run, naming the flag and why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
    const file = join(dir, 'file.txt');
    writeFileSync(file, 'x');
    expectRejected(await sim('lif', '--csv', '/'), /^error: --csv: cannot write '\/': it is a directory$/m, 'EISDIR');
    expectRejected(await sim('lif', '--csv', join(dir, 'missing', 'x.csv')), /--csv: cannot write .*: no such file or directory/, 'ENOENT');
    expectRejected(await sim('lif', '--plot', join(file, 'x.html')), /--plot: cannot write .*: a part of the path is not a directory/, 'ENOTDIR');
    expectRejected(await sim('lif', '--csv', ''), /--csv: needs a file name/, 'empty');
    if (process.getuid?.() !== 0) {
      const ro = join(dir, 'read-only');
      mkdirSync(ro);
      chmodSync(ro, 0o500);
      expectRejected(await sim('lif', '--csv', join(ro, 'x.csv')), /--csv: cannot write .*: permission denied/, 'EACCES');
    }
    expectRejected(await sim('lif', '--json', '--csv', '-'), /--json and --csv - would all write to stdout|--json and --csv - .* stdout/, 'two on stdout');
  });
});

describe('terminal sims: unexpected errors', () => {
  it('an error that is not bad input is one line with exit code 1; --debug adds the stack trace', async () => {
    const failing = (debug: boolean) => {
      let err = '';
      const args = ['lif', '--duration', '0.01', ...(debug ? ['--debug'] : [])];
      return runCli(args, { out: () => { throw new RangeError('Invalid string length'); }, err: (t) => { err += t; }, tty: false }).then((code) => ({ code, err }));
    };
    const plain = await failing(false);
    expect(plain.code).toBe(1);
    expect(plain.err).toBe('error: RangeError: Invalid string length (unexpected; --debug shows the stack trace)\n');
    const debug = await failing(true);
    expect(debug.code).toBe(1);
    expect(debug.err.split('\n')[0]).toBe('error: RangeError: Invalid string length');
    expect(debug.err).toMatch(/\n {4}at .*cli\.ts/);
  });

  it('system errors keep their code and message on one line; the library\'s own errors are bad input', () => {
    const lines: string[] = [];
    const io = { err: (t: string) => { lines.push(t); } };
    const eisdir = Object.assign(new Error("EISDIR: illegal operation on a directory, open '/'\n    at open"), { code: 'EISDIR' });
    expect(reportError(eisdir, io)).toBe(1);
    expect(reportError(new ValidationError('LIF.tauM', 'must be > 0 (got -1)'), io)).toBe(2);
    expect(reportError('a thrown string', io)).toBe(1);
    expect(lines).toEqual([
      "error: EISDIR: illegal operation on a directory, open '/' (unexpected; --debug shows the stack trace)\n",
      'error: LIF.tauM: must be > 0 (got -1)\n',
      'error: Error: a thrown string (unexpected; --debug shows the stack trace)\n',
    ]);
  });

  it('hh over 300,000 samples runs (no data array is spread into a call)', async () => {
    const r = await sim('hh', '--duration', '3', '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).spikeCount).toBeGreaterThan(150);
  }, 120_000);
});

describe('terminal sims: stdout carries one thing', () => {
  it('--csv - puts the CSV alone on stdout (the summary goes to stderr)', async () => {
    const runs: string[][] = [
      ['lif'], ['hh', '--duration', '0.02'], ['psc'], ['network', '--size', '200', '--duration', '0.1'], ['tuning'],
      ['fi-curve', '--points', '3', '--duration', '0.2'], ['convergence', '--skip-hh'], ['feedforward', '--duration', '0.2'],
      ['xor', '--epochs', '10'], ['vanishing'], ['optimizers', '--epochs', '2'], ['overfit', '--epochs', '5', '--hidden', '10'],
      ['universal', '--epochs', '5', '--units', '2'], ['max-margin', '--epochs', '2'], ['spiking-xor', '--epochs', '5', '--durations', '0.05'],
    ];
    for (const args of runs) {
      const r = await sim(...args, '--csv', '-');
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(0);
      const lines = r.out.trimEnd().split('\n');
      const columns = lines[0].split(',').length;
      expect(lines[0], args.join(' ')).toMatch(/^[a-z]/i);
      expect(lines.length, args.join(' ')).toBeGreaterThan(1);
      for (const l of lines.slice(1)) expect(l.replace(/"[^"]*"/g, '').split(',').length, `${args.join(' ')}: ${l}`).toBe(columns);
      // Every data row but the header reads as CSV cells, none as a sentence of the summary.
      expect(r.out, args.join(' ')).not.toMatch(/written to|spikes:|: .* \(/);
      expect(r.err.length, args.join(' ')).toBeGreaterThan(0);
    }
  }, 300_000);

  it('mnist --save writes the model through the same checked output path; --plot - writes the page to stdout', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-cli-'));
    const file = join(dir, 'model.json');
    const r = await sim('mnist', '--train', '100', '--test', '20', '--epochs', '1', '--hidden', '4', '--save', file, '--json');
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out).saved).toBe(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).sizes).toEqual([784, 4, 10]);
    expect(r.err).toMatch(new RegExp(`^epoch 1/1: .*\nModel written to ${escape(file)}\n$`));
    const page = await sim('lif', '--duration', '0.01', '--plot', '-');
    expect(page.code).toBe(0);
    expect(page.out).toMatch(/^<!doctype html>[\s\S]*Plotly\.newPlot[\s\S]*<\/html>\n$/);
  }, 120_000);
});

describe('terminal sims: --help', () => {
  it('shows defaults and bounds readably: at most 6 significant digits, units once', async () => {
    for (const name of await simNames()) {
      const r = await sim(name, '--help');
      expect(r.code).toBe(0);
      expect(r.out, name).not.toMatch(/\d\.\d{7,}|\d{7,}\.\d/);
      expect(r.out, name).not.toMatch(/\) \(default/);
    }
    const h = (await sim('spiking-mnist', '--help')).out;
    expect(h).toMatch(/--amplitude <number> +soft-lif output = amplitude · rate \[s\]; default 0\.015873; > 0$/m);
    expect((await sim('network', '--help')).out).toMatch(/--delay <number> +transmission delay, rounded to whole time steps \[s\]; default 0; ≥ 0$/m);
    expect((await sim('mnist', '--help')).out).toMatch(/--train <integer> +training digits requested; default 8000; 10 to 8000$/m);
  });
});
