/**
 * What the browser tests share: build the site with Vite's JS API into a temporary folder, serve it from a subpath
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

/** The subpath the site is served from (the built site must work from any path: its base is relative). */
const SUBPATH = '/some/sub/path/';

/**
 * V8 flags of the browser the test files share: no optimizing tier above Maglev. The pages there live for seconds;
 * TurboFan's background compiles cost more CPU than they save (the four files sharing it: 157 → 133 core-seconds).
 * The long-runs file's own browser, whose task times are asserted, runs V8 as users have it.
 */
export const SHARED_V8_FLAGS = '--max-opt=2';

/** Chromium with a fresh profile (--user-data-dir); removed when closed. */
async function launch(v8Flags?: string): Promise<{ context: BrowserContext; profile: string }> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium (apt-get install chromium; .ci/run does) ` +
      'or set SPIKEBRIDGE_SKIP_BROWSER=1 to skip the browser tests');
  }
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'spikebridge-chromium-'));
  // playwright takes the profile folder as launchPersistentContext's first argument.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', ...(v8Flags ? [`--js-flags=${v8Flags}`] : [])],
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
  });
  return { context, profile };
}

interface Session { context: BrowserContext; page: Page; url: string; server: Server; profile: string }

async function openSession(v8Flags?: string): Promise<Session> {
  const outDir = await builtSite();
  const { server, url } = await serve(resolve(outDir), SUBPATH);
  const { context, profile } = await launch(v8Flags);
  const page = context.pages()[0] ?? await context.newPage();
  return { context, page, url, server, profile };
}

let shared: Promise<Session> | null = null;

/**
 * Builds the site (once per worker), serves it at a subpath and gives a Chromium page (1280×800) on a blank document.
 *
 * The browser test files a worker runs share one server, one Chromium and one tab: a tab that has run the app before
 * loads it again in ~0.5 s, where a new one spends ~3 s of CPU evaluating plotly. Each file starts from a blank
 * document and its own list of problems; its V8 runs with SHARED_V8_FLAGS. `fresh` gives a browser of the file's
 * own, closed with it, with V8's defaults: a first visit, as a new user makes it.
 */
export async function startBrowserApp(o: { fresh?: boolean } = {}): Promise<BrowserApp> {
  let session: Session;
  if (o.fresh) {
    session = await openSession();
  } else {
    shared ??= openSession(SHARED_V8_FLAGS).then((s) => {
      // Closed with the worker (playwright also kills its browsers when the process exits).
      process.once('exit', () => { s.server.close(); rmSync(s.profile, { recursive: true, force: true }); });
      return s;
    });
    session = await shared;
  }
  const { context, page, url } = session;
  await page.goto('about:blank');
  await page.setViewportSize({ width: 1280, height: 800 });
  const problems: string[] = [];
  const record = (where: string) => (msg: { type(): string; text(): string }) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`${where} ${msg.type()}: ${msg.text()}`);
  };
  const onConsole = record('page'), onWorkerConsole = record('worker');
  const onPageError = (e: Error) => problems.push(`page error: ${e.message}`);
  const onWorker = (w: unknown) => (w as { on?: (ev: string, cb: (m: { type(): string; text(): string }) => void) => void }).on?.('console', onWorkerConsole);
  const onRequestFailed = (r: { url(): string }) => problems.push(`request failed: ${r.url()}`);
  page.on('console', onConsole);
  page.on('pageerror', onPageError);
  page.on('worker', onWorker);
  page.on('requestfailed', onRequestFailed);
  mkdirSync(artifacts, { recursive: true });
  return {
    context, page, url, problems,
    async close() {
      page.off('console', onConsole);
      page.off('pageerror', onPageError);
      page.off('worker', onWorker);
      page.off('requestfailed', onRequestFailed);
      if (o.fresh) {
        await context.close();
        session.server.close();
        rmSync(session.profile, { recursive: true, force: true });
      } else {
        // The next file starts from a blank document: nothing of this one's runs or timers carries over.
        await page.goto('about:blank').catch(() => undefined);
      }
    },
  };
}

/**
 * SPIKEBRIDGE_SCREENSHOTS=1 saves the browser tests' screenshots in test-artifacts/ (web-*.png). Off by default: a
 * full-page screenshot costs ~0.3 s of CPU, and the suite takes dozens.
 */
export const SCREENSHOTS = process.env.SPIKEBRIDGE_SCREENSHOTS === '1';

/** A full-page screenshot to test-artifacts/`file`, when SCREENSHOTS. */
export async function screenshot(page: Page, file: string): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: join(artifacts, file), fullPage: true });
}

/**
 * The page at 1280×800 and in a 400 px window, where nothing may be wider than the window (the plots follow the
 * window on their resize event: the layout is waited for, not a time); `<name>-1280x800.png` and `<name>-400w.png`
 * when SCREENSHOTS. Ends at 1280×800.
 */
export async function checkWidths(page: Page, name: string): Promise<void> {
  const { expect } = await import('vitest');
  await page.setViewportSize({ width: 1280, height: 800 });
  await screenshot(page, `${name}-1280x800.png`);
  await page.setViewportSize({ width: 400, height: 800 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    { timeout: 20_000, message: `${name}: the page is wider than a 400 px window` }).toBeLessThanOrEqual(1);
  await screenshot(page, `${name}-400w.png`);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** A plot's trace as plain arrays (what plotly holds in the div). */
export interface PlotTrace { name: string; type?: string; x: number[]; y: number[]; z?: number[][] }

/**
 * What the browser tests read off the page: a number in an element's data-* attribute (`num`), waiting until it
 * grows (`waitMore`, a panel's `updates` or `partials` counter), a result's `data-value`, and a plot's traces.
 * `page` is read when called (the files assign it in beforeAll).
 */
export function pageReaders(page: () => Page) {
  const num = (sel: string, key: string) => page().evaluate(([s, k]) => Number((document.querySelector(s) as HTMLElement | null)?.dataset[k] ?? 0), [sel, key]);
  return {
    num,
    async waitMore(sel: string, key: string, after: number, timeout = 60_000): Promise<number> {
      await page().waitForFunction(([s, k, n]) => Number((document.querySelector(s as string) as HTMLElement | null)?.dataset[k as string] ?? 0) > (n as number), [sel, key, after], { timeout });
      return num(sel, key);
    },
    value: (id: string) => page().evaluate((i) => Number(document.getElementById(i)!.dataset.value), id),
    plotData: (id: string): Promise<PlotTrace[]> => page().evaluate((i) => (document.getElementById(i) as unknown as { data: { name: string; type?: string; x?: number[]; y?: number[]; z?: number[][] }[] }).data
      .map((t) => ({ name: t.name, type: t.type, x: Array.from(t.x ?? []), y: Array.from(t.y ?? []), z: t.z })), id),
  };
}
