/** The web app's pure pieces, in Node: URL state, jobs, CSV export, display decimation. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/core/errors.js';
import { runHh } from '../../src/experiments/neuronTraces.js';
import { decimateTrace, minMaxIndices } from '../../src/experiments/webDecimate.js';
import { figureCsv, figureFileName } from '../../src/experiments/webFigures.js';
import { recordStride, runWebJob, signalFromSpec, transferables, type HhJobResult, type LifJobResult } from '../../src/experiments/webJobs.js';
import { lifRate } from '../../src/neurons/rates.js';
import { formatHash, parseHash, sameParams } from '../../web/state.js';

describe('URL state', () => {
  it('round-trips a panel and its settings, formulas included', () => {
    const route = { panel: 'hh', params: { input: 'formula', f: '10 + 5*sin(2*pi*20*t)', dt: '0.005' } };
    const hash = formatHash(route);
    expect(hash.startsWith('#hh?')).toBe(true);
    expect(parseHash(hash)).toEqual(route);
    expect(parseHash('')).toEqual({ panel: '', params: {} });
    expect(parseHash('#lif')).toEqual({ panel: 'lif', params: {} });
    expect(sameParams({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameParams({ a: '1' }, { a: '1', b: '2' })).toBe(false);
  });
});

describe('web jobs', () => {
  it('HH job equals runHh on the same settings, decimated for display with the extremes kept', () => {
    const r = runWebJob({ kind: 'hh', current: { mode: 'constant', value: 10 }, duration: 0.2, dt: 1e-5, method: 'rk4', displayPoints: 2000 }) as HhJobResult;
    const ref = runHh({ current: 10, duration: 0.2, dt: 1e-5 });
    expect(r.run.rate).toBe(ref.rate);
    expect(r.samples).toBe(20001);
    expect(r.run.trace.t.length).toBeLessThanOrEqual(2002);
    expect(Math.max(...r.run.trace.V)).toBe(Math.max(...ref.trace.V));
    expect(Math.min(...r.run.trace.V)).toBe(Math.min(...ref.trace.V));
    expect(Array.from(r.run.trace.spikes)).toEqual(Array.from(ref.trace.spikes));
    expect(r.gates!.m.length).toBeLessThanOrEqual(2002);
  });

  it('an Euler overlay reports the largest difference in V', () => {
    const r = runWebJob({ kind: 'hh', current: { mode: 'constant', value: 10 }, duration: 0.05, dt: 1e-5, method: 'rk4', compare: 'euler' }) as HhJobResult;
    expect(r.compare!.name).toBe('euler');
    expect(r.maxDeltaV).toBeGreaterThan(0);
    expect(r.maxDeltaV).toBeLessThan(50);
  });

  it('LIF job: measured rate and G(v_in) for a typed constant', () => {
    const r = runWebJob({ kind: 'lif', input: { mode: 'constant', value: 2.5 }, duration: 0.2, dt: 1e-4, method: 'exact', tauM: 0.02, tauRef: 0.002 }) as LifJobResult;
    expect(r.run.analyticRate).toBe(lifRate(2.5));
    expect(Math.abs(r.run.rate / lifRate(2.5) - 1)).toBeLessThan(1e-3);
  });

  it('a step becomes a formula the formula compiler accepts', () => {
    expect(signalFromSpec({ mode: 'step', before: 0, after: 10, onset: 0.05 }, 'I')).toBe('0 + (10) * heaviside(t - 0.05)');
    const r = runWebJob({ kind: 'hh', current: { mode: 'step', before: 0, after: 10, onset: 0.05 }, duration: 0.1, dt: 1e-5, method: 'rk4' }) as HhJobResult;
    expect(r.run.trace.spikes[0]).toBeGreaterThan(0.05);
  });

  it('rejects formulas beyond arithmetic in t, and absurd step counts, naming the parameter', () => {
    for (const text of ['import("fs")', 'constructor', '10 + *', 'x = 3']) {
      try {
        runWebJob({ kind: 'hh', current: { mode: 'formula', text }, duration: 0.01, dt: 1e-5, method: 'rk4' });
        expect.unreachable(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).param).toBe('HodgkinHuxley.simulate.current');
      }
    }
    expect(() => runWebJob({ kind: 'hh', current: { mode: 'constant', value: 10 }, duration: 100, dt: 1e-6, method: 'rk4' })).toThrow(/at most/);
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

describe('CSV export', () => {
  it('writes tidy rows with axis titles (units) as headers and quotes where needed', () => {
    const csv = figureCsv({
      title: 'Membrane potential',
      data: [{ type: 'scatter', x: [0, 1], y: [-65, -64], name: 'V, "rk4"' }, { x: [NaN], y: [NaN], name: 'legend only' }],
      layout: { xaxis: { title: { text: 't (ms)' } }, yaxis: { title: { text: 'V (mV)' } } },
    });
    expect(csv).toBe('trace,t (ms),V (mV)\n"V, ""rk4""",0,-65\n"V, ""rk4""",1,-64\n');
    expect(figureFileName({ title: 'LIF f–I curve', data: [], layout: {} })).toBe('lif-f-i-curve');
  });
});
