/** The bridge in seconds (src/experiments/spikingXor.ts): XOR learned with soft-lif units, then run as spiking LIF neurons. */
import { describe, expect, it } from 'vitest';
import { runSpikingXor } from '../../src/experiments/spikingXor.js';

describe('spiking XOR', () => {
  it('a 2-8-1 soft-lif net trained on XOR classifies all four inputs as spiking neurons, its z̄ beside the rate z', () => {
    const r = runSpikingXor({ durations: [0.1, 0.2] });
    expect(r.rateOutput.map((y) => (y >= 0.5 ? 1 : 0))).toEqual(r.targets);
    for (const s of r.spiking) {
      expect(s.classes).toEqual(r.targets);
      // Within 10 % of the rate network's output current: 8 units counted over ≥ 0.1 s (a few spikes each, so a few
      // percent of quantization) and soft-LIF's γ = 0.005 near threshold; a wrong sign or scale would be far off.
      s.current.forEach((z, i) => expect(Math.abs(z - r.rateCurrent[i])).toBeLessThan(0.1 * Math.abs(r.rateCurrent[i])));
    }
  });
});
