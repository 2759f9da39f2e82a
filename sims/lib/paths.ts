/**
 * Where the sims' files are, whether this code runs as TypeScript (sims/…, through ts-node or vitest) or from the
 * bundle in .build/ that `npm run build:sims` writes (see sims/start.mjs), where it may sit in a shared chunk.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const bundled = self.endsWith('.js');

/** The repository root: the nearest folder above this file that holds package.json. */
export const ROOT = (() => {
  let dir = dirname(self);
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
})();

/** The sims' source folder: the .ts files that name the sims and workloads, and data files such as bench/peers/*.py. */
export const SIMS_DIR = join(ROOT, 'sims');

/** The module to import for `rel`, a .ts file under sims/ (e.g. 'lif.ts', 'bench/hh.ts'): itself, or its bundle. */
export function simsModule(rel: string): string {
  return bundled ? join(ROOT, '.build', 'sims', rel.replace(/\.ts$/, '.js')) : join(SIMS_DIR, rel);
}
