/**
 * End-to-end test of the neuron-model views in headless Chromium (set up as app.test.ts: a Vite build served from a
 * subpath, Debian's /usr/bin/chromium through playwright-core): the firing-patterns view draws AdEx and Izhikevich
 * parameter sets with the spike counts and traces of the same scenario run here in Node (`runFiringPattern`, the
 * code path of the worker and of `npm run sim -- adex`), its f–I curve and a typed current; the network panel runs
 * with AdEx neurons and conductance synapses (the preset's fields and units follow the choice) and refuses Izhikevich
 * neurons with conductance synapses beside the control. Screenshots (SPIKEBRIDGE_SCREENSHOTS=1): test-artifacts/web-models-*.png.
 *
 * SPIKEBRIDGE_SKIP_BROWSER=1 skips it, as app.test.ts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP, pageReaders, screenshot, startBrowserApp, type BrowserApp } from './harness.js';
import { runResetFiCurve } from '../../src/experiments/fiCurve.js';
import { runFiringPattern, voltageWithSpikes, type FiringPatternOptions } from '../../src/experiments/firingPatterns.js';
import { NETWORK_PRESETS, runNetwork } from '../../src/experiments/network.js';

describe.skipIf(SKIP)('web app neuron-model views in headless Chromium', () => {
  let app: BrowserApp;
  let page: Page;
  let url = '';

  beforeAll(async () => {
    app = await startBrowserApp();
    ({ page, url } = app);
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const { num, waitMore, value, plotData } = pageReaders(() => page);
  const plotLayout = (id: string) => page.evaluate((i) => {
    const l = (document.getElementById(i) as unknown as { layout: { title: { text: string }; yaxis: { title: { text: string } } } }).layout;
    return { title: l.title.text, y: l.yaxis.title.text };
  }, id);
  const errorOf = (root: string, key: string) => page.locator(`${root} .field[data-key="${key}"] .error`);
  const inputOf = (root: string, key: string) => page.locator(`${root} .field[data-key="${key}"] input.num`);
  async function expectText(loc: ReturnType<Page['locator']>, want: RegExp | string): Promise<void> {
    const poll = expect.poll(async () => (await loc.textContent()) ?? '', { timeout: 10_000 });
    await (typeof want === 'string' ? poll.toBe(want) : poll.toMatch(want));
  }
  /** Same numbers up to rounding (Chromium's Math.exp may differ from Node's in the last bit). */
  function expectClose(got: number[], want: ArrayLike<number>, rel = 1e-7): void {
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => { if (Math.abs(g - want[i]) > rel * Math.max(1, Math.abs(want[i]))) expect(g, `entry ${i}`).toBe(want[i]); });
  }
  async function shot(name: string): Promise<void> {
    await screenshot(page, `web-models-${name}-1280x800.png`);
  }

  /** The page's spike count, V trace and title against the scenario run in Node on the same settings. */
  async function expectPattern(o: FiringPatternOptions): Promise<number> {
    const ref = runFiringPattern({ dt: 1e-4, ...o });
    expect(await page.getAttribute('#patterns-root', 'data-pattern')).toBe(`${o.model}/${ref.settings.pattern}`);
    expect(await value('fp-spikes')).toBe(ref.spikes.length);
    const [v] = await plotData('fp-v');
    const want = voltageWithSpikes(ref.t, ref.V, ref.spikes, ref.Vpeak, ref.Vr);
    // Long traces are drawn thinned (min–max per pixel column): every drawn point is one of the scenario's, in order,
    // with both ends and the peaks kept.
    const wx = want.t.map((t) => t * 1e3), wy = want.V;
    if (v.x.length === wx.length) {
      expectClose(v.x, wx);
      expectClose(v.y, wy, 1e-6);
    } else {
      let i = 0;
      for (let k = 0; k < v.x.length; k++) {
        // x repeats at a spike (peak, gap, reset at one time): the point must match in x and y.
        const same = (j: number) => Math.abs(wx[j] - v.x[k]) <= 1e-9 * Math.max(1, Math.abs(wx[j]))
          && (Number.isNaN(wy[j]) ? Number.isNaN(v.y[k]) : Math.abs(v.y[k] - wy[j]) <= 1e-6 * Math.max(1, Math.abs(wy[j])));
        while (i < wx.length && !same(i)) i++;
        expect(i, `drawn point ${k} (${v.x[k]}, ${v.y[k]}) is a point of the trace, in order`).toBeLessThan(wx.length);
        i++;
      }
      expect([v.x[0], v.x[v.x.length - 1]]).toEqual([wx[0], wx[wx.length - 1]]);
      const top = (a: ArrayLike<number>) => Array.from(a).filter((y) => !Number.isNaN(y)).reduce((m, y) => Math.max(m, y), -Infinity);
      expect(Math.abs(top(v.y) - top(wy))).toBeLessThanOrEqual(1e-6 * Math.abs(top(wy)));
    }
    expect((await plotLayout('fp-v')).title).toContain(`${ref.spikes.length} spikes`);
    const phase = await plotData('fp-phase');
    expect(phase.map((t) => t.name)).toEqual(['trajectory (gaps at resets)', `${ref.info.names[0]}-nullcline (I = ${ref.nullclines.I} ${ref.info.units.I})`, `${ref.info.names[1]}-nullcline`]);
    return ref.spikes.length;
  }

  it('Firing patterns: AdEx and Izhikevich sets with the scenario’s spike counts and traces, the f–I curve, a typed current, bad input beside its control', async () => {
    await page.goto(`${url}#patterns`);
    let n = await waitMore('#patterns-root', 'updates', 0);
    // The default: AdEx tonic (Naud et al. 2008), 500 pA for 600 ms.
    expect(await expectPattern({ model: 'adex', pattern: 'tonic' })).toBeGreaterThan(10);
    // Its f–I curve, measured by simulation, as runResetFiCurve computes it.
    await waitMore('#patterns-root', 'fiUpdates', 0);
    const fi = runResetFiCurve({ model: 'adex', pattern: 'tonic', dt: 1e-4 });
    const [steady] = await plotData('fp-fi');
    expectClose(steady.x, fi.input);
    expect(steady.y.map((r) => r > 0)).toEqual(Array.from(fi.steady, (r) => r > 0));
    expectClose(steady.y, fi.steady, 1e-6);
    expect(await value('fp-fi-first')).toBe(fi.firstFiring);

    // Another AdEx set: spike-frequency adaptation (w grows with every spike).
    await page.selectOption('#patterns-root .field[data-key="pattern"] select', 'adapting');
    n = await waitMore('#patterns-root', 'updates', n);
    await expectPattern({ model: 'adex', pattern: 'adapting' });
    expect(await page.evaluate(() => location.hash)).toContain('pattern=adapting');
    await shot('patterns-adex-adapting');

    // Izhikevich: the pattern list and the units change with the model; chattering (CH) bursts.
    await page.selectOption('#patterns-root .field[data-key="model"] select', 'izhikevich');
    n = await waitMore('#patterns-root', 'updates', n);
    await expectPattern({ model: 'izhikevich', pattern: 'regular-spiking' });
    expect(await page.locator('#patterns-root .field[data-key="I"] .unit').textContent()).toBe('(mV/ms)');
    await page.selectOption('#patterns-root .field[data-key="pattern"] select', 'chattering');
    n = await waitMore('#patterns-root', 'updates', n);
    const ch = await expectPattern({ model: 'izhikevich', pattern: 'chattering' });
    expect((await plotLayout('fp-v')).y).toBe('v (mV)');
    await shot('patterns-izhikevich-chattering');

    // A typed current replaces the set's stimulus (from t = 0): a weaker drive, fewer spikes.
    await page.fill('#patterns-root .field[data-key="I"] input', '5');
    n = await waitMore('#patterns-root', 'updates', n);
    const weaker = await expectPattern({ model: 'izhikevich', pattern: 'chattering', current: 5 });
    expect(weaker).toBeLessThan(ch);

    // Bad input: a message beside the control; the plots stay.
    const before = await plotData('fp-v');
    await page.fill('#patterns-root .field[data-key="I"] input', '5 + sin(');
    await expectText(errorOf('#patterns-root', 'I'), /current/);
    await page.fill('#patterns-root .field[data-key="I"] input', '5');
    await page.fill('#patterns-root .field[data-key="dt"] input.num', '-1');
    await expectText(errorOf('#patterns-root', 'dt'), /must be > 0/);
    await page.fill('#patterns-root .field[data-key="dt"] input.num', '1e-9');
    await expectText(errorOf('#patterns-root', 'dt'), /steps/);
    expect(await plotData('fp-v')).toEqual(before);
    await page.fill('#patterns-root .field[data-key="dt"] input.num', '0.1');
    await waitMore('#patterns-root', 'updates', n);
    await expectText(errorOf('#patterns-root', 'dt'), '');
    expect(app.problems).toEqual([]);
  });

  it('Network: AdEx neurons with conductance synapses run as the scenario; the preset’s fields and units follow; Izhikevich refuses conductances beside the control', async () => {
    await page.goto(`${url}#network?T=200`);
    let n = await waitMore('#network-root', 'updates', 0);
    await page.selectOption('#network-root .field[data-key="model"] select', 'adex');
    // The AdEx current preset's values, in pA.
    await expect.poll(() => inputOf('#network-root', 'bias').inputValue()).toBe(String(NETWORK_PRESETS.adex.current!.bias));
    expect(await page.locator('#network-root .field[data-key="wE"] .unit').textContent()).toContain('pA');
    expect(await page.locator('#network-root .field[data-key="timing"]').isHidden()).toBe(true);
    await page.selectOption('#network-root .field[data-key="synapse"] select', 'conductance');
    const preset = NETWORK_PRESETS.adex.conductance!;
    await expect.poll(() => inputOf('#network-root', 'wI').inputValue()).toBe(String(preset.wI));
    expect(await inputOf('#network-root', 'bias').inputValue()).toBe(String(preset.bias));
    expect(await page.locator('#network-root .field[data-key="wE"] .unit').textContent()).toContain('nS');
    expect(await inputOf('#network-root', 'EI').inputValue()).toBe(String(preset.EI));
    n = await waitMore('#network-root', 'updates', n, 120_000);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain('model=adex');
    expect(hash).toContain('synapse=conductance');
    expect(hash).not.toContain('wE=');

    const ref = runNetwork({ model: 'adex', synapse: 'conductance', duration: 0.2 });
    const raster = await plotData('net-raster');
    // Chaotic network: the first spikes agree to rounding, the counts and rates closely.
    expectClose(raster[0].x.slice(0, 20), ref.raster.exc.time.slice(0, 20), 1e-9);
    expect(Math.abs(await value('net-rates') - ref.meanRate.exc)).toBeLessThan(0.05 * ref.meanRate.exc);
    const v = await plotLayout('net-v');
    expect(v.y).toBe('V (mV)');
    expect(v.title).toContain('AdEx');
    const traces = await plotData('net-v');
    expectClose(traces[0].y.slice(0, 50), ref.traces.v[0].slice(0, 50), 1e-9);
    await shot('network-adex-conductance');

    // Izhikevich neurons take current synapses only: the message sits beside the synapse select, nothing runs.
    await page.selectOption('#network-root .field[data-key="model"] select', 'izhikevich');
    await expectText(errorOf('#network-root', 'synapse'), /current synapses only/);
    await page.waitForTimeout(500);
    expect(await num('#network-root', 'updates')).toBe(n);
    // Current synapses: the Izhikevich preset runs (mV/ms), as the scenario does.
    await page.selectOption('#network-root .field[data-key="synapse"] select', 'current');
    n = await waitMore('#network-root', 'updates', n, 120_000);
    await expectText(errorOf('#network-root', 'synapse'), '');
    expect(await page.locator('#network-root .field[data-key="bias"] .unit').textContent()).toContain('mV/ms');
    const izh = runNetwork({ model: 'izhikevich', duration: 0.2 });
    expect(Math.abs(await value('net-rates') - izh.meanRate.exc)).toBeLessThan(0.05 * izh.meanRate.exc);
    await shot('network-izhikevich');
    expect(app.problems).toEqual([]);
  });
});
