/**
 * Runs a child script of test/hostile/children/ in a separate Node process, with the memory or address-space limits
 * a test needs and a timeout, so that a limit, an abort or a hang cannot take the test runner with it. The script
 * prints one JSON object on stdout; the result carries it parsed.
 *
 * The children run bundled (sims/tools/bundle.mjs, the bundler of `npm run build:sims`), built from the sources once
 * per test worker: a bundled child starts in ~0.3 s, where ts-node takes ~5 s to load the library.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '../..');
const CHILDREN = join(root, 'test', 'hostile', 'children');

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

let bundled: Promise<string> | null = null;
/** Every child script bundled into a temporary folder (once per worker; removed when the worker exits). */
function childBundle(): Promise<string> {
  bundled ??= (async () => {
    const { bundleForNode } = (await import(pathToFileURL(join(root, 'sims', 'tools', 'bundle.mjs')).href)) as {
      bundleForNode(input: Record<string, string>, outDir: string): Promise<void>;
    };
    const outDir = mkdtempSync(join(tmpdir(), 'spikebridge-children-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    const input = Object.fromEntries(readdirSync(CHILDREN).filter((f) => f.endsWith('.ts')).map((f) => [f.slice(0, -3), join(CHILDREN, f)]));
    await bundleForNode(input, outDir);
    return outDir;
  })();
  return bundled;
}

/** Runs `node [--max-old-space-size=M] <bundled script> ...args` from the repo's root; `script` is a path of a child. */
export async function runChild<T>(script: string, args: string[] = [], o: ChildOptions = {}): Promise<ChildResult<T>> {
  if (dirname(resolve(root, script)) !== CHILDREN || !script.endsWith('.ts')) throw new Error(`runChild runs the scripts of test/hostile/children/, not ${script}`);
  const js = join(await childBundle(), basename(script).replace(/\.ts$/, '.js'));
  const nodeArgs = [...(o.maxOldSpaceMb ? [`--max-old-space-size=${o.maxOldSpaceMb}`] : []), '--enable-source-maps', js, ...args];
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const child = o.ulimitKb
    ? spawn('/bin/sh', ['-c', `ulimit -v ${o.ulimitKb} && exec ${[process.execPath, ...nodeArgs].map(quote).join(' ')}`], { cwd: root })
    : spawn(process.execPath, nodeArgs, { cwd: root });
  let stdout = '', stderr = '', timedOut = false;
  child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  const timer = setTimeout(() => { timedOut = true; child.kill('SIGKILL'); }, o.timeoutMs ?? 60_000);
  const [status, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((ok, fail) => {
    child.once('error', fail);
    child.once('close', (code, sig) => ok([code, sig]));
  }).finally(() => clearTimeout(timer));
  const lines = stdout.trim().split('\n').filter((l) => l.startsWith('{') || l.startsWith('['));
  let json: T | null = null;
  try {
    json = lines.length ? (JSON.parse(lines[lines.length - 1]) as T) : null;
  } catch {
    json = null;
  }
  return { json, status, signal, stdout, stderr, timedOut };
}
