/**
 * End-to-end test of the web app's network and learning panels in real headless Chromium, set up as app.test.ts (Vite
 * build into a temporary folder, served from a subpath, Debian's /usr/bin/chromium driven by playwright-core with a
 * fresh profile): synapses, network (streaming + cancel), training playground (< 5 % test error on circle and XOR in
 * the default run; the page answers a click while training runs; pause, step, reset, cancel) and spiking view. Each
 * panel: load, change a control, compare the plot's data with the same scenario computed here in Node; invalid input
 * shows a message beside its control. Screenshots (SPIKEBRIDGE_SCREENSHOTS=1): test-artifacts/web-networks-*.png (1280×800 and 400 px wide).
 *
 * SPIKEBRIDGE_SKIP_BROWSER=1 skips it, as app.test.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP, pageReaders, artifacts, checkWidths, repo, startBrowserApp, type BrowserApp } from './harness.js';
import { runNetwork } from '../../src/experiments/network.js';
import { makeDataset, splitDataset } from '../../src/experiments/playground.js';
import { runPsc } from '../../src/experiments/psc.js';
import { runSpikingAccuracy, runSpikingDigit } from '../../src/experiments/spikingDigit.js';
import { forDisplay } from '../../web/jobs/network.js';
import { loadModel } from '../../web/jobs/spiking.js';
import { decodeDigits, type DigitsJson } from '../../web/panels/digits.js';
import { pscKernel } from '../../src/synapses/psc.js';
import { MLP } from '../../src/nn/mlp.js';

describe.skipIf(SKIP)('web app network and learning panels in headless Chromium', () => {
  let page: Page;
  let url = '';
  let problems: string[] = [];
  const started = Date.now();
  const timings: Record<string, number> = {};

  let app: BrowserApp;
  beforeAll(async () => {
    app = await startBrowserApp();
    ({ page, url } = app);
    problems = app.problems;
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    const seconds = (Date.now() - started) / 1000;
    writeFileSync(join(artifacts, 'web-networks-timings.json'), JSON.stringify({ ...timings, browserTestSeconds: seconds }, null, 2) + '\n');
    console.log(`[web networks] ${JSON.stringify(timings)}; browser test took ${seconds.toFixed(1)} s`);
  });

  const { num, waitMore, value, plotData } = pageReaders(() => page);
  const rasterTitle = () => page.evaluate(() => (document.getElementById('net-raster') as unknown as { layout: { title: { text: string } } }).layout.title.text);
  const errorOf = (root: string, key: string) => page.locator(`${root} .field[data-key="${key}"] .error`);
  async function expectText(loc: ReturnType<Page['locator']>, want: RegExp | string): Promise<void> {
    const poll = expect.poll(async () => (await loc.textContent()) ?? '', { timeout: 5000 });
    await (typeof want === 'string' ? poll.toBe(want) : poll.toMatch(want));
  }
  /** Same numbers up to rounding: Chromium's V8 and Node's may differ in the last bit of Math.exp/sin. */
  function expectClose(got: number[], want: ArrayLike<number>, digits = 9): void {
    expect(got.length).toBe(want.length);
    got.forEach((g, i) => { if (Math.abs(g - want[i]) > 10 ** -digits * Math.max(1, Math.abs(want[i]))) expect(g, `entry ${i}`).toBe(want[i]); });
  }
  const screenshots = (name: string) => checkWidths(page, `web-networks-${name}`);

  it('Synapses: kernels for the chosen n and τ_s; a train filtered exact/recursive/Euler; bad input beside its control', async () => {
    const t0 = Date.now();
    await page.goto(`${url}#synapses`);
    await waitMore('#synapses-root', 'updates', 0);
    let k = await plotData('syn-kernels');
    expect(k.map((t) => t.name)).toEqual(['n = 0, τ_s = 5 ms', 'n = 1, τ_s = 5 ms', 'n = 2, τ_s = 5 ms']);
    const h1 = pscKernel({ n: 1, tauS: 0.005 });
    k[1].x.forEach((x, i) => { if (i % 97 === 0) expect(k[1].y[i]).toBeCloseTo(h1(x / 1e3), 9); });
    const ref = runPsc({ ns: [0, 1, 2], tauS: [0.005], n: 1, filterTauS: 0.005, duration: 0.3, dt: 1e-4, rate: 40, seed: 1 });
    let tr = await plotData('syn-train');
    expect(tr.map((t) => t.name).slice(0, 3)).toEqual(['exact (sum of kernels)', 'recursive (exact cascade)', "Euler (notes' Algorithm 1)"]);
    expect(tr[3].x.length).toBe(ref.spikes.length);
    tr[0].y.forEach((y, i) => { if (i % 50 === 0) expect(y).toBeCloseTo(ref.filtered.exact[i], 9); });
    expect(await value('syn-integral')).toBeCloseTo(1, 6);

    // Order 3 and τ_s = 10 ms: the chosen kernel peaks at n·τ_s = 30 ms; the train is filtered with it.
    let n = await num('#synapses-root', 'updates');
    await page.fill('#synapses-root .field[data-key="n"] input.num', '3');
    n = await waitMore('#synapses-root', 'updates', n);
    await page.fill('#synapses-root .field[data-key="tauS"] input.num', '10');
    n = await waitMore('#synapses-root', 'updates', n);
    expect(await value('syn-peak')).toBeCloseTo(30, 9);
    k = await plotData('syn-kernels');
    const h3 = pscKernel({ n: 3, tauS: 0.01 });
    const c3 = k.find((t) => t.name === 'n = 3, τ_s = 10 ms')!;
    const peakAt = c3.x[c3.y.indexOf(Math.max(...c3.y))];
    expect(Math.abs(peakAt - 30)).toBeLessThan(0.5);
    c3.x.forEach((x, i) => { if (i % 89 === 0) expect(c3.y[i]).toBeCloseTo(h3(x / 1e3), 9); });
    const ref3 = runPsc({ ns: [0, 1, 2, 3], tauS: [0.01], n: 3, filterTauS: 0.01, duration: 0.3, dt: 1e-4, rate: 40, seed: 1 });
    tr = await plotData('syn-train');
    tr[2].y.forEach((y, i) => { if (i % 50 === 0) expect(y).toBeCloseTo(ref3.filtered.euler[i], 9); });
    expect(await value('syn-euler-err')).toBeCloseTo(ref3.eulerError, 12);

    // A regular train: 40 Hz for 300 ms is 12 spikes.
    await page.selectOption('#synapses-root .field[data-key="train"] select', 'regular');
    n = await waitMore('#synapses-root', 'updates', n);
    expect(await value('syn-spikes')).toBe(12);
    expect((await plotData('syn-train'))[3].x.slice(0, 3)).toEqual([0, 25, 50]);

    // Invalid input: a message beside the control, the plots stay, and the panel recovers.
    const before = await plotData('syn-train');
    await page.fill('#synapses-root .field[data-key="tauS"] input.num', '-1');
    await expectText(errorOf('#synapses-root', 'tauS'), /must be > 0/);
    await page.fill('#synapses-root .field[data-key="dt"] input.num', '<b>x</b>');
    await expectText(errorOf('#synapses-root', 'dt'), /not a number/);
    expect(await page.locator('#synapses-root b').count()).toBe(0);
    expect(await plotData('syn-train')).toEqual(before);
    await page.fill('#synapses-root .field[data-key="dt"] input.num', '0.1');
    await page.fill('#synapses-root .field[data-key="tauS"] input.num', '10');
    await waitMore('#synapses-root', 'updates', n);
    await expectText(errorOf('#synapses-root', 'tauS'), '');
    await screenshots('synapses');
    timings.synapsesSeconds = (Date.now() - t0) / 1000;
  });

  it('Network: raster, rates and traces equal the sim scenario; invalid input beside its control; Export to PyNN', async () => {
    const t0 = Date.now();
    await page.goto(`${url}#network`);
    await waitMore('#network-root', 'updates', 0);
    // The network is chaotic: the browser's Math.exp may differ from Node's in the last bit, so spike times agree
    // early on and the statistics agree after; the Node run is the sim's scenario with the same settings. The page
    // draws at most NETWORK_RASTER_POINTS spikes (every k-th neuron beyond): the reference is thinned the same way.
    const ref = runNetwork({});
    const shownRef = forDisplay(ref);
    let raster = await plotData('net-raster');
    expect(raster.map((t) => t.name)).toEqual(['excitatory', 'inhibitory']);
    if (shownRef.rasterEvery.exc > 1) expect(await rasterTitle()).toMatch(new RegExp(`every ${shownRef.rasterEvery.exc}(st|nd|rd|th)`));
    expectClose(raster[0].x.slice(0, 30), shownRef.raster.exc.time.slice(0, 30));
    expect(raster[0].x.length / shownRef.raster.exc.time.length).toBeGreaterThan(0.95);
    expect(raster[0].x.length / shownRef.raster.exc.time.length).toBeLessThan(1.05);
    expect(raster[1].x.length / shownRef.raster.inh.time.length).toBeGreaterThan(0.9);
    expect(raster[1].x.length / shownRef.raster.inh.time.length).toBeLessThan(1.1);
    expect(Math.abs(await value('net-rates') - ref.meanRate.exc)).toBeLessThan(0.05 * ref.meanRate.exc);

    // N = 300, p = 0.2: a different network, exactly the scenario's.
    let n = await num('#network-root', 'updates');
    await page.fill('#network-root .field[data-key="N"] input.num', '300');
    await page.fill('#network-root .field[data-key="p"] input.num', '0.2');
    n = await waitMore('#network-root', 'updates', n);
    const ref300 = runNetwork({ size: 300, p: 0.2 });
    const shown300 = forDisplay(ref300);
    raster = await plotData('net-raster');
    expectClose(raster[0].x.slice(0, 30), shown300.raster.exc.time.slice(0, 30));
    const total = raster[0].x.length + raster[1].x.length, refTotal = shown300.raster.exc.time.length + shown300.raster.inh.time.length;
    expect(Math.abs(total / refTotal - 1)).toBeLessThan(0.05);
    const rate300 = (await plotData('net-rate'))[0];
    expect(rate300.x.length).toBe(ref300.rate.t.length);
    expectClose(rate300.y.slice(0, 10), ref300.rate.exc.slice(0, 10));
    expect(Math.abs(await value('net-cv') - ref300.cv)).toBeLessThan(0.1 * ref300.cv);
    const vTraces = await plotData('net-v');
    expect(vTraces.map((t) => t.name)).toEqual(['exc 0', 'exc 1', 'exc 2']);

    // Long runs (partial results, Cancel mid-build and mid-run) are app-long-runs.test.ts's.
    n = await num('#network-root', 'updates');

    // Invalid input.
    await page.fill('#network-root .field[data-key="N"] input.num', '1000');
    await page.selectOption('#network-root .field[data-key="model"] select', 'lif');
    await page.fill('#network-root .field[data-key="p"] input.num', '1.5');
    await expectText(errorOf('#network-root', 'p'), /must be ≤ 1/);
    await page.fill('#network-root .field[data-key="p"] input.num', '0.08');
    await page.fill('#network-root .field[data-key="T"] input.num', '500');
    await page.fill('#network-root .field[data-key="N"] input.num', '1000');
    await waitMore('#network-root', 'updates', n);
    await expectText(errorOf('#network-root', 'p'), '');

    // Export to PyNN: the files of toPyNN for this network (LIF, current synapses, 800 + 200 neurons).
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('#net-export')]);
    expect(file.suggestedFilename()).toBe('run.py');
    const script = readFileSync((await file.path())!, 'utf8');
    expect(script).toContain('sim.setup(');
    expect(script).toMatch(/sim\.Population\(800, sim\.IF_curr_exp\(/);
    expect(script).toMatch(/sim\.Population\(200, sim\.IF_curr_exp\(/);
    await expectText(page.locator('#net-export-note'), /^run\.py: 1,000 neurons/);
    // HH has no PyNN standard cell: the exporter's reason beside the button, nothing downloaded.
    let downloads = 0;
    page.on('download', () => downloads++);
    await page.selectOption('#network-root .field[data-key="model"] select', 'hh');
    await page.click('#net-export');
    await expectText(page.locator('#net-export-note'), /Not exported: .*a Hodgkin-Huxley population cannot be exported/);
    expect(downloads).toBe(0);
    n = await num('#network-root', 'updates');
    await page.selectOption('#network-root .field[data-key="model"] select', 'lif');
    await waitMore('#network-root', 'updates', n, 60_000);
    await screenshots('network');
    timings.networkSeconds = (Date.now() - t0) / 1000;
  }, 900_000);

  it('Training playground: < 5 % test error on circle and XOR in the default run; responsive while training; pause, step, reset, cancel', async () => {
    const t0 = Date.now();
    await page.goto(`${url}#playground`);
    await waitMore('#playground-root', 'updates', 0);
    // While the default run trains, another control answers at once: "Show test data" adds the test points.
    expect(await page.getAttribute('#playground-root', 'data-playing')).toBe('1');
    const clickAt = Date.now();
    await page.click('#playground-root .field[data-key="showTest"] input');
    await page.waitForFunction(() => (document.getElementById('pg-boundary') as unknown as { data: { name: string }[] }).data.some((t) => t.name === 'test points'), null, { timeout: 5000 });
    timings.playgroundClickToRedrawMs = Date.now() - clickAt;
    const stillTraining = await page.evaluate(() => [document.getElementById('playground-root')!.dataset.playing, Number(document.getElementById('pg-epoch')!.dataset.value)]);
    expect(stillTraining[0], 'the click was answered while training ran').toBe('1');
    expect(stillTraining[1]).toBeLessThan(200);
    // The default run stops at epoch 200.
    await page.waitForFunction(() => !document.getElementById('playground-root')!.dataset.playing, null, { timeout: 30_000 });
    expect(await value('pg-epoch')).toBe(200);
    const circleErr = await value('pg-test-error');
    expect(circleErr).toBeLessThan(0.05);
    timings.circleTestError = circleErr;
    let data = await plotData('pg-boundary');
    expect(data.map((t) => t.name)).toEqual(['σ(z) (class 1 probability)', 'training points', 'test points']);
    const circle = splitDataset(makeDataset({ kind: 'circle', seed: 1 }), 0.5, 1);
    expectClose(data[1].x, circle.train.x, 12);
    expectClose(data[2].y, circle.test.y, 12);
    const loss = await plotData('pg-losses');
    expect(loss.map((t) => t.name)).toEqual(['training loss', 'test loss']);
    expect(loss[0].x.length).toBe(201);
    expect(loss[1].y[200]).toBeLessThan(loss[1].y[0]);
    await screenshots('playground-circle');

    // XOR: the data set changes, a new default run starts and also ends below 5 % test error.
    await page.selectOption('#playground-root .field[data-key="data"] select', 'xor');
    await page.waitForFunction(() => Number(document.getElementById('pg-epoch')!.dataset.value) < 200, null, { timeout: 10_000 });
    await page.waitForFunction(() => !document.getElementById('playground-root')!.dataset.playing, null, { timeout: 30_000 });
    expect(await value('pg-epoch')).toBe(200);
    const xorErr = await value('pg-test-error');
    expect(xorErr).toBeLessThan(0.05);
    timings.xorTestError = xorErr;
    data = await plotData('pg-boundary');
    const xor = splitDataset(makeDataset({ kind: 'xor', seed: 1 }), 0.5, 1);
    expectClose(data[1].x, xor.train.x, 12);
    expect(await page.evaluate(() => location.hash)).toContain('data=xor');
    await screenshots('playground-xor');

    // Reset (paused: back to epoch 0), step (one epoch), pause.
    let u = await num('#playground-root', 'updates');
    await page.click('#pg-reset');
    u = await waitMore('#playground-root', 'updates', u);
    expect(await value('pg-epoch')).toBe(0);
    await page.click('#pg-step');
    u = await waitMore('#playground-root', 'updates', u);
    expect(await value('pg-epoch')).toBe(1);
    expect((await plotData('pg-losses'))[0].x.length).toBe(2);
    // Play, then Cancel from the status line: training stops and stays paused.
    await page.click('#pg-play');
    await page.waitForFunction(() => Number(document.getElementById('pg-epoch')!.dataset.value) > 5, null, { timeout: 10_000 });
    await page.click('#pg-status button.cancel');
    await expectText(page.locator('#pg-status .status-text'), /cancelled|paused/);
    expect(await page.getAttribute('#playground-root', 'data-playing')).toBeNull();
    const pausedAt = await value('pg-epoch');
    await page.waitForTimeout(300);
    expect(await value('pg-epoch')).toBe(pausedAt);

    // Invalid input beside its control; the boundary stays.
    const before = await plotData('pg-boundary');
    await page.fill('#playground-root .field[data-key="layers"] input', '8, 40');
    await expectText(errorOf('#playground-root', 'layers'), /1 to 8/);
    await page.fill('#playground-root .field[data-key="lr"] input.num', '0');
    await expectText(errorOf('#playground-root', 'lr'), /must be > 0/);
    expect(await plotData('pg-boundary')).toEqual(before);
    await page.fill('#playground-root .field[data-key="lr"] input.num', '0.03');
    await page.fill('#playground-root .field[data-key="layers"] input', '8, 4');
    await expectText(errorOf('#playground-root', 'layers'), '');
    // lif units train too (a new run starts with the activation).
    await page.fill('#playground-root .field[data-key="speed"] input.num', '25');
    await page.selectOption('#playground-root .field[data-key="act"] select', 'soft-lif');
    await page.waitForFunction(() => !document.getElementById('playground-root')!.dataset.playing, null, { timeout: 30_000 });
    expect(await value('pg-epoch')).toBe(200);
    timings.xorSoftLifTestError = await value('pg-test-error');
    expect(timings.xorSoftLifTestError).toBeLessThan(0.2);
    timings.playgroundSeconds = (Date.now() - t0) / 1000;
  });

  it('Spiking view: the rate answer, hidden raster and output currents of a digit; accuracy vs presentation time; a drawn digit', async () => {
    const t0 = Date.now();
    await page.goto(`${url}#spiking`);
    await waitMore('#spiking-root', 'updates', 0);
    await waitMore('#spiking-root', 'accUpdates', 0);
    const mlp = loadModel(readFileSync(join(repo, 'web/models/mnist-small.json'), 'utf8'));
    const digits = decodeDigits(JSON.parse(readFileSync(join(repo, 'web/models/mnist-test-digits.json'), 'utf8')) as DigitsJson);
    const x = (i: number) => Array.from(digits.X.data.subarray(i * 784, (i + 1) * 784));
    let ref = runSpikingDigit(mlp, x(0), { duration: 0.2, dt: 0.001, tauS: 0.005 });
    expect(await value('spiking-label')).toBe(digits.labels[0]);
    expect(await value('spiking-rate-answer')).toBe(ref.ratePrediction);
    expect(await value('spiking-answer')).toBe(ref.run.prediction);
    let raster = await plotData('spiking-raster');
    expect(raster[0].x.length).toBe(ref.run.hidden[0].spikes.time.length);
    const cur = await plotData('spiking-currents');
    expectClose(cur[0].y, ref.run.outputCurrents[0]);
    // The bold line of the answer ends at the mean current the spiking network classifies.
    const ans = cur.find((t) => t.name === `${ref.run.prediction} (answer)`)!;
    expect(ans.y[ans.y.length - 1]).toBeCloseTo(ref.run.meanCurrent[ref.run.prediction], 9);
    const acc = runSpikingAccuracy(mlp, digits.X, digits.labels, { durations: [0.005, 0.01, 0.02, 0.05, 0.1, 0.2], dt: 0.001, tauS: 0.005 });
    const accPlot = await plotData('spiking-acc');
    expectClose(accPlot[0].y, acc.accuracy.map((a) => 100 * a));
    expect(accPlot[1].y[0]).toBeCloseTo(100 * acc.rateAccuracy, 9);
    expect(acc.accuracy[acc.accuracy.length - 1]).toBeGreaterThan(0.8);
    timings.spikingAccuracyAt200ms = acc.accuracy[acc.accuracy.length - 1];
    timings.rateAccuracy200Digits = acc.rateAccuracy;

    // Another digit.
    let u = await num('#spiking-root', 'updates');
    await page.fill('#spiking-root .field[data-key="digit"] input.num', '7');
    u = await waitMore('#spiking-root', 'updates', u);
    ref = runSpikingDigit(mlp, x(7), { duration: 0.2, dt: 0.001, tauS: 0.005 });
    expect(await value('spiking-label')).toBe(digits.labels[7]);
    expect(await value('spiking-rate-answer')).toBe(ref.ratePrediction);
    raster = await plotData('spiking-raster');
    expect(raster[0].x.length).toBe(ref.run.hidden[0].spikes.time.length);
    await screenshots('spiking');

    // Pixels as Poisson spike trains: the same rate answer, a new spiking run (the bridge's 'poisson' input).
    const rateAnswer = await value('spiking-rate-answer');
    await page.selectOption('#spiking-root .field[data-key="in"] select', 'poisson');
    u = await waitMore('#spiking-root', 'updates', u);
    expect(await value('spiking-rate-answer')).toBe(rateAnswer);
    const pois = runSpikingDigit(mlp, x(7), { duration: 0.2, dt: 0.001, tauS: 0.005, input: 'poisson' });
    expect(Math.abs((await plotData('spiking-raster'))[0].x.length - pois.run.hidden[0].spikes.time.length)).toBeLessThanOrEqual(0.05 * pois.run.hidden[0].spikes.time.length);
    expect(await page.evaluate(() => location.hash)).toContain('in=poisson');
    await page.selectOption('#spiking-root .field[data-key="in"] select', 'current');
    u = await waitMore('#spiking-root', 'updates', u);

    // Your own model file: a ReLU network has no spiking counterpart (message beside the file control); a garbage
    // file is rejected before it reaches the worker; the shipped model's JSON loaded as a file works like it.
    const upload = (name: string, text: string) => page.setInputFiles('#spiking-model-file', { name, mimeType: 'application/json', buffer: Buffer.from(text) });
    await upload('relu.json', JSON.stringify(new MLP({ sizes: [784, 5, 10], hidden: 'relu' }).toJSON()));
    await expectText(errorOf('#spiking-root', 'model'), /no spiking counterpart/);
    await upload('junk.json', '{"not": <b>json</b>');
    await expectText(errorOf('#spiking-root', 'model'), /not valid JSON/);
    expect(await page.locator('#spiking-root .field[data-key="model"] b').count()).toBe(0);
    await upload('mine.json', readFileSync(join(repo, 'web/models/mnist-small.json'), 'utf8'));
    u = await waitMore('#spiking-root', 'updates', u);
    await expectText(errorOf('#spiking-root', 'model'), '');
    expect(await page.textContent('#spiking-model')).toMatch(/mine\.json \(784-32-10\)/);
    expect(await value('spiking-rate-answer')).toBe(rateAnswer);
    await page.click('#spiking-root button:has-text("Use the shipped model")');
    u = await waitMore('#spiking-root', 'updates', u);

    // Invalid input.
    await page.fill('#spiking-root .field[data-key="dt"] input.num', '0');
    await expectText(errorOf('#spiking-root', 'dt'), /must be > 0/);
    await page.fill('#spiking-root .field[data-key="dt"] input.num', '1');
    u = await waitMore('#spiking-root', 'updates', u);
    await expectText(errorOf('#spiking-root', 'dt'), '');

    // Draw a "1": a vertical stroke on the canvas.
    await page.locator('#spiking-canvas').scrollIntoViewIfNeeded();
    const box = (await page.locator('#spiking-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
    await page.mouse.down();
    for (let k = 1; k <= 10; k++) await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * (0.15 + 0.07 * k));
    await page.mouse.up();
    u = await waitMore('#spiking-root', 'updates', u);
    expect(await page.inputValue('#spiking-root .field[data-key="src"] select')).toBe('drawn');
    expect(await page.textContent('#spiking-label')).toMatch(/drawn/);
    timings.drawnOneRateAnswer = await value('spiking-rate-answer');
    await screenshots('spiking-drawn');
    timings.spikingSeconds = (Date.now() - t0) / 1000;
  });

  it('nothing logged an error or warning', () => {
    expect(problems).toEqual([]);
  });
});
