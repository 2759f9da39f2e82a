/**
 * Run by memory.test.ts in a child process under `node --max-old-space-size=512`: asks for allocations far beyond
 * what that process can have, one per allocating entry point, and prints one JSON object: the budget in force, V8's
 * heap limit and the machine's memory (so the test can check the default independently), what each request threw,
 * a request within the budget that must succeed, and the resident memory at the end.
 */
import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import {
  LIF, MLP, MemoryBudgetExceeded, Network, Population, StateRecorder, filterSpikeTrain, integrate, linspace, memoryBudget, takeRows,
} from '../../../src/index.js';

interface Outcome { name: string; error: string; param?: string; bytes?: number; budget?: number; message: string }
const cases: Outcome[] = [];
function attempt(name: string, f: () => unknown): void {
  try {
    f();
    cases.push({ name, error: 'none', message: '' });
  } catch (e) {
    const err = e as Error & { param?: string };
    cases.push({
      name, error: err.name, param: err.param, message: err.message,
      ...(e instanceof MemoryBudgetExceeded ? { bytes: e.bytes, budget: e.budget } : {}),
    });
  }
}

attempt('LIF.simulate', () => new LIF().simulate({ input: 1.5, duration: 1999, dt: 1e-6 }));
attempt('integrate', () => integrate(() => {}, new Float64Array(100_000), { t1: 1, dt: 1e-5 }));
attempt('filterSpikeTrain', () => filterSpikeTrain([0.1], { n: 1, tauS: 0.005, dt: 1e-6, duration: 1999 }));
attempt('MLP', () => new MLP({ sizes: [784, 1e9, 10] }));
attempt('Population.lif', () => Population.lif('a', 1e9));
attempt('dense connection', () => {
  const net = new Network();
  const a = net.add(Population.lif('a', 30_000)), b = net.add(Population.lif('b', 30_000));
  net.connect(a, b, { weights: new Float64Array(1), tauS: 0.005 });
});
attempt('random connection', () => {
  const net = new Network();
  const a = net.add(Population.lif('a', 30_000)), b = net.add(Population.lif('b', 30_000));
  net.connect(a, b, { p: 1, tauS: 0.005 });
});
attempt('StateRecorder', () => {
  const net = new Network();
  const a = net.add(Population.lif('a', 1000));
  net.run(100, 1e-4, { recorders: [new StateRecorder(a, 'v')] });
});
attempt('linspace', () => linspace(0, 1, 1e10));
attempt('takeRows', () => takeRows({ rows: 2, cols: 10_000, data: new Float64Array(20_000) }, new Int32Array(1_000_000)));
// Within the budget (4,000,001 samples of t and v: 64 MB): runs.
let within = 0;
attempt('within budget', () => { within = new LIF().simulate({ input: 1.5, duration: 400, dt: 1e-4 }).v.length; });

console.log(JSON.stringify({
  budget: memoryBudget(), heapLimit: getHeapStatistics().heap_size_limit, totalmem: totalmem(), cases, within,
  rss: process.memoryUsage().rss,
}));
