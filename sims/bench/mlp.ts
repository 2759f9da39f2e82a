/**
 * `mlp` workload (sims/bench/README.md): MLP 784-300-10 on the `mnist` package's set(8000, 2000), ReLU hidden units,
 * softmax cross-entropy, minibatch 64. Training throughput over one epoch (SGD 0.1, as the peers' table) and
 * inference throughput; also the same epoch on the TypeScript kernels and the GEMM rate of the forward product.
 */
import { loadMnist } from '../../src/nn/data.js';
import { MLP } from '../../src/nn/mlp.js';
import { gemmNT } from '../../src/nn/matrix.js';
import { Arena } from '../../src/nn/arena.js';
import { train } from '../../src/nn/train.js';
import { median, timeIt, type Workload } from '../lib/benchTypes.js';

const workload: Workload = {
  name: 'mlp',
  description: 'MLP 784-300-10 (ReLU, softmax CE, minibatch 64) on 8,000 MNIST digits',
  order: 4,
  async run(log) {
    const { train: data, test } = await loadMnist({ train: 8000, test: 2000, seed: 1 });
    const P = data.X.rows;
    const epoch = (net: MLP, seed: number) =>
      train(net, data, { loss: 'softmax-cross-entropy', optimizer: { name: 'sgd', lr: 0.1 }, epochs: 1, batchSize: 64, seed }).seconds;
    const net = new MLP({ sizes: [784, 300, 10], hidden: 'relu', output: 'identity', seed: 1, init: 'pytorch' });
    epoch(net, 0); // warm-up: JIT and WebAssembly tier-up
    const trainTimes = [1, 2, 3, 4, 5].map((s) => epoch(net, s));
    const trainRate = P / median(trainTimes);
    log(`  mlp train: ${trainTimes.map((t) => (P / t).toFixed(0)).join(' ')} samples/s (${net.kernelKind} kernels)`);
    const inferTimes = timeIt(() => net.predict(data.X), 5, 1);
    const inferRate = P / median(inferTimes);
    const acc = (() => {
      const Y = net.predict(test.X);
      let ok = 0;
      for (let r = 0; r < Y.rows; r++) {
        let best = 0;
        for (let j = 1; j < 10; j++) if (Y.data[r * 10 + j] > Y.data[r * 10 + best]) best = j;
        if (best === test.labels[r]) ok++;
      }
      return ok / Y.rows;
    })();
    const tsNet = new MLP({ sizes: [784, 300, 10], hidden: 'relu', output: 'identity', seed: 1, init: 'pytorch', wasm: false });
    epoch(tsNet, 0);
    const tsRate = P / median([1, 2].map((s) => epoch(tsNet, s)));
    log(`  mlp train (TypeScript kernels): ${tsRate.toFixed(0)} samples/s`);
    // The forward product of one batch: (64×784)·(784×300)ᵀ, 2·64·784·300 flops.
    const flops = 2 * 64 * 784 * 300;
    const ar = new Arena(64 * 784 + 300 * 784 + 64 * 300);
    const A = ar.alloc(64 * 784), B = ar.alloc(300 * 784), C = ar.alloc(64 * 300);
    A.forEach((_, i) => (A[i] = Math.sin(i))); B.forEach((_, i) => (B[i] = Math.cos(i)));
    const reps = 20;
    const gW = flops * reps / median(timeIt(() => { for (let r = 0; r < reps; r++) ar.kernels.nt(64, 300, 784, 1, A, B, 0, C); }, 5, 1)) / 1e9;
    const gT = flops * reps / median(timeIt(() => { for (let r = 0; r < reps; r++) gemmNT(64, 300, 784, 1, A, B, 0, C); }, 3, 1)) / 1e9;
    return {
      keys: {
        mlp_train_samples_per_s: trainRate, mlp_infer_samples_per_s: inferRate, mlp_train_typescript_samples_per_s: tsRate,
        mlp_gemm_gflops: gW, mlp_gemm_typescript_gflops: gT, mlp_sgd_1epoch_plus_warmup_test_accuracy: acc,
      },
      rows: [
        { metric: `training, one epoch (${net.kernelKind} GEMM)`, value: trainRate, unit: 'samples/s', peers: 'TF.js wasm SIMD 3,300; TF.js plain JS 730; brain.js 310; PyTorch 1 thread 63,000' },
        { metric: 'training, one epoch (TypeScript GEMM)', value: tsRate, unit: 'samples/s', peers: 'TF.js plain JS 730' },
        { metric: 'inference', value: inferRate, unit: 'samples/s', peers: 'TF.js wasm SIMD 57,000; TF.js plain JS 1,700; PyTorch 190,000' },
        { metric: `GEMM (64×784)·(784×300)ᵀ, ${net.kernelKind}`, value: gW, unit: 'GFLOP/s', peers: 'plain JS 1.1–1.8; TF.js wasm SIMD 29; C -O3 f64 15; OpenBLAS f64 46' },
        { metric: 'GEMM, TypeScript kernel', value: gT, unit: 'GFLOP/s', peers: '' },
        { metric: 'test accuracy after 6 epochs of SGD 0.1', value: acc * 100, unit: '%', peers: 'TF.js 89.9–90.5 % after 5 epochs; PyTorch 90.4 %' },
      ],
    };
  },
};
export default workload;
