import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../src/core/rng.js';
import { Network } from '../../src/network/network.js';
import { resolveStdp, stdpWindow, type StdpSpec } from '../../src/network/plasticity.js';
import { Population } from '../../src/network/population.js';
import { SpikeRecorder, WeightRecorder } from '../../src/network/recorders.js';
import { throwsValidation } from '../helpers/expect.js';

// One isolated pair per post neuron: post neuron j fires exactly once, driven by a bias (τ_m 0.1 s, τ_ref 10 s), at
// t* = τ_m ln(J/(J − 1)) = 250.43 ms (off the 0.1 ms grid, so grid-timed post spikes never tie with a pre spike) — inside the step [250, 251) ms at dt = 1 ms; pre neuron j (its only input) fires
// once at t* − Δt_j. Weights are small (w0 = 5e-4: a PSC moves v by < 0.005), so the pair's spikes are what the plan
// says up to the pre spike's own nudge of the post spike, which is why the expected change is computed from the
// recorded post spike time. τ_pre ≠ τ_post, so a swapped time constant is caught.
const TAU_M = 0.1, T_STAR = 0.25043;
const BIAS = 1 / (1 - Math.exp(-T_STAR / TAU_M));
const W0 = 5e-4;
const RULE: StdpSpec = { rule: 'stdp', tauPre: 0.02, tauPost: 0.03, dApre: 2e-4, dApost: -2.1e-4, wMax: 1e-3 };
/** Planned Δt = t_post − t_pre: −100 … 100 ms in 5 ms steps, and pairs inside one step at dt = 1 ms. */
const PAIR_OFFSETS = [...Array.from({ length: 41 }, (_, k) => -0.1 + 0.005 * k), -3e-4, -1e-4, 5e-5, 2e-4, 3e-4];

interface PairRun {
  /** Arrival time of each pair's pre spike and the recorded post spike time, s. */
  tPre: number[];
  tPost: number[];
  dw: number[];
}

function runPairs(o: { dt: number; spec?: Partial<StdpSpec>; timing?: 'precise' | 'grid'; delay?: number; dense?: boolean; offsets?: number[] }): PairRun {
  const offsets = o.offsets ?? PAIR_OFFSETS, P = offsets.length, delay = o.delay ?? 0;
  const emit = offsets.map((d) => T_STAR - d - delay);
  const net = new Network();
  net.add(Population.spikeTrains('pre', emit.map((t) => [t])));
  const post = net.add(Population.lif('post', P, { tauM: TAU_M, tauRef: 10, timing: o.timing ?? 'precise' }, { bias: BIAS }));
  const diag = Array.from({ length: P }, (_, j) => Array.from({ length: P }, (_, i) => (i === j ? W0 : 0)));
  const c = net.connect('pre', 'post', { weights: diag, sparse: !o.dense, tauS: 0.005, delay, plasticity: { ...RULE, ...o.spec } });
  const rec = new SpikeRecorder(post);
  net.run(0.5, o.dt, { recorders: [rec] });
  expect(Array.from(rec.counts), 'one post spike per pair').toEqual(new Array(P).fill(1));
  const tPost = new Array<number>(P);
  const s = rec.spikes;
  for (let k = 0; k < s.index.length; k++) tPost[s.index[k]] = s.time[k];
  const W = c.toDense();
  return { tPre: emit.map((t) => t + delay), tPost, dw: offsets.map((_, j) => W[j * P + j] - W0) };
}

/** ΔA·e^(−|Δt|/τ): potentiation for Δt ≥ 0, depression for Δt < 0. */
function window(dt: number, spec: StdpSpec = RULE): number {
  return dt >= 0 ? spec.dApre * Math.exp(-dt / spec.tauPre!) : spec.dApost * Math.exp(dt / spec.tauPost!);
}

/** Every pair's change equals the window at its recorded Δt, to 1e-9 of ΔA (2e-13 absolute, inside the 1e-12 asked). */
function expectWindow(r: PairRun, what: string, spec: StdpSpec = RULE, scale: (j: number) => number = () => 1): void {
  let worst = 0;
  for (let j = 0; j < r.dw.length; j++) {
    const expected = window(r.tPost[j] - r.tPre[j], spec) * scale(j);
    worst = Math.max(worst, Math.abs(r.dw[j] - expected));
    expect(Math.abs(r.dw[j] - expected), `${what}, pair ${j} at Δt = ${((r.tPost[j] - r.tPre[j]) * 1e3).toFixed(4)} ms: Δw ${r.dw[j]} vs ${expected}`).toBeLessThanOrEqual(2e-13);
  }
  expect(worst).toBeLessThanOrEqual(1e-12);
}

