/** The panels' pure helpers (web/panels/digits.ts, trainingInputs.ts) and the shipped model and digits, in Node. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAYGROUND_FEATURES } from '../../src/experiments/playground.js';
import { loadModel } from '../../web/jobs/spiking.js';
import { decodeDigits, drawingToDigit, type DigitsJson } from '../../web/panels/digits.js';
import { FEATURE_LABELS, parseLayers } from '../../web/panels/trainingInputs.js';

const root = new URL('../../', import.meta.url);
const read = (p: string) => readFileSync(new URL(p, root), 'utf8');

describe('spiking view inputs', () => {
  it('the shipped model and digits: 784-32-10 soft-lif, 200 labelled digits in [0, 1]', () => {
    const model = loadModel(read('web/models/mnist-small.json'));
    const digits = decodeDigits(JSON.parse(read('web/models/mnist-test-digits.json')) as DigitsJson);
    expect(model.sizes).toEqual([784, 32, 10]);
    expect(model.activations[0].name).toBe('soft-lif');
    expect(digits.X.rows).toBe(200);
    expect(digits.X.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(new Set(digits.labels).size).toBe(10);
    expect(() => decodeDigits({ format: 'other' } as unknown as DigitsJson)).toThrow(/digits\.format/);
  });

  it('a drawing becomes an MNIST-like digit: ink in a 20×20 box centred by mass, wherever it was drawn', () => {
    const draw = (ox: number) => {
      const g = new Float64Array(100 * 100);
      for (let y = 20; y < 80; y++) for (let x = ox; x < ox + 8; x++) g[y * 100 + x] = 1;
      return drawingToDigit(g, 100, 100);
    };
    const a = draw(10), b = draw(70);
    expect(Array.from(a)).toEqual(Array.from(b));
    let m = 0, cx = 0, cy = 0, rows = 0;
    for (let i = 0; i < 784; i++) { m += a[i]; cx += a[i] * (i % 28); cy += a[i] * Math.floor(i / 28); }
    expect(cx / m).toBeGreaterThan(12.5);
    expect(cx / m).toBeLessThan(14.5);
    expect(cy / m).toBeGreaterThan(12.5);
    expect(cy / m).toBeLessThan(14.5);
    for (let y = 0; y < 28; y++) if (a.subarray(y * 28, y * 28 + 28).some((v) => v > 0)) rows++;
    expect(rows).toBe(20);
    expect(Array.from(drawingToDigit(new Float64Array(16), 4, 4))).toEqual(new Array(784).fill(0));
  });
});

describe('training panel inputs', () => {
  it('parses the hidden layers field, or says what is allowed', () => {
    expect(parseLayers('8, 4')).toEqual([8, 4]);
    expect(parseLayers(' ')).toEqual([]);
    expect(parseLayers('8; 4 2')).toEqual([8, 4, 2]);
    expect(parseLayers('8, 40')).toMatch(/1 to 8/);
    expect(parseLayers('2.5')).toMatch(/whole number/);
    expect(parseLayers('1,1,1,1,1,1,1')).toMatch(/at most 6/);
    expect(Object.keys(FEATURE_LABELS)).toEqual([...PLAYGROUND_FEATURES]);
  });
});
