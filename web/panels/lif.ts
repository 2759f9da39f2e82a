/**
 * LIF panel: v(t) with the threshold, the reset, the spikes and the refractory periods (shaded); the input as a
 * constant, a step or a formula; and the analytic G(v_in) beside the measured rate, on the rate curve. Runs
 * `runLif` in the worker; figures from `lifFigures` (shared with `npm run sim -- lif --plot`) and `lifRateCurveFigure`.
 * @module
 */
import { LIF_RUN_DEFAULTS, lifFigures } from '../../src/experiments/neuronTraces.js';
import type { LifMethod } from '../../src/neurons/lif.js';
import { fieldset, NumberField, Readout, SelectField } from '../controls.js';
import { lifRateCurveFigure } from '../figures/lifRateCurve.js';
import type { LifJob } from '../jobs/neurons.js';
import { PlotView } from '../plot.js';
import { lane } from '../workerClient.js';
import type { Panel } from './index.js';
import { bump, drawInTurn, invalid, ms, nextPaint, showJobError, Status, toMs, twoColumns } from './kit.js';

const D = LIF_RUN_DEFAULTS;
import { SignalInput } from './signalInput.js';

export const lifPanel: Panel = {
  id: 'lif',
  title: 'LIF',
  blurb: 'A normalized leaky integrate-and-fire neuron (threshold 1, reset 0): τ_m dv/dt = v_in − v, then a refractory pause.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'lif');
    root.id = 'lif-root';
    const input = new SignalInput(state, {
      title: 'Input v_in', symbol: 'v_in', unit: '',
      constant: { value: D.input, slider: { min: 0, max: 5, step: 0.01 } },
      step: { before: 0.5, after: 2, onsetMs: 50 },
      formula: '1.5 + 0.5*sin(2*pi*5*t)',
    });
    const duration = new NumberField(state, { key: 'T', label: 'Duration', unit: 'ms', value: toMs(D.duration), min: 0, minExclusive: true, slider: { min: 10, max: 2000, step: 10 } });
    const dt = new NumberField(state, { key: 'dt', label: 'Time step dt', unit: 'ms', value: toMs(D.dt), min: 0, minExclusive: true });
    const method = new SelectField<LifMethod>(state, {
      key: 'method', label: 'Integrator', value: D.method,
      options: [{ value: 'exact', label: 'exact (in-step spike time)' }, { value: 'euler', label: 'Euler' }, { value: 'rk4', label: 'RK4' }],
    });
    const tauM = new NumberField(state, { key: 'tauM', label: 'Membrane time constant τ_m', unit: 'ms', value: toMs(D.tauM), min: 0, minExclusive: true, slider: { min: 1, max: 100, step: 1 } });
    const tauRef = new NumberField(state, { key: 'tauRef', label: 'Refractory period τ_ref', unit: 'ms', value: toMs(D.tauRef), min: 0, slider: { min: 0, max: 20, step: 0.1 } });

    const measured = new Readout('lif-rate', 'Measured rate', 'Hz');
    const analytic = new Readout('lif-analytic', 'Analytic G(v_in)', 'Hz');
    const spikes = new Readout('lif-spikes', 'Spikes', '');
    const status = new Status('lif-status');
    controls.append(input.el, fieldset('Neuron and simulation', duration, dt, method, tauM, tauRef),
      fieldset('Results', measured.el, analytic.el, spikes.el, status.el));
    const vPlot = new PlotView('lif-v', 360), ratePlot = new PlotView('lif-g', 300);
    plots.append(vPlot.el, ratePlot.el);
    const work = lane('lif').warm();

    function update(e?: Event): void {
      const t0 = e?.timeStamp ?? performance.now();
      for (const f of [duration, dt, tauM, tauRef]) f.setError(null);
      const v = input.read();
      const T = duration.read(), step = dt.read(), tm = tauM.read(), tr = tauRef.read();
      if (!v || T === null || step === null || tm === null || tr === null) return invalid(status, work);
      if (step > T) {
        dt.setError(`Time step dt (ms) must be ≤ the duration (${T} ms) (got ${step}).`);
        return invalid(status, work);
      }
      const job: LifJob = { kind: 'lif', input: v, duration: T / 1e3, dt: step / 1e3, method: method.read(), tauM: tm / 1e3, tauRef: tr / 1e3 };
      status.busy('simulating…');
      work.run(job).then(async ({ run, samples }) => {
        await drawInTurn(() => vPlot.draw(lifFigures(run)[0], { samples }), () => ratePlot.draw(lifRateCurveFigure(run)));
        await nextPaint();
        const lat = performance.now() - t0;
        measured.set(run.rate, 2, run.trace.spikes.length < 2 ? ' (needs ≥ 2 spikes)' : '');
        if (Number.isNaN(run.analyticRate)) analytic.text('— (needs a constant input)');
        else analytic.set(run.analyticRate, 2);
        spikes.set(run.trace.spikes.length, 0);
        root.dataset.latencyMs = lat.toFixed(1);
        bump(root);
        status.done(e ? `drawn ${ms(lat)} ms after the input` : `drawn ${ms(lat)} ms after opening the panel (worker start-up included)`);
      }).catch((err) => showJobError(err, [
        ['input', () => input.activeField()], ['dt', () => dt], ['duration', () => duration], ['tauM', () => tauM], ['tauRef', () => tauRef],
        [/SimulationDiverged/, () => dt],
      ], status));
    }

    for (const f of [...input.fields, duration, dt, method, tauM, tauRef]) f.onInput(update);
    update();
    return { shown: () => [vPlot, ratePlot].forEach((p) => p.resize()) };
  },
};
