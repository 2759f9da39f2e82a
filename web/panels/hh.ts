/**
 * Hodgkin-Huxley panel: V(t) with spikes marked; the gates and the ionic currents below; the input as a constant,
 * a step or a formula; duration, dt, integrator, temperature; an optional second integrator overlaid on the same
 * grid (Euler under RK4 shows the integration error). Runs `runHh` in the worker (web/jobs/neurons.ts); figures
 * from `hhFigures`, the same function as `npm run sim -- hh --plot`.
 * @module
 */
import { HH_RUN_DEFAULTS, hhFigures } from '../../src/experiments/neuronTraces.js';
import type { HhMethod } from '../../src/neurons/hodgkinHuxley.js';
import { fieldset, NumberField, Readout, SelectField } from '../controls.js';
import { PlotView } from '../plot.js';
import type { HhJob } from '../jobs/neurons.js';
import { lane } from '../workerClient.js';
import type { Panel } from './index.js';
import { bump, drawInTurn, invalid, ms, nextPaint, showJobError, Status, toMs, twoColumns } from './kit.js';
import { SignalInput } from './signalInput.js';
import { thousands } from '../messages.js';

const D = HH_RUN_DEFAULTS;
const METHODS: { value: HhMethod; label: string }[] = [
  { value: 'euler', label: 'Euler (order 1)' }, { value: 'rk4', label: 'RK4 (order 4)' }, { value: 'rk45', label: 'RK45 (adaptive, dt = output)' },
];

