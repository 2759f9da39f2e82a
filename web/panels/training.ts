/**
 * Training playground (the TensorFlow Playground of Neychev's lecture): an MLP on 2-D data sets (circle, XOR, Gaussian
 * blobs, spiral) with noise, train/test ratio and batch size; the Playground's input features to toggle; layers,
 * neurons, activation (lif/soft-lif included), optimizer, learning rate and regularization; the decision boundary
 * and the train/test loss curves redrawn as it learns; play/pause, step and reset.
 *
 * The training session lives in the worker (`PlaygroundSession`, src/experiments/playground.ts): each request trains
 * a few more epochs and returns a snapshot, so the page never blocks and pausing is just not asking for more.
 * Changing the data, features, layers, activation or seed starts a new run; learning rate, optimizer,
 * regularization and batch size apply to the running one (as in the Playground).
 * @module
 */
import {
  PLAYGROUND_ACTIVATIONS, PLAYGROUND_DEFAULTS, PLAYGROUND_FEATURES, makeDataset, splitDataset,
  type PlaygroundDataset, type PlaygroundFeature, type PlaygroundOptions, type PlaygroundSnapshot,
} from '../../src/experiments/playground.js';
import { OPTIMIZER_NAMES, type OptimizerName } from '../../src/nn/optimizers.js';
import { CheckField, fieldset, h, NumberField, Readout, SelectField, TextField } from '../controls.js';
import { formatLoss, playgroundFigures } from '../figures/playground.js';
import type { PlaygroundJob } from '../jobs/playground.js';
import { PlotView } from '../plot.js';
import { lane } from '../workerClient.js';
import type { Panel } from './index.js';
import { bump, button, invalid, readAll, showJobError, Status, twoColumns } from './kit.js';
import { FEATURE_LABELS, parseLayers } from './trainingInputs.js';

const D = PLAYGROUND_DEFAULTS;
const DATASETS: { value: PlaygroundDataset; label: string }[] = [
  { value: 'circle', label: 'circle' }, { value: 'xor', label: 'exclusive or (XOR)' }, { value: 'gauss', label: 'two Gaussian blobs' }, { value: 'spiral', label: 'spiral' },
];

