/**
 * The web app: root `web/`, static build in `dist-web/` with relative URLs (`base: './'`), so the site
 * works from any static file server and from a subpath. The app imports `src/` directly (never a copy of a model).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist-web', import.meta.url));

export default defineConfig({
  root,
  base: './',
  // Vite's default cache lives in node_modules/.vite; keep it there (not under web/).
  cacheDir: fileURLToPath(new URL('./node_modules/.vite-web', import.meta.url)),
  build: {
    outDir,
    emptyOutDir: true,
    target: 'es2022',
    // plotly.js-dist-min alone is ~4.6 MB; that is expected, not a warning worth printing.
    chunkSizeWarningLimit: 6000,
    // The worker bundle is built inside one plugin call, which rolldown would report as slow on every build.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  worker: { format: 'es', rolldownOptions: { checks: { bundlerTimings: false } } },
  server: { open: false },
});
