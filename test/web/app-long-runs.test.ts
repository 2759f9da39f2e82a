/**
 * Long runs and hostile input in the web app, in real headless Chromium (set up as app.test.ts: Vite build into a
 * temporary folder, served from a subpath, Debian's /usr/bin/chromium through playwright-core, a fresh profile).
 *
 * Responsiveness is measured on the page, not guessed from how long things take. Each case resets two probes, does
 * its work and waits for the page's own states (data-updates, data-partials, the status line's data-state):
 * - Chrome's trace of the main thread (CDP Tracing, 'RunTask' events): every task's CPU time (`tdur`). Asserted:
 *   no task of the page's own work holds the main thread longer than TASK_CEILING_MS of CPU — a guard against a
 *   redraw that blocks the page (an unthinned 100 s trace held it 4.5 s), not the 100 ms target itself: a task's CPU
 *   time still grows when other processes share the cores (the heaviest redraw, plotly's layout of a 100 s trace or
 *   raster, takes 75–80 ms alone and 110–160 ms beside another browser test), so the figures are reported
 *   (test-artifacts/web-long-runs-timings.json) and the ceiling is set well above them.
 * - A page-side probe installed before the app's scripts (addInitScript): a 10 ms interval timer recording the
 *   largest gap between its ticks, and a PerformanceObserver collecting 'longtask' entries. These are wall-clock
 *   times: on a machine shared with other CPU-heavy work they include time the OS gave to other processes, so they
 *   are reported (test-artifacts/web-long-runs-timings.json) and not asserted.
 *
 * The first-plot time after a page load is measured (performance.now() when the first plot area shows a sketch or a
 * drawn plot) and reported in test-artifacts/web-long-runs-timings.json, not asserted.
 *
 * SPIKEBRIDGE_SKIP_BROWSER=1 skips it, as app.test.ts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP, pageReaders, artifacts, repo, startBrowserApp, type BrowserApp } from './harness.js';
import { lifRate } from '../../src/neurons/rates.js';
import { MLP } from '../../src/nn/mlp.js';
import { MAX_MODEL_FILE_BYTES } from '../../web/jobs/spiking.js';

/** The longest the main thread may be kept from answering (ms). */
/** See the header: the longest main-thread task allowed, CPU ms (the target is 100 ms; the figures are reported). */
const TASK_CEILING_MS = 500;

/** Runs in the page before its scripts: the gap probe, the long-task observer and the first plot's time. */
function installProbe(): void {
  const w = window as unknown as Record<string, unknown>;
  const probe = { maxGap: 0, gaps: 0, longTasks: [] as number[], firstPlotMs: NaN, firstDrawMs: NaN, last: performance.now() };
  w.__probe = probe;
  setInterval(() => {
    const now = performance.now();
    probe.maxGap = Math.max(probe.maxGap, now - probe.last);
    probe.gaps++;
    probe.last = now;
  }, 10);
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) probe.longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  } catch { /* no long-task timing in this browser: the gaps still count */ }
  new MutationObserver(() => {
    if (Number.isNaN(probe.firstPlotMs) && document.querySelector('.plot-area[data-sketch], .plot-area[data-draws]')) probe.firstPlotMs = performance.now();
    if (Number.isNaN(probe.firstDrawMs) && document.querySelector('.plot-area[data-draws]')) probe.firstDrawMs = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-sketch', 'data-draws'] });
}

interface ProbeReading { maxGap: number; longest: number; longTasks: number; ticks: number }

/** A Chrome trace event (the fields used here). */
interface TraceEvent { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string } }

