import { describe, expect, it } from 'vitest';
import { SimulationDiverged, ValidationError } from '../../src/core/errors.js';
import { mulberry32 } from '../../src/core/rng.js';
import { Network } from '../../src/network/network.js';
import { Population } from '../../src/network/population.js';
import { ActivityRecorder, RateRecorder, SpikeRecorder, StateRecorder, StreamRecorder } from '../../src/network/recorders.js';
import { filterSpikeTrain } from '../../src/synapses/psc.js';

/** A random E/I LIF network driven by Poisson inputs; every random choice comes from `seed`. */
function eiNetwork(seed: number) {
  const net = new Network();
  const inp = net.add(Population.poisson('in', 40, { rate: 30, seed }));
  const exc = net.add(Population.lif('exc', 80, {}, { bias: 0.6 }));
  const inh = net.add(Population.lif('inh', 20, {}, { bias: 0.6 }));
  net.connect(inp, exc, { p: 0.3, seed: seed + 1, weight: 0.02, sign: 'excitatory', tauS: 0.005 });
  net.connect(inp, inh, { p: 0.3, seed: seed + 2, weight: 0.02, tauS: 0.005 });
  net.connect(exc, exc, { p: 0.1, seed: seed + 3, weight: 0.01, sign: 'excitatory', tauS: 0.005, n: 1 });
  net.connect(exc, inh, { inDegree: 8, seed: seed + 4, weight: 0.02, tauS: 0.005 });
  net.connect(inh, exc, { p: 0.3, seed: seed + 5, weight: 0.04, sign: 'inhibitory', tauS: 0.01, delaySteps: 3 });
  return { net, exc, inh };
}

function runSpikes(net: Network, pop: Population, duration = 0.5, dt = 1e-4) {
  const rec = new SpikeRecorder(pop);
  net.run(duration, dt, { recorders: [rec] });
  return rec.spikes;
}

describe('Network: reproducibility', () => {
  it('the same network and seed give bit-identical spikes; another seed does not', () => {
    const a = eiNetwork(7), b = eiNetwork(7), c = eiNetwork(8);
    const sa = runSpikes(a.net, a.exc), sb = runSpikes(b.net, b.exc), sc = runSpikes(c.net, c.exc);
    expect(sa.index.length).toBeGreaterThan(50);
    expect(Array.from(sb.index)).toEqual(Array.from(sa.index));
    expect(Array.from(sb.time)).toEqual(Array.from(sa.time)); // toEqual on numbers is exact (Object.is)
    expect(Array.from(sc.time)).not.toEqual(Array.from(sa.time));
  });

  it('reset() and a re-run reproduce the run; two half runs equal one whole run', () => {
    const a = eiNetwork(3);
    const first = runSpikes(a.net, a.exc);
    a.net.reset();
    const again = runSpikes(a.net, a.exc);
    expect(Array.from(again.time)).toEqual(Array.from(first.time));
    const b = eiNetwork(3);
    const rec = new SpikeRecorder(b.exc);
    const halves: number[] = [];
    for (let k = 0; k < 2; k++) {
      b.net.run(0.25, 1e-4, { recorders: [rec] });
      halves.push(...rec.spikes.time);
    }
    expect(halves).toEqual(Array.from(first.time));
  });
});

describe('Network: dense and sparse weights', () => {
  it('give identical spikes and states on the same weights (n = 0 and n = 2)', () => {
    const rng = mulberry32(99);
    const M = 30, N = 50;
    const W: number[][] = Array.from({ length: M }, () => Array.from({ length: N }, () => (rng() < 0.3 ? 0.05 * rng() - 0.01 : 0)));
    for (const n of [0, 2]) {
      const runs = [false, true].map((sparse) => {
        const net = new Network();
        const inp = net.add(Population.poisson('in', N, { rate: 40, seed: 5 }));
        const out = net.add(Population.lif('out', M, {}, { bias: 0.8 }));
        const c = net.connect('in', 'out', { weights: W, sparse, tauS: 0.004, n });
        expect(c.matrix.kind).toBe(sparse ? 'sparse' : 'dense');
        const rec = new SpikeRecorder(out);
        const v = new StateRecorder(out, 'v', { every: 7 });
        net.run(0.4, 1e-4, { recorders: [rec, v] });
        void inp;
        return { s: rec.spikes, v: v.values.map((x) => Array.from(x)) };
      });
      expect(runs[0].s.index.length).toBeGreaterThan(20);
      expect(Array.from(runs[1].s.time)).toEqual(Array.from(runs[0].s.time));
      expect(Array.from(runs[1].s.index)).toEqual(Array.from(runs[0].s.index));
      expect(runs[1].v).toEqual(runs[0].v);
    }
  });

  it('toDense() returns W as given ([post][pre]) for both storages', () => {
    const W = [[1, 0, 2], [0, -3, 0]];
    for (const sparse of [false, true]) {
      const net = new Network();
      net.add(Population.spikeTrains('a', [[0.01], [], [0.02]]));
      net.add(Population.lif('b', 2));
      const c = net.connect('a', 'b', { weights: W, sparse, tauS: 0.005 });
      expect(Array.from(c.toDense())).toEqual([1, 0, 2, 0, -3, 0]);
      expect(c.synapses).toBe(3);
    }
  });
});

