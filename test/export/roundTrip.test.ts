/**
 * The round trip spikebridge → PyNN 0.10 → NEURON 8.2 (serially and under `mpirun -np 2`) → spikes.csv → back, on a
 * deterministic feed-forward network at dt = 0.01 ms, and single PSPs in NEURON against their closed forms (the
 * weight conversion). Needs Debian's PyNN with its NEURON mechanisms built (`.ci/run` installs them with
 * sims/tools/setup-pynn-neuron.sh); skipped, with a message, only when `pyNN.neuron` cannot be imported.
 *
 * The network is a relay: 50 spike sources with fixed times → 100 LIF → 20 LIF, exponential PSCs (τ_s = 2 ms),
 * delays 1 and 2 ms, random initial v and biases, each neuron with one or two strong inputs (a single PSP peaks
 * near 2, far above the threshold 1) among weak excitatory and inhibitory ones. Its spikes are caused by steep
 * threshold crossings, so the comparison measures the two simulators and not the ill-conditioning of a potential
 * that only grazes the threshold (where either fires or not by rounding).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  compareSpikes, describeNetwork, mulberry32, Network, parsePyNNSpikes, parsePyNNVoltages, Population, pyNNChunks, SpikeRecorder,
  type SpikeComparison, type SpikeSourceDescription, type SpikeRecord, type VoltageTraces,
} from '../../src/index.js';
import { pynnMissing, runPyNN, writeChunks, type PyNNRun } from '../../sims/lib/pynn.js';

const missing = pynnMissing(2);
if (missing) console.warn(`PyNN round-trip tests skipped: ${missing}`);

const T = 0.3, DT = 1e-5;
const TAU_M = 0.02;
/** The probes: one spike at 20 ms, delay 1.5 ms, onto single neurons that stay below threshold. */
const PROBE = { spike: 0.02, delay: 0.0015, tauS: 0.005, w: 0.002, gain: 1 / (0.05 * 15) };

function relay(): Network {
  const rnd = mulberry32(7);
  const trains = Array.from({ length: 50 }, () => {
    const out: number[] = [];
    for (let t = 0.002 + 0.05 * rnd(); t < T; t += 0.06 + 0.08 * rnd()) out.push(t);
    return out;
  });
  const net = new Network();
  const src = net.add(Population.spikeTrains('sources', trains));
  const hidden = net.add(Population.lif('hidden', 100, { tauM: TAU_M, tauRef: 0.002 }, {
    bias: Array.from({ length: 100 }, () => 0.3 * rnd()), init: { v: Array.from({ length: 100 }, () => 0.5 * rnd()) },
  }));
  const out = net.add(Population.lif('out', 20, { tauM: TAU_M, tauRef: 0.002 }, { bias: 0.2 }));
  const strong = () => 0.05 * (0.8 + 0.4 * rnd());
  const W1 = Array.from({ length: 100 }, (_, j) => Array.from({ length: 50 }, (_, i) => (i === j % 50 ? strong() : rnd() < 0.1 ? 0.003 * rnd() : 0)));
  const W2 = Array.from({ length: 20 }, (_, k) => Array.from({ length: 100 }, (_, j) =>
    j === 5 * k || j === 5 * k + 1 ? strong() : j >= 5 * k + 2 && j <= 5 * k + 4 ? -0.004 * rnd() : 0));
  net.connect(src, hidden, { weights: W1, tauS: 0.002, delay: 0.001 });
  net.connect(hidden, out, { weights: W2, tauS: 0.002, delay: 0.002 });
  // Probes of the weight conversion: exponential and alpha PSCs, and a physical-units LIF (gain 1/(g_L ΔV)).
  const probe = net.add(Population.spikeTrains('probe_source', [[PROBE.spike]]));
  const pExp = net.add(Population.lif('probe_exp', 1, { tauM: TAU_M }));
  const pAlpha = net.add(Population.lif('probe_alpha', 1, { tauM: TAU_M }));
  const pPhys = net.add(Population.physicalLif('probe_physical', 1, { C: 1, gL: 0.05, VL: -65, Vth: -50 }));
  for (const [post, n] of [[pExp, 0], [pAlpha, 1], [pPhys, 0]] as const) net.connect(probe, post, { weights: [[PROBE.w]], tauS: PROBE.tauS, n, delay: PROBE.delay });
  return net;
}

/** Normalized v of a LIF at rest hit by one PSC of weight w at t = 0 (closed forms of τ_m v' = −v + w h(t)). */
function psp(t: number, n: 0 | 1, w: number): number {
  if (t <= 0) return 0;
  const ts = PROBE.tauS, tm = TAU_M;
  if (n === 0) return (w / (ts - tm)) * (Math.exp(-t / ts) - Math.exp(-t / tm));
  const a = 1 / ts - 1 / tm; // h = t e^{−t/τ}/τ²: v = w/(τ² τ_m a²) (e^{−t/τ_m} − e^{−t/τ}(1 + a t))
  return (w / (ts * ts * tm * a * a)) * (Math.exp(-t / tm) - Math.exp(-t / ts) * (1 + a * t));
}

