/**
 * `npm run sim -- spiking-mnist`: train (or load with --model) a soft-lif 784-300-10 MNIST network, run it as
 * spiking LIF neurons, and print accuracy against presentation time beside the rate network's.
 */
import { readFileSync } from 'node:fs';
import { resolveSpikingOptions } from '../src/bridge/toSpiking.js';
import { ValidationError } from '../src/core/errors.js';
import { loadMnist } from '../src/nn/data.js';
import { MLP } from '../src/nn/mlp.js';
import { accuracyByMs, SPIKING_EVAL_DEFAULTS, spikingFigures, spikingTable, TO_SPIKING_DEFAULTS } from '../src/experiments/spiking.js';
import { runSpikingMnist, SPIKING_TRAIN_DEFAULTS } from '../src/experiments/spikingMnist.js';
import { defineSim, NON_NEGATIVE, POSITIVE, SEED } from './lib/sim.js';

const D = SPIKING_TRAIN_DEFAULTS;

export default defineSim({
  name: 'spiking-mnist',
  summary: 'MNIST soft-lif MLP run as spiking LIF neurons: accuracy vs presentation time, τ_s and dt beside the rate network',
  details: 'Trains 784-300-10 with soft-lif hidden units (Adam, softmax cross-entropy) on mnist.set(8000, 2000), or loads --model\n' +
    '(a model saved by `npm run sim -- mnist --activation soft-lif --save model.json` or by --save here). The spiking network\n' +
    'gets each digit as constant currents J = W·x + b into its LIF neurons (or Poisson spikes with --input poisson), filters the\n' +
    'spikes with PSCs and reads the output currents z = W·s(t) + b averaged from (n + 1)·τ_s to the end of the presentation.\n' +
    'JSON: rateAccuracy and spikingAccuracy keyed by presentation time in ms (fractions 0–1).',
  flags: {
    model: { type: 'string', description: 'load this model JSON instead of training', file: 'read' },
    save: { type: 'string', description: 'save the trained model as JSON to this file', file: 'write' },
    epochs: { type: 'integer', description: 'training epochs', default: D.epochs, min: 1, max: 1000 },
    gamma: { type: 'number', description: 'soft-lif smoothing γ for training', default: D.gamma, ...POSITIVE },
    amplitude: { type: 'number', description: 'soft-lif output = amplitude · rate', units: 's', default: D.amplitude, ...POSITIVE },
    dropout: { type: 'number', description: 'dropout on hidden units while training', default: D.dropout, min: 0, max: 0.99 },
    'train-seed': { type: 'integer', description: 'seed of training (init, shuffling)', default: D.seed, ...SEED },
    durations: { type: 'numbers', description: 'presentation times', units: 's', default: SPIKING_EVAL_DEFAULTS.durations, ...POSITIVE, max: 10 },
    'tau-s': { type: 'number', description: 'PSC time constant', units: 's', default: TO_SPIKING_DEFAULTS.tauS, ...POSITIVE },
    n: { type: 'integer', description: 'PSC order (0 exponential, 1 alpha)', default: TO_SPIKING_DEFAULTS.n, min: 0, max: 10 },
    dt: { type: 'number', description: 'time step', units: 's', default: TO_SPIKING_DEFAULTS.dt, ...POSITIVE },
    input: { type: 'string', description: 'how digits enter', choices: ['current', 'poisson'], default: TO_SPIKING_DEFAULTS.input},
    'input-rate': { type: 'number', description: 'Poisson input: rate of a pixel equal to 1', units: 'Hz', default: TO_SPIKING_DEFAULTS.inputRate, ...POSITIVE, max: 10_000 },
    init: { type: 'string', description: 'initial membrane state', choices: ['stationary', 'uniform', 'zero'], default: TO_SPIKING_DEFAULTS.init},
    'readout-start': { type: 'number', description: 'start of the readout window (default (n + 1)·τ_s)', units: 's', ...NON_NEGATIVE },
    seed: { type: 'integer', description: 'seed of initial phases and Poisson inputs', default: TO_SPIKING_DEFAULTS.seed, ...SEED },
    'tau-sweep': { type: 'numbers', description: 'τ_s values of the sweep (at --sweep-duration)', units: 's', default: SPIKING_EVAL_DEFAULTS.tauSweep, ...POSITIVE },
    'dt-sweep': { type: 'numbers', description: 'dt values of the sweep (at --sweep-duration)', units: 's', default: SPIKING_EVAL_DEFAULTS.dtSweep, ...POSITIVE },
    'sweep-duration': { type: 'number', description: 'presentation time of the sweeps', units: 's', default: SPIKING_EVAL_DEFAULTS.sweepDuration, ...POSITIVE, max: 10 },
    'no-sweeps': { type: 'boolean', description: 'skip the τ_s and dt sweeps' },
    example: { type: 'integer', description: 'test digit shown in the raster/output plots', default: SPIKING_EVAL_DEFAULTS.example, min: 0 },
  },
  examples: [
    'npm run sim -- spiking-mnist --json',
    'npm run sim -- spiking-mnist --save model.json --plot spiking.html',
    'npm run sim -- spiking-mnist --model model.json --tau-s 0.01 --durations 0.05,0.2',
  ],
  check(f) {
    // The spiking settings are otherwise checked only after training.
    resolveSpikingOptions({ tauS: f['tau-s'], n: f.n, dt: f.dt, input: f.input, inputRate: f['input-rate'], init: f.init, readoutStart: f['readout-start'], seed: f.seed }, []);
    const longest = (xs: number[]) => xs.reduce((m, x) => Math.max(m, x), 0);
    const steps = (flags: string, duration: number, dt: number) => {
      if (duration / dt > 1e6) throw new ValidationError(flags, `${duration} s at dt = ${dt} s is ${(duration / dt).toPrecision(3)} time steps per digit; at most 1,000,000`);
    };
    steps('--durations / --dt', longest(f.durations), f.dt);
    if (!f['no-sweeps']) {
      steps('--sweep-duration / --dt', f['sweep-duration'], f.dt);
      for (const dt of f['dt-sweep']) steps('--sweep-duration / --dt-sweep', f['sweep-duration'], dt);
    }
  },
  async run(f, ctx) {
    const data = await loadMnist({ train: 8000, test: 2000, seed: 1 });
    if (f.example >= data.test.labels.length) throw new ValidationError('--example', `must be below the number of test digits, ${data.test.labels.length} (got ${f.example})`);
    let model: MLP | undefined;
    if (f.model) {
      let text: string;
      try {
        text = readFileSync(f.model, 'utf8');
      } catch (e) {
        throw new ValidationError('--model', `cannot read ${JSON.stringify(f.model)}: ${(e as Error).message}`);
      }
      model = MLP.fromJSON(text);
    }
    const r = await runSpikingMnist(data, {
      model,
      training: { epochs: f.epochs, gamma: f.gamma, amplitude: f.amplitude, dropout: f.dropout, seed: f['train-seed'] },
      evaluation: {
        durations: f.durations, tauS: f['tau-s'], n: f.n, dt: f.dt, input: f.input, inputRate: f['input-rate'], init: f.init,
        readoutStart: f['readout-start'], seed: f.seed, example: f.example,
        tauSweep: f['no-sweeps'] ? [] : f['tau-sweep'], dtSweep: f['no-sweeps'] ? [] : f['dt-sweep'], sweepDuration: f['sweep-duration'],
      },
    }, { onProgress: ctx.progress, log: ctx.log });
    const e = r.evaluation;
    const keyed = accuracyByMs(e);
    const s = e.settings;
    const pct = (x: number) => (100 * x).toFixed(2);
    const summary = [
      `MNIST ${r.model.sizes.join('-')} (${r.model.hidden}), ${r.model.source === 'trained' ? `trained ${r.model.training!.epochs} epochs in ${r.model.trainSeconds.toFixed(1)} s` : `loaded from ${f.model}`}; ${r.testSize} test digits`,
      `spiking: ${s.input} input, τ_s = ${s.tauS * 1e3} ms (n = ${s.n}), dt = ${s.dt * 1e3} ms, init ${s.init}, readout from ${s.readoutStart * 1e3} ms`,
      '',
      spikingTable(e),
      '',
      ...(e.overTauS.values.length ? [`vs τ_s (${s.sweepDuration * 1e3} ms): ` + e.overTauS.values.map((v, k) => `${v * 1e3} ms ${pct(e.overTauS.accuracy[k])} %`).join(', ')] : []),
      ...(e.overDt.values.length ? [`vs dt (${s.sweepDuration * 1e3} ms): ` + e.overDt.values.map((v, k) => `${v * 1e3} ms ${pct(e.overDt.accuracy[k])} %`).join(', ')] : []),
      `hidden units vs G(J) (${s.rateSamples} digits, ${s.rateDuration} s each): ${e.hiddenRates.unitsAbove20Hz} units above 20 Hz, max error ${pct(e.hiddenRates.maxRelativeError)} %, mean ${pct(e.hiddenRates.meanRelativeError)} %`,
      `mean hidden rate ${e.meanHiddenRate.toFixed(1)} Hz; spiking evaluation ${e.seconds.toFixed(1)} s (${(e.samples / e.seconds).toFixed(0)} digits/s at ${s.durations.reduce((m, d) => Math.max(m, d), 0) * 1e3} ms)`,
    ].join('\n');
    return {
      json: {
        rateAccuracy: keyed.rateAccuracy, spikingAccuracy: keyed.spikingAccuracy, rateTestAccuracy: e.rateAccuracy,
        accuracyVsTauS: { tauS: e.overTauS.values, accuracy: e.overTauS.accuracy, rateAccuracy: e.overTauS.rateAccuracy, duration: s.sweepDuration },
        accuracyVsDt: { dt: e.overDt.values, accuracy: e.overDt.accuracy, rateAccuracy: e.overDt.rateAccuracy, duration: s.sweepDuration },
        hiddenRates: { units: e.hiddenRates.units, unitsAbove20Hz: e.hiddenRates.unitsAbove20Hz, maxRelativeError: e.hiddenRates.maxRelativeError, meanRelativeError: e.hiddenRates.meanRelativeError },
        meanHiddenRate: e.meanHiddenRate, evaluationSeconds: e.seconds, trainSeconds: r.model.trainSeconds,
        model: { source: r.model.source, sizes: r.model.sizes, hidden: r.model.hidden, training: r.model.training, file: f.model ?? null },
        settings: s, testSize: r.testSize, trainSize: r.trainSize, saved: f.save ?? null,
      },
      summary,
      csv: { header: ['presentation_s', 'rate_accuracy', 'spiking_accuracy'], rows: e.overTime.values.map((d, k) => [d, e.rateAccuracy, e.overTime.accuracy[k]]) },
      figures: () => spikingFigures(e, `${r.testSize} MNIST test digits`),
      outputs: f.save ? { save: { what: 'model', content: JSON.stringify(r.model.mlp.toJSON()) } } : undefined,
    };
  },
});
