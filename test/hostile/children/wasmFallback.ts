/**
 * Run by wasmFallback.test.ts, in a process under an address-space limit (where a WebAssembly memory cannot be
 * reserved) and in one without: a LIF population and an MLP, each built and run, and what the library reports about
 * its kernels. Prints one JSON object.
 */
import { MLP, Network, Population, SpikeRecorder, wasmFallback } from '../../../src/index.js';

const warnings: string[] = [];
const warn = console.warn;
console.warn = (...a: unknown[]) => { warnings.push(a.map(String).join(' ')); };

const net = new Network();
const pop = net.add(Population.lif('a', 100, {}, { bias: Array.from({ length: 100 }, (_, i) => 1 + i / 50) }));
const spikes = new SpikeRecorder(pop);
net.run(0.2, 1e-4, { recorders: [spikes] });
const mlp = new MLP({ sizes: [3, 16, 2], hidden: 'tanh', seed: 3 });
const out = mlp.forward([[0.1, -0.2, 0.3], [1, 2, 3]]);
// a second population and network: the fallback is reported once, not per allocation
const again = new MLP({ sizes: [3, 4, 1] });
void again;
console.warn = warn;
console.log(JSON.stringify({ counts: Array.from(spikes.counts), out, kernel: mlp.kernelKind, fallback: wasmFallback(), warnings }));
