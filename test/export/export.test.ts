/**
 * The PyNN export without PyNN: the description's numbers against the mapping's closed forms, source spikes against
 * the network's own run, the streamed files, the parsers, the comparison's hand-checkable numbers and every
 * rejected input. The round trip through NEURON is in roundTrip.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildExportScenario, compareScenario, runScenario } from '../../src/experiments/pynnRoundTrip.js';
import {
  compareSpikes, CurrentSource, describeNetwork, Network, parsePyNNSpikes, parsePyNNVoltages, Population, pyNNChunks, pyNNFiles,
  SpikeRecorder, toPyNN, ValidationError, type NeuronPopulationDescription, type SpikeSourceDescription,
} from '../../src/index.js';
import { buildCoba } from '../../src/experiments/coba.js';

function small(): Network {
  const net = new Network();
  const src = net.add(Population.poisson('src', 30, { rate: 40, seed: 3 }));
  const a = net.add(Population.lif('a', 10, { tauM: 0.01, tauRef: 0.003, vReset: 0.2 }, { bias: 0.5, init: { v: Array.from({ length: 10 }, (_, i) => i / 20) } }));
  const b = net.add(Population.physicalLif('b', 4, { C: 1, gL: 0.05, VL: -65, Vth: -50 }, { bias: 0.3 }));
  net.connect(src, a, { p: 0.5, seed: 1, weight: 0.02, tauS: 0.004, delay: 0.001 });
  net.connect(a, b, { weights: Array.from({ length: 4 }, (_, j) => Array.from({ length: 10 }, (_, i) => (i === j ? 0.03 : i === j + 5 ? -0.01 : 0))), tauS: 0.002, n: 1 });
  return net;
}

const expectThrows = (f: () => unknown, re: RegExp) => {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, String(re)).toBeInstanceOf(ValidationError);
  expect((err as Error).message).toMatch(re);
};

describe('describeNetwork', () => {
  it('maps the normalized LIF onto IF_curr_* in PyNN units: V = −70 mV + 20 mV·v, c_m = 0.05 µS·τ_m, 1 nA per unit of v_in', () => {
    const d = describeNetwork(small(), { duration: 0.1, dt: 1e-4 });
    expect(d.duration).toBeCloseTo(100, 12);
    expect(d.dt).toBeCloseTo(0.1, 12);
    const a = d.populations.find((p) => p.name === 'a') as NeuronPopulationDescription;
    expect(a.cellType).toBe('IF_curr_exp');
    expect(a.parameters).toMatchObject({ tau_m: 10, tau_refrac: 3, v_rest: -70, v_thresh: -50, v_reset: -66, i_offset: 0.5, tau_syn_E: 4 });
    expect(a.parameters.cm).toBeCloseTo(0.5, 12); // 0.05 µS × 10 ms
    expect(a.initial.v).toEqual(Array.from({ length: 10 }, (_, i) => -70 + 20 * (i / 20)));
    // physicalLif: in its own mV on a 20,000 µm² membrane: 1 µF/cm² is 0.2 nF, 0.3 µA/cm² is 0.06 nA.
    const b = d.populations.find((p) => p.name === 'b') as NeuronPopulationDescription;
    expect(b.cellType).toBe('IF_curr_alpha');
    expect(b.parameters).toMatchObject({ tau_m: 20, v_rest: -65, v_thresh: -50 });
    expect(b.parameters.cm as number).toBeCloseTo(0.2, 12);
    expect(b.parameters.i_offset).toBeCloseTo(0.06, 12);
    expect(b.parameters.tau_syn_E).toBe(2);
    expect(b.parameters.tau_syn_I).toBe(2);
  });

  it('converts weights by the PSC convention (∫h = 1): w/τ_s nA for n = 0, w/(e·τ_s) nA for n = 1, signs split onto the receptors', () => {
    const d = describeNetwork(small(), { duration: 0.1, dt: 1e-4 });
    const toA = d.projections.filter((q) => q.post === 'a');
    expect(toA.map((q) => q.receptor)).toEqual(['excitatory']);
    const c = toA[0].connections;
    expect(c.weight.every((w) => Math.abs(w - 0.02 / 0.004) < 1e-12)).toBe(true); // 5 nA
    expect(c.delay.every((x) => Math.abs(x - 1) < 1e-12)).toBe(true);
    const exc = d.projections.find((q) => q.post === 'b' && q.receptor === 'excitatory')!.connections;
    const inh = d.projections.find((q) => q.post === 'b' && q.receptor === 'inhibitory')!.connections;
    expect(exc.pre).toEqual([0, 1, 2, 3]);
    expect(exc.post).toEqual([0, 1, 2, 3]);
    // Onto the physical LIF: w (µA/cm²·s) peaks at w/(e·τ_s) µA/cm², × 2·10⁻⁴ cm² → nA.
    for (const w of exc.weight) expect(w).toBeCloseTo((0.03 / (Math.E * 0.002)) * 2e-4 * 1e3, 10);
    expect(inh.pre).toEqual([5, 6, 7, 8]);
    for (const w of inh.weight) expect(w).toBeCloseTo((-0.01 / (Math.E * 0.002)) * 2e-4 * 1e3, 10);
    expect(inh.delay).toEqual([0, 0, 0, 0]);
  });

  it('samples the spike sources exactly as the network emits them, and leaves them re-seeded for its own run', () => {
    const net = small();
    const d = describeNetwork(net, { duration: 0.2, dt: 1e-4 });
    const src = d.populations.find((p) => p.name === 'src') as SpikeSourceDescription;
    const rec = new SpikeRecorder(net.population('src'));
    net.run(0.2, 1e-4, { recorders: [rec] });
    const { index, time } = rec.spikes;
    const fromRun: number[][] = Array.from({ length: 30 }, () => []);
    for (let k = 0; k < index.length; k++) fromRun[index[k]].push(time[k] * 1e3);
    expect(index.length).toBeGreaterThan(150); // 30 × 40 Hz × 0.2 s = 240 expected
    expect(src.spikeTimes).toEqual(fromRun);
  });

  it('folds constant external inputs and constant current sources into i_offset', () => {
    const net = new Network();
    const cur = net.add(Population.currents('drive', 2, [0.5, 2]));
    const a = net.add(Population.lif('a', 3, {}, { bias: 0.1, external: 0.2 }));
    net.connect(cur, a, { weights: [[1, 0], [0, 1], [1, 1]] });
    const p = describeNetwork(net, { duration: 0.01, dt: 1e-4 }).populations[0] as NeuronPopulationDescription;
    expect(p.name).toBe('a');
    const i = p.parameters.i_offset as number[];
    [0.8, 2.3, 2.8].forEach((x, k) => expect(i[k]).toBeCloseTo(x, 12));
  });

  it('exports a grid-timing LIF with per-neuron parameters as IF_curr_exp with its τ_s', () => {
    const net = new Network();
    const c = net.add(Population.lif('c', 3, { tauM: [0.01, 0.02, 0.03], timing: 'grid' }, { bias: 1.1 }));
    net.connect(c, c, { p: 1, seed: 1, weight: (i) => (i === 0 ? 0.0005 : -0.0035), tauS: 0.005 });
    const d = describeNetwork(net, { duration: 0.01, dt: 1e-4 });
    const p = d.populations[0] as NeuronPopulationDescription;
    expect(p.cellType).toBe('IF_curr_exp');
    expect(p.parameters.tau_m).toEqual([10, 20, 30]);
    expect(p.parameters.tau_syn_E).toBe(5);
    expect(d.projections.map((q) => [q.receptor, q.connections.weight[0]])).toEqual([['excitatory', 0.1], ['inhibitory', expect.closeTo(-0.7, 12)]]);
  });

  it('exports the COBA benchmark as IF_cond_exp in its own units: 0.2 nF, 4 nS and 51 nS, E_e 0 and E_i −80 mV', () => {
    const { net } = buildCoba({ seed: 1 });
    const d = describeNetwork(net, { duration: 0.1, dt: 1e-4 });
    const exc = d.populations.find((p) => p.name === 'exc') as NeuronPopulationDescription;
    expect(exc.cellType).toBe('IF_cond_exp');
    expect(exc.parameters).toMatchObject({ tau_m: 20, tau_refrac: 5, v_rest: -60, v_thresh: -50, v_reset: -60, tau_syn_E: 5, tau_syn_I: 10, e_rev_E: 0, e_rev_I: -80 });
    expect(exc.parameters.cm as number).toBeCloseTo(0.2, 12);
    const byLabel = (l: string) => d.projections.find((q) => q.label === l)!.connections.weight;
    expect(byLabel('exc->exc:excitatory').every((w) => Math.abs(w - 0.004) < 1e-15)).toBe(true); // µS
    expect(byLabel('inh->exc:inhibitory').every((w) => Math.abs(w - 0.051) < 1e-15)).toBe(true);
    expect(byLabel('kick->inh:excitatory').every((w) => Math.abs(w - 0.1) < 1e-15)).toBe(true);
    const v = exc.initial.v as number[];
    expect(Math.min(...v)).toBeGreaterThanOrEqual(-60);
    expect(Math.max(...v)).toBeLessThan(-50);
  });

  it('rejects what PyNN\'s standard models cannot express, naming the population or connection', () => {
    const one = (f: (net: Network) => void) => {
      const net = new Network();
      f(net);
      return () => describeNetwork(net, { duration: 0.01, dt: 1e-4 });
    };
    expectThrows(one((n) => n.add(Population.hh('squid', 2))), /^squid: a Hodgkin-Huxley population cannot be exported: PyNN's standard HH_cond_exp is not NEURON's squid-axon hh/);
    expectThrows(one((n) => {
      const s = n.add(Population.spikeTrains('s', [[0.001]]));
      n.connect(s, n.add(Population.lif('x', 1)), { weights: [[1]], tauS: 0.005, n: 2 });
    }), /Connection\(s→x\)\.n: PSC order 2 has no PyNN standard synapse/);
    expectThrows(one((n) => {
      const s = n.add(Population.spikeTrains('s', [[0.001]]));
      const x = n.add(Population.lif('x', 1));
      n.connect(s, x, { weights: [[1]], tauS: 0.005 });
      n.connect(s, x, { weights: [[1]], tauS: 0.005, n: 1 });
    }), /^x: receives PSCs of order 0 .* and 1/);
    expectThrows(one((n) => {
      const s = n.add(Population.spikeTrains('s', [[0.001]]));
      const x = n.add(Population.lif('x', 1));
      n.connect(s, x, { weights: [[1]], tauS: 0.005 });
      n.connect(s, x, { weights: [[1]], tauS: 0.01 });
    }), /^x: its excitatory synapses have τ_s = 0.005 s .* and 0.01 s/);
    expectThrows(one((n) => n.add(Population.lif('x', 1, {}, { external: 'sin(t)' }))), /^x\.external: is a time-varying input/);
    expectThrows(one((n) => n.connect(n.add(Population.currents('c', 1, 't')), n.add(Population.lif('x', 1)), { weights: [[1]] })),
      /Connection\(c→x\): current source 'c' varies in time/);
    expectThrows(one((n) => n.add(Population.lif('x', 1, { minV: 0 }))), /^x\.minV: a lower bound on v/);
    const izhikevich = { name: 'izhikevich', stateNames: ['v'], inputUnits: 'pA', rate: () => 0, initialState: (k: number) => ({ v: new Float64Array(k) }), step() {} };
    expectThrows(one((n) => n.add(new Population('x', izhikevich, 1))), /^x: neuron type 'izhikevich' has no PyNN standard model; exportable: normalized or physical LIF/);
    expectThrows(one((n) => n.add(new Population('x', new CurrentSource(1, 1), 1))), /describeNetwork\.network: has no neuron or spike-source populations to export/);
    const ran = new Network();
    ran.add(Population.lif('x', 1, {}, { bias: 2 }));
    ran.run(0.01, 1e-4);
    expectThrows(() => describeNetwork(ran, { duration: 0.01, dt: 1e-4 }), /has already run to t = 0.01.* call network.reset\(\) first/);
    ran.reset();
    expect(describeNetwork(ran, { duration: 0.01, dt: 1e-4 }).populations).toHaveLength(1);
    const net = small();
    expectThrows(() => describeNetwork(net, { duration: 0.01, dt: 0.1 }), /describeNetwork\.dt: must be <= duration/);
    expectThrows(() => describeNetwork(net, { duration: 0.01, dt: 1e-4, record: { v: { src: [0] } } }), /record\.v\.src: must name a population of neurons/);
    expectThrows(() => describeNetwork(net, { duration: 0.01, dt: 1e-4, record: { v: { a: [10] } } }), /record\.v\.a: must be an array of neuron indices in \[0, 9\]/);
    expectThrows(() => describeNetwork({} as Network, { duration: 0.01, dt: 1e-4 }), /describeNetwork\.network: must be a Network/);
    expectThrows(() => toPyNN(net, { duration: 0.01, dt: 1e-4, data: 'zip' as 'inline' }), /toPyNN\.data: must be one of 'inline', 'files', 'auto' \(got "zip"\)/);
  });
});

describe('the PyNN script', () => {
  it('streams in bounded chunks whose concatenation is the collected files; inline and files hold the same data', () => {
    const net = small();
    const d = describeNetwork(net, { duration: 0.2, dt: 1e-4 });
    const chunks = [...pyNNChunks(d, { data: 'files', chunkRows: 7 })];
    const files = pyNNFiles(d, { data: 'files', chunkRows: 7 });
    for (const c of chunks.filter((x) => x.file !== 'run.py')) expect(c.text.split('\n').length - 1).toBeLessThanOrEqual(7);
    const joined: Record<string, string> = {};
    for (const c of chunks) joined[c.file] = (joined[c.file] ?? '') + c.text;
    expect(joined).toEqual(files);
    // Chunks of one file come together, run.py first.
    const order = chunks.map((c) => c.file).filter((f, k, a) => k === 0 || a[k - 1] !== f);
    expect(new Set(order).size).toBe(order.length);
    expect(order[0]).toBe('run.py');
    const inline = toPyNN(small(), { duration: 0.2, dt: 1e-4, data: 'inline' }).files;
    expect(Object.keys(inline)).toEqual(['run.py']);
    for (const [name, text] of Object.entries(files)) {
      if (name === 'run.py') continue;
      expect(inline['run.py']).toContain(`DATA[${JSON.stringify(name)}] = """\n${text}"""`);
    }
    // Every source spike is in the data, in ms.
    const src = d.populations.find((p) => p.name === 'src') as SpikeSourceDescription;
    const rows = files['src.spikes.txt'].trim().split('\n');
    expect(rows.length).toBe(src.spikeTimes.flat().length);
    expect(rows[0]).toBe(`0 ${src.spikeTimes[0][0]}`);
  });

  it('writes zero- and one-step delays as dt + ε (NEURON under MPI needs delays longer than dt) and says so', () => {
    const net = new Network();
    const s = net.add(Population.spikeTrains('s', [[0.001], [0.002]]));
    const x = net.add(Population.lif('x', 2));
    net.connect(s, x, { weights: [[1, 0], [0, 0]], tauS: 0.005 });
    net.connect(s, x, { weights: [[0, 0], [0, 1]], tauS: 0.005, delaySteps: 1 });
    net.connect(s, x, { weights: [[0, 0], [1, 0]], tauS: 0.005, delaySteps: 3 });
    const { files } = toPyNN(net, { duration: 0.01, dt: 1e-4, data: 'files' });
    const rows = files['projection0.s.x.excitatory.txt'].trim().split('\n').map((l) => l.split(' ').map(Number));
    expect(rows.map((r) => [r[0], r[1], r[3]])).toEqual([[0, 0, 0.1001], [1, 1, 0.1001], [0, 1, expect.closeTo(0.3, 12)]]);
    expect(files['run.py']).toMatch(/MIN_DELAY = 0\.1001\b/);
    expect(files['run.py']).toMatch(/delays of zero or one step are written as dt \+ 0\.001 dt = 0\.1001 ms \(2 synapses here\)/);
    expect(files['run.py']).toMatch(/sim\.setup\(timestep=DT, min_delay=MIN_DELAY, max_delay=MAX_DELAY\)/);
    expect(files['run.py']).toMatch(/receptor_type=receptor/);
  });

  it('src/export uses no Node-only API and no DOM (the web app offers the script as a download)', () => {
    const dir = join(import.meta.dirname, '..', '..', 'src', 'export');
    for (const f of readdirSync(dir)) {
      const text = readFileSync(join(dir, f), 'utf8');
      expect(text, f).not.toMatch(/from 'node:|require\(|\bprocess\.|\bBuffer\b|\bdocument\.|\bwindow\./);
    }
  });
});

describe('parsePyNNSpikes', () => {
  it('reads population,index,time_s lines into Int32Array/Float64Array per population', () => {
    const r = parsePyNNSpikes('population,index,time_s\nexc,3,0.0125\ninh,0,0.5\nexc,10,1e-3\n\n');
    expect(Object.keys(r)).toEqual(['exc', 'inh']);
    expect(r.exc.index).toEqual(Int32Array.of(3, 10));
    expect(r.exc.time).toEqual(Float64Array.of(0.0125, 0.001));
    expect(r.inh.time).toEqual(Float64Array.of(0.5));
    expect(parsePyNNSpikes('population,index,time_s\r\n')).toEqual({});
  });

  it('rejects a wrong header or a bad line, naming the line', () => {
    expectThrows(() => parsePyNNSpikes('pop,index,time\nexc,1,0.1\n'), /parsePyNNSpikes: the first line must be the header 'population,index,time_s'/);
    expectThrows(() => parsePyNNSpikes('population,index,time_s\nexc,1\n'), /line 2 must have 3 fields/);
    expectThrows(() => parsePyNNSpikes('population,index,time_s\nexc,-1,0.1\n'), /line 2: the index must be a whole number >= 0 \(got "-1"\)/);
    expectThrows(() => parsePyNNSpikes('population,index,time_s\nexc,1,0.1\nexc,2,nan\n'), /line 3: the time must be a finite number \(got "nan"\)/);
    expectThrows(() => parsePyNNSpikes(',1,0.1' as string), /the first line must be the header/);
    expectThrows(() => parsePyNNSpikes(42 as unknown as string), /must be given the CSV text/);
  });

  it('parsePyNNVoltages groups samples by population and neuron', () => {
    const v = parsePyNNVoltages('population,index,time_s,v_mV\na,0,0,-70\na,0,1e-5,-69.5\na,2,0,-60\n');
    expect(v.a[0].v).toEqual(Float64Array.of(-70, -69.5));
    expect(v.a[2].t).toEqual(Float64Array.of(0));
  });
});

describe('compareSpikes', () => {
  it('gives rates, CVs, count correlation and matched spike-time differences that can be checked by hand', () => {
    // Neuron 0: regular (ISIs 0.1, 0.1 → CV 0); neuron 1: ISIs 0.1, 0.3 (mean 0.2, std 0.1 → CV 0.5).
    const a = { p: { index: Int32Array.of(0, 1, 0, 1, 0, 1), time: Float64Array.of(0.1, 0.1, 0.2, 0.2, 0.3, 0.5) } };
    // b: neuron 0 shifted by 0.2 ms; neuron 1 lost its last spike and has one 5 ms away from a's (unmatched).
    const b = { p: { index: Int32Array.of(0, 1, 0, 1, 0, 1), time: Float64Array.of(0.1002, 0.1, 0.2002, 0.205, 0.3002, 0.9) } };
    const c = compareSpikes(a, b, { populations: [{ name: 'p', size: 3 }], duration: 1 });
    const p = c.populations.p;
    expect(p.spikes).toEqual([6, 6]);
    expect(p.meanRate).toEqual([2, 2]);
    expect(p.meanCv[0]).toBeCloseTo(0.25, 12); // (0 + 0.5)/2
    expect(p.countCorrelation).toBeCloseTo(1, 12); // counts (3, 3, 0) on both sides
    expect(p.equalCounts).toBe(3);
    expect(p.spikeTimeDiff.matched).toBe(4);
    expect(p.spikeTimeDiff.unmatched).toEqual([2, 2]);
    expect(p.spikeTimeDiff.max).toBeCloseTo(2e-4, 12);
    expect(c.total.perNeuronCountsEqual).toBe(true);
    const wide = compareSpikes(a, b, { populations: [{ name: 'p', size: 3 }], duration: 1, window: 0.01 });
    expect(wide.total.matchedSpikes).toBe(5);
    expect(wide.total.maxSpikeTimeDiff).toBeCloseTo(0.005, 12);
    expectThrows(() => compareSpikes(a, b, { populations: [{ name: 'p', size: 1 }], duration: 1 }), /compareSpikes\.a\.p: neuron index 1 is outside \[0, 0\]/);
  });
});

describe('the round-trip scenarios', () => {
  it('report CUBA whole and as excitatory/inhibitory parts, with totals counting each neuron once', () => {
    const s = buildExportScenario({ network: 'cuba', size: 200, p: 0.1, duration: 0.05 });
    expect(s.deterministic).toBe(false);
    const r = runScenario(s);
    const c = compareScenario(s, r.spikes, r.spikes);
    expect(Object.keys(c.populations)).toEqual(['cuba', 'cuba:exc', 'cuba:inh']);
    expect(c.populations['cuba:exc'].size).toBe(160);
    expect(c.total.spikes[0]).toBe(c.populations.cuba.spikes[0]);
    expect(c.populations['cuba:exc'].spikes[0] + c.populations['cuba:inh'].spikes[0]).toBe(c.total.spikes[0]);
    expect(c.total.spikes[0]).toBeGreaterThan(0);
    expect(c.total.perNeuronCountsEqual).toBe(true);
    expect(c.total.maxSpikeTimeDiff).toBe(0);
    expect(buildExportScenario({ network: 'feedforward', duration: 0.1 }).dt).toBe(1e-5);
  });
});
