/**
 * The web app: root `web/`, static build in `dist-web/` with relative URLs (`base: './'`), so the site
 * works from any static file server and from a subpath. The app imports `src/` directly (never a copy of a model).
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('./web', import.meta.url));
const outDir = fileURLToPath(new URL('./dist-web', import.meta.url));
const docs = fileURLToPath(new URL('./docs-api', import.meta.url));

/**
 * The API reference the page's footer links to. SPIKEBRIDGE_API_URL (at build time) points the link elsewhere;
 * otherwise it is `api/` beside the page: the build copies `npm run docs`'s docs-api/ there (a page saying how to
 * build it when it has not been built), and the dev server serves docs-api/ at `api/`.
 */
function apiReference(): Plugin {
  const external = process.env.SPIKEBRIDGE_API_URL ?? '';
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json' };
  return {
    name: 'spikebridge-api-reference',
    config: () => ({ define: { __API_REFERENCE_URL__: JSON.stringify(external || './api/') } }),
    configureServer(server) {
      server.middlewares.use('/api', (req, res, next) => {
        let file = normalize(join(docs, decodeURIComponent((req.url ?? '/').split('?')[0])));
        if (file.endsWith('/') || file === docs) file = join(file, 'index.html');
        if (!file.startsWith(docs) || !existsSync(file)) return next();
        res.setHeader('content-type', types[extname(file)] ?? 'application/octet-stream');
        res.end(readFileSync(file));
      });
    },
    writeBundle(options) {
      if (external) return;
      const api = join(options.dir ?? outDir, 'api');
      if (existsSync(join(docs, 'index.html'))) return void cpSync(docs, api, { recursive: true });
      mkdirSync(api, { recursive: true });
      writeFileSync(join(api, 'index.html'), '<!doctype html><meta charset="utf-8"><title>spikebridge API reference</title>' +
        '<p>The spikebridge API reference was not built with this site. Run <code>npm run docs</code> (TypeDoc, from the ' +
        'TSDoc in <code>src/</code>) and build the site again to have it here.</p>\n');
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [apiReference()],
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
