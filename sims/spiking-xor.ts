/** `npm run sim -- spiking-xor`: XOR with soft-lif hidden units, run as spiking LIF neurons, in seconds. */
import { TO_SPIKING_DEFAULTS } from '../src/experiments/spiking.js';
import { runSpikingXor, SPIKING_XOR_DEFAULTS, spikingXorFigures } from '../src/experiments/spikingXor.js';
import { defineSim } from './lib/sim.js';

export default defineSim({
  name: 'spiking-xor',
  summary: 'XOR: a 2-H-1 soft-lif network trained with G(v), run as spiking LIF neurons; rate vs spiking outputs',
  flags: {
    hidden: { type: 'integer', description: 'hidden units', default: SPIKING_XOR_DEFAULTS.hidden },
    epochs: { type: 'integer', description: 'full-batch Adam epochs', default: SPIKING_XOR_DEFAULTS.epochs },
    lr: { type: 'number', description: 'Adam learning rate', default: SPIKING_XOR_DEFAULTS.lr },
    gamma: { type: 'number', description: 'soft-lif smoothing γ', default: SPIKING_XOR_DEFAULTS.gamma },
    durations: { type: 'numbers', description: 'presentation times', units: 's', default: SPIKING_XOR_DEFAULTS.durations },
    'tau-s': { type: 'number', description: 'PSC time constant', units: 's', default: TO_SPIKING_DEFAULTS.tauS },
    dt: { type: 'number', description: 'time step', units: 's', default: TO_SPIKING_DEFAULTS.dt },
    seed: { type: 'integer', description: 'seed of the weights', default: SPIKING_XOR_DEFAULTS.seed },
  },
  examples: ['npm run sim -- spiking-xor', 'npm run sim -- spiking-xor --plot xor.html'],
  run(f) {
    const r = runSpikingXor({ hidden: f.hidden, epochs: f.epochs, lr: f.lr, gamma: f.gamma, durations: f.durations, seed: f.seed, spiking: { tauS: f['tau-s'], dt: f.dt } });
    const lines = [`XOR 2-${r.settings.hidden}-1 (soft-lif hidden, sigmoid output), trained ${r.settings.epochs} epochs, loss ${r.loss.toFixed(4)}; τ_s ${f['tau-s'] * 1e3} ms, dt ${f.dt * 1e3} ms`, ''];
    lines.push(['input', 'target', 'rate y', 'rate z', ...r.spiking.map((s) => `z̄ ${s.duration * 1e3} ms`)].join(' | '));
    r.inputs.forEach((x, i) => {
      lines.push([`(${x.join(', ')})`, r.targets[i], r.rateOutput[i].toFixed(3), r.rateCurrent[i].toFixed(3), ...r.spiking.map((s) => s.current[i].toFixed(3))].join(' | '));
    });
    lines.push('', `correct (of 4): ${r.spiking.map((s) => `${s.duration * 1e3} ms: ${s.correct}`).join(', ')}; ${r.seconds.toFixed(2)} s in all`);
    return {
      json: {
        inputs: r.inputs, targets: r.targets, rateOutput: r.rateOutput, rateCurrent: r.rateCurrent, loss: r.loss,
        spiking: r.spiking, spikingCorrect: Object.fromEntries(r.spiking.map((s) => [String(Math.round(s.duration * 1e3)), s.correct])),
        settings: r.settings, seconds: r.seconds,
      },
      summary: lines.join('\n'),
      csv: { header: ['input', 'target', 'rate_output', ...r.spiking.map((s) => `spiking_output_${s.duration}s`)], rows: r.inputs.map((x, i) => [x.join(' '), r.targets[i], r.rateOutput[i], ...r.spiking.map((s) => s.output[i])]) },
      figures: spikingXorFigures(r),
    };
  },
});