export const trainingPanel: Panel = {
  id: 'playground',
  title: 'Training playground',
  blurb: 'An MLP learning a 2-D classification, TensorFlow Playground style: pick data, features, layers and activation (lif and soft-lif included) and watch the boundary and the losses evolve.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'playground');
    root.id = 'playground-root';
    // Data
    const dataset = new SelectField<PlaygroundDataset>(state, { key: 'data', label: 'Data set', value: D.dataset, options: DATASETS });
    const noise = new NumberField(state, { key: 'noise', label: 'Noise', unit: '%', value: D.noise * 100, min: 0, max: 50, slider: { min: 0, max: 50, step: 5 } });
    const ratio = new NumberField(state, { key: 'ratio', label: 'Ratio of training to test data', unit: '% training', value: D.trainRatio * 100, min: 10, max: 90, slider: { min: 10, max: 90, step: 10 } });
    const batch = new NumberField(state, { key: 'batch', label: 'Batch size', unit: 'points per update', value: D.batchSize, min: 1, max: 500, integer: true, slider: { min: 1, max: 30, step: 1 } });
    const seed = new NumberField(state, { key: 'seed', label: 'Random seed (data, split, initial weights)', unit: 'integer', value: D.seed, min: 0, integer: true });
    const regenerate = button('Regenerate data', '', 'New points from the next seed');
    // Features
    const features = PLAYGROUND_FEATURES.map((f) => new CheckField(state, { key: `f_${f}`, label: FEATURE_LABELS[f], value: D.features.includes(f) }));
    const featureBox = fieldset('Input features', ...features);
    featureBox.classList.add('features');
    const featureError = h('p', 'error');
    featureBox.append(featureError);
    // Network
    const layers = new TextField(state, { key: 'layers', label: 'Neurons per hidden layer', unit: 'comma-separated, 1–8 each, ≤ 6 layers', value: D.hidden.join(', '), help: 'e.g. “8, 4”; empty: no hidden layer (logistic regression).' });
    const activation = new SelectField<string>(state, { key: 'act', label: 'Activation (hidden layers)', value: D.activation, options: PLAYGROUND_ACTIVATIONS.map((a) => ({ value: a, label: a === 'lif' ? 'lif (a·G(z), LIF rate)' : a === 'soft-lif' ? 'soft-lif (smoothed LIF rate)' : a })) });
    const optimizer = new SelectField<OptimizerName>(state, { key: 'opt', label: 'Optimizer', value: D.optimizer, options: OPTIMIZER_NAMES.map((o) => ({ value: o, label: o })) });
    const lr = new NumberField(state, { key: 'lr', label: 'Learning rate', unit: '1', value: D.lr, min: 0, minExclusive: true, max: 10 });
    const reg = new SelectField<'none' | 'l1' | 'l2'>(state, { key: 'reg', label: 'Regularization', value: D.regularization, options: [{ value: 'none', label: 'none' }, { value: 'l1', label: 'L1 (λ Σ|W|)' }, { value: 'l2', label: 'L2 (λ ‖W‖²)' }] });
    const regRate = new NumberField(state, { key: 'lambda', label: 'Regularization rate λ', unit: '1', value: D.regRate, min: 0 });
    // Training
    const maxEpochs = new NumberField(state, { key: 'epochs', label: 'Stop at epoch', unit: 'passes over the training points', value: 200, min: 1, max: 100000, integer: true });
    const perUpdate = new NumberField(state, { key: 'speed', label: 'Epochs per redraw', unit: 'count', value: 5, min: 1, max: 1000, integer: true, slider: { min: 1, max: 50, step: 1 } });
    const play = button('Pause', 'run play');
    const step = button('Step', 'run', 'Train one epoch');
    const reset = button('Reset', 'run', 'New initial weights: start again from epoch 0');
    play.id = 'pg-play';
    step.id = 'pg-step';
    reset.id = 'pg-reset';
    const buttons = h('div', 'buttons');
    buttons.append(play, step, reset);
    // View
    const showTest = new CheckField(state, { key: 'showTest', label: 'Show test data', value: false });
    const discretize = new CheckField(state, { key: 'discrete', label: 'Discretize output (class 0/1)', value: false });

    const epoch = new Readout('pg-epoch', 'Epoch', '');
    const testErr = new Readout('pg-test-error', 'Test error', '%');
    const trainErr = new Readout('pg-train-error', 'Training error', '%');
    const losses = new Readout('pg-loss', 'Loss test / training', 'nats');
    const work = lane('playground', 1e9);
    const status = new Status('pg-status', () => {
      work.cancel();
      pause('cancelled (paused; Play resumes from the last update)');
    });
    controls.append(
      fieldset('Data', dataset, noise, ratio, batch, seed, regenerate),
      featureBox,
      fieldset('Network', layers, activation, optimizer, lr, reg, regRate),
      fieldset('Training', maxEpochs, perUpdate, buttons, showTest, discretize),
      fieldset('Results', epoch.el, testErr.el, trainErr.el, losses.el, status.el),
    );
    const boundaryPlot = new PlotView('pg-boundary', 440), lossPlot = new PlotView('pg-losses', 360);
    plots.append(boundaryPlot.el, lossPlot.el);

    let sessionNo = 0;
    let session = '';
    let last: PlaygroundSnapshot | null = null;
    let lastSession = '';
    let sets: ReturnType<typeof splitDataset> | null = null;
    let playing = false;
    let busy = false;
    let pendingStep = 0;

    function readOptions(): PlaygroundOptions | null {
      const v = readAll([noise, ratio, batch, seed, lr, regRate, maxEpochs, perUpdate]);
      layers.setError(null);
      featureError.textContent = '';
      const hidden = parseLayers(layers.raw());
      let ok = v !== null;
      if (typeof hidden === 'string') {
        layers.setError(`Neurons per hidden layer: ${hidden}.`);
        ok = false;
      }
      const feats = PLAYGROUND_FEATURES.filter((_, i) => features[i].read());
      if (feats.length === 0) {
        featureError.textContent = 'Pick at least one input feature.';
        ok = false;
      }
      if (!ok || !v || typeof hidden === 'string') return null;
      const [nz, rt, bs, sd, rate, lambda] = v;
      return {
        dataset: dataset.read(), noise: nz / 100, trainRatio: rt / 100, batchSize: bs, seed: sd, features: feats as PlaygroundFeature[], hidden,
        activation: activation.read(), optimizer: optimizer.read(), lr: rate, regularization: reg.read(), regRate: lambda,
      };
    }

    function structureKey(o: PlaygroundOptions): string {
      return JSON.stringify([o.dataset, o.noise, o.trainRatio, o.seed, o.features, o.hidden, o.activation]);
    }
    let currentKey = '';

    function setPlaying(p: boolean): void {
      playing = p;
      play.textContent = p ? 'Pause' : 'Play';
      play.setAttribute('aria-pressed', String(p));
      if (p) root.dataset.playing = '1';
      else delete root.dataset.playing;
    }

    function pause(message: string): void {
      setPlaying(false);
      status.done(message);
    }

    // One redraw at a time: a snapshot (or a view change) arriving during a redraw is drawn right after it, once;
    // the next training request waits for the redraw, so the worker never outruns the page.
    let drawing: Promise<void> | null = null;
    let dirty = false;
    function draw(): Promise<void> {
      if (drawing) {
        dirty = true;
        return drawing;
      }
      drawing = (async () => {
        do {
          dirty = false;
          await drawOnce();
        } while (dirty);
        drawing = null;
      })();
      return drawing;
    }

    async function drawOnce(): Promise<void> {
      if (!last || !sets) return;
      const [b, l] = playgroundFigures(last, sets, { showTest: showTest.read(), discretize: discretize.read() });
      await Promise.all([boundaryPlot.draw(b), lossPlot.draw(l)]);
      bump(root);
      epoch.set(last.epoch, 0);
      testErr.show(last.testError, `${(100 * last.testError).toFixed(1)} %`);
      trainErr.show(last.trainError, `${(100 * last.trainError).toFixed(1)} %`);
      losses.show(last.testLoss[last.testLoss.length - 1], `${formatLoss(last.testLoss[last.testLoss.length - 1])} / ${formatLoss(last.trainLoss[last.trainLoss.length - 1])} nats`);
    }

    /** Sends the next request: `epochs` more epochs of the current session. */
    function request(epochs: number): void {
      const o = readOptions();
      if (!o) {
        setPlaying(false);
        return invalid(status, work);
      }
      const key = structureKey(o);
      if (key !== currentKey) {
        currentKey = key;
        session = `s${++sessionNo}`;
        last = null;
        const all = makeDataset({ kind: o.dataset!, samples: D.samples, noise: o.noise, seed: o.seed });
        sets = splitDataset(all, o.trainRatio!, o.seed);
      }
      const job: PlaygroundJob = {
        kind: 'playground', session, options: o, epochs,
        resume: last && lastSession === session ? { epoch: last.epoch, params: last.params, trainLoss: last.trainLoss, testLoss: last.testLoss } : null,
      };
      busy = true;
      const asked = session;
      if (playing) status.busy(`training… epoch ${last?.epoch ?? 0} of ${maxEpochs.read() ?? '?'}`, last ? last.epoch / (maxEpochs.read() ?? 1) : 0, true);
      work.run(job).then(async (res) => {
        if (res.kind !== 'playground' || asked !== session) {
          busy = false;
          return tick();
        }
        last = res.snapshot;
        lastSession = res.session;
        await draw();
        const stopAt = maxEpochs.read() ?? Infinity;
        if (playing && last.epoch >= stopAt) pause(`stopped at epoch ${last.epoch} (“Stop at epoch”); Play trains on, Reset starts again`);
        else if (!playing) status.done(`paused at epoch ${last.epoch}`);
        busy = false;
        tick();
      }).catch((err) => {
        busy = false;
        setPlaying(false);
        showJobError(err, [
          ['dataset', () => dataset], ['noise', () => noise], ['trainRatio', () => ratio], ['batchSize', () => batch], ['seed', () => seed],
          ['hidden', () => layers], ['activation', () => activation], ['optimizer', () => optimizer], ['lr', () => lr], ['regRate', () => regRate],
          [/^train$/, () => lr],
        ], status, 'paused; the last boundary stays');
      });
    }

    /** Decides what to ask for next (one request in flight at a time). */
    function tick(): void {
      if (busy) return;
      const o = readOptions();
      const changed = o ? structureKey(o) !== currentKey : false;
      if (changed) return request(0);
      if (pendingStep > 0) {
        const n = pendingStep;
        pendingStep = 0;
        return request(n);
      }
      if (!playing) return;
      // Another panel is open (this one is kept mounted but hidden): stop rather than train unseen.
      if (root.closest('[hidden]')) return pause(`paused at epoch ${last?.epoch ?? 0} (the panel was left; Play resumes)`);
      const stopAt = maxEpochs.read() ?? 0;
      const at = last?.epoch ?? 0;
      if (at >= stopAt) return pause(`stopped at epoch ${at}`);
      requestAnimationFrame(() => { if (!busy && playing) request(Math.min(perUpdate.read() ?? 1, stopAt - at)); });
    }

    // A change to the data, features, layers, activation or seed starts a new run and plays it.
    const restart = () => {
      if (!readOptions()) {
        setPlaying(false);
        return invalid(status, work);
      }
      setPlaying(true);
      tick();
    };
    for (const f of [dataset, noise, ratio, seed, layers, activation, ...features]) f.onInput(restart);
    // These apply to the run in progress (the next request carries them).
    for (const f of [batch, lr, reg, regRate, optimizer, maxEpochs, perUpdate]) f.onInput(() => { if (!readOptions()) { setPlaying(false); invalid(status, work); } });
    for (const f of [showTest, discretize]) f.onInput(() => void draw());
    play.addEventListener('click', () => {
      if (playing) return pause(`paused at epoch ${last?.epoch ?? 0}`);
      const stopAt = maxEpochs.read() ?? 0;
      if ((last?.epoch ?? 0) >= stopAt) maxEpochs.set(stopAt + 200);
      setPlaying(true);
      tick();
    });
    step.addEventListener('click', () => {
      setPlaying(false);
      pendingStep++;
      tick();
    });
    reset.addEventListener('click', () => {
      currentKey = '';
      tick();
    });
    regenerate.addEventListener('click', () => {
      const s = seed.read() ?? 0;
      seed.set(s + 1);
      restart();
    });
    setPlaying(true);
    tick();
    return {
      shown: () => [boundaryPlot, lossPlot].forEach((p) => p.resize()),
      dispose: () => { setPlaying(false); work.cancel(); },
    };
  },
};
