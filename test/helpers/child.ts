/**
 * Runs a TypeScript script of the repo in a separate Node process (through the project's loader), with the memory or
 * address-space limits a test needs and a timeout, so that a limit, an abort or a hang cannot take the test runner
 * with it. The script prints one JSON object on stdout; the result carries it parsed.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface ChildResult<T> {
  /** The JSON object the script printed last, or null. */
  json: T | null;
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** True when the timeout killed it. */
  timedOut: boolean;
}

export interface ChildOptions {
  /** node --max-old-space-size (MB). */
  maxOldSpaceMb?: number;
  /** Address-space limit for the process (`ulimit -v`, in kB). */
  ulimitKb?: number;
  /** Kill the process after this long (ms). @default 60000 */
  timeoutMs?: number;
}

/** Runs `node [--max-old-space-size=M] --import ./sims/register.mjs <script> ...args` from the repo's root. */
export function runChild<T>(script: string, args: string[] = [], o: ChildOptions = {}): ChildResult<T> {
  const nodeArgs = [...(o.maxOldSpaceMb ? [`--max-old-space-size=${o.maxOldSpaceMb}`] : []), '--import', './sims/register.mjs', script, ...args];
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const r = o.ulimitKb
    ? spawnSync('/bin/sh', ['-c', `ulimit -v ${o.ulimitKb} && exec ${[process.execPath, ...nodeArgs].map(quote).join(' ')}`], { cwd: root, encoding: 'utf8', timeout: o.timeoutMs ?? 60_000 })
    : spawnSync(process.execPath, nodeArgs, { cwd: root, encoding: 'utf8', timeout: o.timeoutMs ?? 60_000 });
  const lines = (r.stdout ?? '').trim().split('\n').filter((l) => l.startsWith('{') || l.startsWith('['));
  let json: T | null = null;
  try {
    json = lines.length ? (JSON.parse(lines[lines.length - 1]) as T) : null;
  } catch {
    json = null;
  }
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  return { json, status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}
