/** XOR (src/experiments/xor.ts): a perceptron never learns it, a 2-layer MLP does. */
import { describe, expect, it } from 'vitest';
import { BOOL_INPUTS, runXor, TRUTH, xorFigures } from '../../src/experiments/xor.js';

describe('XOR with a perceptron and a 2-layer MLP (notes §7.1; Neychev\'s lecture)', () => {
  it('is learned: outputs on the right side of 0.5 for all four inputs', () => {
    const r = runXor();
    expect(r.mlp.learned).toBe(true);
    r.mlp.outputs.forEach((y, i) => expect(Math.abs(y - TRUTH.xor[i])).toBeLessThan(0.05));
    expect(r.perceptron.xor.converged).toBe(false);
  });

  it('the figures: the surface is the trained network on the grid, on the right side of 0.5 at the four inputs', () => {
    const r = runXor({ epochs: 300 });
    const [surface, loss] = xorFigures(r);
    const z = surface.data[0].z as number[][];
    expect(z.length).toBe(41);
    // The grid is −0.5 + i/20: inputs 0 and 1 sit at i = 10 and i = 30 (rows are x₂, columns x₁).
    BOOL_INPUTS.forEach(([x1, x2], k) => {
      const y = z[10 + 20 * x2][10 + 20 * x1];
      expect(y).toBe(r.mlp.outputs[k]);
      expect(y >= 0.5 ? 1 : 0, `XOR(${x1}, ${x2}) = ${y}`).toBe(TRUTH.xor[k]);
    });
    expect(loss.data[0].y!.length).toBe(300);
  });
});