describe('STDP: the window of one pre/post pair', () => {
  for (const pairing of ['all-to-all', 'nearest'] as const) {
    it(`${pairing}: Δw = ΔA·e^(−|Δt|/τ) for Δt from −100 to +100 ms, both signs, pairs inside one step included`, () => {
      for (const dt of [1e-3, 1e-4]) {
        const r = runPairs({ dt, spec: { pairing } });
        expectWindow(r, `dt = ${dt}`);
        const dts = r.tPost.map((t, j) => t - r.tPre[j]);
        expect(Math.min(...dts)).toBeLessThan(-0.099);
        expect(Math.max(...dts)).toBeGreaterThan(0.095); // the earliest pre spike nudges its post spike ahead by ~2 ms
        if (dt === 1e-3) {
          // Pairs whose two spikes fall inside the same 1 ms step, on both sides of Δt = 0.
          const inStep = dts.filter((d, j) => Math.floor(r.tPost[j] / dt) === Math.floor(r.tPre[j] / dt));
          expect(inStep.filter((d) => d > 0).length).toBeGreaterThanOrEqual(3);
          expect(inStep.filter((d) => d < 0).length).toBeGreaterThanOrEqual(2);
        }
      }
    });
  }

  it('precise timing: the changes at dt = 1 ms and 0.1 ms are the same', () => {
    const a = runPairs({ dt: 1e-3 }), b = runPairs({ dt: 1e-4 });
    for (let j = 0; j < a.dw.length; j++) expect(Math.abs(a.dw[j] - b.dw[j]), `pair ${j}`).toBeLessThan(1e-15);
  });

  it('grid timing (post spikes at step ends) and dense weights follow the same window', () => {
    expectWindow(runPairs({ dt: 1e-4, timing: 'grid' }), 'grid timing');
    expectWindow(runPairs({ dt: 1e-3, timing: 'grid' }), 'grid timing, dt 1 ms');
    expectWindow(runPairs({ dt: 1e-4, dense: true }), 'dense weights');
  });

  it('multiplicative (μ = 1 and μ = 0.5): the change is scaled by (1 − w/w_max)^μ or (w/w_max)^μ', () => {
    for (const mu of [1, 0.5]) {
      const spec = { ...RULE, dependence: 'multiplicative' as const, mu };
      const r = runPairs({ dt: 1e-4, spec });
      const x = W0 / RULE.wMax;
      expectWindow(r, `μ = ${mu}`, spec, (j) => (r.tPost[j] >= r.tPre[j] ? (1 - x) ** mu : x ** mu));
    }
  });

  it('with a delay, the pre spike counts at its arrival (emission + delay), not at its emission', () => {
    const delay = 0.005;
    for (const dt of [1e-3, 1e-4]) {
      const r = runPairs({ dt, delay });
      expectWindow(r, `delay 5 ms, dt = ${dt}`);
      // Counted at the emission instead, the changes would be off by far more than the tolerance.
      const atEmission = r.tPost.map((t, j) => window(t - (r.tPre[j] - delay)));
      expect(Math.max(...atEmission.map((e, j) => Math.abs(e - r.dw[j])))).toBeGreaterThan(1e-5);
    }
  });

  it('stdpWindow gives the same curve as the formula', () => {
    const p = resolveStdp(RULE);
    const dts = [-0.1, -0.01, -1e-4, 0, 1e-4, 0.01, 0.1];
    const w = stdpWindow(p, dts, W0);
    dts.forEach((d, k) => expect(Math.abs(w[k] - window(d))).toBeLessThan(1e-18));
  });
});

describe('STDP between two neurons (the pre spike is a neuron\'s, known only after its step)', () => {
  it('without delay (landed after the step) and with a delay of 2 ms: Δw = window(t_post − t_pre − delay)', () => {
    // Each neuron fires once, from its bias (τ_ref 10 s): a at τ_m ln(J_a/(J_a − 1)), b at its own time; a → b is plastic.
    for (const [Ja, Jb] of [[1.2, 1.1], [1.1, 1.2], [1.15, 1.15001]]) {
      for (const delay of [0, 0.002]) {
        const net = new Network();
        const a = net.add(Population.lif('a', 1, { tauM: TAU_M, tauRef: 10 }, { bias: Ja }));
        const b = net.add(Population.lif('b', 1, { tauM: TAU_M, tauRef: 10 }, { bias: Jb }));
        const c = net.connect(a, b, { weights: [[W0]], tauS: 0.005, delay, plasticity: RULE });
        const ra = new SpikeRecorder(a), rb = new SpikeRecorder(b);
        net.run(0.5, 1e-3, { recorders: [ra, rb] });
        expect([ra.total, rb.total]).toEqual([1, 1]);
        const d = rb.spikes.time[0] - (ra.spikes.time[0] + delay);
        const dw = c.weights().weight[0] - W0;
        expect(Math.abs(dw - window(d)), `J ${Ja}, ${Jb}, delay ${delay}: Δt ${d}`).toBeLessThan(1e-15);
      }
    }
  });
});

