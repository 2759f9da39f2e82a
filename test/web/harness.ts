/**
 * What both browser tests share: build the site with Vite's JS API into a temporary folder, serve it from a subpath
 * with a tiny node:http server (proving the relative base), and drive Debian's /usr/bin/chromium through
 * playwright-core with a fresh profile. Console errors and warnings, page errors and failed requests are collected.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

/** SPIKEBRIDGE_SKIP_BROWSER=1 skips the browser tests (otherwise a missing Chromium fails loudly). */
export const SKIP = process.env.SPIKEBRIDGE_SKIP_BROWSER === '1';
export const CHROMIUM = process.env.SPIKEBRIDGE_CHROMIUM ?? '/usr/bin/chromium';
export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const artifacts = join(repo, 'test-artifacts');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.wasm': 'application/wasm', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** A static file server for `dir` mounted at `subpath` (anything else is 404). */
function serve(dir: string, subpath: string): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(subpath)) return void res.writeHead(404).end('not found');
    let file = normalize(join(dir, path.slice(subpath.length)));
    if (!file.startsWith(dir)) return void res.writeHead(403).end();
    if (path.endsWith('/')) file = join(file, 'index.html');
    if (!existsSync(file)) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream', 'cache-control': path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache' });
    res.end(readFileSync(file));
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}${subpath}` })));
}

/** A built, served app and a Chromium page on it. */
export interface BrowserApp {
  context: BrowserContext;
  page: Page;
  url: string;
  /** Console errors/warnings, page errors and failed requests seen so far. */
  problems: string[];
  close(): Promise<void>;
}

let site: Promise<string> | null = null;
/**
 * The site built once per test worker (the browser test files a worker runs share its modules, so they share this
 * build); removed when the worker exits.
 */
function builtSite(): Promise<string> {
  site ??= (async () => {
    const { build } = await import('vite');
    const outDir = mkdtempSync(join(tmpdir(), 'spikebridge-web-'));
    process.once('exit', () => rmSync(outDir, { recursive: true, force: true }));
    await build({ configFile: join(repo, 'vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
    return outDir;
  })();
  return site;
}

/** Builds the site (once per worker), serves it at `subpath` and opens Chromium (1280×800). */
export async function startBrowserApp(subpath: string, o: { acceptDownloads?: boolean } = {}): Promise<BrowserApp> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does) ` +
      'or set SPIKEBRIDGE_SKIP_BROWSER=1 to skip the browser tests');
  }
  const outDir = await builtSite();
  const { server, url } = await serve(resolve(outDir), subpath);
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'spikebridge-chromium-'));
  // A fresh profile (--user-data-dir) per run: playwright takes it as launchPersistentContext's first argument.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    viewport: { width: 1280, height: 800 },
    acceptDownloads: o.acceptDownloads ?? false,
  });
  const page = context.pages()[0] ?? await context.newPage();
  const problems: string[] = [];
  const record = (where: string) => (msg: { type(): string; text(): string }) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${where} ${msg.type()}: ${msg.text()}`);
  };
  page.on('console', record('page'));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('worker', (w) => (w as unknown as { on?: (ev: string, cb: (m: { type(): string; text(): string }) => void) => void }).on?.('console', record('worker')));
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()}`));
  mkdirSync(artifacts, { recursive: true });
  return {
    context, page, url, problems,
    async close() {
      await context.close();
      server.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
