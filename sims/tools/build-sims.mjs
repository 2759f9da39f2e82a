// `npm run build:sims`: bundles every sim and benchmark workload (sims/*.ts, sims/bench/*.ts) into .build/
// (./bundle.mjs), so `npm run sim` and `npm run bench` start from a few JavaScript files instead of transpiling
// TypeScript and loading mathjs's ~1,200 modules on every run. sims/start.mjs uses the bundle only while
// the stamp written here still matches the sources.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_DIR, ROOT, STAMP, sources } from '../start.mjs';
import { bundleForNode } from './bundle.mjs';

const started = new Date();
const { files } = sources();
const input = {};
for (const dir of ['sims', 'sims/bench']) {
  for (const f of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts'))) input[`${dir}/${f.slice(0, -3)}`] = join(ROOT, dir, f);
}
await bundleForNode(input, BUILD_DIR);
mkdirSync(BUILD_DIR, { recursive: true });
writeFileSync(STAMP, JSON.stringify({ files }) + '\n');
// A source saved while the build ran is newer than the stamp, so that build counts as stale.
utimesSync(STAMP, started, started);
