/**
 * The worker's jobs (web/jobs/), in Node: each equals the scenario it wraps on the same settings, keeps within the
 * page's limits (naming the control), and prepares results for display without changing what is computed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { runResetFiCurve } from '../../src/experiments/fiCurve.js';
import { runFiringPattern } from '../../src/experiments/firingPatterns.js';
import { runNetwork, type NetworkRun } from '../../src/experiments/network.js';
import { runHh, runLif } from '../../src/experiments/neuronTraces.js';
import { runPsc } from '../../src/experiments/psc.js';
import { BYTES_PER_SYNAPSE_BUILT, estimateNetworkWork, MAX_NETWORK_BYTES } from '../../web/jobs/limits.js';
import { runSpikingDigit } from '../../src/experiments/spikingDigit.js';
import type { MLPJson } from '../../src/nn/mlp.js';
import { lifRate } from '../../src/neurons/rates.js';
import { decimateTrace, minMaxIndices } from '../../web/jobs/decimate.js';
import { runJob, transferables, type JobResult } from '../../web/jobs/jobs.js';
import { forDisplay, runNetworkStreaming } from '../../web/jobs/network.js';
import { recordStride, signalFromSpec } from '../../web/jobs/neurons.js';
import { loadModel, MAX_MODEL_FILE_BYTES } from '../../web/jobs/spiking.js';
import { decodeDigits, type DigitsJson } from '../../web/panels/digits.js';

describe('single-neuron jobs', () => {
  it('HH job equals runHh on the same settings, decimated for display with the extremes kept', () => {
    const r = runJob({ kind: 'hh', current: { mode: 'constant', value: 10 }, duration: 0.2, dt: 1e-5, method: 'rk4', displayPoints: 2000 });
    const ref = runHh({ current: 10, duration: 0.2, dt: 1e-5 });
    expect(r.run.rate).toBe(ref.rate);
    expect(r.samples).toBe(20001);
    expect(r.run.trace.t.length).toBeLessThanOrEqual(2002);
    expect(Math.max(...r.run.trace.V)).toBe(Math.max(...ref.trace.V));
    expect(Math.min(...r.run.trace.V)).toBe(Math.min(...ref.trace.V));
    expect(Array.from(r.run.trace.spikes)).toEqual(Array.from(ref.trace.spikes));
    expect(r.gates!.m.length).toBeLessThanOrEqual(2002);
  });

  it('an Euler overlay: max |ΔV| is that of the two runs, and halves with dt (Euler is first order, RK4 fourth)', () => {
    const job = (dt: number) => runJob({ kind: 'hh', current: { mode: 'constant', value: 10 }, duration: 0.02, dt, method: 'rk4', compare: 'euler' });
    const r = job(1e-5);
    expect(r.compare!.name).toBe('euler');
    const rk4 = runHh({ current: 10, duration: 0.02, dt: 1e-5, method: 'rk4' }).trace.V, euler = runHh({ current: 10, duration: 0.02, dt: 1e-5, method: 'euler' }).trace.V;
    expect(r.maxDeltaV).toBe(Math.max(...rk4.map((v, i) => Math.abs(v - euler[i]))));
    // RK4's own error is O(dt⁴), so |ΔV| is Euler's global error, O(dt): halving dt halves it.
    const ratio = r.maxDeltaV / job(5e-6).maxDeltaV;
    expect(Math.abs(ratio - 2), `ratio ${ratio}`).toBeLessThan(0.1);
  });

  it('LIF job: measured rate and G(v_in) for a typed constant', () => {
    const r = runJob({ kind: 'lif', input: { mode: 'constant', value: 2.5 }, duration: 0.2, dt: 1e-4, method: 'exact', tauM: 0.02, tauRef: 0.002 });
    expect(r.run.analyticRate).toBe(lifRate(2.5));
    expect(Math.abs(r.run.rate / lifRate(2.5) - 1)).toBeLessThan(1e-3);
    expect(r.samples).toBe(2001);
    expect(r.run.trace.t.length).toBe(2001);
  });

  it('LIF job of 100 s: the rate and spikes of the full run, the trace min–max decimated for display', () => {
    const job = { kind: 'lif' as const, input: { mode: 'constant' as const, value: 1.5 }, duration: 100, dt: 1e-4, method: 'exact' as const, tauM: 0.02, tauRef: 0.002 };
    const r = runJob(job);
    const ref = runLif({ input: 1.5, duration: 100, dt: 1e-4 });
    expect(r.samples).toBe(1_000_001);
    expect(r.run.rate).toBe(ref.rate);
    expect(Array.from(r.run.trace.spikes)).toEqual(Array.from(ref.trace.spikes));
    expect(r.run.refractory).toEqual(ref.refractory);
    expect(r.run.trace.t.length).toBeLessThanOrEqual(4002);
    let hi = -Infinity, lo = Infinity;
    for (const v of ref.trace.v) { hi = Math.max(hi, v); lo = Math.min(lo, v); }
    expect(Math.max(...r.run.trace.v)).toBe(hi);
    expect(Math.min(...r.run.trace.v)).toBe(lo);
    expect(r.run.trace.t[r.run.trace.t.length - 1]).toBe(ref.trace.t[1_000_000]);
  });

  it('a step becomes a formula the formula compiler accepts', () => {
    expect(signalFromSpec({ mode: 'step', before: 0, after: 10, onset: 0.05 }, 'I')).toBe('0 + (10) * heaviside(t - 0.05)');
    const r = runJob({ kind: 'hh', current: { mode: 'step', before: 0, after: 10, onset: 0.05 }, duration: 0.1, dt: 1e-5, method: 'rk4' });
    expect(r.run.trace.spikes[0]).toBeGreaterThan(0.05);
  });

  it('rejects formulas beyond arithmetic in t, and absurd step counts, naming the parameter', () => {
    for (const text of ['import("fs")', 'constructor', '10 + *', 'x = 3']) {
      try {
        runJob({ kind: 'hh', current: { mode: 'formula', text }, duration: 0.01, dt: 1e-5, method: 'rk4' });
        expect.unreachable(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).param).toBe('HodgkinHuxley.simulate.current');
      }
    }
    expect(() => runJob({ kind: 'hh', current: { mode: 'constant', value: 10 }, duration: 100, dt: 1e-6, method: 'rk4' })).toThrow(/at most/);
    expect(recordStride(0.2, 1e-5, 20001)).toBe(1);
    expect(recordStride(2, 1e-5, 20001)).toBe(10);
  });

  it('collects whole typed-array buffers for transfer', () => {
    const a = new Float64Array(4), b = new Float64Array(8).subarray(2, 4);
    expect(transferables({ x: a, y: { z: b, w: [a] } })).toEqual([a.buffer]);
  });
});

describe('display decimation', () => {
  it('keeps each bucket minimum and maximum, first and last', () => {
    const y = Float64Array.from({ length: 1000 }, (_, i) => Math.sin(i / 7) + (i === 503 ? 5 : 0));
    const idx = minMaxIndices([y], y.length, 50);
    expect(idx[0]).toBe(0);
    expect(idx[idx.length - 1]).toBe(999);
    expect(Array.from(idx)).toContain(503);
    expect(idx.length).toBeLessThanOrEqual(102);
    const t = Float64Array.from(y, (_, i) => i);
    const d = decimateTrace({ t, y, spikes: new Float64Array([1, 2]) }, ['y'], 100);
    expect(d.t.length).toBe(d.y.length);
    expect(Math.max(...d.y)).toBe(Math.max(...y));
    expect(d.spikes.length).toBe(2);
    // Short traces are returned whole.
    expect(minMaxIndices([y.subarray(0, 50)], 50, 50).length).toBe(50);
  });
});

describe('network job', () => {
  it('ends exactly as runNetwork and hands out prefixes of it while running', () => {
    const o = { size: 200, p: 0.1, duration: 0.3, seed: 5 };
    const ref = runNetwork(o);
    const partials: NetworkRun[] = [];
    const run = runNetworkStreaming({ ...o, partialEvery: 0 }, undefined, (p) => partials.push(p));
    expect(run.raster).toEqual(ref.raster);
    expect(run.rate).toEqual(ref.rate);
    expect(run.traces).toEqual(ref.traces);
    expect(run.cv).toBe(ref.cv);
    expect(run.synapses).toBe(ref.synapses);
    expect(partials.length).toBeGreaterThan(10);
    const mid = partials[partials.length >> 1];
    const n = mid.raster.exc.time.length;
    expect(Array.from(mid.raster.exc.time)).toEqual(Array.from(ref.raster.exc.time.slice(0, n)));
    expect(Array.from(mid.rate.exc)).toEqual(Array.from(ref.rate.exc.slice(0, mid.rate.exc.length)));
    expect(mid.traces.t[mid.traces.t.length - 1]).toBeLessThan(0.3);
  });

  it('rejects runs too large for the page, naming the control, before building anything', () => {
    expect(() => runNetworkStreaming({ size: 20000, duration: 100, dt: 1e-5 })).toThrow(/network\.duration/);
    // 200 M synapses: refused at once with the memory it would need (building it takes tens of seconds and GBs).
    expect(() => runNetworkStreaming({ size: 20000, p: 0.5, duration: 0.01 })).toThrow(
      /^network\.p: N = 20,000 and p = 0\.5 give about 200,000,000 synapses, about 4\.8 GB to build; the page allows 41,666,666 synapses \(1\.0 GB\)/);
    expect(BYTES_PER_SYNAPSE_BUILT * 41_666_666).toBeLessThanOrEqual(MAX_NETWORK_BYTES);
  });

  it('reports the connectivity build (stage build, pairs of size²) before the steps', () => {
    const seen: [string | undefined, number, number][] = [];
    runJob({ kind: 'network', size: 300, duration: 0.02 }, (d, t, stage) => seen.push([stage, d, t]));
    const build = seen.filter(([s]) => s === 'build'), steps = seen.filter(([s]) => s === 'run');
    expect(build.length).toBeGreaterThan(10);
    expect(build[build.length - 1].slice(1)).toEqual([90_000, 90_000]);
    expect(steps[steps.length - 1].slice(1)).toEqual([200, 200]);
    expect(seen.findIndex(([s]) => s === 'run')).toBe(build.length);
  });

  it('estimates the work of a run from N, p and duration/dt (the panel asks for a click beyond 20 s)', () => {
    const base = estimateNetworkWork(1000, 0.08, 1, 1e-4);
    expect(base.seconds).toBeLessThan(1);
    expect(estimateNetworkWork(1000, 0.08, 100, 1e-4).seconds).toBeGreaterThan(20);
    expect(estimateNetworkWork(1000, 0.08, 2, 1e-4).seconds / base.seconds).toBeGreaterThan(1.8);
    expect(estimateNetworkWork(20000, 0.08, 1, 1e-4).seconds).toBeGreaterThan(20);
    expect(base.detail).toBe('80,000 synapses, 1.0e+7 neuron-steps, ~8.0e+5 synaptic events at 10 Hz');
  });

  it('display: large rasters thinned by neuron, long traces min–max decimated', () => {
    const run = runNetwork({ size: 400, duration: 1, seed: 2 });
    const d = forDisplay(run, 2000, 1000);
    const total = d.raster.exc.index.length + d.raster.inh.index.length;
    const k = d.rasterEvery.exc;
    expect(k).toBeGreaterThan(1);
    expect(d.rasterEvery.inh).toBe(k);
    expect(total).toBeLessThan(1400);
    // Exactly the spikes of the neurons kept, over the whole run.
    const keep = Array.from(run.raster.exc.index.keys()).filter((s) => run.raster.exc.index[s] % k === 0);
    expect(Array.from(d.raster.exc.time)).toEqual(keep.map((s) => run.raster.exc.time[s]));
    expect(d.traces.t.length).toBeLessThanOrEqual(2002);
    expect(Math.max(...d.traces.v[0])).toBe(Math.max(...run.traces.v[0]));
    expect(d.spikes).toEqual(run.spikes);
    expect(d.shown).toEqual({ traceSamples: run.traces.t.length, rateBins: 1000 });
    expect(d.rate).toEqual(run.rate);
  });

  it('display of a long run: the raster reaches its end (the scenario kept every k-th neuron), rates min–max per column', () => {
    const run = runNetwork({ size: 100, duration: 12, dt: 5e-4, seed: 2, rasterLimit: 4000 });
    expect(run.rasterEvery.exc).toBeGreaterThan(1);
    const d = forDisplay(run, 2000, 1000);
    const last = (a: Float64Array) => a[a.length - 1];
    expect(last(d.raster.exc.time)).toBeGreaterThan(11.5);
    expect(d.rasterEvery.exc % run.rasterEvery.exc).toBe(0);
    for (const i of d.raster.exc.index) expect(i % d.rasterEvery.exc).toBe(0);
    expect(d.shown.rateBins).toBe(12000);
    expect(d.rate.t.length).toBeLessThanOrEqual(4002);
    expect(last(d.rate.t)).toBe(last(run.rate.t));
    expect(Math.max(...d.rate.exc)).toBe(Math.max(...run.rate.exc));
    expect(Math.min(...d.rate.inh)).toBe(Math.min(...run.rate.inh));
  });

  it('PyNN export of the network the settings build: run.py with both populations; models without a PyNN cell refused', () => {
    const { files } = runJob({ kind: 'networkExport', size: 100, p: 0.1, duration: 0.1 });
    expect(Object.keys(files)).toEqual(['run.py']);
    expect(files['run.py']).toContain('sim.setup(');
    expect(files['run.py']).toMatch(/sim\.Population\(80, sim\.IF_curr_exp\(/);
    expect(files['run.py']).toMatch(/sim\.Population\(20, sim\.IF_curr_exp\(/);
    expect(runJob({ kind: 'networkExport', size: 100, p: 0.1, synapse: 'conductance' }).files['run.py']).toMatch(/sim\.IF_cond_exp\(/);
    expect(() => runJob({ kind: 'networkExport', size: 100, model: 'hh' })).toThrow(/Hodgkin-Huxley population cannot be exported/);
    expect(() => runJob({ kind: 'networkExport', size: 100, model: 'adex' })).toThrow(/'adex' has no PyNN standard model/);
    expect(() => runJob({ kind: 'networkExport', size: 20000, p: 0.1 })).toThrow(ValidationError);
  });
});

describe('synapses, playground and network jobs', () => {
  it('runs synapses and keeps a playground session between jobs', () => {
    const syn = runJob({ kind: 'synapses', n: 2, tauS: 0.004, train: 'regular', rate: 50, duration: 0.2, dt: 1e-4, seed: 0 });
    expect(syn.run.spikes.length).toBe(10);
    expect(syn.samples).toBe(syn.run.filtered.t.length);
    // A long train: errors and means from every sample; the drawn train keeps each column's extremes.
    const long = runJob({ kind: 'synapses', n: 1, tauS: 0.005, train: 'poisson', rate: 40, duration: 20, dt: 1e-4, seed: 1 });
    const ref = runPsc({ ns: [1], tauS: [0.005], n: 1, filterTauS: 0.005, duration: 20, dt: 1e-4, rate: 40, seed: 1 });
    expect([long.samples, long.run.eulerError, long.run.meanActivity]).toEqual([ref.filtered.t.length, ref.eulerError, ref.meanActivity]);
    expect(long.run.filtered.t.length).toBeLessThanOrEqual(4002);
    expect(Math.max(...long.run.filtered.exact)).toBe(ref.filtered.exact.reduce((a, b) => Math.max(a, b), 0));
    expect(syn.run.kernels.curves.map((c) => c.n)).toEqual([2]);
    expect(() => runJob({ kind: 'synapses', n: 1, tauS: 0.005, train: 'poisson', rate: 10, duration: 1000, dt: 1e-5, seed: 0 })).toThrow(/psc\.dt/);
    const job = { kind: 'playground' as const, session: 'a', options: { dataset: 'xor' as const }, epochs: 2 };
    const r1 = runJob(job);
    const r2 = runJob(job);
    expect([r1.fresh, r1.snapshot.epoch, r2.fresh, r2.snapshot.epoch]).toEqual([true, 2, false, 4]);
    // A "restarted worker" (another session id meanwhile) resumes from what the page sent back.
    runJob({ ...job, session: 'b', epochs: 0 });
    const r3 = runJob({ ...job, epochs: 1, resume: { epoch: r2.snapshot.epoch, params: r2.snapshot.params, trainLoss: r2.snapshot.trainLoss, testLoss: r2.snapshot.testLoss } });
    expect([r3.fresh, r3.snapshot.epoch, r3.snapshot.trainLoss.length]).toEqual([false, 5, 6]);
    expect(() => runJob({ ...job, session: 'c', options: { hidden: [0] } })).toThrow(/playground\.hidden/);
  });

  it('the network job streams display-ready partial results', () => {
    const parts: JobResult[] = [];
    const r = runJob({ kind: 'network', size: 100, duration: 0.2, partialEvery: 0 }, undefined, (p) => parts.push(p));
    expect(parts.length).toBeGreaterThan(5);
    expect(parts.every((p) => p.kind === 'network' && p.partial)).toBe(true);
    expect(!r.partial && r.fraction === 1).toBe(true);
    expect(() => runJob({ kind: 'nope' } as never)).toThrow(/job\.kind: unknown job "nope"/);
  });
});

describe('spiking view jobs', () => {
  const json = JSON.parse(readFileSync(new URL('../../web/models/mnist-small.json', import.meta.url), 'utf8')) as MLPJson;
  const digits = decodeDigits(JSON.parse(readFileSync(new URL('../../web/models/mnist-test-digits.json', import.meta.url), 'utf8')) as DigitsJson);
  const x = Array.from(digits.X.data.subarray(0, 784));

  it('a digit job equals the scenario on the same settings; the model is kept by key', () => {
    const r = runJob({ kind: 'spikingDigit', model: json, modelKey: 'shipped', x, duration: 0.05 });
    const ref = runSpikingDigit(loadModel(json), x, { duration: 0.05 });
    expect(r.result.answers).toEqual(ref.answers);
    expect(r.result.run.meanCurrent).toEqual(ref.run.meanCurrent);
    expect(runJob({ kind: 'spikingDigit', model: null, modelKey: 'shipped', x, duration: 0.05 }).result.answers).toEqual(ref.answers);
    expect(() => runJob({ kind: 'spikingDigit', model: null, modelKey: 'other', x })).toThrow(/spikingView\.model: model "other" is not loaded/);
  });

  it('rejects a digit of the wrong size and presentations beyond the page limit, naming the control', () => {
    expect(() => runJob({ kind: 'spikingDigit', model: json, modelKey: 'shipped', x: x.slice(1) })).toThrow(/spikingView\.x: the model takes 784 inputs but the digit has 783/);
    expect(() => runJob({ kind: 'spikingDigit', model: json, modelKey: 'shipped', x, duration: 200, dt: 1e-3 })).toThrow(/spikingView\.dt: gives 200000 steps per presentation; at most 100000/);
    const X = { rows: 2, cols: 784, data: digits.X.data.slice(0, 2 * 784) };
    expect(() => runJob({ kind: 'spikingAccuracy', model: json, modelKey: 'shipped', X, labels: [0, 1], durations: [0.1, 200] })).toThrow(/spikingView\.dt/);
  });
  it('checks a model file whole before building it, naming what is wrong', () => {
    const text = JSON.stringify(json);
    const r = runJob({ kind: 'spikingModel', model: text, modelKey: 'file-a', name: 'a.json' });
    expect(r.kind === 'spikingModel' && r.sizes).toEqual(json.sizes);
    // The checked model is kept by key for the digit jobs that follow.
    expect(runJob({ kind: 'spikingDigit', model: null, modelKey: 'file-a', x, duration: 0.05 }).result.answers)
      .toEqual(runSpikingDigit(loadModel(json), x, { duration: 0.05 }).answers);
    const layer0 = json.layers[0];
    const cases: [string, string, RegExp][] = [
      ['not JSON', '{"format":', /spikingView\.model: m\.json is not valid JSON/],
      ['an array', '[1,2]', /is not a spikebridge model.*got an array|is not a spikebridge model/],
      ['another format', JSON.stringify({ ...json, format: 'keras' }), /format 'spikebridge-mlp'.*got format "keras"/],
      ['a later version', JSON.stringify({ ...json, version: 2 }), /format version 2; this page reads version 1/],
      ['huge sizes, no layers', JSON.stringify({ ...json, sizes: [784, 200000, 10], layers: [] }), /sizes \[784,? ?200000,? ?10\]|2 to 12 whole numbers from 1 to 100,000/],
      // 90000·(784 + 2) + 10·(90000 + 2) weights, biases and gains
      ['too many parameters', JSON.stringify({ ...json, sizes: [784, 90000, 10], hidden: json.hidden, layers: [] }), /about 71,640,020 parameters .* at most 2,000,000/],
      ['missing layers', JSON.stringify({ ...json, layers: [] }), /needs 2 layers for sizes \[784, 32, 10\]/],
      ['a W row too short', JSON.stringify({ ...json, layers: [{ ...layer0, W: [layer0.W[0].slice(1), ...layer0.W.slice(1)] }, json.layers[1]] }), /layer 0: W row 0 must hold 784 finite numbers/],
      ['a huge declared length', JSON.stringify({ ...json, layers: [{ ...layer0, W: [{ length: 2e9 }] }, json.layers[1]] }), /layer 0: W must have 32 rows/],
      ['a non-finite bias', JSON.stringify({ ...json, layers: [{ ...layer0, b: layer0.b.map((v, i) => (i === 3 ? 'x' : v)) }, json.layers[1]] }), /layer 0: b must hold 32 finite numbers/],
    ];
    for (const [what, body, msg] of cases) {
      let err: unknown;
      try { runJob({ kind: 'spikingModel', model: body, modelKey: `bad-${what}`, name: 'm.json' }); } catch (e) { err = e; }
      expect(err, what).toBeInstanceOf(ValidationError);
      expect((err as Error).message, what).toMatch(msg);
    }
    // Too large a text is refused before parsing.
    expect(() => runJob({ kind: 'spikingModel', model: ' '.repeat(MAX_MODEL_FILE_BYTES + 1), modelKey: 'big', name: 'big.json' }))
      .toThrow(/big\.json has 40,000,001 characters; a model file may be at most 40 MB/);
  });
});

describe('neuron-model jobs: firing patterns, their f–I curves, the network with another model', () => {
  it('a firing pattern and its f–I curve equal the scenarios; the page caps the steps, naming dt', () => {
    const r = runJob({ kind: 'firingPattern', model: 'izhikevich', pattern: 'CH', dt: 1e-4 });
    const ref = runFiringPattern({ model: 'izhikevich', pattern: 'CH', dt: 1e-4 });
    expect(r.run.settings.pattern).toBe('chattering');
    expect(Array.from(r.run.spikes)).toEqual(Array.from(ref.spikes));
    expect(Array.from(r.run.V)).toEqual(Array.from(ref.V));
    // A long run keeps every k-th sample; the spike times are the same.
    const long = runJob({ kind: 'firingPattern', model: 'adex', pattern: 'tonic', current: 400, dt: 1e-5, maxSamples: 1001 });
    const full = runFiringPattern({ model: 'adex', pattern: 'tonic', current: 400, dt: 1e-5 });
    expect(long.run.t.length).toBeLessThanOrEqual(1001);
    expect(Array.from(long.run.spikes)).toEqual(Array.from(full.spikes));
    expect(() => runJob({ kind: 'firingPattern', model: 'adex', pattern: 'tonic', dt: 1e-9 })).toThrow(/firingPattern\.dt: gives 600,000,000 steps/);
    expect(() => runJob({ kind: 'firingPattern', model: 'adex', pattern: 'no-such' })).toThrow(/AdEx\.pattern/);
    const fi = runJob({ kind: 'resetFi', model: 'izhikevich', pattern: 'FS', points: 5, duration: 0.5 });
    expect(fi.curve).toEqual(runResetFiCurve({ model: 'izhikevich', pattern: 'FS', points: 5, duration: 0.5 }));
    expect(() => runJob({ kind: 'resetFi', model: 'adex', pattern: 'tonic', dt: 1e-7 })).toThrow(/fiCurve\.dt/);
  });

  it('the network job passes the model, synapse kind and timing through to the scenario', () => {
    const o = { size: 200, duration: 0.1, seed: 3 };
    for (const extra of [{ model: 'adex' as const, synapse: 'conductance' as const }, { model: 'lif' as const, timing: 'grid' as const }]) {
      const r = runJob({ kind: 'network', ...o, ...extra });
      const ref = runNetwork({ ...o, ...extra });
      expect(r.run.settings).toEqual(ref.settings);
      expect(r.run.raster).toEqual(ref.raster);
    }
  });
});
