/**
 * `spiking` workload (sims/bench/README.md): the MNIST network (784-300-10 soft-lif, trained with the spiking-mnist
 * defaults) run as spiking LIF neurons, 200 ms presentations at dt = 1 ms, over the 1,756 test digits; beside it,
 * from the same run, the rate network's inference throughput on the same digits. The ratio of the two is the
 * figure that matters (target: a presentation costs at most 20 rate inferences).
 */
import { loadMnist } from '../../src/nn/data.js';
import { toSpiking } from '../../src/bridge/toSpiking.js';
import { runMnist } from '../../src/experiments/mnist.js';
import { SPIKING_TRAIN_DEFAULTS as D } from '../../src/experiments/spikingMnist.js';
import { median, timeIt, type Workload } from '../lib/benchTypes.js';

const workload: Workload = {
  name: 'spiking',
  description: 'MNIST 784-300-10 soft-lif network as spiking LIF neurons, 200 ms at dt 1 ms, beside the rate network',
  order: 5,
  async run(log) {
    const data = await loadMnist({ train: 8000, test: 2000, seed: 1 });
    log(`  spiking: training the soft-lif MNIST network (${D.epochs} epochs, not timed)`);
    const { model: mlp } = await runMnist({ activation: 'soft-lif', gamma: D.gamma, amplitude: D.amplitude, hidden: D.hidden, epochs: D.epochs, batchSize: D.batchSize, lr: D.lr, seed: D.seed }, {}, data);
    const X = data.test.X, P = X.rows;
    const snn = toSpiking(mlp, { tauS: 0.005, dt: 0.001 });
    let info = snn.predictOverTime(X, { durations: [0.2] }); // warm-up (JIT, WebAssembly tier-up) and activity figures
    const spikeTimes = timeIt(() => { info = snn.predictOverTime(X, { durations: [0.2] }); }, 3, 0);
    const mlpTimes = timeIt(() => mlp.predict(X), 7, 2);
    // The rate network one sample at a time (no batching across samples), as the spiking network runs.
    const one = { rows: 1, cols: X.cols, data: new Float64Array(X.cols) };
    const oneTimes = timeIt(() => {
      for (let p = 0; p < P; p++) {
        one.data.set(X.data.subarray(p * X.cols, (p + 1) * X.cols));
        mlp.predict(one);
      }
    }, 3, 1);
    const spiking = P / median(spikeTimes), rate = P / median(mlpTimes), rateOne = P / median(oneTimes);
    const ratio = rate / spiking;
    log(`  spiking: ${spikeTimes.map((t) => (P / t).toFixed(0)).join(' ')} samples/s; rate network ${mlpTimes.map((t) => (P / t).toFixed(0)).join(' ')} samples/s (batched); ratio ${ratio.toFixed(2)}`);
    const spikesPerSample = info.meanHiddenRate * 300 * 0.2;
    return {
      keys: {
        spiking_infer_samples_per_s: spiking, mlp_infer_samples_per_s: rate, spiking_mlp_infer_samples_per_s: rate, spiking_cost_in_mlp_inferences: ratio,
        mlp_infer_one_at_a_time_samples_per_s: rateOne, spiking_cost_in_single_sample_mlp_inferences: rateOne / spiking,
        spiking_mean_hidden_rate_hz: info.meanHiddenRate,
      },
      rows: [
        { metric: 'spiking inference, 200 ms at dt 1 ms (200 steps)', value: spiking, unit: 'samples/s', peers: '' },
        { metric: 'rate network inference, batched (same digits, same run)', value: rate, unit: 'samples/s', peers: 'TF.js wasm SIMD 57,000 (ReLU net); PyTorch 190,000' },
        { metric: 'cost of one spiking presentation in batched rate inferences', value: ratio, unit: '×', peers: 'target ≤ 20' },
        { metric: 'rate network inference, one digit per call', value: rateOne, unit: 'samples/s', peers: '' },
        { metric: 'cost in single-digit rate inferences', value: rateOne / spiking, unit: '×', peers: '' },
        { metric: 'mean hidden firing rate', value: info.meanHiddenRate, unit: 'Hz', peers: `≈ ${spikesPerSample.toFixed(0)} spikes per digit, 10 synaptic events each` },
      ],
    };
  },
};
export default workload;
