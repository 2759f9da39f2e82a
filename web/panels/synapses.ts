/**
 * Synapses panel: the PSC kernel h(t) = k tⁿ e^(−t/τ_s) for the chosen n and τ_s (other orders for
 * comparison), and a regular or Poisson spike train filtered by it three ways — the exact sum of kernels, the
 * recursive exact cascade and the notes' forward Euler — overlaid. Runs `runPsc` (shared with `npm run sim -- psc`)
 * in the worker; figures from `pscFigures`.
 * @module
 */
import { PSC_RUN_DEFAULTS, pscFigures } from '../../src/experiments/psc.js';
import { CheckField, fieldset, NumberField, Readout, SelectField } from '../controls.js';
import type { SynapsesJob } from '../jobs/synapses.js';
import { PlotView } from '../plot.js';
import { lane } from '../workerClient.js';
import type { Panel } from './index.js';
import { thousands } from '../messages.js';
import { bump, drawInTurn, invalid, nextPaint, readAll, showJobError, Status, toMs, twoColumns } from './kit.js';

const D = PSC_RUN_DEFAULTS;

export const synapsesPanel: Panel = {
  id: 'synapses',
  title: 'Synapses',
  blurb: 'Post-synaptic currents: the kernel h(t) = tⁿ e^(−t/τ_s) / (n! τ_s^(n+1)) (∫h = 1) and a spike train filtered by it, exactly, recursively and by Euler steps.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'synapses');
    root.id = 'synapses-root';
    const n = new NumberField(state, { key: 'n', label: 'PSC order n', unit: '0 = exponential, 1 = alpha', value: D.n, min: 0, max: 8, integer: true, slider: { min: 0, max: 5, step: 1 } });
    const tauS = new NumberField(state, { key: 'tauS', label: 'Synaptic time constant τ_s', unit: 'ms', value: toMs(D.filterTauS), min: 0, minExclusive: true, max: 1000, slider: { min: 0.5, max: 50, step: 0.5 } });
    const compare = new CheckField(state, { key: 'cmp', label: 'Also draw orders 0, 1, 2 for comparison', value: true });
    const train = new SelectField<'regular' | 'poisson'>(state, { key: 'train', label: 'Spike train', value: 'poisson', options: [{ value: 'poisson', label: 'Poisson (random)' }, { value: 'regular', label: 'regular' }] });
    const rate = new NumberField(state, { key: 'rate', label: 'Rate', unit: 'Hz', value: D.rate, min: 0, minExclusive: true, max: 2000, slider: { min: 1, max: 200, step: 1 } });
    const duration = new NumberField(state, { key: 'T', label: 'Duration', unit: 'ms', value: toMs(D.duration), min: 0, minExclusive: true, slider: { min: 50, max: 2000, step: 10 } });
    const dt = new NumberField(state, { key: 'dt', label: 'Sample interval dt (Euler step)', unit: 'ms', value: toMs(D.dt), min: 0, minExclusive: true });
    const seed = new NumberField(state, { key: 'seed', label: 'Random seed (Poisson)', unit: 'integer', value: D.seed, min: 0, integer: true });

    const spikes = new Readout('syn-spikes', 'Spikes in the train', '');
    const integral = new Readout('syn-integral', '∫h dt (chosen kernel)', '');
    const peak = new Readout('syn-peak', 'Kernel peak at n·τ_s', 'ms');
    const recErr = new Readout('syn-rec-err', 'max |exact − recursive|', '1/s');
    const eulErr = new Readout('syn-euler-err', 'max |exact − Euler|', '1/s');
    const mean = new Readout('syn-mean', 'Mean of s(t) vs the train’s rate', 'Hz');
    const status = new Status('syn-status');
    controls.append(
      fieldset('Kernel', n, tauS, compare),
      fieldset('Spike train', train, rate, duration, dt, seed),
      fieldset('Results', spikes.el, integral.el, peak.el, recErr.el, eulErr.el, mean.el, status.el),
    );
    const kernelPlot = new PlotView('syn-kernels', 300), trainPlot = new PlotView('syn-train', 340);
    plots.append(kernelPlot.el, trainPlot.el);
    const work = lane('synapses', 150).warm();

    function update(): void {
      const v = readAll([n, tauS, rate, duration, dt, seed]);
      if (!v) return invalid(status, work);
      const [order, tau, r, T, step, s] = v;
      if (step > T) {
        dt.setError(`Sample interval dt (ms) must be ≤ the duration (${T} ms) (got ${step}).`);
        return invalid(status, work);
      }
      seed.setVisible(train.read() === 'poisson');
      const job: SynapsesJob = {
        kind: 'synapses', n: order, tauS: tau / 1e3, train: train.read(), rate: r, duration: T / 1e3, dt: step / 1e3, seed: s,
        compareOrders: compare.read() ? [0, 1, 2] : [],
      };
      status.busy('filtering…');
      work.run(job).then(async (res) => {
        if (res.kind !== 'synapses') return;
        const run = res.run;
        const [kFig, tFig] = pscFigures(run);
        // The chosen kernel drawn bold.
        kFig.data.forEach((t, i) => { if (run.kernels.curves[i].n === order) t.line = { width: 3.5 }; });
        await drawInTurn(() => kernelPlot.draw(kFig), () => trainPlot.draw(tFig, { samples: res.samples }));
        await nextPaint();
        const chosen = run.kernels.curves.find((c) => c.n === order)!;
        spikes.set(run.spikes.length, 0);
        integral.set(chosen.integral, 6);
        peak.set(chosen.peakTime * 1e3, 3);
        recErr.show(run.recursiveError, run.recursiveError.toExponential(2) + ' 1/s');
        eulErr.show(run.eulerError, run.eulerError.toExponential(2) + ' 1/s');
        mean.show(run.meanActivity, `${run.meanActivity.toFixed(2)} vs ${run.empiricalRate.toFixed(2)} Hz`);
        bump(root);
        status.done(`${run.spikes.length} spikes filtered three ways on ${thousands(res.samples)} samples`);
      }).catch((err) => showJobError(err, [
        ['ns', () => n], ['psc.n', () => n], ['tauS', () => tauS], ['filterTauS', () => tauS], ['rate', () => rate], ['duration', () => duration],
        ['dt', () => dt], ['seed', () => seed],
      ], status));
    }

    for (const f of [n, tauS, compare, train, rate, duration, dt, seed]) f.onInput(update);
    update();
    return { shown: () => [kernelPlot, trainPlot].forEach((p) => p.resize()) };
  },
};
