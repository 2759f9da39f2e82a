/**
 * Files the terminal sims read and write. Paths are checked before a run (a typo in an output path should not cost
 * the run), and every failure is a UsageError naming the flag, so it prints as one line with exit code 2.
 */
import { accessSync, closeSync, constants, openSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UsageError } from './flags.js';
import type { CsvTable } from './sim.js';

function reason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  const known: Record<string, string> = {
    ENOENT: 'no such file or directory', EACCES: 'permission denied', EPERM: 'permission denied', EISDIR: 'it is a directory',
    ENOTDIR: 'a part of the path is not a directory', EROFS: 'read-only file system', ENOSPC: 'no space left on the device',
    ENAMETOOLONG: 'the name is too long',
  };
  return (err.code && known[err.code]) ?? (err.code ? `${err.code}` : String(err.message ?? e).split('\n')[0]);
}

/** Throws unless `path` is a file this process can read. */
export function checkReadable(flag: string, path: string): void {
  try {
    if (statSync(path).isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    accessSync(path, constants.R_OK);
  } catch (e) {
    throw new UsageError(`--${flag}: cannot read '${path}': ${reason(e)}`);
  }
}

/** Throws unless `path` can be written (created, or overwritten) without writing anything yet. */
export function checkWritable(flag: string, path: string): void {
  const full = resolve(path);
  try {
    const s = statSync(full, { throwIfNoEntry: false });
    if (s) {
      if (s.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      accessSync(full, constants.W_OK);
    } else {
      const dir = statSync(dirname(full));
      if (!dir.isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      accessSync(dirname(full), constants.W_OK);
    }
  } catch (e) {
    throw new UsageError(`--${flag}: cannot write '${path}': ${reason(e)}`);
  }
}

function csvCell(c: number | string): string {
  return typeof c === 'number' ? String(c) : /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c;
}

/** The text of a CSV table, in pieces of about 64 kB (a long trace never becomes one string). */
export function* csvChunks(table: CsvTable): Generator<string> {
  let chunk = table.header.join(',') + '\n';
  for (const row of table.rows) {
    chunk += row.map(csvCell).join(',') + '\n';
    if (chunk.length >= 65536) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/**
 * Writes text or a CSV table for `--flag`: to `out` (stdout) when the path is '-', else to the file.
 * A failure to write names the flag and the path.
 */
export function writeOutput(flag: string, path: string, content: string | CsvTable, out: (text: string) => void): void {
  const pieces = typeof content === 'string' ? [content] : csvChunks(content);
  if (path === '-') {
    for (const p of pieces) out(p);
    return;
  }
  let fd: number | undefined;
  try {
    fd = openSync(path, 'w');
    for (const p of pieces) writeSync(fd, p);
  } catch (e) {
    if (!(e as NodeJS.ErrnoException).code) throw e;
    throw new UsageError(`--${flag}: cannot write '${path}': ${reason(e)}`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
