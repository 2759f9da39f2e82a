/**
 * The STDP panel's job (web/jobs/stdp.ts), in Node: it equals the scenario it wraps on the same settings, streams a
 * hundred histograms ending on the final one, thins the weight traces for display without changing what is
 * computed, and keeps within the page's limit of steps (naming the control).
 */
import { describe, expect, it } from 'vitest';
import { runSongStdp } from '../../src/experiments/stdp.js';
import { runJob, type JobResult } from '../../web/jobs/jobs.js';
import { MAX_STDP_STEPS } from '../../web/jobs/limits.js';
import { STDP_REPORTS, STDP_TRACE_POINTS } from '../../web/jobs/stdp.js';
import { throwsValidation } from '../helpers/expect.js';

describe('STDP job', () => {
  it('equals runSongStdp on the same settings; a hundred partial histograms, the last one the final histogram', () => {
    const parts: JobResult[] = [];
    const r = runJob({ kind: 'stdp', duration: 3, seed: 4, rule: 'multiplicative', mu: 0.5, tauPost: 0.03 }, undefined, (p) => parts.push(p));
    const ref = runSongStdp({ duration: 3, seed: 4, rule: 'multiplicative', mu: 0.5, tauPost: 0.03 });
    expect(r.kind).toBe('stdp');
    if (r.kind !== 'stdp' || !r.run) throw new Error('no final run');
    expect(r.partial).toBe(false);
    expect(Array.from(r.run.finalWeights)).toEqual(Array.from(ref.finalWeights));
    expect(r.histogram).toEqual(ref.histogram);
    expect(r.run.outputRate).toBe(ref.outputRate);
    expect(parts.length).toBe(STDP_REPORTS);
    const last = parts[parts.length - 1];
    if (last.kind !== 'stdp') throw new Error('not an STDP partial');
    expect(last.partial).toBe(true);
    expect(last.t).toBeCloseTo(3, 9);
    expect(last.histogram).toEqual(ref.histogram);
    expect(last.initialHistogram).toEqual(ref.initialHistogram);
    // Traces: at most STDP_TRACE_POINTS (+ the last sample), the last sample being the final weight.
    const { t, w } = r.run.traces;
    expect(t.length).toBeLessThanOrEqual(STDP_TRACE_POINTS + 1);
    expect(t.length).toBeGreaterThan(STDP_TRACE_POINTS / 2);
    expect(t[t.length - 1]).toBe(ref.traces.t[ref.traces.t.length - 1]);
    expect(w[0][w[0].length - 1]).toBe(ref.finalWeights[0]);
  });

  it('refuses more steps than the page allows, and bad rule parameters, naming the parameter', () => {
    throwsValidation(() => runJob({ kind: 'stdp', duration: (MAX_STDP_STEPS + 1e4) * 1e-4 }), 'stdp.duration', /at most 20,000,000/);
    throwsValidation(() => runJob({ kind: 'stdp', duration: 1, tauPre: -0.02 }), 'stdp.tauPre', /> 0/);
    throwsValidation(() => runJob({ kind: 'stdp', duration: 1, gMax: 0 }), 'stdp.gMax', /> 0/);
  });
});