export const hhPanel: Panel = {
  id: 'hh',
  title: 'Hodgkin-Huxley',
  blurb: 'One squid-axon neuron (NEURON’s hh at 6.3 °C): membrane potential, gates and ionic currents for an injected current.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'hh');
    root.id = 'hh-root';
    const input = new SignalInput(state, {
      title: 'Input current I', symbol: 'I', unit: 'µA/cm²',
      constant: { value: D.current, slider: { min: 0, max: 40, step: 0.1 } },
      step: { before: 0, after: 10, onsetMs: 50 },
      formula: '10 + 5*sin(2*pi*20*t)',
    });
    const duration = new NumberField(state, { key: 'T', label: 'Duration', unit: 'ms', value: toMs(D.duration), min: 0, minExclusive: true, slider: { min: 10, max: 1000, step: 10 } });
    const dt = new NumberField(state, { key: 'dt', label: 'Time step dt', unit: 'ms', value: toMs(D.dt), min: 0, minExclusive: true, title: 'Integration step (RK45: output interval)' });
    const method = new SelectField<HhMethod>(state, { key: 'method', label: 'Integrator', value: D.method, options: METHODS });
    const compare = new SelectField<HhMethod | 'none'>(state, {
      key: 'cmp', label: 'Overlay a second integrator', value: 'none',
      options: [{ value: 'none', label: 'none' }, { value: 'euler', label: 'Euler (same dt)' }, { value: 'rk4', label: 'RK4 (same dt)' }, { value: 'rk45', label: 'RK45' }],
    });
    const rtol = new NumberField(state, { key: 'rtol', label: 'RK45 relative tolerance', unit: '1', value: D.rtol, min: 0, minExclusive: true });
    const temperature = new NumberField(state, { key: 'temp', label: 'Temperature', unit: '°C', value: D.temperature, min: -20, max: 50 });

    const spikes = new Readout('hh-spikes', 'Spikes', '');
    const rate = new Readout('hh-rate', 'Measured rate', 'Hz');
    const delta = new Readout('hh-delta', 'max |ΔV| between integrators', 'mV');
    const latency = new Readout('hh-latency', 'Input → V(t) drawn', 'ms');
    const status = new Status('hh-status');
    const readouts = fieldset('Results', spikes.el, rate.el, delta.el, latency.el, status.el);

    controls.append(input.el, fieldset('Simulation', duration, dt, method, rtol, compare, temperature), readouts);
    const vPlot = new PlotView('hh-v', 340), gatePlot = new PlotView('hh-gates', 250), currentPlot = new PlotView('hh-currents', 270);
    plots.append(vPlot.el, gatePlot.el, currentPlot.el);

    const showRtol = () => rtol.setVisible(method.read() === 'rk45' || compare.read() === 'rk45');
    const work = lane('hh').warm();

    function update(e?: Event): void {
      const t0 = e?.timeStamp ?? performance.now();
      showRtol();
      for (const f of [duration, dt, rtol, temperature, method, compare]) f.setError(null);
      const current = input.read();
      const T = duration.read(), step = dt.read(), tol = rtol.read(), temp = temperature.read();
      if (!current || T === null || step === null || tol === null || temp === null) return invalid(status, work);
      if (step > T) {
        dt.setError(`Time step dt (ms) must be ≤ the duration (${T} ms) (got ${step}).`);
        return invalid(status, work);
      }
      const cmp = compare.read();
      const job: HhJob = {
        kind: 'hh', current, duration: T / 1e3, dt: step / 1e3, method: method.read(), rtol: tol, temperature: temp,
        compare: cmp === 'none' ? null : cmp,
        // ~2 points per pixel column of a wide plot; the min–max selection keeps every peak and trough.
        displayPoints: 2000,
      };
      status.busy('simulating…');
      work.run(job, (d, total) => status.busy('simulating…', d / total)).then(async (r) => {
        const tResult = performance.now();
        // The shared figure function, fed the display traces (each decimated by its own plot's extremes).
        const vFig = hhFigures(r.run, r.compare ? { name: r.compare.name, trace: r.compare.run.trace } : undefined)[0];
        const gFig = hhFigures({ ...r.run, trace: r.gates ?? r.run.trace })[1];
        const cFig = hhFigures({ ...r.run, trace: r.currents ?? r.run.trace })[2];
        const tFigs = performance.now();
        // V(t) first: it is "the new trace"; the gates and currents follow in the next frame, so the slider's
        // answer is on screen before the two lower plots are redrawn.
        await vPlot.draw(vFig, { samples: r.samples });
        await nextPaint();
        const latV = performance.now() - t0;
        await drawInTurn(() => gatePlot.draw(gFig, { samples: r.samples }), () => currentPlot.draw(cFig, { samples: r.samples }));
        await nextPaint();
        const lat = performance.now() - t0;
        root.dataset.breakdown = JSON.stringify({ worker: tResult - t0, figures: tFigs - tResult, vDrawn: latV, allDrawn: lat, sim: r.run.wallMs });
        spikes.set(r.run.trace.spikes.length, 0);
        rate.set(r.run.rate, 2);
        if (r.compare) delta.set(r.maxDeltaV, 3, ` (${r.run.settings.method} vs ${r.compare.name})`);
        else delta.text('— (no overlay)');
        latency.set(latV, 0, ` (all plots ${lat.toFixed(0)} ms)`);
        root.dataset.latencyMs = latV.toFixed(1);
        root.dataset.latencyAllMs = lat.toFixed(1);
        root.dataset.simMs = r.run.wallMs.toFixed(1);
        bump(root);
        const every = r.run.settings.recordEvery, shown = r.run.trace.t.length;
        status.done(`simulated in ${ms(r.run.wallMs)} ms${r.compare ? ` (+ ${ms(r.compare.run.wallMs)} ms ${r.compare.name})` : ''}` +
          `, V(t) drawn ${ms(latV)} ms after ${e ? 'the input' : 'opening the panel (worker start-up included)'}. ${thousands(r.samples)} samples${every > 1 ? ` (every ${every}th step)` : ''}` +
          `${shown < r.samples ? `, plotted as ${thousands(shown)} min–max points (CSV holds these; npm run sim -- hh --csv has every step)` : ''}.`);
      }).catch((err) => showJobError(err, [
        ['current', () => input.activeField()], ['dt', () => dt], ['duration', () => duration], ['rtol', () => rtol],
        ['temperature', () => temperature], ['method', () => method], [/SimulationDiverged/, () => dt],
      ], status));
    }

    for (const f of [...input.fields, duration, dt, method, compare, rtol, temperature]) f.onInput(update);
    update();
    return { shown: () => [vPlot, gatePlot, currentPlot].forEach((p) => p.resize()) };
  },
};
