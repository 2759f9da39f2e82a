/**
 * The memory budget under `node --max-old-space-size=512`: every allocating entry point refuses a request beyond
 * the budget before allocating, with the size it would need (checked here against the arithmetic of the request),
 * and a request within it runs. The default budget is half of what the process can have: the smaller of V8's heap
 * limit and the machine's memory.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runChild, type ChildResult } from '../helpers/child.js';

interface Report {
  budget: number; heapLimit: number; totalmem: number; within: number; rss: number;
  cases: { name: string; error: string; param?: string; bytes?: number; budget?: number; message: string }[];
}

describe('memory budget under --max-old-space-size=512', () => {
  let r: ChildResult<Report>;
  beforeAll(async () => {
    r = await runChild<Report>('test/hostile/children/memoryRequests.ts', [], { maxOldSpaceMb: 512, timeoutMs: 240_000 });
  }, 300_000);

  it('the child ran to the end (no abort, no out-of-memory crash)', () => {
    expect(r.timedOut, r.stderr).toBe(false);
    expect(r.status, r.stderr).toBe(0);
    expect(r.json).not.toBeNull();
  });

  it('the default budget is half of the smaller of the heap limit and the machine memory', () => {
    const j = r.json!;
    expect(j.heapLimit).toBeLessThan(700 * 2 ** 20); // the flag took effect
    expect(j.budget).toBe(Math.floor(0.5 * Math.min(j.heapLimit, j.totalmem)));
  });

  // name → [parameter blamed, bytes the request needs, computed here from its sizes]
  const expected: Record<string, [RegExp, number]> = {
    'LIF.simulate': [/^LIF\.simulate\.duration$/, 16 * (1999e6 + 1)], // t and v, 8 bytes each, steps + 1 samples
    integrate: [/^integrate\.dt$/, 8 * 100_001 * 100_001], // 1e5 + 1 samples × (t + 1e5 components)
    filterSpikeTrain: [/^filterSpikeTrain\.duration$/, 16 * (1999e6 + 1)],
    MLP: [/^MLP\.sizes$/, 8 * 2 * (784e9 + 1e10)], // at least weights and gradients of 784×1e9 and 1e9×10
    'Population.lif': [/^a\.size$/, 1e9 * (8 * 5 + 12)], // v, refractory, input, bias, gain and the spike buffer
    'dense connection': [/weights$/, 2 * 8 * 9e8], // W and Wᵀ of 30,000 × 30,000
    'random connection': [/\.p$/, 12 * 9e8], // p = 1: 9e8 synapses of 12 bytes
    StateRecorder: [/^StateRecorder\.every$/, 8 * 1001 * 1_000_001], // 1e6 steps + 1 samples × (1000 neurons + t)
    linspace: [/^linspace\.n$/, 8e10],
    takeRows: [/^takeRows\.idx$/, 8 * 1e6 * 1e4],
  };

  it.each(Object.keys(expected))('%s: refused before allocating, with the size it needs and how to need less', (name) => {
    const c = r.json!.cases.find((x) => x.name === name)!;
    expect(c, name).toBeDefined();
    expect(c.error, c.message).toBe('MemoryBudgetExceeded');
    const [param, bytes] = expected[name];
    expect(c.param).toMatch(param);
    expect(c.bytes!).toBeGreaterThanOrEqual(bytes);
    expect(c.bytes!).toBeLessThan(4 * bytes); // the estimate is the request's size (plus building room), not an arbitrary large number
    expect(c.budget).toBe(r.json!.budget);
    expect(c.message).toMatch(/needs [\d.e+]+ [kMGTPE]?B \(.*\), more than the memory budget of [\d.]+ MB; to need less: .+; or raise the budget with setMemoryBudget\(bytes\)/);
  });

  it('a request within the budget runs, and the refused ones left the process small', () => {
    const j = r.json!;
    expect(j.cases.find((x) => x.name === 'within budget')!.error).toBe('none');
    expect(j.within).toBe(4_000_001);
    // Nothing of the refused tens of gigabytes was allocated: resident memory stays below the heap limit's order.
    expect(j.rss).toBeLessThan(600 * 2 ** 20);
  });
});
