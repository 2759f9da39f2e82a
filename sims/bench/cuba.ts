/**
 * `cuba` workload (sims/bench/README.md): 4,000 current-based LIF neurons (3,200 E, 800 I), p = 0.02 from mulberry32(2024),
 * exponential synapses τ_s = 5 ms, dt 0.1 ms, 1 s — built with the library's populations and connections
 * (src/experiments/cuba.ts). A hand-written plain-JavaScript transcription runs in the same process as the
 * peer reference, since machines are shared and only ratios taken in one run compare.
 */
import { mulberry32 } from '../../src/core/rng.js';
import { buildCuba, runCuba } from '../../src/experiments/cuba.js';
import { SpikeRecorder } from '../../src/network/recorders.js';
import { median, type Workload } from '../lib/benchTypes.js';

/** The CUBA workload as one plain loop (the "hand-written plain JavaScript" peer). */
function handWritten(): { spikes: number; seconds: number } {
  const N = 4000, NE = 3200, dt = 1e-4, tm = 0.02, ts = 0.005, mu = 1.1, steps = 10000;
  const rng = mulberry32(2024);
  const ptr = new Int32Array(N + 1);
  let post = new Int32Array(1 << 19);
  let nnz = 0;
  for (let i = 0; i < N; i++) {
    for (let j = 0; j < N; j++) {
      const u = rng();
      if (u < 0.02 && i !== j) {
        if (nnz === post.length) { const b = new Int32Array(nnz * 2); b.set(post); post = b; }
        post[nnz++] = j;
      }
    }
    ptr[i + 1] = nnz;
  }
  const r7 = mulberry32(7);
  const v = new Float64Array(N), I = new Float64Array(N), ref = new Float64Array(N), sp = new Int32Array(N);
  for (let i = 0; i < N; i++) v[i] = r7();
  const P11 = Math.exp(-dt / ts), P22 = Math.exp(-dt / tm), P21 = (ts / (ts - tm)) * (P11 - P22);
  let spikes = 0;
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    let c = 0;
    for (let i = 0; i < N; i++) {
      const Ii = I[i];
      I[i] = Ii * P11;
      const r = ref[i];
      const vi = mu + (v[i] - mu) * P22 + P21 * Ii;
      if (r > 0) ref[i] = r - 1;
      else if (vi > 1) { sp[c++] = i; v[i] = 0; ref[i] = 19; }
      else v[i] = vi;
    }
    for (let k = 0; k < c; k++) {
      const i = sp[k], w = i < NE ? 0.1 : -0.7, e = ptr[i + 1];
      for (let q = ptr[i]; q < e; q++) I[post[q]] += w;
    }
    spikes += c;
  }
  return { spikes, seconds: (performance.now() - t0) / 1000 };
}

function mb(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 10) / 10;
}

const workload: Workload = {
  name: 'cuba',
  description: 'CUBA: 4,000 LIF (3,200 E / 800 I), p = 0.02, exponential synapses τ_s = 5 ms, dt 0.1 ms, 1 s',
  order: 3,
  run(log) {
    const mem0 = process.memoryUsage();
    runCuba({ duration: 0.1, recordRate: false }); // warm-up (JIT)
    handWritten();
    const ours: ReturnType<typeof runCuba>[] = [];
    const hand: number[] = [];
    for (let k = 0; k < 5; k++) {
      // Interleaved, so both see the same machine load.
      ours.push(runCuba({ recordRate: false }));
      hand.push((4000 * 10000) / handWritten().seconds);
    }
    const r = ours[0];
    const rate = median(ours.map((x) => x.neuronStepsPerSecond));
    const events = median(ours.map((x) => x.synapticEventsPerSecond));
    const handRate = median(hand);
    log(`  cuba: ${ours.map((x) => (x.neuronStepsPerSecond / 1e8).toFixed(2)).join(' ')} × 1e8 neuron-steps/s; hand-written ${hand.map((x) => (x / 1e8).toFixed(2)).join(' ')}`);
    // Memory against simulated time: one network run for 1 s, then 4 s more. Typed-array memory (exact) and the
    // heap are read after each; neither may grow with simulated time (spikes are counted, not kept).
    const { net, pop } = buildCuba();
    const counter = new SpikeRecorder(pop, { countOnly: true });
    const mem = () => { const m = process.memoryUsage(); return { buffers: m.arrayBuffers, heap: m.heapUsed }; };
    const m0 = mem();
    net.run(1, 1e-4, { recorders: [counter] });
    const m1 = mem();
    net.run(4, 1e-4, { recorders: [counter] });
    const m2 = mem();
    const longSpikes = counter.total;
    const peakRss = process.resourceUsage().maxRSS * 1024;
    const bytesPerSynapse = (4 + 8) + (4 * 4001) / r.synapses; // CSR: Int32 post + Float64 weight per synapse, row pointers
    return {
      keys: {
        cuba_neuron_steps_per_s: rate,
        cuba_synaptic_events_per_s: events,
        cuba_spikes: r.spikes,
        cuba_synaptic_events: r.synapticEvents,
        cuba_handwritten_neuron_steps_per_s: handRate,
        cuba_peak_rss_bytes: peakRss,
        cuba_buffer_growth_4s_bytes: m2.buffers - m1.buffers,
        cuba_build_seconds: median(ours.map((x) => x.buildSeconds)),
      },
      rows: [
        { metric: 'neuron-steps/s (library network)', value: rate, unit: 'neuron-steps/s', peers: 'Brian2 numpy 0.4e8, Cython 2.6e8, C++ standalone 7.5e8, C -O3 8.3e8' },
        { metric: 'neuron-steps/s (hand-written JS, same run)', value: handRate, unit: 'neuron-steps/s', peers: 'hand-written JS 3.1e8' },
        { metric: 'library / hand-written', value: rate / handRate, unit: 'ratio', peers: 'target 2.6/3.1 = 0.84' },
        { metric: 'synaptic events/s', value: events, unit: 'events/s', peers: '' },
        { metric: 'spikes in 1 s', value: r.spikes, unit: 'spikes', peers: 'Brian2 42,229' },
        { metric: 'synaptic events in 1 s', value: r.synapticEvents, unit: 'events', peers: 'Brian2 3,393,192' },
        { metric: 'synapses', value: r.synapses, unit: 'synapses', peers: '257,175 E + 63,940 I = 321,115' },
        { metric: 'connectivity build (16 M draws)', value: median(ours.map((x) => x.buildSeconds)), unit: 's', peers: 'Brian2 compile 2–5 s' },
        { metric: 'synapse storage', value: bytesPerSynapse, unit: 'bytes/synapse', peers: '' },
        { metric: 'process typed-array memory with the network built', value: mb(m0.buffers), unit: 'MB', peers: '' },
        { metric: 'typed-array growth, first 1 s / next 4 s', value: mb(m1.buffers - m0.buffers), unit: 'MB', peers: `next 4 s: ${mb(m2.buffers - m1.buffers)} MB (${longSpikes} spikes in the 4 s)` },
        { metric: 'heap growth over the 4 s after the first second', value: mb(m2.heap - m1.heap), unit: 'MB', peers: 'GC noise; no per-step allocation' },
        { metric: 'peak RSS of the bench process', value: mb(peakRss), unit: 'MB', peers: '' },
      ],
      details: {
        runs: ours.map((x) => x.neuronStepsPerSecond), handWritten: hand, rssAtStart: mem0.rss,
        memory: { builtBuffers: m0.buffers, afterFirstSecond: m1, afterFiveSeconds: m2 },
      },
    };
  },
};
export default workload;