describe('Network: delivery', () => {
  it('a spike-train input through W reproduces w · filterSpikeTrain (n = 2, spikes off the grid)', () => {
    const times = [0.00123, 0.0101, 0.01047, 0.0333];
    const net = new Network();
    net.add(Population.spikeTrains('src', [times]));
    const post = net.add(Population.lif('post', 1, {}, { bias: 0 }));
    const c = net.connect('src', 'post', { weights: [[0.7]], tauS: 0.004, n: 2 });
    const out = net.groupFor(c)!.output;
    const got: number[] = [];
    net.run(0.05, 1e-4, { recorders: [new StreamRecorder(() => got.push(out[0]))] });
    const ref = filterSpikeTrain(times, { n: 2, tauS: 0.004, dt: 1e-4, duration: 0.05, weight: 0.7 });
    for (let i = 0; i < got.length; i++) expect(Math.abs(got[i] - ref.s[i + 1])).toBeLessThan(1e-10);
    expect(Math.max(...got)).toBeGreaterThan(30);
    void post;
  });

  it('a delay of k steps shifts the post-synaptic response by exactly k steps', () => {
    const trace = (delaySteps: number) => {
      const net = new Network();
      net.add(Population.spikeTrains('src', [[0.00205, 0.0071], [0.0043]]));
      const post = net.add(Population.lif('post', 2, {}, { bias: 0.1 }));
      net.connect('src', 'post', { weights: [[0.3, 0.1], [0, 0.5]], tauS: 0.003, n: 1, delaySteps });
      const rec = new StateRecorder(post, 'input');
      net.run(0.03, 1e-4, { recorders: [rec] });
      return rec.values.map((x) => Array.from(x));
    };
    const base = trace(0);
    for (const k of [1, 4, 17]) {
      const d = trace(k);
      for (let j = 0; j < 2; j++) {
        // The same current, shifted (to rounding: the post neuron's own spikes split the exact update differently).
        for (let s = 0; s < base[j].length; s++) {
          const want = s === 0 ? base[j][0] : s - k >= 1 ? base[j][s - k] : base[j][1];
          expect(Math.abs(d[j][s] - want)).toBeLessThan(1e-12 * (1 + Math.abs(want)));
        }
      }
    }
    // A delay in seconds that is a whole number of steps: each PSC starts exactly `delay` after its spike. With n = 0
    // the filtered train is w Σ_p e^(−(t − t_p − d)/τ_s)/τ_s for t ≥ t_p + d (notes §4.1), and the filter's output
    // after step i is that at t = (i + 1)·dt (as in the test above).
    for (const [delay, dt] of [[0.0015, 1e-4], [0.0007, 1e-4], [0.0015, 5e-5]]) {
      const times = [0.00213, 0.00477], w = 0.8, tauS = 0.003; // off both grids
      const net = new Network();
      net.add(Population.spikeTrains('src', [times]));
      net.add(Population.lif('post', 1));
      const c = net.connect('src', 'post', { weights: [[w]], tauS, delay });
      const out = net.groupFor(c)!.output;
      const got: number[] = [];
      net.run(0.01, dt, { recorders: [new StreamRecorder(() => got.push(out[0]))] });
      const closedForm = (t: number) => times.reduce((sum, tp) => sum + (t >= tp + delay ? (w / tauS) * Math.exp(-(t - tp - delay) / tauS) : 0), 0);
      expect(got.length).toBe(Math.round(0.01 / dt));
      got.forEach((g, i) => expect(Math.abs(g - closedForm((i + 1) * dt)), `delay ${delay} s, dt ${dt} s, step ${i}: ${g}`).toBeLessThan(1e-9));
      expect(got.findIndex((g) => g > 0)).toBe(Math.ceil((times[0] + delay) / dt) - 1);
    }
    const bad = new Network();
    bad.add(Population.spikeTrains('src', [[0.00205]]));
    bad.add(Population.lif('post', 1));
    bad.connect('src', 'post', { weights: [[1]], tauS: 0.003, delay: 0.00015 });
    expect(() => bad.run(0.01, 1e-4)).toThrow(/delay: must be a whole number of steps of dt = 0.0001 s/);
  });

  it('connections with the same PSC onto one population share one filter; a current source adds W x(t) directly', () => {
    const net = new Network();
    net.add(Population.spikeTrains('a', [[0.001]]));
    net.add(Population.spikeTrains('b', [[0.002]]));
    net.add(Population.currents('c', 2, ['2', 't*100']));
    const post = net.add(Population.lif('post', 1, {}, { bias: 0.05, gain: 2 }));
    const c1 = net.connect('a', 'post', { weights: [[1]], tauS: 0.005 });
    const c2 = net.connect('b', 'post', { weights: [[1]], tauS: 0.005 });
    const c3 = net.connect('b', 'post', { weights: [[1]], tauS: 0.005, n: 1 });
    net.connect('c', 'post', { weights: [[0.1, 0.2]] });
    expect(net.groupFor(c1)).toBe(net.groupFor(c2));
    expect(net.groupFor(c3)).not.toBe(net.groupFor(c1));
    const rec = new StateRecorder(post, 'input', { every: 10 });
    net.run(0.01, 1e-4, { recorders: [rec] });
    // Sample 1 (t = 1 ms) shows the input of the step [0.9, 1.0) ms: no spike yet, t_mid = 0.95 ms.
    const tm = 0.95e-3;
    expect(rec.values[0][1]).toBeCloseTo(2 * (0.05 + 0.1 * 2 + 0.2 * 100 * tm), 12);
  });
});

