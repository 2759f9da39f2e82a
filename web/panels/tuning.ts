/**
 * Tuning curves panel: the simulated LIF f–I curve over the analytic G(v); the HH f–I curve (many simulations, run
 * in the worker with a progress bar and a cancel button); NEF-style population tuning curves a_i(x) for chosen N,
 * max-rate range and intercept range. Figures from `fiFigures` and `tuningFigure` (shared with `sims/`).
 * @module
 */
import { fiFigures, HH_FI_DEFAULTS, LIF_FI_DEFAULTS } from '../../src/experiments/fiCurve.js';
import { TUNING_DEFAULTS, tuningFigure } from '../../src/experiments/tuningCurves.js';
import type { LifMethod } from '../../src/neurons/lif.js';
import { fieldset, h, NumberField, Readout, SelectField, type Field } from '../controls.js';
import { PlotView } from '../plot.js';
import type { PanelState } from '../state.js';
import { lane } from '../workerClient.js';
import type { Panel } from './index.js';
import { bump, invalid, ms, nextPaint, readAll, showJobError, Status, toMs, twoColumns } from './kit.js';

const L = LIF_FI_DEFAULTS, H = HH_FI_DEFAULTS, T = TUNING_DEFAULTS;

function block(parent: HTMLElement, id: string, title: string, note: string) {
  const sec = h('section', 'block');
  sec.id = id;
  sec.append(h('h3', '', title), h('p', 'blurb', note));
  parent.append(sec);
  return { sec, ...twoColumns(sec) };
}

function lifFi(parent: HTMLElement, state: PanelState): PlotView[] {
  const { controls, plots, sec } = block(parent, 'tuning-lif', 'LIF f–I curve: simulated over G(v)',
    'Each point is a simulated LIF neuron held at a constant v_in; the line is the analytic rate curve G(v_in).');
  const vMin = new NumberField(state, { key: 'vMin', label: 'v_in from', unit: 'threshold = 1', value: L.vMin });
  const vMax = new NumberField(state, { key: 'vMax', label: 'v_in to', unit: 'threshold = 1', value: L.vMax });
  const points = new NumberField(state, { key: 'vN', label: 'Points', unit: 'count', value: L.points, min: 2, max: 400, integer: true, slider: { min: 2, max: 200, step: 1 } });
  const dur = new NumberField(state, { key: 'vT', label: 'Simulated time per point', unit: 'ms', value: toMs(L.duration), min: 0, minExclusive: true, max: 20000 });
  const tauRef = new NumberField(state, { key: 'vRef', label: 'Refractory period τ_ref', unit: 'ms', value: toMs(L.tauRef), min: 0, slider: { min: 0, max: 20, step: 0.1 } });
  const method = new SelectField<LifMethod>(state, { key: 'vMethod', label: 'Integrator', value: L.method, options: [{ value: 'exact', label: 'exact' }, { value: 'euler', label: 'Euler' }, { value: 'rk4', label: 'RK4' }] });
  const err = new Readout('tuning-lif-error', 'Max relative error', '%');
  const status = new Status('tuning-lif-status');
  controls.append(fieldset('LIF f–I settings', vMin, vMax, points, dur, tauRef, method), fieldset('Result', err.el, status.el));
  const plot = new PlotView('tuning-lif-fi', 320);
  plots.append(plot.el);
  const work = lane('lifFi', 150);
  const update = () => {
    const v = readAll([vMin, vMax, points, dur, tauRef]);
    if (!v) return invalid(status, work);
    const [a, b, n, T, ref] = v;
    status.busy('simulating…', 0);
    work.run({ kind: 'lifFi', vMin: a, vMax: b, points: n, duration: T / 1e3, tauRef: ref / 1e3, method: method.read() }, (d, t) => status.busy(`simulating ${d}/${t}…`, d / t))
      .then(async (res) => {
        const curve = res.curve;
        await plot.draw(fiFigures(curve)[0]);
        err.show(curve.maxRelError * 100, `${(curve.maxRelError * 100).toPrecision(2)} %`);
        bump(sec);
        status.done(`${curve.vIn.length} simulations`);
      })
      .catch((e) => showJobError(e, [['vMax', () => vMax], ['vMin', () => vMin], ['points', () => points], ['dt', () => dur], ['duration', () => dur], ['tauRef', () => tauRef]], status));
  };
  for (const f of [vMin, vMax, points, dur, tauRef, method] as (NumberField | SelectField)[]) f.onInput(update);
  update();
  return [plot];
}