describe('STDP: several spikes, all-to-all against nearest pairing', () => {
  it('pre, pre, post, pre: all-to-all sums every earlier pair, nearest keeps the latest', () => {
    const pre = [0.2, 0.23, 0.27];
    const run = (pairing: 'all-to-all' | 'nearest') => {
      const net = new Network();
      net.add(Population.spikeTrains('pre', [pre]));
      const post = net.add(Population.lif('post', 1, { tauM: TAU_M, tauRef: 10 }, { bias: BIAS }));
      const c = net.connect('pre', 'post', { weights: [[W0]], tauS: 0.005, plasticity: { ...RULE, pairing } });
      const rec = new SpikeRecorder(post);
      net.run(0.4, 1e-4, { recorders: [rec] });
      expect(rec.spikes.time.length).toBe(1);
      return { tp: rec.spikes.time[0], dw: c.weights().weight[0] - W0 };
    };
    const all = run('all-to-all'), near = run('nearest');
    const potentiation = (tp: number, ts: number[]) => ts.reduce((s, t) => s + window(tp - t), 0);
    expect(Math.abs(all.dw - (potentiation(all.tp, pre.slice(0, 2)) + window(all.tp - pre[2])))).toBeLessThan(1e-15);
    expect(Math.abs(near.dw - (window(near.tp - pre[1]) + window(near.tp - pre[2])))).toBeLessThan(1e-15);
    expect(Math.abs(all.dw - near.dw)).toBeGreaterThan(1e-6);
  });

  it('post, post, pre: depression sums both post spikes (all-to-all) or takes the latest (nearest)', () => {
    // Bias 1.5 with τ_ref 30 ms: post spikes at τ_m ln 3 = 109.9 ms and 30 ms + τ_m ln(1.5/0.5)... recorded, not assumed.
    const run = (pairing: 'all-to-all' | 'nearest') => {
      const net = new Network();
      net.add(Population.spikeTrains('pre', [[0.26]]));
      const post = net.add(Population.lif('post', 1, { tauM: TAU_M, tauRef: 0.03 }, { bias: 1.5 }));
      const c = net.connect('pre', 'post', { weights: [[W0]], tauS: 0.005, plasticity: { ...RULE, pairing } });
      const rec = new SpikeRecorder(post);
      net.run(0.26 + 1e-4, 1e-4, { recorders: [rec] }); // stop before the pre spike can change the next post spike
      return { tp: Array.from(rec.spikes.time), dw: c.weights().weight[0] - W0 };
    };
    const all = run('all-to-all'), near = run('nearest');
    expect(all.tp.length).toBe(2);
    expect(all.tp[1]).toBeLessThan(0.26);
    const dep = (tp: number[]) => tp.reduce((s, t) => s + window(t - 0.26), 0);
    expect(Math.abs(all.dw - dep(all.tp))).toBeLessThan(1e-15);
    expect(Math.abs(near.dw - window(near.tp[1] - 0.26))).toBeLessThan(1e-15);
  });
});