describe.skipIf(SKIP)('web app: long runs stay honest and responsive; hostile input is refused beside its control', () => {
  let page: Page;
  let url = '';
  let problems: string[] = [];
  const started = Date.now();
  const figures: Record<string, unknown> = {};

  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp({ fresh: true });
    ({ page, url } = app);
    problems = app.problems;
    await page.addInitScript(installProbe);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    const seconds = (Date.now() - started) / 1000;
    writeFileSync(join(artifacts, 'web-long-runs-timings.json'), JSON.stringify({ ...figures, browserTestSeconds: seconds }, null, 2) + '\n');
    console.log(`[web long runs] ${JSON.stringify(figures)}; browser test took ${seconds.toFixed(1)} s`);
  });

  // The main thread's tasks from Chrome's own trace: `dur` is wall time, `tdur` the thread's CPU time in the task
  // (what the page itself spent; on a machine shared with other work the wall time also holds time not scheduled).
  let tracing: { events: TraceEvent[]; done: Promise<void>; cdp: CDPSession } | null = null;
  async function startTrace(): Promise<void> {
    const cdp = await page.context().newCDPSession(page);
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => { events.push(...(e.value as unknown as TraceEvent[])); });
    const done = new Promise<void>((ok) => cdp.once('Tracing.tracingComplete', () => ok()));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['disabled-by-default-devtools.timeline', 'devtools.timeline', '__metadata'] }, transferMode: 'ReportEvents' });
    tracing = { events, done: done.then(() => cdp.detach()), cdp };
  }
  /** Ends the trace; the main thread's longest task in CPU time and in wall time (ms). */
  async function endTrace(): Promise<{ cpuMs: number; wallMs: number; tasks: number }> {
    const t = tracing!;
    tracing = null;
    await t.cdp.send('Tracing.end');
    await t.done;
    if (process.env.SPIKEBRIDGE_TRACE_DUMP) writeFileSync(join(artifacts, `trace-${Date.now()}.json`), JSON.stringify(t.events));
    const mains = new Set(t.events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const tasks = t.events.filter((e) => e.ph === 'X' && e.name === 'RunTask' && mains.has(`${e.pid}:${e.tid}`));
    return { cpuMs: Math.max(0, ...tasks.map((e) => (e.tdur ?? e.dur ?? 0) / 1000)), wallMs: Math.max(0, ...tasks.map((e) => (e.dur ?? 0) / 1000)), tasks: tasks.length };
  }

  async function resetProbe(): Promise<void> {
    if (!page.url().startsWith(url)) {
      // Run alone (vitest -t): load the page first; what is measured starts after that.
      await page.goto(url);
      await page.waitForFunction(() => document.querySelector('.plot-area[data-draws]'), null, { timeout: 120_000 });
    }
    if (tracing) await endTrace();
    await startTrace();
    await page.evaluate(() => {
      const p = (window as unknown as { __probe: { maxGap: number; longTasks: number[]; last: number; gaps: number } }).__probe;
      p.maxGap = 0; p.longTasks = []; p.gaps = 0; p.last = performance.now();
    });
  }
  const readProbe = (): Promise<ProbeReading> => page.evaluate(() => {
    const p = (window as unknown as { __probe: { maxGap: number; longTasks: number[]; last: number; gaps: number } }).__probe;
    // The gap still open counts too (a task running right now).
    const maxGap = Math.max(p.maxGap, performance.now() - p.last);
    return { maxGap, longest: Math.max(0, ...p.longTasks), longTasks: p.longTasks.length, ticks: p.gaps };
  });
  /** Asserts no main-thread task took TASK_CEILING_MS of CPU; records the reading under `name`. */
  async function expectResponsive(name: string): Promise<void> {
    const r = await readProbe();
    const tr = await endTrace();
    figures[name] = { maxGapMs: Math.round(r.maxGap), longestTaskMs: Math.round(r.longest), longTasks: r.longTasks, ticks: r.ticks,
      longestTaskCpuMs: Math.round(tr.cpuMs), longestTaskTraceWallMs: Math.round(tr.wallMs), tracedTasks: tr.tasks };
    console.log(name, JSON.stringify(figures[name]));
    expect(r.ticks, `${name}: the probe ticked`).toBeGreaterThan(0);
    expect(tr.tasks, `${name}: the trace saw the main thread's tasks`).toBeGreaterThan(0);
    // The page's own work per task, in the main thread's CPU time: wall-clock gaps on a machine shared with other
    // work also count time the OS gave to other processes, so they are reported (figures) but not asserted.
    expect(tr.cpuMs, `${name}: longest main-thread task (CPU time)`).toBeLessThan(TASK_CEILING_MS);
  }

  const { num, waitMore, value, plotData } = pageReaders(() => page);
  const plotText = (id: string) => page.evaluate((i) => {
    const l = (document.getElementById(i) as unknown as { layout: { title?: { text?: string }; annotations?: { text: string }[] } }).layout;
    return { title: l.title?.text ?? '', notes: (l.annotations ?? []).map((a) => a.text).join(' ') };
  }, id);
  const maxOf = (xs: number[]) => xs.reduce((m, x) => (x > m ? x : m), -Infinity);
  const errorOf = (root: string, key: string) => page.locator(`${root} .field[data-key="${key}"] .error`);
  async function expectText(loc: ReturnType<Page['locator']>, want: RegExp | string, timeout = 10_000): Promise<void> {
    const poll = expect.poll(async () => (await loc.textContent()) ?? '', { timeout });
    await (typeof want === 'string' ? poll.toBe(want) : poll.toMatch(want));
  }
  const statusState = (id: string) => page.locator(`#${id}`).getAttribute('data-state');
  /** Opens a panel at `hash` (a hash change: the page and plotly stay loaded). */
  const open = async (hash: string) => {
    if (!page.url().startsWith(url)) await page.goto(`${url}${hash}`);
    else await page.evaluate((h) => { location.hash = h; }, hash);
  };

  it('shows a first plot soon after the page loads (measured, reported)', async () => {
    await page.goto(url);
    await page.waitForFunction(() => !Number.isNaN((window as unknown as { __probe: { firstDrawMs: number } }).__probe.firstDrawMs), null, { timeout: 60_000 });
    const t = await page.evaluate(() => {
      const p = (window as unknown as { __probe: { firstPlotMs: number; firstDrawMs: number } }).__probe;
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const bytes = performance.getEntriesByType('resource').reduce((s, e) => s + ((e as PerformanceResourceTiming).encodedBodySize || 0), nav.encodedBodySize || 0);
      const q = p as unknown as { longTasks: number[] };
      return { firstPlotMs: p.firstPlotMs, firstDrawMs: p.firstDrawMs, domContentLoadedMs: nav.domContentLoadedEventEnd, bytes, longestLoadTaskMs: Math.max(0, ...q.longTasks) };
    });
    figures.pageLoadLongestTaskMs = Math.round(t.longestLoadTaskMs);
    figures.firstPlotAfterLoadMs = Math.round(t.firstPlotMs);
    figures.firstPlotlyDrawAfterLoadMs = Math.round(t.firstDrawMs);
    figures.domContentLoadedMs = Math.round(t.domContentLoadedMs);
    figures.transferredBytes = t.bytes;
    expect(t.firstPlotMs).toBeLessThanOrEqual(t.firstDrawMs);
    // Once plotly is in, later panels draw without loading anything more.
    await page.waitForFunction(() => document.querySelectorAll('.plot-area[data-draws]').length >= 1);
  }, 180_000);

  it('links to the API reference, served beside the page', async () => {
    const link = page.locator('footer a#api-reference');
    expect(await link.textContent()).toBe('API reference');
    const href = await link.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(href).toBe(new URL('api/', url).href);
    // The built docs-api/ (npm run docs) when it was built before the site, else a page that says how to build it.
    const res = await page.request.get(href);
    expect(res.status()).toBe(200);
    expect(await res.text()).toMatch(/spikebridge/);
  });

  it('LIF, 100 s: the run and every redraw keep the page answering; the trace is thinned for display and says so', async () => {
    await resetProbe();
    await open('#lif?T=100000');
    let n = await waitMore('#lif-root', 'updates', 0, 120_000);
    // A second 100 s run at another input: the redraw replaces a 10^6-sample plot.
    await page.fill('#lif-root .field[data-key="I"] input.num', '2.5');
    n = await waitMore('#lif-root', 'updates', n, 120_000);
    await expectResponsive('lif100s');
    const g = lifRate(2.5);
    expect(await value('lif-analytic')).toBeCloseTo(g, 9);
    expect(Math.abs((await value('lif-rate')) / g - 1)).toBeLessThan(0.005);
    expect(await value('lif-spikes')).toBeGreaterThan(0.99 * g * 100);
    const v = await plotData('lif-v');
    // The whole 100 s on the plot (ms), in at most a few thousand points (min–max per pixel column).
    expect(maxOf(v[0].x)).toBeGreaterThan(99_900);
    expect(v[0].x.length).toBeLessThan(20_000);
    expect((await plotText('lif-v')).notes).toMatch(/Drawn thinned: .*min.max/);
    expect(await page.getAttribute('#lif-v', 'data-thinned')).toBe('1');
  }, 300_000);

  it('Network, 100 s: the raster reaches 100 s, subsampled by neuron and saying by how much; the page answers throughout', async () => {
    await resetProbe();
    await open('#network?T=100000&dt=0.5');
    const root = '#network-root';
    // A long run waits for a click (its estimate is shown first).
    const before = await num(root, 'updates');
    if (await statusState('net-status') !== 'busy') {
      await page.waitForFunction(() => ['waiting', 'busy'].includes(document.getElementById('net-status')?.dataset.state ?? ''));
      if (await statusState('net-status') === 'waiting') await page.click('#network-root button.run');
    }
    await waitMore(root, 'updates', before, 300_000);
    await expectResponsive('network100s');
    figures.network100sPartialRedraws = await num(root, 'partials');
    const raster = await plotData('net-raster');
    expect(raster.map((t) => t.name)).toEqual(['excitatory', 'inhibitory']);
    for (const t of raster) expect(maxOf(t.x), `${t.name} spikes reach the end of the run`).toBeGreaterThan(99.5);
    const { title } = await plotText('net-raster');
    const shown = /every (\d+)(?:st|nd|rd|th)/.exec(title);
    expect(title, 'the raster says it is a subset').toMatch(/neurons? shown/);
    expect(Number(shown?.[1])).toBeGreaterThan(1);
    // The count in the title is all spikes; the raster holds fewer (every k-th neuron's complete train).
    const counted = Number(/Raster: (\d+) spikes/.exec(title)?.[1]);
    expect(raster[0].x.length + raster[1].x.length).toBeLessThan(counted);
    const rate = (await plotData('net-rate'))[0];
    expect(maxOf(rate.x)).toBeGreaterThan(99.5);
  }, 600_000);

  it('Network: Cancel works while the connectivity is being drawn (N = 20,000, p = 0.1: 4·10⁸ pairs)', async () => {
    await open('#network?N=20000&p=0.1&T=100');
    await page.waitForFunction(() => document.getElementById('net-status')?.dataset.state === 'waiting');
    await page.click('#network-root button.run');
    await expectText(page.locator('#net-status .status-text'), /building the network: \d+ % of the pairs drawn/, 60_000);
    await resetProbe();
    const progress = Number(await page.locator('#net-status progress').getAttribute('value'));
    expect(progress).toBeLessThan(1);
    const updates = await num('#network-root', 'updates');
    await page.click('#net-status button.cancel');
    await expectText(page.locator('#net-status .status-text'), /cancelled/);
    expect(await statusState('net-status')).toBe('done');
    await expectResponsive('cancelDuringBuild');
    // The page keeps working: a smaller network (the same panel) runs, and its result is the only one after the
    // cancelled build.
    await page.fill('#network-root .field[data-key="N"] input.num', '300');
    expect(await waitMore('#network-root', 'updates', updates)).toBe(updates + 1);
    expect(await statusState('net-status')).toBe('done');
    expect(await value('net-synapses')).toBeLessThan(300 * 300 * 0.2);
  }, 180_000);

  it('Network: Cancel works mid-run (N = 1,500, p = 0.5, bias 3: ~10¹⁰ synaptic events over 100 s)', async () => {
    await open('#network?N=1500&p=0.5&bias=3&T=100000');
    await page.waitForFunction(() => document.getElementById('net-status')?.dataset.state === 'waiting');
    const partials = await num('#network-root', 'partials');
    await page.click('#network-root button.run');
    await resetProbe();
    await waitMore('#network-root', 'partials', partials, 60_000);
    expect(await statusState('net-status')).toBe('busy');
    await expectText(page.locator('#net-status .status-text'), /simulating step/);
    const reached = maxOf((await plotData('net-rate'))[0].x);
    expect(reached).toBeLessThan(100);
    const updates = await num('#network-root', 'updates');
    await page.click('#net-status button.cancel');
    await expectText(page.locator('#net-status .status-text'), /cancelled/);
    await expectResponsive('cancelDuringRun');
    // What was simulated stays; a new short run is the next (and only) result.
    expect(maxOf((await plotData('net-rate'))[0].x)).toBeGreaterThan(0);
    await page.fill('#network-root .field[data-key="T"] input.num', '200');
    expect(await waitMore('#network-root', 'updates', updates)).toBe(updates + 1);
    expect(maxOf((await plotData('net-rate'))[0].x)).toBeLessThan(0.25);
  }, 180_000);

  /** Absurd values in a link: each lands in its control with a message there; nothing else breaks. */
  const urlCases: { what: string; hash: string; root: string; key: string; message: RegExp; fix: string }[] = [
    { what: 'LIF duration 1e308 ms', hash: '#lif?T=1e308', root: '#lif-root', key: 'dt', message: /steps for this duration; the page allows at most/, fix: '#lif?T=200' },
    { what: 'LIF negative dt', hash: '#lif?dt=-1', root: '#lif-root', key: 'dt', message: /must be > 0 \(got -1\)/, fix: '#lif' },
    { what: 'LIF input as markup', hash: '#lif?I=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E', root: '#lif-root', key: 'I', message: /is not a number/, fix: '#lif?I=2' },
    { what: 'LIF input 1e309 (Infinity)', hash: '#lif?I=1e309', root: '#lif-root', key: 'I', message: /not a number|finite/, fix: '#lif?I=2' },
    { what: 'HH dt NaN', hash: '#hh?dt=NaN', root: '#hh-root', key: 'dt', message: /not a number/, fix: '#hh' },
    { what: 'network N 1e9', hash: '#network?N=1e9', root: '#network-root', key: 'N', message: /must be ≤ 20000/, fix: '#network?N=300&T=200' },
    { what: 'network N·p beyond memory', hash: '#network?N=20000&p=0.5', root: '#network-root', key: 'p', message: /about 200,000,000 synapses, about 4\.8 GB to build/, fix: '#network?N=300&T=200' },
    { what: 'network 10^12 ms', hash: '#network?T=1e12', root: '#network-root', key: 'T', message: /neuron-steps; the page allows at most/, fix: '#network?N=300&T=200' },
    { what: 'synapses τ_s -5', hash: '#synapses?tauS=-5', root: '#synapses-root', key: 'tauS', message: /must be > 0/, fix: '#synapses' },
  ];
  for (const c of urlCases) {
    it(`absurd link value: ${c.what} → a message beside the control; the page keeps working`, async () => {
      await resetProbe();
      await open(c.hash);
      await expectText(errorOf(c.root, c.key), c.message, 30_000);
      expect(await page.locator('img[src="x"]').count()).toBe(0);
      await expectResponsive(`url: ${c.what}`);
      const n = await num(c.root, 'updates');
      await open(c.fix);
      await waitMore(c.root, 'updates', n, 60_000);
      await expectText(errorOf(c.root, c.key), '');
    }, 120_000);
  }

  /** Links that are not well-formed: the page opens a panel and works. */
  const malformedLinks: { what: string; hash: string; panel: string; field?: { key: string; message: RegExp } }[] = [
    { what: 'a broken percent escape', hash: '#%E0%A4%A', panel: 'hh' },
    { what: 'a broken escape in a value', hash: '#lif?I=%E0%A4%A', panel: 'lif', field: { key: 'I', message: /is not a number/ } },
    { what: 'a broken escape in a key', hash: '#lif?%%%=1&I=%ZZ', panel: 'lif', field: { key: 'I', message: /is not a number/ } },
    { what: 'prototype keys', hash: '#__proto__?constructor=1&__proto__=2', panel: 'hh' },
    { what: 'an unknown panel', hash: '#nosuchpanel?x=1', panel: 'hh' },
    { what: 'an address of 100,000 characters', hash: `#lif?I=2&pad=${'x'.repeat(100_000)}`, panel: 'lif' },
  ];
  for (const c of malformedLinks) {
    it(`malformed link: ${c.what} → a panel opens and works`, async () => {
      await page.goto(`${url}${c.hash}`);
      await page.waitForFunction((p) => document.body.dataset.panel === p, c.panel, { timeout: 30_000 });
      // Measured from when plotly has loaded (its 4.6 MB evaluate once per page load: reported by the first test).
      await page.waitForFunction(() => document.documentElement.dataset.plotly === 'ready', null, { timeout: 120_000 });
      await resetProbe();
      const root = `#${c.panel}-root`;
      if (c.field) await expectText(errorOf(root, c.field.key), c.field.message);
      else await waitMore(root, 'updates', 0, 60_000);
      // The page still takes input: the panel's input field gets a value and the panel redraws.
      const n = await num(root, 'updates');
      await page.fill(`${root} .field[data-key="I"] input.num`, '2');
      await waitMore(root, 'updates', n, 60_000);
      await expectText(errorOf(root, 'I'), '');
      await expectResponsive(`link: ${c.what}`);
    }, 180_000);
  }

  it('model files: malformed and oversized ones are refused beside the file control; the view keeps working', async () => {
    await open('#spiking');
    await waitMore('#spiking-root', 'updates', 0, 60_000);
    const shipped = readFileSync(join(repo, 'web/models/mnist-small.json'), 'utf8');
    const json = JSON.parse(shipped) as { layers: { W: number[][]; b: number[] }[] };
    const withLayer0 = (l: object) => JSON.stringify({ ...json, layers: [{ ...json.layers[0], ...l }, json.layers[1]] });
    // kept: the model in use stays the shipped one (a ReLU network is a valid model, refused when run as spikes).
    const files: { what: string; text: string | Buffer; message: RegExp; kept?: false }[] = [
      { what: 'not JSON', text: '{"format": "spikebridge-mlp", ', message: /not valid JSON/ },
      { what: 'binary', text: Buffer.from([0xff, 0xfe, 0, 1, 2, 3]), message: /not valid JSON/ },
      { what: 'a JSON array', text: '[1, 2, 3]', message: /is not a spikebridge model/ },
      { what: 'another format', text: JSON.stringify({ format: 'keras', layers: [] }), message: /got format "keras"/ },
      { what: '200,000 hidden units declared, no layers', text: JSON.stringify({ ...json, sizes: [784, 200000, 10], layers: [] }), message: /2 to 12 whole numbers from 1 to 100,000/ },
      { what: 'a W claiming length 2e9', text: withLayer0({ W: [{ length: 2e9 }] }), message: /layer 0: W must have 32 rows/ },
      { what: 'a NaN weight (as null)', text: withLayer0({ W: json.layers[0].W.map((r, j) => (j ? r : [null, ...r.slice(1)])) }), message: /layer 0: W row 0 must hold 784 finite numbers/ },
      { what: '30 MB of valid JSON that is no model', text: `[${'0,'.repeat(15e6)}0]`, message: /is not a spikebridge model/ },
      { what: 'over the size limit', text: Buffer.alloc(MAX_MODEL_FILE_BYTES + 1, 0x20), message: /is 40\.0 MB; a model file may be at most 40 MB/ },
      { what: 'a ReLU network', text: JSON.stringify(new MLP({ sizes: [784, 5, 10], hidden: 'relu' }).toJSON()), message: /no spiking counterpart/, kept: false },
    ];
    // Files on disk, set by path: the browser reads them itself (a buffer would be decoded by playwright's own script
    // on the page's main thread, which the probes would count).
    const dir = mkdtempSync(join(tmpdir(), 'spikebridge-models-'));
    for (const [k, f] of files.entries()) {
      const path = join(dir, `model-${k}.json`);
      writeFileSync(path, f.text);
      await resetProbe();
      await page.setInputFiles('#spiking-model-file', path);
      await expectText(errorOf('#spiking-root', 'model'), f.message, 60_000);
      await expectResponsive(`model file: ${f.what}`);
      if (f.kept !== false) expect(await page.textContent('#spiking-model'), f.what).toMatch(/shipped/);
    }
    // The view still works with the shipped model, and a good file loads after all of that.
    let u = await num('#spiking-root', 'updates');
    await page.click('#spiking-root button:has-text("Use the shipped model")');
    await page.fill('#spiking-root .field[data-key="digit"] input.num', '3');
    u = await waitMore('#spiking-root', 'updates', u);
    await expectText(errorOf('#spiking-root', 'model'), '');
    writeFileSync(join(dir, 'mine.json'), shipped);
    await page.setInputFiles('#spiking-model-file', join(dir, 'mine.json'));
    // The name shows once the worker has checked the file; then the view redraws with it.
    await expectText(page.locator('#spiking-model'), /mine\.json \(784-32-10\)/, 60_000);
    u = await num('#spiking-root', 'updates');
    await page.fill('#spiking-root .field[data-key="digit"] input.num', '4');
    await waitMore('#spiking-root', 'updates', u);
    await expectText(errorOf('#spiking-root', 'model'), '');
    rmSync(dir, { recursive: true, force: true });
  }, 180_000);

  it('no uncaught error in the page', () => {
    expect(problems.filter((p) => p.startsWith('page error'))).toEqual([]);
  });
});
