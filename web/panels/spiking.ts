/**
 * Spiking view: a digit — one of the 200 shipped test digits, or one drawn on the canvas and prepared as
 * MNIST's were — through the small soft-lif MNIST network shipped in web/models/ and through its spiking twin
 * (`toSpiking`): the rate network's answer, the hidden layer's raster, the output currents converging over the
 * presentation, and accuracy against presentation time over the shipped digits (worker, progress, Cancel).
 * Scenario: src/experiments/spikingDigit.ts; figures: web/figures/spikingDigit.ts; digits: ./digits.ts.
 * @module
 */
import { SPIKING_DIGIT_DEFAULTS } from '../../src/experiments/spikingDigit.js';
import type { MLPJson } from '../../src/nn/mlp.js';
import { fieldset, h, NumberField, Readout, SelectField, type Field } from '../controls.js';
import { spikingAccuracyFigure, spikingDigitFigures } from '../figures/spikingDigit.js';
import { MAX_MODEL_FILE_BYTES, type SpikingAccuracyJob, type SpikingDigitJob } from '../jobs/spiking.js';
import { PlotView } from '../plot.js';
import { lane } from '../workerClient.js';
import { decodeDigits, drawingToDigit, type DigitsJson } from './digits.js';
import type { Panel } from './index.js';
import { bump, button, invalid, readAll, showJobError, Status, toMs, twoColumns } from './kit.js';

const D = SPIKING_DIGIT_DEFAULTS;

const MODEL_URL = new URL('../models/mnist-small.json', import.meta.url).href;
const DIGITS_URL = new URL('../models/mnist-test-digits.json', import.meta.url).href;
const HOW = 'Model: web/models/mnist-small.json, a 784-32-10 soft-lif MLP (γ 0.02, amplitude 1/63, τ_m 20 ms, τ_ref 2 ms) trained by ' +
  '`npm run sim -- mnist --activation soft-lif --hidden 32 --gamma 0.02 --epochs 20 --save web/models/mnist-small.json` ' +
  '(90.8 % on that sim’s 1,756 test digits). The 200 digits are the first of the same test split (sims/tools/make-digits.ts).';

let assets: Promise<{ model: MLPJson; digits: ReturnType<typeof decodeDigits> }> | null = null;
function loadAssets() {
  assets ??= Promise.all([fetch(MODEL_URL).then((r) => r.json()), fetch(DIGITS_URL).then((r) => r.json())])
    .then(([model, digits]) => ({ model: model as MLPJson, digits: decodeDigits(digits as DigitsJson) }));
  return assets;
}

/** Paints 784 grey levels on a canvas (white ink on black, as MNIST). */
function paintDigit(canvas: HTMLCanvasElement, x: ArrayLike<number>): void {
  const ctx = canvas.getContext('2d')!;
  const img = ctx.createImageData(28, 28);
  for (let i = 0; i < 784; i++) {
    const g = Math.round(255 * Math.max(0, Math.min(1, x[i])));
    img.data.set([g, g, g, 255], 4 * i);
  }
  const tmp = document.createElement('canvas');
  tmp.width = tmp.height = 28;
  tmp.getContext('2d')!.putImageData(img, 0, 0);
  ctx.imageSmoothingEnabled = false;
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(tmp, 0, 0, canvas.width, canvas.height);
}

