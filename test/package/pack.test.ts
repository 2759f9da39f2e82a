/**
 * `npm pack` gives a package another project can install and use: plain Node ESM imports it, `tsc` type-checks
 * code against its .d.ts files, and Vite bundles it.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { lifRate } from '../../src/neurons/rates.js';

const root = join(import.meta.dirname, '..', '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** True when dist/ holds a .js and a .d.ts newer than each module of src/ (and the build's config). */
function libIsCurrent(): boolean {
  const mtime = (f: string) => statSync(f, { throwIfNoEntry: false })?.mtimeMs ?? -1;
  const config = Math.max(mtime(join(root, 'tsconfig.json')), mtime(join(root, 'tsconfig.build.json')), mtime(join(root, 'package.json')));
  const modules = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? modules(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
  return modules(join(root, 'src')).every((ts) => {
    const out = join(root, 'dist', ts.slice(join(root, 'src').length + 1).replace(/\.ts$/, ''));
    const built = Math.min(mtime(`${out}.js`), mtime(`${out}.d.ts`));
    return built > mtime(ts) && built > config;
  });
}

describe('the packed package', () => {
  it('installs into a fresh project, imports from Node ESM, type-checks with tsc and bundles with Vite', async () => {
    // `npm run build` (CI runs it first) compiles src/ to dist/: rebuilt here unless every module's output is newer
    // than its source, as make would. A stale or stray file in dist/ fails the listing check below either way.
    if (!libIsCurrent()) execFileSync(npm, ['run', '-s', 'build:lib'], { cwd: root, stdio: 'pipe' });
    const dir = mkdtempSync(join(tmpdir(), 'sb-pack-'));
    execFileSync(npm, ['pack', '--silent', '--pack-destination', dir], { cwd: root, stdio: 'pipe' });
    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    expect(tgz).toMatch(/^spikebridge-.*\.tgz$/);
    // What ships: package.json, README, LICENSE and dist/, where every file is compiled from a module of src/ (a
    // stale build of a moved module would show up here); nothing of the web app (jobs, worker, page limits).
    const listed = execFileSync('tar', ['-tzf', join(dir, tgz)], { encoding: 'utf8' }).trim().split('\n').map((f) => f.replace(/^package\//, ''));
    const notFromSrc = listed.filter((f) => f.startsWith('dist/') && !existsSync(join(root, 'src', f.slice(5).replace(/\.(js|d\.ts)(\.map)?$/, '.ts'))));
    expect(notFromSrc).toEqual([]);
    expect(listed.filter((f) => !f.startsWith('dist/') && !['package.json', 'README.md', 'LICENSE'].includes(f))).toEqual([]);
    expect(listed.filter((f) => /web|worker|jobs?\b/i.test(f))).toEqual([]);
    expect(listed).toContain('dist/experiments/neuronTraces.js');
    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', type: 'module', private: true }));
    execFileSync(npm, ['install', '--no-audit', '--no-fund', '--prefer-offline', '--silent', join(dir, tgz)], { cwd: app, stdio: 'pipe' });

    // What is shipped is whole: the license, and no source map pointing at a file the package does not hold.
    const pkg = join(app, 'node_modules', 'spikebridge');
    expect(readFileSync(join(pkg, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    const shipped = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? shipped(join(d, e.name)) : [join(d, e.name)]));
    for (const map of shipped(pkg).filter((f) => f.endsWith('.map'))) {
      const m = JSON.parse(readFileSync(map, 'utf8')) as { sources: string[]; sourcesContent?: string[] };
      m.sources.forEach((s, i) => expect(m.sourcesContent?.[i] !== undefined || existsSync(join(dirname(map), s)), `${map} → ${s}`).toBe(true));
    }

    // Plain Node ESM
    writeFileSync(join(app, 'main.mjs'), `
import { LIF, lifRate, HodgkinHuxley, integrate } from 'spikebridge';
const tr = new LIF().simulate({ input: 2, duration: 1, dt: 1e-4 });
const hh = new HodgkinHuxley().simulate({ current: 10, duration: 0.05, dt: 1e-5 });
const sol = integrate((t, y, d) => { d[0] = -y[0]; }, [1], { t1: 1, dt: 0.01 });
console.log(JSON.stringify({ g: lifRate(2), n: tr.spikes.length, hh: hh.spikes.length, y: sol.y[0][100] }));
`);
    const out = JSON.parse(execFileSync(process.execPath, ['main.mjs'], { cwd: app, encoding: 'utf8' }));
    expect(out.g).toBe(lifRate(2));
    expect(out.n).toBeGreaterThan(60);
    expect(out.hh).toBe(4);
    expect(Math.abs(out.y - Math.exp(-1))).toBeLessThan(1e-9);

    // Types: strict tsc against the package's .d.ts (and a deliberate error is caught)
    writeFileSync(join(app, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', strict: true, noEmit: true, skipLibCheck: false, types: [] }, include: ['*.ts'] }));
    writeFileSync(join(app, 'typed.ts'), `
import { LIF, lifRate, type LifTrace, HodgkinHuxley, type HhTrace } from 'spikebridge';
const tr: LifTrace = new LIF({ tauM: 0.02 }).simulate({ input: '1.5 + 0.1*sin(t)', duration: 0.1, dt: 1e-4 });
const hh: HhTrace = new HodgkinHuxley({ temperature: 6.3 }).simulate({ current: 10, duration: 0.01, dt: 1e-5 });
const r: number = lifRate(2, { tauRef: 0.002 }) + tr.spikes.length + hh.V.length;
export { r };
`);
    // One tsc run over both files: the only error reported is the deliberate one.
    writeFileSync(join(app, 'wrong.ts'), `import { lifRate } from 'spikebridge';\nconst s: string = lifRate(2);\nexport { s };\n`);
    const tsc = spawnSync(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], { cwd: app, encoding: 'utf8' });
    const errors = tsc.stdout.split('\n').filter((l) => /error TS\d+/.test(l));
    expect(errors, tsc.stdout + tsc.stderr).toHaveLength(1);
    expect(errors[0]).toMatch(/^wrong\.ts\(2,7\): error TS2322: Type 'number' is not assignable to type 'string'/);
    execFileSync('rm', [join(app, 'wrong.ts')]);

    // A Vite bundle of the package
    const { build } = await import('vite');
    writeFileSync(join(app, 'entry.js'), `import { lifRate, LIF } from 'spikebridge';\nexport const g = lifRate(2);\nexport const n = new LIF().simulate({ input: 'pi', duration: 0.5, dt: 1e-4 }).spikes.length;\n`);
    await build({ root: app, logLevel: 'silent', configFile: false, build: { outDir: join(app, 'out'), lib: { entry: join(app, 'entry.js'), formats: ['es'], fileName: 'bundle' }, minify: true } });
    const bundle = readdirSync(join(app, 'out')).find((f) => f.startsWith('bundle'))!;
    const mod = await import(join(app, 'out', bundle));
    expect(mod.g).toBe(lifRate(2));
    expect(mod.n).toBeGreaterThan(40);
  }, 300_000); // tsc, npm pack/install, tsc and Vite in a row: minutes on a busy machine
});