describe('Network: recorders and statistics', () => {
  it('Poisson inputs at rate r: mean filtered activity and population rate converge to r', () => {
    const r = 25, T = 4, N = 200;
    const net = new Network();
    const inp = net.add(Population.poisson('in', N, { rate: r, seed: 21 }));
    const act = new ActivityRecorder(inp, { n: 1, tauS: 0.02, every: 10 });
    const rate = new RateRecorder(inp, { bin: 0.01 });
    const spikes = new SpikeRecorder(inp, { neurons: [0, 1, 2] });
    const info = net.run(T, 5e-4, { recorders: [act, rate, spikes] });
    const total = info.spikes.in;
    const sd = Math.sqrt(r * N * T) / (N * T); // Poisson: sd of the population rate estimate
    expect(Math.abs(total / (N * T) - r)).toBeLessThan(4 * sd);
    const means = act.mean();
    const mean = means.reduce((a, b) => a + b, 0) / N;
    expect(Math.abs(mean - r), `mean activity ${mean}`).toBeLessThan(4 * sd + (r * 2 * 0.02 * 3) / T);
    const popRate = rate.rate.reduce((a, b) => a + b, 0) / rate.rate.length;
    expect(popRate).toBeCloseTo(total / (N * T), 9);
    expect(spikes.total).toBe(total);
    expect(spikes.spikes.index.every((i) => i <= 2)).toBe(true);
    expect(spikes.spikes.index.length).toBe(spikes.counts[0] + spikes.counts[1] + spikes.counts[2]);
  });

  it('Poisson trains do not depend on dt, the population size, or whether few or many neurons fire per step', () => {
    // Each neuron draws from its own stream, so neuron i's train is the same in a population of 300 at dt 0.1 ms (few
    // spikes per step: found through a heap of next spike times) and in a population of 20 at dt 10 ms (λ·dt = 0.2: a
    // scan of every neuron), and so is the order in which a step lists them (by neuron).
    const trains = (N: number, dt: number) => {
      const net = new Network();
      const inp = net.add(Population.poisson('in', N, { rate: 20, seed: 8 }));
      const rec = new SpikeRecorder(inp, { neurons: Array.from({ length: 20 }, (_, i) => i) });
      net.run(3, dt, { recorders: [rec] });
      net.reset();
      const again = new SpikeRecorder(inp, { neurons: Array.from({ length: 20 }, (_, i) => i) });
      net.run(3, dt, { recorders: [again] });
      expect(Array.from(again.spikes.time)).toEqual(Array.from(rec.spikes.time));
      return Array.from({ length: 20 }, (_, i) => Array.from(rec.timesOf(i)));
    };
    const few = trains(300, 1e-4), many = trains(20, 0.01);
    expect(few.flat().length).toBeGreaterThan(1000);
    for (let i = 0; i < 20; i++) {
      expect(few[i].length, `neuron ${i}`).toBe(many[i].length);
      for (let k = 0; k < few[i].length; k++) expect(Math.abs(few[i][k] - many[i][k])).toBeLessThan(1e-12);
    }
  });

  it('a time-varying Poisson population follows its rate formula', () => {
    const net = new Network();
    const inp = net.add(Population.poisson('in', 500, { rate: '40*(t < 0.5)', seed: 4, rateMax: 40 }));
    const rate = new RateRecorder(inp, { bin: 0.5 });
    net.run(1, 1e-3, { recorders: [rate] });
    const sd = Math.sqrt(40 * 500 * 0.5) / (500 * 0.5);
    expect(Math.abs(rate.rate[0] - 40)).toBeLessThan(4 * sd);
    expect(rate.rate[1]).toBe(0);
  });

  it('state recorders keep chosen neurons every k-th step (memory independent of what is not kept)', () => {
    const { net, exc } = eiNetwork(7);
    const rec = new StateRecorder(exc, 'v', { neurons: [3, 5], every: 50 });
    net.run(0.1, 1e-4, { recorders: [rec] });
    expect(rec.values.length).toBe(2);
    expect(rec.t.length).toBe(1000 / 50 + 1);
    expect(rec.t[1]).toBeCloseTo(0.005, 12);
    expect(rec.values[0][rec.t.length - 1]).toBe(exc.state.v[3]);
    const lim = new SpikeRecorder(exc, { limit: 5 });
    const info = net.run(0.4, 1e-4, { recorders: [lim] });
    expect(lim.total).toBe(info.spikes.exc);
    expect(lim.spikes.index.length).toBe(5);
    expect(lim.truncated).toBe(true);
    expect(lim.total).toBeGreaterThan(5);
  });

  it("a full spike store with overflow 'thin' keeps the complete trains of every k-th neuron over the whole run", () => {
    const { net, exc } = eiNetwork(7);
    const all = new SpikeRecorder(exc);
    const thin = new SpikeRecorder(exc, { limit: 20, overflow: 'thin' });
    net.run(0.4, 1e-4, { recorders: [all, thin] });
    expect(all.total).toBeGreaterThan(60);
    const k = thin.every;
    expect(k).toBeGreaterThan(1);
    expect(Math.log2(k) % 1).toBe(0);
    // Exactly the full record's spikes of the neurons i with i % k = 0, in order: the store fits and none is cut.
    const keep = Array.from(all.spikes.index.keys()).filter((s) => all.spikes.index[s] % k === 0);
    expect(Array.from(thin.spikes.index)).toEqual(keep.map((s) => all.spikes.index[s]));
    expect(Array.from(thin.spikes.time)).toEqual(keep.map((s) => all.spikes.time[s]));
    expect(thin.spikes.index.length).toBeLessThan(20);
    expect(thin.truncated).toBe(false);
    expect(thin.total).toBe(all.total);
    // Half the stride would not have fitted.
    expect(keep.length + all.spikes.index.filter((i) => i % k === k / 2).length).toBeGreaterThanOrEqual(20);
    // Only neuron 0 left and still too many: the store stops, as with 'stop'.
    const busy = new Network();
    const src = busy.add(Population.poisson('src', 5, { rate: 200, seed: 1 }));
    const tiny = new SpikeRecorder(src, { limit: 3, overflow: 'thin' });
    busy.run(0.2, 1e-4, { recorders: [tiny] });
    expect(tiny.truncated).toBe(true);
    expect(tiny.every).toBeGreaterThanOrEqual(5);
    expect(Array.from(tiny.spikes.index)).toEqual([0, 0, 0]);
    expect(() => new SpikeRecorder(exc, { overflow: 'drop' as 'stop' })).toThrow(/SpikeRecorder\.overflow/);
  });
});

