/**
 * End-to-end test of the web app's STDP panel in real headless Chromium, set up as app.test.ts (Vite build into a
 * temporary folder, served from a subpath, Debian's /usr/bin/chromium driven by playwright-core with a fresh
 * profile): the window against its closed form ΔA·e^(−|Δt|/τ) for the chosen rule, the final weight histogram and
 * output rate of a short run equal to the scenario computed here in Node, a run too long to finish streams its
 * histogram and is cancelled, and bad input shows a message beside its control. Screenshots (SPIKEBRIDGE_SCREENSHOTS=1):
 * test-artifacts/web-stdp-*.png.
 *
 * SPIKEBRIDGE_SKIP_BROWSER=1 skips it, as app.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP, pageReaders, screenshot, startBrowserApp, type BrowserApp } from './harness.js';
import { runSongStdp } from '../../src/experiments/stdp.js';

describe.skipIf(SKIP)('web app STDP panel in headless Chromium', () => {
  let page: Page;
  let url = '';
  let problems: string[] = [];
  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
    ({ page, url } = app);
    problems = app.problems;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  const ROOT = '#stdp-root';
  const readers = pageReaders(() => page);
  const num = (key: string) => readers.num(ROOT, key);
  const waitMore = (key: string, after: number) => readers.waitMore(ROOT, key, after);
  const { plotData, value } = readers;
  const field = (key: string) => `${ROOT} .field[data-key="${key}"] input.num`;
  /** Waits until the (re)mounted panel's field shows `text` (the address's settings). */
  const fieldIs = (key: string, text: string) => page.waitForFunction(([k, t]) => (document.querySelector(`#stdp-root .field[data-key="${k}"] input.num`) as HTMLInputElement | null)?.value === t, [key, text]);
  const errorOf = (key: string) => page.locator(`${ROOT} .field[data-key="${key}"] .error`);
  async function expectText(loc: ReturnType<Page['locator']>, want: RegExp | string): Promise<void> {
    const poll = expect.poll(async () => (await loc.textContent()) ?? '', { timeout: 10_000 });
    await (typeof want === 'string' ? poll.toBe(want) : poll.toMatch(want));
  }
  /** The window drawn against ΔA_pre·e^(−Δt/τ_pre) (Δt ≥ 0) and ΔA_post·e^(Δt/τ_post) (Δt < 0), in g_max units. */
  async function expectWindow(dApre: number, ratio: number, tauPre: number, tauPost: number): Promise<void> {
    await expect.poll(async () => {
      const [w] = await plotData('stdp-window');
      let worst = 0;
      w.x.forEach((ms, k) => {
        const d = ms / 1e3;
        const want = d >= 0 ? dApre * Math.exp(-d / tauPre) : -ratio * dApre * (tauPre / tauPost) * Math.exp(d / tauPost);
        worst = Math.max(worst, Math.abs(w.y[k] - want));
      });
      return w.x.length > 0 && w.x[0] === -100 && w.x[w.x.length - 1] === 100 ? worst : Infinity;
    }, { timeout: 10_000 }).toBeLessThan(1e-15);
  }

  it('a short run: the window of the rule, and the final histogram and output rate of the scenario run in Node', async () => {
    await page.goto(`${url}#stdp?T=2&seed=3`);
    await waitMore('updates', 0);
    await expectWindow(0.01, 1.05, 0.02, 0.02);
    const ref = runSongStdp({ duration: 2, seed: 3 });
    const [final, initial] = await plotData('stdp-hist');
    expect(final.name).toBe('after 2 s');
    expect(final.y).toEqual(ref.histogram);
    expect(initial.y).toEqual(ref.initialHistogram);
    expect(final.x.map((x) => Math.round(x * 100) / 100)).toEqual([0.05, 0.15, 0.25, 0.35, 0.45, 0.55, 0.65, 0.75, 0.85, 0.95]);
    expect(await value('stdp-rate')).toBe(ref.outputRate);
    // A weight itself may differ in its last digits: Chromium's V8 and Node's need not agree on the last bit of Math.exp.
    const [w0] = await plotData('stdp-weights');
    expect(Math.abs(w0.y[w0.y.length - 1] / (ref.finalWeights[0] / ref.gMax) - 1)).toBeLessThan(1e-6);

    // The multiplicative rule with τ_post = 40 ms: the window follows at once (before any run ends), then the run.
    const n = await num('updates');
    await page.selectOption(`${ROOT} .field[data-key="rule"] select`, 'multiplicative');
    await page.fill(field('tauPost'), '40');
    await expect.poll(async () => (await plotData('stdp-window'))[0].name, { timeout: 10_000 }).toMatch(/multiplicative/);
    // At w = g_max/2 with μ = 1 both sides are halved.
    await expectWindow(0.005, 1.05, 0.02, 0.04);
    await waitMore('updates', n);
    // The rule's change and τ_post's are two requests: the first one's result (τ_post = 20 ms) may land first.
    const refM = runSongStdp({ duration: 2, seed: 3, rule: 'multiplicative', tauPost: 0.04 });
    await expect.poll(async () => (await plotData('stdp-hist'))[0].y, { timeout: 60_000 }).toEqual(refM.histogram);
    expect((await plotData('stdp-hist'))[0].name).toBe('after 2 s');
    await screenshot(page, 'web-stdp-short-1280x800.png');
  }, 180_000);

  it('a run too long to finish streams the histogram (progress, growing t) and Cancel stops it', async () => {
    await page.goto(`${url}#stdp?T=2000&seed=2`);
    await fieldIs('T', '2000');
    // The count of reports and the time of the latest, read together (another report may land between two reads).
    const report = () => page.evaluate(() => {
      const d = (document.getElementById('stdp-root') as HTMLElement).dataset;
      return [Number(d.partials ?? 0), Number(d.partialT)] as const;
    });
    await waitMore('partials', await num('partials'));
    const [first, t1] = await report();
    await waitMore('partials', first);
    const [, t2] = await report();
    expect(t2).toBeGreaterThan(t1);
    expect(t2).toBeLessThan(2000);
    // The histogram shown is of a time at or after the first report (a later one may have been drawn meanwhile).
    const shownAt = async () => {
      const [hist] = await plotData('stdp-hist');
      expect(hist.y.reduce((a, b) => a + b, 0)).toBe(1000);
      return Number(/^after (.+) s$/.exec(hist.name)![1]);
    };
    expect(await shownAt()).toBeGreaterThanOrEqual(Number(t1.toPrecision(6)));
    expect(await page.locator('#stdp-status').getAttribute('data-state')).toBe('busy');
    expect(Number(await page.locator('#stdp-status progress').getAttribute('value'))).toBeGreaterThan(0);
    const n = await num('updates');
    await page.click('#stdp-status button.cancel');
    await expectText(page.locator('#stdp-status .status-text'), /cancelled/);
    // What was simulated stays: the last histogram drawn, of a time between the second report and the end.
    await expect.poll(async () => (await shownAt()) === Number((await num('partialT')).toPrecision(6)), { timeout: 10_000 }).toBe(true);
    const kept = await shownAt();
    expect(kept).toBeGreaterThanOrEqual(Number(t2.toPrecision(6)));
    expect(kept).toBeLessThan(2000);
    expect(await page.evaluate(() => 'running' in (document.getElementById('stdp-root') as HTMLElement).dataset)).toBe(false);
    await screenshot(page, 'web-stdp-cancelled-1280x800.png');

    // The next result is the next request's, not the cancelled run's: one update, the 1 s run of the scenario.
    await page.fill(field('T'), '1');
    expect(await waitMore('updates', n)).toBe(n + 1);
    expect((await plotData('stdp-hist'))[0].y).toEqual(runSongStdp({ duration: 1, seed: 2 }).histogram);
    expect(await num('updates')).toBe(n + 1);
  }, 180_000);

  it('bad input: a message beside the control, the last plots stay', async () => {
    await page.goto(`${url}#stdp?T=1&seed=2`);
    await fieldIs('T', '1');
    await page.waitForSelector('#stdp-status[data-state="done"]', { timeout: 60_000 });
    const hist = await plotData('stdp-hist');
    await page.fill(field('tauPre'), '-20');
    await expectText(errorOf('tauPre'), /must be > 0 \(got -20\)/);
    await page.fill(field('tauPre'), '20');
    await page.fill(field('gMax'), '0');
    await expectText(errorOf('gMax'), /must be > 0 \(got 0\)/);
    await expectText(errorOf('tauPre'), '');
    await page.fill(field('gMax'), '0.01');
    // Past the page's limit of steps: the worker refuses it, and the message lands beside the simulated time.
    await page.fill(field('T'), '5000');
    await expectText(errorOf('T'), /50,000,000 steps.*at most 20,000,000/);
    await expectText(page.locator('#stdp-status .status-text'), /Not run/);
    expect(await plotData('stdp-hist')).toEqual(hist);
    await page.fill(field('T'), '1');
    await page.waitForSelector('#stdp-status[data-state="done"]', { timeout: 60_000 });
    await expectText(errorOf('T'), '');
    expect(problems).toEqual([]);
  }, 180_000);
});