export const spikingPanel: Panel = {
  id: 'spiking',
  title: 'Spiking view',
  blurb: 'A digit through the rate network and through the same weights run as spiking LIF neurons: hidden raster, output currents converging, and accuracy against presentation time.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'spiking');
    root.id = 'spiking-root';
    const source = new SelectField<'test' | 'drawn'>(state, { key: 'src', label: 'Input', value: 'test', options: [{ value: 'test', label: 'a shipped test digit' }, { value: 'drawn', label: 'my drawing (draw on the canvas)' }] });
    const index = new NumberField(state, { key: 'digit', label: 'Test digit number', unit: '0–199', value: 0, min: 0, max: 199, integer: true, slider: { min: 0, max: 199, step: 1 } });
    const canvas = h('canvas', 'digit-canvas');
    canvas.width = canvas.height = 280;
    canvas.id = 'spiking-canvas';
    canvas.setAttribute('aria-label', 'The digit (draw here when the input is “my drawing”)');
    const preview = h('canvas', 'digit-preview');
    preview.width = preview.height = 56;
    preview.title = 'What the network sees: 28×28, centred by mass as MNIST';
    const clear = button('Clear drawing');
    const canvasBox = h('div', 'digit-box');
    canvasBox.append(canvas, preview);
    const label = new Readout('spiking-label', 'Label', '');
    const duration = new NumberField(state, { key: 'T', label: 'Presentation time', unit: 'ms', value: toMs(D.duration), min: 0, minExclusive: true, max: 10000, slider: { min: 10, max: 1000, step: 10 } });
    const dt = new NumberField(state, { key: 'dt', label: 'Time step dt', unit: 'ms', value: toMs(D.dt), min: 0, minExclusive: true });
    const tauS = new NumberField(state, { key: 'tauS', label: 'Synaptic time constant τ_s', unit: 'ms', value: toMs(D.tauS), min: 0, minExclusive: true, slider: { min: 0.5, max: 50, step: 0.5 } });
    const seed = new NumberField(state, { key: 'seed', label: 'Seed of the initial phases (and Poisson inputs)', unit: 'integer', value: D.seed, min: 0, integer: true });
    const inputMode = new SelectField<'current' | 'poisson'>(state, { key: 'in', label: 'Pixels enter as', value: D.input, options: [{ value: 'current', label: 'constant currents J = W·x + b' }, { value: 'poisson', label: 'Poisson spike trains' }] });
    const inputRate = new NumberField(state, { key: 'rate', label: 'Poisson rate of a white pixel', unit: 'Hz', value: D.inputRate, min: 0, minExclusive: true, max: 5000 });
    const samples = new NumberField(state, { key: 'n', label: 'Test digits for the accuracy curve', unit: 'count, ≤ 200', value: 200, min: 1, max: 200, integer: true });
    const rateAns = new Readout('spiking-rate-answer', 'Rate network answer', '');
    const spikeAns = new Readout('spiking-answer', 'Spiking network answer', '');
    const spikes = new Readout('spiking-spikes', 'Hidden spikes', '');
    const accReadout = new Readout('spiking-accuracy', 'Spiking / rate accuracy at the longest time', '%');
    const status = new Status('spiking-status');
    const accLane = lane('spikingAccuracy', 0);
    const accStatus = new Status('spiking-acc-status', () => {
      accLane.cancel();
      accStatus.done('cancelled (the last curve stays)');
    });
    const accRun = button('Compute accuracy curve', 'run');
    controls.append(
      fieldset('Digit', source, index, canvasBox, clear, label.el),
      fieldset('Spiking network', duration, dt, tauS, inputMode, inputRate, seed),
      fieldset('Answers', rateAns.el, spikeAns.el, spikes.el, status.el),
      fieldset('Accuracy vs presentation time', samples, accReadout.el, accStatus.el, accRun),
    );
    // Your own model: a JSON file saved by the sims (not kept in the address: a file cannot be linked).
    const fileInput = h('input');
    fileInput.type = 'file';
    fileInput.accept = '.json,application/json';
    fileInput.id = 'spiking-model-file';
    const fileLabel = h('label', '', 'Your own model (JSON) ');
    fileLabel.htmlFor = fileInput.id;
    fileLabel.append(h('span', 'unit', '(784 inputs, lif/soft-lif hidden, 10 outputs; from npm run sim -- mnist --activation soft-lif --save)'));
    const fileError = h('p', 'error');
    fileError.setAttribute('aria-live', 'polite');
    const fileBox = h('div', 'field');
    fileBox.dataset.key = 'model';
    fileBox.append(fileLabel, fileInput, fileError);
    const modelField: Field = {
      key: 'model', el: fileBox, raw: () => fileInput.value,
      setError: (m) => { fileError.textContent = m ?? ''; fileBox.classList.toggle('invalid', !!m); },
      setVisible: (v) => { fileBox.hidden = !v; },
    };
    const shipped = button('Use the shipped model');
    const modelInfo = new Readout('spiking-model', 'Model in use', '');
    modelInfo.text('shipped 784-32-10 soft-lif');
    controls.append(fieldset('Model', modelInfo.el, fileBox, shipped), h('p', 'help', HOW));
    let custom: { key: string; json: Blob; name: string } | null = null;
    let files = 0;
    /** Bumped whenever a model is picked: errors of jobs that ran an earlier pick are not shown. */
    let modelGen = 0;
    // A file is size-checked here, then read, parsed and checked whole in a worker before anything is built from it
    // (a large file never blocks the page; a malformed one is reported beside this control).
    const modelLane = lane('spikingModel', 0);
    const modelRoutes: Parameters<typeof showJobError>[1] = [['spikingView.model', () => modelField], ['model', () => modelField], [/^MLP\b|Activation|^mlp/, () => modelField]];
    fileInput.addEventListener('change', () => {
      const f = fileInput.files?.[0];
      const gen = ++modelGen;
      modelField.setError(null);
      modelLane.cancel();
      if (!f) return;
      if (f.size > MAX_MODEL_FILE_BYTES) {
        return modelField.setError(`${f.name} is ${(f.size / 1e6).toFixed(1)} MB; a model file may be at most ${MAX_MODEL_FILE_BYTES / 1e6} MB (the shipped one is 0.5 MB).`);
      }
      status.busy(`checking ${f.name}…`);
      const key = `file-${++files}`;
      // The file itself goes to the worker (a reference, not its bytes): reading and parsing it happen there.
      modelLane.run({ kind: 'spikingModel', model: f, modelKey: key, name: f.name }).then((res) => {
        if (gen !== modelGen || res.kind !== 'spikingModel') return;
        custom = { key, json: f, name: f.name };
        modelInfo.text(`${f.name} (${res.sizes.join('-')})`);
        void update();
        void accuracy();
      }).catch((err) => { if (gen === modelGen) showJobError(err, modelRoutes, status, 'the model in use stays'); });
    });
    shipped.addEventListener('click', () => {
      modelGen++;
      modelLane.cancel();
      custom = null;
      fileInput.value = '';
      modelField.setError(null);
      modelInfo.text('shipped 784-32-10 soft-lif');
      void update();
      void accuracy();
    });
    const raster = new PlotView('spiking-raster', 300), currents = new PlotView('spiking-currents', 340), answers = new PlotView('spiking-answers', 260), accPlot = new PlotView('spiking-acc', 280);
    plots.append(raster.el, currents.el, answers.el, accPlot.el);
    const digitLane = lane('spikingDigit', 100).warm();

    // Drawing: white strokes on black, then the MNIST preparation.
    const ctx = canvas.getContext('2d')!;
    const blank = () => { ctx.fillStyle = '#000'; ctx.fillRect(0, 0, 280, 280); };
    blank();
    let drawn: Float64Array = new Float64Array(784);
    let drawing = false, lastPt: [number, number] | null = null;
    const at = (e: PointerEvent): [number, number] => {
      const r = canvas.getBoundingClientRect();
      return [((e.clientX - r.left) * 280) / r.width, ((e.clientY - r.top) * 280) / r.height];
    };
    canvas.addEventListener('pointerdown', (e) => {
      if (source.read() !== 'drawn') {
        source.select.value = 'drawn';
        source.select.dispatchEvent(new Event('change'));
        blank();
      }
      drawing = true;
      lastPt = at(e);
      canvas.setPointerCapture(e.pointerId);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!drawing || !lastPt) return;
      const p = at(e);
      ctx.strokeStyle = '#fff';
      ctx.lineWidth = 22;
      ctx.lineCap = 'round';
      ctx.lineJoin = 'round';
      ctx.beginPath();
      ctx.moveTo(lastPt[0], lastPt[1]);
      ctx.lineTo(p[0], p[1]);
      ctx.stroke();
      lastPt = p;
    });
    const finish = () => {
      if (!drawing) return;
      drawing = false;
      lastPt = null;
      const img = ctx.getImageData(0, 0, 280, 280).data;
      const gray = new Float64Array(280 * 280);
      for (let i = 0; i < gray.length; i++) gray[i] = img[4 * i] / 255;
      drawn = drawingToDigit(gray, 280, 280);
      update();
    };
    canvas.addEventListener('pointerup', finish);
    canvas.addEventListener('pointercancel', finish);
    clear.addEventListener('click', () => {
      blank();
      drawn = new Float64Array(784);
      if (source.read() === 'drawn') update();
    });

    function settings(): [number, number, number, number, number] | null {
      inputRate.setVisible(inputMode.read() === 'poisson');
      const v = readAll([duration, dt, tauS, seed, inputRate]);
      if (!v) return null;
      if (v[1] > v[0]) {
        dt.setError(`Time step dt (ms) must be ≤ the presentation time (${v[0]} ms) (got ${v[1]}).`);
        return null;
      }
      return v as [number, number, number, number, number];
    }
    const routes = [['duration', () => duration], ['dt', () => dt], ['tauS', () => tauS], ['seed', () => seed], ['inputRate', () => inputRate],
      ['spikingView.x', () => (custom ? modelField : index)], ['toSpiking', () => modelField], ...modelRoutes] as Parameters<typeof showJobError>[1];

    async function update(): Promise<void> {
      const v = settings();
      const idx = index.read();
      index.setVisible(source.read() === 'test');
      if (!v || idx === null) return invalid(status, digitLane);
      const [T, step, ts, sd, rate] = v;
      status.busy('loading the model…');
      let a;
      try {
        a = await loadAssets();
      } catch (e) {
        assets = null;
        return void status.fail(`Could not load the shipped model or digits: ${(e as Error).message}`);
      }
      const test = source.read() === 'test';
      const x = test ? Array.from(a.digits.X.data.subarray(idx * 784, (idx + 1) * 784)) : Array.from(drawn);
      const lab = test ? a.digits.labels[idx] : null;
      if (test) paintDigit(canvas, x);
      paintDigit(preview, x);
      if (lab === null) label.text('— (drawn)');
      else label.set(lab, 0);
      const job: SpikingDigitJob = { kind: 'spikingDigit', model: custom?.json ?? a.model, modelKey: custom?.key ?? 'mnist-small', x, duration: T / 1e3, dt: step / 1e3, tauS: ts / 1e3, seed: sd, input: inputMode.read(), inputRate: rate };
      status.busy('simulating…');
      const gen = modelGen;
      digitLane.run(job).then(async (res) => {
        if (res.kind !== 'spikingDigit') return;
        const r = res.result;
        const [rf, cf, af] = spikingDigitFigures(r, lab);
        await Promise.all([raster.draw(rf), currents.draw(cf), answers.draw(af)]);
        rateAns.show(r.ratePrediction, `${r.ratePrediction} (softmax ${(100 * r.rateProbabilities[r.ratePrediction]).toFixed(1)} %)`);
        spikeAns.show(r.run.prediction, `${r.run.prediction} after ${(r.run.duration * 1e3).toFixed(0)} ms`);
        spikes.set(r.run.hidden[0].spikes.time.length, 0);
        bump(root);
        const agree = r.run.prediction === r.ratePrediction ? 'agree' : 'disagree';
        status.done(`rate and spiking networks ${agree}${lab === null ? '' : `; label ${lab}`}`);
      }).catch((err) => { if (gen === modelGen) showJobError(err, routes, status); });
    }

    async function accuracy(): Promise<void> {
      const v = settings();
      const n = samples.read();
      if (!v || n === null) return invalid(accStatus, accLane);
      const [T, step, ts, sd, rate] = v;
      const a = await loadAssets().catch(() => null);
      if (!a) return void accStatus.fail('Could not load the shipped model or digits.');
      // Presentation times from 5 ms to the chosen one (only those ≥ dt).
      const durations = [5, 10, 20, 50, 100, 200, 300, 500, 1000].filter((d) => d < T && d >= step).concat(T).map((d) => d / 1e3);
      const X = { rows: n, cols: 784, data: a.digits.X.data.slice(0, n * 784) };
      const job: SpikingAccuracyJob = { kind: 'spikingAccuracy', model: custom?.json ?? a.model, modelKey: custom?.key ?? 'mnist-small', X, labels: Array.from(a.digits.labels.subarray(0, n)), durations, dt: step / 1e3, tauS: ts / 1e3, seed: sd, input: inputMode.read(), inputRate: rate };
      accStatus.busy('presenting digits…', 0, true);
      const gen = modelGen;
      accLane.run(job, (d, total) => accStatus.busy(`presenting digit ${d} of ${total}…`, d / total, true)).then(async (res) => {
        if (res.kind !== 'spikingAccuracy') return;
        const r = res.result;
        await accPlot.draw(spikingAccuracyFigure(r));
        const k = r.accuracy.length - 1;
        accReadout.show(r.accuracy[k], `${(100 * r.accuracy[k]).toFixed(1)} / ${(100 * r.rateAccuracy).toFixed(1)} %`);
        root.dataset.accUpdates = String(Number(root.dataset.accUpdates ?? 0) + 1);
        accStatus.done(`${r.samples} digits, each presented once for ${(r.durations[k] * 1e3).toFixed(0)} ms; mean hidden rate ${r.meanHiddenRate.toFixed(1)} Hz`);
      }).catch((err) => { if (gen === modelGen) showJobError(err, [...routes, ['samples', () => samples]], accStatus); });
    }

    for (const f of [source, index, duration, dt, tauS, seed, inputMode, inputRate]) f.onInput(() => void update());
    for (const f of [dt, tauS, seed, duration, samples, inputMode, inputRate]) f.onInput(() => void accuracy());
    accRun.addEventListener('click', () => void accuracy());
    void update();
    void accuracy();
    return {
      shown: () => [raster, currents, answers, accPlot].forEach((p) => p.resize()),
      dispose: () => accLane.cancel(),
    };
  },
};