describe('STDP: storage, bounds and reproducibility', () => {
  /** Poisson inputs onto a few LIF neurons, all pairs connected, strong enough to make them fire often. */
  function busy(sparse: boolean, seed = 4, spec: Partial<StdpSpec> = {}) {
    const N = 60, M = 5, rng = mulberry32(seed);
    const W = Array.from({ length: M }, () => Array.from({ length: N }, () => 0.001 + 0.009 * rng()));
    const net = new Network();
    net.add(Population.poisson('in', N, { rate: 30, seed }));
    const out = net.add(Population.lif('out', M, { tauRef: 0.002 }, { bias: 0.5 }));
    const c = net.connect('in', 'out', { weights: W, sparse, tauS: 0.005, delaySteps: 3, plasticity: { rule: 'stdp', dApre: 5e-4, dApost: -5.25e-4, wMax: 0.01, ...spec } });
    const rec = new SpikeRecorder(out);
    net.run(2, 1e-4, { recorders: [rec] });
    return { c, spikes: rec.total, W0: W };
  }

  it('dense and sparse storage give bit-identical weights; dense W and Wᵀ stay in step', () => {
    const d = busy(false), s = busy(true);
    expect(d.spikes).toBeGreaterThan(100);
    const wd = d.c.toDense(), ws = s.c.toDense();
    expect(Array.from(ws)).toEqual(Array.from(wd));
    // W (toDense) and Wᵀ (weights(), which reads the transpose) agree entry for entry.
    const list = d.c.weights();
    for (let k = 0; k < list.weight.length; k++) expect(list.weight[k]).toBe(wd[list.post[k] * 60 + list.pre[k]]);
    // The weights moved, and stayed inside [0, wMax], some of them on a bound.
    const moved = Array.from(wd).filter((w, k) => w !== d.W0[Math.floor(k / 60)][k % 60]).length;
    expect(moved).toBe(wd.length);
    expect(Math.min(...wd)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...wd)).toBeLessThanOrEqual(0.01);
  });

  it('the same seed gives bit-identical weights; another seed does not', () => {
    const a = busy(true, 4), b = busy(true, 4), c = busy(true, 5);
    expect(Array.from(b.c.weights().weight)).toEqual(Array.from(a.c.weights().weight));
    expect(Array.from(c.c.weights().weight)).not.toEqual(Array.from(a.c.weights().weight));
  });

  it('weights are clipped to [wMin, wMax]', () => {
    const { c } = busy(true, 4, { dApre: 0.004, dApost: -0.0042, wMin: 0.001 });
    const w = c.weights().weight;
    expect(Math.min(...w)).toBe(0.001);
    expect(Math.max(...w)).toBe(0.01);
  });

  it('two half runs give the weights of one whole run (traces carry over); reset() clears the traces only', () => {
    const build = () => {
      const net = new Network();
      net.add(Population.poisson('in', 30, { rate: 40, seed: 9 }));
      net.add(Population.lif('out', 3, {}, { bias: 0.7 }));
      const c = net.connect('in', 'out', { p: 1, seed: 1, weight: 0.005, tauS: 0.005, plasticity: { rule: 'stdp', dApre: 2e-4, dApost: -2.1e-4, wMax: 0.01 } });
      return { net, c };
    };
    const whole = build(), halves = build();
    whole.net.run(1, 1e-4);
    halves.net.run(0.5, 1e-4);
    halves.net.run(0.5, 1e-4);
    // Equal up to the rounding of the second run's step starts (0.5 + i·dt against (5000 + i)·dt, which moves input
    // offsets by ~1e-17 s); traces lost at the boundary would be off by ~1e-4.
    const wh = whole.c.weights().weight, wd = halves.c.weights().weight;
    expect(Math.max(...wh.map((w, k) => Math.abs(w - wd[k])))).toBeLessThan(1e-10);
    expect(Math.max(...wh.map((w) => Math.abs(w - 0.005)))).toBeGreaterThan(1e-4);
    const before = whole.c.weights().weight;
    whole.net.reset();
    expect(Array.from(whole.c.weights().weight)).toEqual(Array.from(before));
    expect(Math.max(...whole.c.plasticity!.aPre.map(Math.abs), ...whole.c.plasticity!.aPost.map(Math.abs))).toBe(0);
  });
});

