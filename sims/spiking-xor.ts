/** `npm run sim -- spiking-xor`: XOR with soft-lif hidden units, run as spiking LIF neurons, in seconds. */
import { resolveSpikingOptions } from '../src/bridge/toSpiking.js';
import { ValidationError } from '../src/core/errors.js';
import { runSpikingXor, spikingXorFigures, SPIKING_XOR_DEFAULTS } from '../src/experiments/spikingXor.js';
import { defineSim, POSITIVE, SEED } from './lib/sim.js';
import { TO_SPIKING_DEFAULTS } from '../src/experiments/spiking.js';

export default defineSim({
  name: 'spiking-xor',
  summary: 'XOR: a 2-H-1 soft-lif network trained with G(v), run as spiking LIF neurons; rate vs spiking outputs',
  flags: {
    hidden: { type: 'integer', description: 'hidden units', default: SPIKING_XOR_DEFAULTS.hidden, min: 1, max: 1000 },
    epochs: { type: 'integer', description: 'full-batch Adam epochs', default: SPIKING_XOR_DEFAULTS.epochs, min: 1, max: 1_000_000 },
    lr: { type: 'number', description: 'Adam learning rate', default: SPIKING_XOR_DEFAULTS.lr, ...POSITIVE },
    gamma: { type: 'number', description: 'soft-lif smoothing γ', default: SPIKING_XOR_DEFAULTS.gamma, ...POSITIVE },
    durations: { type: 'numbers', description: 'presentation times', units: 's', default: SPIKING_XOR_DEFAULTS.durations, ...POSITIVE, max: 100 },
    'tau-s': { type: 'number', description: 'PSC time constant', units: 's', default: TO_SPIKING_DEFAULTS.tauS, ...POSITIVE },
    dt: { type: 'number', description: 'time step', units: 's', default: TO_SPIKING_DEFAULTS.dt, ...POSITIVE },
    seed: { type: 'integer', description: 'seed of the weights', default: SPIKING_XOR_DEFAULTS.seed, ...SEED },
  },
  examples: ['npm run sim -- spiking-xor', 'npm run sim -- spiking-xor --plot xor.html'],
  check(f) {
    // The spiking settings are otherwise checked only after training.
    resolveSpikingOptions({ tauS: f['tau-s'], dt: f.dt }, []);
    const longest = f.durations.reduce((m: number, d: number) => Math.max(m, d), 0);
    if (longest / f.dt > 1e7) throw new ValidationError('--durations / --dt', `${longest} s at dt = ${f.dt} s is ${(longest / f.dt).toPrecision(3)} time steps; at most 10,000,000`);
  },
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
      figures: () => spikingXorFigures(r),
    };
  },
});
