/**
 * Node-side helpers of the PyNN round trip: writing an export's chunks into a folder, checking that PyNN with
 * NEURON (and MPI) is installed, and running `run.py` serially or under `mpirun`. Used by `sims/export.ts` and the
 * round-trip tests.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { SpikebridgeError, ValidationError } from '../../src/core/errors.js';
import type { FileChunk } from '../../src/export/pynn.js';

/** The Python that sees Debian's PyNN and NEURON: /usr/bin/python3, or $SPIKEBRIDGE_PYTHON when set. */
export function python(): string {
  return process.env.SPIKEBRIDGE_PYTHON || '/usr/bin/python3';
}

/** What to install when PyNN, NEURON or MPI is missing (one line). */
export const INSTALL_HINT = 'install Debian\'s python3-pynn python3-neuron neuron-dev openmpi-bin python3-mpi4py and build PyNN\'s NEURON mechanisms: '
  + 'sudo sims/tools/setup-pynn-neuron.sh --install';

/** Why the round trip cannot run here, or null when it can (np > 1 also needs mpirun). */
export function pynnMissing(np = 1): string | null {
  const PYTHON = python();
  const py = spawnSync(PYTHON, ['-c', 'import pyNN.neuron'], { encoding: 'utf8', timeout: 120_000 });
  if (py.error || py.status !== 0) {
    const why = py.error ? `${PYTHON} not found` : (py.stderr.trim().split('\n').pop() ?? 'import failed');
    return `PyNN on NEURON is not available (${why}); ${INSTALL_HINT}`;
  }
  if (np > 1) {
    const mpi = spawnSync('mpirun', ['--version'], { encoding: 'utf8', timeout: 60_000 });
    if (mpi.error || mpi.status !== 0) return `mpirun is not available; ${INSTALL_HINT}`;
  }
  return null;
}

/** Writes the chunks into `dir` (created if needed), one file at a time; returns the bytes written per file. */
export function writeChunks(dir: string, chunks: Iterable<FileChunk>): Record<string, number> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new ValidationError('--out', `cannot create the folder ${JSON.stringify(dir)}: ${(e as Error).message}`);
  }
  const sizes: Record<string, number> = {};
  let fd = -1, current = '';
  try {
    for (const c of chunks) {
      if (c.file !== current) {
        if (fd >= 0) closeSync(fd);
        current = c.file;
        fd = openSync(join(dir, c.file), 'w');
        sizes[current] = 0;
      }
      sizes[current] += writeSync(fd, c.text);
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && /^E[A-Z]+$/.test(code)) throw new ValidationError('--out', `cannot write ${JSON.stringify(join(dir, current))}: ${(e as Error).message}`);
    throw e;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  return sizes;
}

/** What run.py reported, and the wall time of the whole process (Python start, build, run, gather, write). */
export interface PyNNRun {
  np: number;
  wallSeconds: number;
  buildSeconds: number;
  runSeconds: number;
  writeSeconds: number;
  spikes: number;
  stdout: string;
  stderr: string;
}

/** Runs `run.py` in `dir`: plain Python for np = 1, else `mpirun --allow-run-as-root --oversubscribe -np N`. */
export function runPyNN(dir: string, np: number): Promise<PyNNRun> {
  const args = np === 1 ? [python(), 'run.py'] : ['mpirun', '--allow-run-as-root', '--oversubscribe', '-np', String(np), python(), 'run.py'];
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    // Open MPI busy-polls while a rank waits for the other; on shared or oversubscribed cores yielding is faster.
    const env = { OMPI_MCA_mpi_yield_when_idle: '1', ...process.env };
    const child = spawn(args[0], args.slice(1), { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', (e) => reject(new SpikebridgeError(`cannot start ${args[0]}: ${e.message}; ${INSTALL_HINT}`)));
    child.on('close', (code) => {
      const wallSeconds = (performance.now() - t0) / 1000;
      const m = /spikebridge-pynn: processes (\d+), build ([\d.]+) s, run ([\d.]+) s, write ([\d.]+) s, spikes (\d+)/.exec(stdout);
      if (code !== 0 || !m) {
        const last = (stderr.trim() || stdout.trim()).split('\n').slice(-1)[0] ?? '';
        reject(new SpikebridgeError(`${args.join(' ')} failed in ${dir} (exit ${code}): ${last.slice(0, 300)}`));
        return;
      }
      resolve({ np: Number(m[1]), wallSeconds, buildSeconds: Number(m[2]), runSeconds: Number(m[3]), writeSeconds: Number(m[4]), spikes: Number(m[5]), stdout, stderr });
    });
  });
}
