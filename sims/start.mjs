// `node sims/start.mjs sims/cli.ts [args]` (what `npm run sim` and `npm run bench` do): runs a TypeScript entry
// point of sims/ from its bundle in .build/ (written by `npm run build:sims`, part of `npm run build`) when the
// bundle was made from the sources as they are now; otherwise through ts-node, which needs no build but transpiles
// on every start (seconds instead of a fraction of one).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { register } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = ROOT;
/** Where sims/tools/build-sims.mjs bundles the sims to. */
export const BUILD_DIR = join(root, '.build');
/** Written after a successful build: the sources it was made from; its mtime is when the build started. */
export const STAMP = join(BUILD_DIR, 'stamp.json');

/** The files the bundle is made from (paths relative to the root, sorted) and the newest mtime among them. */
export function sources() {
  const files = [];
  let newest = 0;
  const visit = (rel) => {
    const s = statSync(join(root, rel), { throwIfNoEntry: false });
    if (s?.isDirectory()) for (const e of readdirSync(join(root, rel)).sort()) visit(join(rel, e));
    else if (s && /\.(ts|mjs|json)$/.test(rel)) {
      files.push(rel);
      newest = Math.max(newest, s.mtimeMs);
    }
  };
  // The lock file stands for the bundled dependencies (mathjs, cli-progress).
  for (const s of ['src', 'sims', 'tsconfig.json', 'package-lock.json']) visit(s);
  return { files, newest };
}

/** The bundled module of a .ts entry point, or undefined when there is none or its sources changed since. */
export function compiledEntry(tsPath) {
  const js = join(BUILD_DIR, relative(root, resolve(root, tsPath))).replace(/\.ts$/, '.js');
  const stamp = statSync(STAMP, { throwIfNoEntry: false });
  if (!stamp || !statSync(js, { throwIfNoEntry: false })) return undefined;
  const now = sources();
  let built;
  try {
    built = JSON.parse(readFileSync(STAMP, 'utf8')).files;
  } catch {
    return undefined;
  }
  const same = Array.isArray(built) && built.length === now.files.length && built.every((f, i) => f === now.files[i]);
  return same && now.newest < stamp.mtimeMs ? js : undefined;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [entry, ...args] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('usage: node sims/start.mjs sims/<entry>.ts [args]\n');
    process.exit(2);
  }
  let target = compiledEntry(entry);
  if (target) {
    // Stack traces (--debug) then name the TypeScript lines.
    if (args.includes('--debug')) process.setSourceMapsEnabled(true);
  } else {
    if (process.stderr.isTTY && statSync(STAMP, { throwIfNoEntry: false })) {
      process.stderr.write('(sources changed since `npm run build:sims`: running through ts-node, which starts slower)\n');
    }
    register('ts-node/esm', pathToFileURL(root + '/'));
    target = resolve(root, entry);
  }
  // The entry point sees itself as the script that was run, with its own arguments.
  process.argv = [process.argv[0], target, ...args];
  await import(pathToFileURL(target).href);
}