describe('Network: bad input', () => {
  const base = () => {
    const net = new Network();
    net.add(Population.poisson('in', 3, { rate: 10 }));
    net.add(Population.lif('out', 2));
    return net;
  };
  it('rejects a weight matrix of the wrong shape', () => {
    const net = base();
    expect(() => net.connect('in', 'out', { weights: [[1, 2], [3, 4], [5, 6]], tauS: 0.005 })).toThrow(ValidationError);
    expect(() => net.connect('in', 'out', { weights: [[1, 2], [3, 4], [5, 6]], tauS: 0.005 })).toThrow(/weights: must be 2×3 \(post × pre.*\(got 3×2\)/);
    expect(() => net.connect('in', 'out', { weights: [[1, 2, 3], [4, 5]], tauS: 0.005 })).toThrow(/ragged rows/);
    expect(() => net.connect('in', 'out', { weights: [1, 2, 3], tauS: 0.005 })).toThrow(/= 6 entries when flat \(got 3\)/);
    expect(() => net.connect('in', 'out', { weights: [[1, NaN, 3], [4, 5, 6]], tauS: 0.005 })).toThrow(/entry \[0\]\[1\] must be a finite number/);
  });
  it('rejects a negative τ_s, p outside [0, 1], a negative delay, unknown populations', () => {
    const net = base();
    expect(() => net.connect('in', 'out', { p: 0.5, tauS: -0.005 })).toThrow(/Connection\(in→out\)\.tauS: must be > 0 \(got -0\.005\)/);
    expect(() => net.connect('in', 'out', { p: 1.5, tauS: 0.005 })).toThrow(/Connection\(in→out\)\.p: must be in \[0, 1\] \(got 1\.5\)/);
    expect(() => net.connect('in', 'out', { p: -0.1, tauS: 0.005 })).toThrow(/\.p: must be in \[0, 1\]/);
    expect(() => net.connect('in', 'out', { p: 0.5, tauS: 0.005, delay: -0.001 })).toThrow(/\.delay: must be >= 0 \(got -0\.001\)/);
    expect(() => net.connect('in', 'out', { p: 0.5, tauS: 0.005, delaySteps: -2 })).toThrow(/\.delaySteps: must be an integer >= 0/);
    expect(() => net.connect('in', 'nope', { p: 0.5, tauS: 0.005 })).toThrow(/Network\.connect\.post: no population named "nope" in the network \(populations: 'in', 'out'\)/);
    expect(() => net.connect('ghost', 'out', { p: 0.5, tauS: 0.005 })).toThrow(/Network\.connect\.pre: no population named "ghost"/);
    const stray = Population.lif('stray', 2);
    expect(() => net.connect(stray, 'out', { p: 0.5, tauS: 0.005 })).toThrow(/population 'stray' is not in this network/);
    expect(() => net.connect('out', 'in', { p: 0.5, tauS: 0.005 })).toThrow(/must be a population of neurons; 'in' is an input population/);
    expect(() => net.connect('in', 'out', { p: 0.5 })).toThrow(/tauS: is required/);
    expect(() => net.connect('in', 'out', { inDegree: 4, tauS: 0.005 })).toThrow(/inDegree: must be <= 3/);
    expect(() => net.connect('in', 'out', { p: 0.5, tauS: 0.005, weight: 1, sign: [1, 0, 1] })).toThrow(/sign: entry 1 must be 1 or -1/);
    expect(() => net.connect('in', 'out', { weights: [[1, -1, 0], [0, 0, 0]], sign: 'excitatory', tauS: 0.005 })).toThrow(/wrong sign for pre neuron 1/);
    expect(() => net.connect('in', 'out', { p: 0.5, tauS: 0.005, tua: 1 } as never)).toThrow(/tua: unknown option/);
    expect(() => net.add(Population.lif('out', 3))).toThrow(/already in the network/);
  });
  it('a diverging simulation names population.variable, the neuron and the time', () => {
    const net = new Network();
    net.add(Population.spikeTrains('src', [[0.001]]));
    net.add(Population.lif('exc', 3));
    net.connect('src', 'exc', { weights: [[0], [0], [1e308]], tauS: 0.001 });
    let err: unknown;
    try {
      net.run(0.01, 1e-4);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SimulationDiverged);
    const d = err as SimulationDiverged;
    expect(d.variable).toBe('exc.v');
    expect(d.index).toBe(2);
    expect(d.time).toBeGreaterThanOrEqual(0.001); // the spike's arrival
    expect(d.time).toBeLessThan(0.0013);
    expect(d.message).toMatch(/exc\.v\[2\]/);
  });
});

describe('Network: random connectivity', () => {
  it('reports its progress while drawing (pairs for p, post neurons for inDegree), ending at the total, same synapses', () => {
    const net = new Network();
    const a = net.add(Population.poisson('a', 300, { rate: 1 }));
    const b = net.add(Population.lif('b', 200));
    const calls: [number, number][] = [];
    const c = net.connect(a, b, { p: 0.1, seed: 9, tauS: 0.005, onProgress: (d, t) => calls.push([d, t]) });
    expect(calls.length).toBeGreaterThan(50);
    expect(calls.length).toBeLessThanOrEqual(301);
    expect(calls.every(([, t]) => t === 300 * 200)).toBe(true);
    expect(calls.every(([d], k) => k === 0 || d > calls[k - 1][0])).toBe(true);
    expect(calls[calls.length - 1][0]).toBe(300 * 200);
    expect(c.toDense()).toEqual(net.connect(a, b, { p: 0.1, seed: 9, tauS: 0.005 }).toDense());
    const byDegree: number[] = [];
    net.connect(a, b, { inDegree: 5, seed: 1, tauS: 0.005, onProgress: (d, t) => { expect(t).toBe(200); byDegree.push(d); } });
    expect(byDegree[byDegree.length - 1]).toBe(200);
    expect(() => net.connect(a, b, { p: 0.1, tauS: 0.005, onProgress: 'x' as unknown as () => void })).toThrow(/onProgress: must be a function/);
    expect(() => net.connect(a, b, { weights: new Array(600 * 200).fill(0), tauS: 0.005, onProgress: () => {} })).toThrow(/onProgress: only applies to random/);
  });

  it('fixed in-degree: every post neuron gets exactly K distinct pre neurons, never itself', () => {
    const net = new Network();
    const p = net.add(Population.lif('p', 60));
    const c = net.connect(p, p, { inDegree: 7, seed: 3, weight: (i, j) => i * 1000 + j + 1, tauS: 0.005 });
    const W = c.toDense();
    for (let j = 0; j < 60; j++) {
      let k = 0;
      // weight(i, j) = 1000 i + j + 1 is never 0, so the nonzero entries of row j are its synapses
      for (let i = 0; i < 60; i++) if (W[j * 60 + i] !== 0) k++;
      expect(k, `post ${j}`).toBe(7);
      expect(W[j * 60 + j]).toBe(0);
    }
  });

  it('probability p: the synapse count is Binomial(N·M, p) and weights come from the weight function', () => {
    const net = new Network();
    const a = net.add(Population.poisson('a', 300, { rate: 1 }));
    const b = net.add(Population.lif('b', 200));
    const c = net.connect(a, b, { p: 0.1, seed: 9, weight: (i, j) => 0.001 * (i - j), tauS: 0.005 });
    const n = 300 * 200, mean = n * 0.1, sd = Math.sqrt(n * 0.1 * 0.9);
    expect(Math.abs(c.synapses - mean)).toBeLessThan(5 * sd);
    const w = c.matrix;
    if (w.kind !== 'sparse') throw new Error('expected CSR');
    for (let i = 0; i < 300; i++) for (let k = w.rowPtr[i]; k < w.rowPtr[i + 1]; k++) expect(w.weight[k]).toBe(0.001 * (i - w.post[k]));
    void b;
  });

  it('a gain on a population that integrates its current itself scales delivered spikes like the rest of its input', () => {
    const run = (gain: number) => {
      const net = new Network();
      net.add(Population.poisson('in', 20, { rate: 200, seed: 1 }));
      const out = net.add(Population.lif('out', 10, { timing: 'grid' }, { bias: 0.6 / gain, gain }));
      net.connect('in', 'out', { p: 0.5, seed: 2, weight: 0.002 / gain, tauS: 0.005 });
      const rec = new SpikeRecorder(out);
      net.run(0.3, 1e-4, { recorders: [rec] });
      return rec.spikes;
    };
    const a = run(1), b = run(2); // gain 2 on halved bias and weights: the same z (powers of 2 are exact)
    expect(a.index.length).toBeGreaterThan(10);
    expect(Array.from(b.time)).toEqual(Array.from(a.time));
  });
});

describe('Network.run cpuClock', () => {
  it('reports the loop time on the given clock (read once before and once after the loop), null without one', () => {
    const net = new Network();
    net.add(Population.lif('a', 4, {}, { bias: 1.5 }));
    const reads: number[] = [];
    const info = net.run(0.01, 1e-4, { cpuClock: () => { reads.push(reads.length); return reads.length === 1 ? 10 : 12.5; } });
    expect(reads.length).toBe(2);
    expect(info.cpuSeconds).toBe(2.5);
    expect(net.run(0.01, 1e-4).cpuSeconds).toBeNull();
    expect(() => net.run(0.01, 1e-4, { cpuClock: 5 as never })).toThrow(ValidationError);
  });
});
