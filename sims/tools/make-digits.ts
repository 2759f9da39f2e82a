/**
 * Writes web/models/mnist-test-digits.json: the first 200 test digits of `loadMnist({ train: 8000, test: 2000,
 * seed: 1 })` (the split every MNIST sim uses, so none of them was seen in training), as bytes k with pixel =
 * round(k / 255, 3) — exactly the `mnist` package's values — base64 encoded, with their labels.
 * Run: node --import ./sims/register.mjs sims/tools/make-digits.ts
 */
import { writeFileSync } from 'node:fs';
import { loadMnist } from '../../src/nn/data.js';

const COUNT = 200;
const { test } = await loadMnist({ train: 8000, test: 2000, seed: 1 });
const bytes = new Uint8Array(COUNT * 784);
for (let i = 0; i < bytes.length; i++) {
  const x = test.X.data[i];
  const k = Math.round(x * 255);
  if (Math.round((k / 255) * 1000) / 1000 !== x) throw new Error(`pixel ${i} = ${x} is not round(k/255, 3)`);
  bytes[i] = k;
}
const out = {
  format: 'spikebridge-digits', version: 1, source: 'loadMnist({ train: 8000, test: 2000, seed: 1 }).test, first 200 rows',
  width: 28, height: 28, count: COUNT, encoding: 'base64 bytes k, pixel = round(k / 255, 3)',
  labels: Array.from(test.labels.subarray(0, COUNT)),
  pixels: Buffer.from(bytes).toString('base64'),
};
writeFileSync(new URL('../../web/models/mnist-test-digits.json', import.meta.url), JSON.stringify(out) + '\n');
console.log(`wrote ${COUNT} digits`);
