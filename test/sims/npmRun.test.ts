/**
 * `npm run sim` as a user runs it: from the bundle that `npm run build:sims` writes while it matches the sources,
 * through ts-node otherwise (same output), with stdout holding nothing but the sim's JSON, and npm's own errors shown.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = join(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface StartModule {
  compiledEntry(tsPath: string): string | undefined;
  STAMP: string;
}

describe('npm run sim', () => {
  it('starts from the bundle while it matches the sources, and from TypeScript otherwise, with the same output', async () => {
    const start = (await import(pathToFileURL(join(root, 'sims', 'start.mjs')).href)) as StartModule;
    // `npm run build` (CI runs it first) writes the bundle; built here when it is missing or stale.
    if (!start.compiledEntry('sims/cli.ts')) execFileSync(process.execPath, ['sims/tools/build-sims.mjs'], { cwd: root, stdio: 'pipe' });
    expect(start.compiledEntry('sims/cli.ts')).toBe(join(root, '.build', 'sims', 'cli.js'));
    expect(start.compiledEntry('sims/bench.ts')).toBe(join(root, '.build', 'sims', 'bench.js'));

    const args = ['lif', '--json', '--input', '1 + 0.5*sin(2*pi*5*t)', '--duration', '0.5'];
    const bundled = spawnSync(process.execPath, ['sims/start.mjs', 'sims/cli.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    const typescript = spawnSync(process.execPath, ['--import', './sims/register.mjs', 'sims/cli.ts', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(bundled.status, bundled.stderr).toBe(0);
    expect(typescript.status, typescript.stderr).toBe(0);
    expect(JSON.parse(bundled.stdout).spikeCount).toBeGreaterThan(5);
    expect(bundled.stdout).toBe(typescript.stdout);

    // The stamp lists the files the bundle was made from, and its mtime is when the build started.
    const text = readFileSync(start.STAMP, 'utf8');
    const { mtime } = statSync(start.STAMP);
    try {
      const files: string[] = JSON.parse(text).files;
      expect(files).toContain('sims/lif.ts');
      writeFileSync(start.STAMP, JSON.stringify({ files: files.filter((f) => f !== 'sims/lif.ts') }));
      utimesSync(start.STAMP, mtime, mtime);
      expect(start.compiledEntry('sims/cli.ts'), 'a file added since the build').toBeUndefined();
      writeFileSync(start.STAMP, text);
      utimesSync(start.STAMP, new Date(0), new Date(0));
      expect(start.compiledEntry('sims/cli.ts'), 'sources newer than the build').toBeUndefined();
    } finally {
      writeFileSync(start.STAMP, text);
      utimesSync(start.STAMP, mtime, mtime);
    }
    expect(start.compiledEntry('sims/cli.ts')).toBe(join(root, '.build', 'sims', 'cli.js'));
  }, 180_000);

  it('`npm run sim -- hh --json` prints exactly one JSON object on stdout; npm prints its own errors', () => {
    const r = spawnSync(npm, ['run', 'sim', '--', 'hh', '--json', '--duration', '0.05'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.sim).toBe('hh');
    expect(j.spikeCount).toBe(j.spikes.length);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);

    const missing = spawnSync(npm, ['run', 'nosuchscript'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/Missing script: "nosuchscript"/);
  }, 180_000);
});