function hhFi(parent: HTMLElement, state: PanelState): PlotView[] {
  const { controls, plots, sec } = block(parent, 'tuning-hh', 'Hodgkin-Huxley f–I curve',
    'Each point is a full HH simulation at a constant current; the rate counts sustained firing after the settling time. Runs in the worker.');
  const iMin = new NumberField(state, { key: 'iMin', label: 'I from', unit: 'µA/cm²', value: H.iMin });
  const iMax = new NumberField(state, { key: 'iMax', label: 'I to', unit: 'µA/cm²', value: 40 });
  // The page sweeps 0–40 µA/cm² in steps of 1 (the scenario's default is 0–20 in 21 points).
  const points = new NumberField(state, { key: 'iN', label: 'Points', unit: 'count', value: 41, min: 2, max: 400, integer: true, slider: { min: 2, max: 200, step: 1 } });
  const dur = new NumberField(state, { key: 'iT', label: 'Simulated time per current', unit: 'ms', value: toMs(H.duration), min: 0, minExclusive: true, max: 20000 });
  const settle = new NumberField(state, { key: 'iSettle', label: 'Settling time (not counted)', unit: 'ms', value: toMs(H.settle), min: 0, minExclusive: true });
  const dt = new NumberField(state, { key: 'iDt', label: 'Time step dt', unit: 'ms', value: toMs(H.dt), min: 0, minExclusive: true });
  const temp = new NumberField(state, { key: 'iTemp', label: 'Temperature', unit: '°C', value: H.temperature, min: -20, max: 50 });
  const first = new Readout('tuning-hh-first', 'Lowest current with repetitive firing', 'µA/cm²');
  const work = lane('hhFi', 0);
  const status = new Status('tuning-hh-status', () => {
    work.cancel();
    status.done('cancelled (the last finished curve stays)');
  });
  const again = h('button', 'run', 'Run again');
  again.type = 'button';
  controls.append(fieldset('HH f–I settings', iMin, iMax, points, dur, settle, dt, temp), fieldset('Result', first.el, status.el, again));
  const plot = new PlotView('tuning-hh-fi', 320);
  plots.append(plot.el);
  const fields: NumberField[] = [iMin, iMax, points, dur, settle, dt, temp];
  const run = () => {
    const v = readAll(fields);
    if (!v) return invalid(status, work);
    const [a, b, n, T, s, step, t] = v;
    const t0 = performance.now();
    status.busy('starting…', 0, true);
    work.run({ kind: 'hhFi', iMin: a, iMax: b, points: n, duration: T / 1e3, settle: s / 1e3, dt: step / 1e3, temperature: t },
      (d, total) => status.busy(`simulating current ${d} of ${total}…`, d / total, true))
      .then(async (res) => {
        const curve = res.curve;
        await plot.draw(fiFigures(undefined, curve)[0]);
        first.set(curve.firstFiring, 2, Number.isNaN(curve.firstFiring) ? ' (none in range)' : '');
        bump(sec);
        status.done(`${curve.current.length} simulations in ${ms(performance.now() - t0)} ms`);
      })
      .catch((e) => showJobError(e, [['iMax', () => iMax], ['iMin', () => iMin], ['points', () => points], ['settle', () => settle], ['duration', () => dur], ['dt', () => dt], ['temperature', () => temp], [/SimulationDiverged/, () => dt]], status));
  };
  // Typing restarts the run (the stale one is stopped); a short pause first avoids a restart per keystroke.
  let timer: ReturnType<typeof setTimeout> | undefined;
  const debounced = () => {
    clearTimeout(timer);
    timer = setTimeout(run, 200);
  };
  fields.forEach((f) => f.onInput(debounced));
  again.addEventListener('click', run);
  run();
  return [plot];
}

function nef(parent: HTMLElement, state: PanelState): PlotView[] {
  const { controls, plots, sec } = block(parent, 'tuning-nef', 'NEF population tuning curves',
    'N LIF neurons with encoders ±1; each gain and bias is solved so the neuron starts firing at its x-intercept and reaches its maximum rate at e·x = 1.');
  const n = new NumberField(state, { key: 'N', label: 'Neurons N', unit: 'count', value: T.n, min: 1, max: 1000, integer: true, slider: { min: 1, max: 200, step: 1 } });
  const rLo = new NumberField(state, { key: 'rLo', label: 'Max rate from', unit: 'Hz', value: T.maxRates[0], min: 0, minExclusive: true });
  const rHi = new NumberField(state, { key: 'rHi', label: 'Max rate to', unit: 'Hz', value: T.maxRates[1], min: 0, minExclusive: true });
  const cLo = new NumberField(state, { key: 'cLo', label: 'Intercept from', unit: 'x, 1', value: T.intercepts[0], slider: { min: -1, max: 0.99, step: 0.01 } });
  const cHi = new NumberField(state, { key: 'cHi', label: 'Intercept to', unit: 'x, 1', value: T.intercepts[1], slider: { min: -1, max: 0.99, step: 0.01 } });
  const seed = new NumberField(state, { key: 'seed', label: 'Random seed', unit: 'integer', value: T.seed, min: 0, integer: true });
  const status = new Status('tuning-nef-status');
  controls.append(fieldset('Population', n, rLo, rHi, cLo, cHi, seed), fieldset('Result', status.el));
  const plot = new PlotView('tuning-nef-plot', 360);
  plots.append(plot.el);
  const work = lane('tuning', 200);
  const fields: NumberField[] = [n, rLo, rHi, cLo, cHi, seed];
  const update = () => {
    const v = readAll(fields);
    if (!v) return invalid(status, work);
    const [N, r0, r1, c0, c1, s] = v;
    const bad = (f: Field, m: string) => { f.setError(m); invalid(status, work); };
    if (r1 < r0) return bad(rHi, `Max rate to (Hz) must be ≥ max rate from (${r0}).`);
    if (c1 < c0) return bad(cHi, `Intercept to must be ≥ intercept from (${c0}).`);
    status.busy('computing…');
    work.run({ kind: 'tuning', n: N, maxRates: [r0, r1], intercepts: [c0, c1], seed: s })
      .then(async (res) => {
        const result = res.result;
        await plot.draw(tuningFigure(result));
        await nextPaint();
        bump(sec);
        status.done(`${result.rates.length} neurons`);
      })
      .catch((e) => showJobError(e, [['maxRates', () => rHi], ['intercepts', () => cHi], ['n', () => n], ['seed', () => seed]], status));
  };
  fields.forEach((f) => f.onInput(update));
  update();
  return [plot];
}

export const tuningPanel: Panel = {
  id: 'tuning',
  title: 'Tuning curves',
  blurb: 'Firing rate against input: single LIF and HH neurons, and a population with heterogeneous tuning.',
  mount(container, state) {
    const plots = [...lifFi(container, state), ...hhFi(container, state), ...nef(container, state)];
    return {
      shown: () => plots.forEach((p) => p.resize()),
      dispose: () => lane('hhFi').cancel(),
    };
  },
};
