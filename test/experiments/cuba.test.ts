/** The CUBA benchmark network built from the library's populations and connections (src/experiments/cuba.ts), against Brian2. */
import { describe, expect, it } from 'vitest';
import { buildCuba, runCuba } from '../../src/experiments/cuba.js';

describe('CUBA (sims/bench/README.md) from the library populations and connections', () => {
  it("reproduces Brian2's run: 42,229 spikes, 3,393,192 synaptic events, 257,175 + 63,940 synapses", () => {
    const { net, nExc } = buildCuba();
    const c = net.connections[0];
    const w = c.matrix;
    if (w.kind !== 'sparse') throw new Error('expected CSR');
    let exc = 0, inh = 0;
    for (let i = 0; i < 4000; i++) {
      const k = w.rowPtr[i + 1] - w.rowPtr[i];
      if (i < nExc) exc += k;
      else inh += k;
    }
    expect([exc, inh]).toEqual([257175, 63940]);
    // The n = 0 synapses go straight into the neurons' own current: no separate filter.
    expect(net.groupFor(c)!.fused).toBe(true);
    const r = runCuba();
    expect(r.spikes).toBe(42229);
    expect(r.synapticEvents).toBe(3393192);
  });
});
