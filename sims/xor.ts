/** `npm run sim -- xor`: the perceptron learns OR and AND but not XOR; a 2-layer MLP learns XOR. */
import { BOOL_INPUTS, runXor, TRUTH, xorFigures, XOR_DEFAULTS } from '../src/experiments/xor.js';
import { defineSim, POSITIVE, SEED } from './lib/sim.js';

export default defineSim({
  name: 'xor',
  summary: 'XOR: the perceptron (notes §7.1) fails, a 2-layer MLP succeeds; OR and AND for comparison',
  flags: {
    hidden: { type: 'integer', description: 'hidden tanh units of the MLP', default: XOR_DEFAULTS.hidden, min: 1, max: 1000 },
    epochs: { type: 'integer', description: 'full-batch epochs (Adam, cross-entropy)', default: XOR_DEFAULTS.epochs, min: 1, max: 1_000_000 },
    lr: { type: 'number', description: 'Adam learning rate', default: XOR_DEFAULTS.lr, ...POSITIVE },
    'perceptron-epochs': { type: 'integer', description: 'passes of the perceptron rule', default: XOR_DEFAULTS.perceptronEpochs, min: 1, max: 1_000_000 },
    seed: { type: 'integer', description: 'seed', default: XOR_DEFAULTS.seed, ...SEED },
  },
  examples: ['npm run sim -- xor', 'npm run sim -- xor --hidden 2 --plot xor.html'],
  run(f) {
    const r = runXor({ hidden: f.hidden, epochs: f.epochs, lr: f.lr, perceptronEpochs: f['perceptron-epochs'], seed: f.seed });
    const lines = ['Perceptron (w ← w + E x, b ← b + E; start w = [0.6, −0.2], b = −0.1):'];
    for (const k of ['or', 'and', 'xor'] as const) {
      const p = r.perceptron[k];
      lines.push(`  ${k.toUpperCase().padEnd(3)} ${p.converged ? `learned in ${p.epochs} passes` : `NOT learned after ${p.epochs} passes`}: w = [${p.w.map((v) => v.toFixed(2)).join(', ')}], b = ${p.b.toFixed(2)}, outputs ${p.outputs.join(' ')} (want ${TRUTH[k].join(' ')})`);
    }
    lines.push(`MLP ${r.mlp.sizes.join('-')} on XOR: ${r.mlp.learned ? 'learned' : 'NOT learned'}; final loss ${r.mlp.loss[r.mlp.loss.length - 1].toExponential(3)}`);
    BOOL_INPUTS.forEach((x, i) => lines.push(`  [${x.join(', ')}] → ${r.mlp.outputs[i].toFixed(4)} (target ${TRUTH.xor[i]})`));
    return {
      json: { settings: f, perceptron: r.perceptron, mlp: { ...r.mlp, loss: undefined, finalLoss: r.mlp.loss[r.mlp.loss.length - 1] } },
      summary: lines.join('\n'),
      csv: { header: ['x1', 'x2', 'xor', 'mlp_output', 'perceptron_output'], rows: BOOL_INPUTS.map((x, i) => [x[0], x[1], TRUTH.xor[i], r.mlp.outputs[i], r.perceptron.xor.outputs[i]]) },
      figures: () => xorFigures(r),
    };
  },
});