describe('WeightRecorder', () => {
  function plasticNet() {
    const net = new Network();
    net.add(Population.poisson('in', 20, { rate: 50, seed: 2 }));
    net.add(Population.lif('out', 2, {}, { bias: 0.8 }));
    const c = net.connect('in', 'out', { p: 1, seed: 1, weight: 0.005, tauS: 0.005, plasticity: { rule: 'stdp', dApre: 3e-4, dApost: -3.15e-4, wMax: 0.01 } });
    return { net, c };
  }

  it('snapshots at chosen times equal the weights read at those times; followed synapses match the snapshots', () => {
    const a = plasticNet();
    const snap = new WeightRecorder(a.c, { at: [0.5, 0, 0.25, 3] }); // unsorted; 3 s is past the run's end
    const few = new WeightRecorder(a.c, { synapses: [0, 7, 39], every: 50 });
    a.net.run(0.5, 1e-4, { recorders: [snap, few] });
    expect(Array.from(snap.t)).toEqual([0, expect.closeTo(0.25, 12), expect.closeTo(0.5, 12)]);
    expect(Array.from(snap.snapshots[2])).toEqual(Array.from(a.c.weights().weight));
    expect(Array.from(snap.snapshots[0])).toEqual(new Array(40).fill(0.005));
    // The same network run 0.25 s has the weights of the middle snapshot.
    const b = plasticNet();
    b.net.run(0.25, 1e-4);
    expect(Array.from(snap.snapshots[1])).toEqual(Array.from(b.c.weights().weight));
    expect(few.t.length).toBe(101);
    for (const [s, k] of [[0, 0], [50, 1], [100, 2]]) {
      [0, 7, 39].forEach((syn, q) => expect(few.values[q][s]).toBe(snap.snapshots[k][syn]));
    }
    expect(new Set(few.values[1]).size).toBeGreaterThan(3); // it moved over the run
  });

  it('checks its size before allocating, and rejects bad options', () => {
    const { net, c } = plasticNet();
    throwsValidation(() => net.run(1, 1e-4, { recorders: [new WeightRecorder(c, { synapses: [0, 1], maxValues: 1000 })] }), 'WeightRecorder.every', /20002 values exceed maxValues \(1000\)/);
    throwsValidation(() => net.run(1, 1e-4, { recorders: [new WeightRecorder(c, { at: [0, 0.5, 1], maxValues: 100 })] }), 'WeightRecorder.at', /3 snapshots × 40 synapses/);
    throwsValidation(() => new WeightRecorder(c, { synapses: [40] }), 'WeightRecorder.synapses', /\[0, 39\]/);
    throwsValidation(() => new WeightRecorder(c, {}), 'WeightRecorder', /exactly one of at/);
    throwsValidation(() => new WeightRecorder(c, { at: [0], every: 2 }), 'WeightRecorder.every');
  });
});

describe('STDP: bad input', () => {
  const connect = (plasticity: unknown, pre: 'spikes' | 'current' = 'spikes', weights = [[0.5]]) => {
    const net = new Network();
    if (pre === 'spikes') net.add(Population.spikeTrains('in', [[0.01]]));
    else net.add(Population.currents('in', 1, 0.5));
    net.add(Population.lif('out', 1));
    return () => net.connect('in', 'out', { weights, ...(pre === 'spikes' ? { tauS: 0.005 } : {}), plasticity: plasticity as StdpSpec });
  };
  const ok = { rule: 'stdp', dApre: 0.01, dApost: -0.0105, wMax: 1 };
  const P = 'Connection(in→out).plasticity';

  it('names the parameter, the value and what is allowed', () => {
    throwsValidation(connect({ ...ok, tauPre: -0.02 }), `${P}.tauPre`, /> 0/, /-0\.02/);
    throwsValidation(connect({ ...ok, tauPost: 0 }), `${P}.tauPost`, /> 0/);
    throwsValidation(connect({ ...ok, wMax: 0 }), `${P}.wMax`, /> 0/);
    throwsValidation(connect({ ...ok, wMax: -1 }), `${P}.wMax`, /-1/);
    throwsValidation(connect({ ...ok, wMin: 1 }), `${P}.wMin`, /< wMax/);
    throwsValidation(connect({ ...ok, rule: 'bcm' }), `${P}.rule`, /'stdp'/, /"bcm"/);
    throwsValidation(connect({ ...ok, pairing: 'nearest-neighbour' }), `${P}.pairing`, /'all-to-all', 'nearest'/);
    throwsValidation(connect({ ...ok, dependence: 'log' }), `${P}.dependence`, /'additive', 'multiplicative'/);
    throwsValidation(connect({ ...ok, mu: 1 }), `${P}.mu`, /multiplicative/);
    throwsValidation(connect({ ...ok, dependence: 'multiplicative', mu: -1 }), `${P}.mu`, />= 0/);
    throwsValidation(connect({ ...ok, dApre: undefined }), `${P}.dApre`, /required/);
    throwsValidation(connect({ ...ok, dApost: NaN }), `${P}.dApost`, /finite/);
    throwsValidation(connect({ ...ok, taupre: 0.02 }), `${P}.taupre`, /unknown option/);
    throwsValidation(connect('stdp'), P, /plasticity spec/);
  });

  it('refuses a plastic connection from a current source, and initial weights outside [wMin, wMax]', () => {
    throwsValidation(connect(ok, 'current'), P, /current source/, /no spikes/);
    throwsValidation(connect(ok, 'spikes', [[1.5]]), 'Connection(in→out).weights', /1\.5 is outside/, /\[0, 1\]/);
  });
});