describe.skipIf(missing !== null)('PyNN on NEURON round trip', () => {
  const dirs = [mkdtempSync(join(tmpdir(), 'sb-pynn1-')), mkdtempSync(join(tmpdir(), 'sb-pynn2-'))];
  const groups = ['sources', 'hidden', 'out'];
  let ours: Record<string, SpikeRecord>;
  let theirs: Record<string, SpikeRecord>[];
  let csv: string[];
  let volts: VoltageTraces;
  let runs: PyNNRun[];
  let sources: SpikeSourceDescription;
  let cmp: SpikeComparison;

  beforeAll(async () => {
    const net = relay();
    const d = describeNetwork(net, { duration: T, dt: DT, record: { v: { probe_exp: [0], probe_alpha: [0], probe_physical: [0], hidden: [0] } } });
    sources = d.populations.find((p) => p.name === 'sources') as SpikeSourceDescription;
    for (const dir of dirs) writeChunks(dir, pyNNChunks(d, { data: 'files' }));
    const pending = Promise.all([runPyNN(dirs[0], 1), runPyNN(dirs[1], 2)]); // NEURON runs while spikebridge does
    const recs = net.populations.map((p) => new SpikeRecorder(p));
    net.run(T, DT, { recorders: recs });
    ours = Object.fromEntries(recs.map((r) => [r.pop.name, r.spikes]));
    runs = await pending;
    csv = dirs.map((dir) => readFileSync(join(dir, 'spikes.csv'), 'utf8'));
    theirs = csv.map(parsePyNNSpikes);
    volts = parsePyNNVoltages(readFileSync(join(dirs[0], 'v.csv'), 'utf8'));
    cmp = compareSpikes(ours, theirs[0], { populations: groups.map((name) => ({ name, size: net.population(name).size })), duration: T });
  }, 300_000);

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('runs serially and under mpirun -np 2 with bit-identical spikes.csv', () => {
    expect(runs.map((r) => r.np)).toEqual([1, 2]);
    expect(csv[0].split('\n')[0]).toBe('population,index,time_s');
    expect(csv[0].length).toBeGreaterThan(10_000);
    expect(csv[1]).toBe(csv[0]);
  });

  it('replays the exact source spikes (SpikeSourceArray) and parses them back in seconds', () => {
    const r = theirs[0].sources;
    const want = sources.spikeTimes.flatMap((tr, i) => tr.map((t) => [t / 1e3, i] as const)).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(r.index.length).toBe(want.length);
    for (let k = 0; k < want.length; k++) {
      expect(r.index[k]).toBe(want[k][1]);
      expect(Math.abs(r.time[k] - want[k][0])).toBeLessThan(1e-12);
    }
  });

  it('matches spikebridge spike by spike: ≥ 98 % equal counts, totals within 1 %, matched spike times within 0.2 ms', () => {
    const t = cmp.total;
    const report = JSON.stringify({ total: t, hidden: cmp.populations.hidden.spikeTimeDiff, out: cmp.populations.out.spikeTimeDiff });
    expect(cmp.populations.hidden.spikes[0], report).toBeGreaterThan(250); // about 10 Hz × 100 neurons × 0.3 s
    expect(cmp.populations.out.spikes[0], report).toBeGreaterThan(90); // about 20 Hz × 20 × 0.3 s
    expect(t.equalCountFraction, report).toBeGreaterThanOrEqual(0.98);
    expect(Math.abs(t.spikes[1] / t.spikes[0] - 1), report).toBeLessThanOrEqual(0.01);
    expect(t.unmatchedSpikes[0] + t.unmatchedSpikes[1], report).toBeLessThanOrEqual(0.01 * t.spikes[0]);
    expect(t.maxSpikeTimeDiff, report).toBeLessThan(2e-4);
  });

  it('starts from the exported initial v (V = −70 mV + 20 mV·v₀)', () => {
    const rnd = mulberry32(7);
    // relay() draws 50 trains, then 100 biases, then v₀: replay the draws up to neuron 0's v₀.
    for (let i = 0; i < 50; i++) for (let t = 0.002 + 0.05 * rnd(); t < T; t += 0.06 + 0.08 * rnd());
    for (let i = 0; i < 100; i++) rnd();
    const v0 = 0.5 * rnd();
    expect(volts.hidden[0].t[0]).toBe(0);
    expect(Math.abs(volts.hidden[0].v[0] - (-70 + 20 * v0))).toBeLessThan(1e-9);
  });

  it('gives single PSPs that match the closed forms (exponential, alpha, physical units with gain): the weight conversion', () => {
    const t0 = PROBE.spike + PROBE.delay;
    // The normalized LIF is written as V = −70 mV + 20 mV·v; the physical one in its own mV (V_L −65, V_th −50).
    for (const [name, n, w, VL, dV] of [['probe_exp', 0, PROBE.w, -70, 20], ['probe_alpha', 1, PROBE.w, -70, 20], ['probe_physical', 0, PROBE.w * PROBE.gain, -65, 15]] as const) {
      const tr = volts[name][0];
      let peak = 0, peakExact = 0, worst = 0;
      for (let k = 0; k < tr.t.length; k++) {
        const v = (tr.v[k] - VL) / dV; // back to normalized v
        const exact = psp(tr.t[k] - t0, n, w);
        peak = Math.max(peak, v);
        peakExact = Math.max(peakExact, exact);
        worst = Math.max(worst, Math.abs(v - exact));
      }
      const msg = `${name}: NEURON peak ${peak}, closed form ${peakExact}, worst difference ${worst}`;
      expect(peakExact, msg).toBeGreaterThan(0.03);
      expect(Math.abs(peak / peakExact - 1), msg).toBeLessThan(0.005);
      expect(worst / peakExact, msg).toBeLessThan(0.01);
    }
  });
});
