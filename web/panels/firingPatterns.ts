/**
 * Firing-patterns view: an AdEx (Naud et al. 2008; Brette & Gerstner 2005) or Izhikevich (2003) neuron with one of
 * its named parameter sets, driven by the set's stimulus or by a current typed here; the voltage with its spikes, the
 * adaptation variable beside the current, the phase plane with the nullclines, and the set's f–I curve. Runs
 * `runFiringPattern` and `runResetFiCurve` in the worker (web/jobs/firingPatterns.ts); figures from
 * `firingPatternFigures` and `resetFiFigures`, the ones `npm run sim -- adex --plot` draws.
 * @module
 */
import { resetFiFigures } from '../../src/experiments/fiCurve.js';
import { firingPatternFigures, listFiringPatterns, RESET_MODEL_INFO, type FiringPatternEntry, type ResetModel } from '../../src/experiments/firingPatterns.js';
import { IZHIKEVICH_PATTERNS, type IzhikevichPatternName } from '../../src/neurons/izhikevich.js';
import { fieldset, h, NumberField, Readout, SelectField, TextField } from '../controls.js';
import type { FiringPatternJob } from '../jobs/firingPatterns.js';
import { PlotView } from '../plot.js';
import type { PanelState } from '../state.js';
import { lane } from '../workerClient.js';
import type { Panel } from './index.js';
import { bump, invalid, ms, showJobError, Status, toMs, twoColumns } from './kit.js';

const MODELS: { value: ResetModel; label: string }[] = [
  { value: 'adex', label: 'AdEx (Brette & Gerstner 2005)' },
  { value: 'izhikevich', label: 'Izhikevich (2003)' },
];
const PATTERNS = listFiringPatterns();

/** The stimulus of a pattern in words. */
function stimulus(steps: [number, number][], unit: string): string {
  return steps.map(([t, I]) => `${I} ${unit} from ${toMs(t)} ms`).join(', then ');
}

/** A pattern as the select lists it: Izhikevich's by the paper's abbreviation, AdEx's by name, with the description. */
function patternLabel(p: FiringPatternEntry): string {
  if (p.model === 'izhikevich') return `${IZHIKEVICH_PATTERNS[p.name as IzhikevichPatternName].abbreviation}: ${p.description}`;
  return p.description.startsWith(p.name) ? p.description : `${p.name}: ${p.description}`;
}

/** The pattern select and the current field of one model (rebuilt when the model changes: other names, other units). */
function modelFields(state: PanelState, model: ResetModel) {
  const info = RESET_MODEL_INFO[model];
  const mine = PATTERNS.filter((p) => p.model === model);
  const pattern = new SelectField(state, {
    key: 'pattern', label: 'Parameter set', value: info.defaultPattern,
    options: mine.map((p) => ({ value: p.name, label: patternLabel(p) })),
  });
  const current = new TextField(state, {
    key: 'I', label: 'Injected current', unit: info.units.I, value: '', placeholder: 'the parameter set’s stimulus',
    help: 'Empty: the set’s own stimulus. A number (from t = 0) or a formula in t (s), e.g. 300 + 100*sin(2*pi*5*t).',
  });
  const about = h('p', 'help');
  const describe = () => {
    const p = mine.find((x) => x.name === pattern.read())!;
    about.textContent = `Its stimulus: ${stimulus(p.current, info.units.I)}; ${toMs(p.duration)} ms.`;
  };
  pattern.onInput(describe);
  describe();
  return { pattern, current, about };
}

export const firingPatternsPanel: Panel = {
  id: 'patterns',
  title: 'Firing patterns',
  blurb: 'AdEx and Izhikevich neurons with their published parameter sets: tonic, adapting, bursting, chattering, fast spiking… Voltage and adaptation traces, the phase plane with nullclines, and the f–I curve.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'patterns');
    root.id = 'patterns-root';
    const model = new SelectField(state, { key: 'model', label: 'Neuron model', value: 'adex' as ResetModel, options: MODELS });
    let fields = modelFields(state, model.read());
    const slot = h('div', 'model-fields');
    slot.append(fields.pattern.el, fields.about, fields.current.el);
    const dt = new NumberField(state, { key: 'dt', label: 'Time step dt', unit: 'ms', value: 0.1, min: 0, minExclusive: true, title: 'RK4 with substeps on the upstroke; spike times are located inside the step' });
    const spikes = new Readout('fp-spikes', 'Spikes', '');
    const rate = new Readout('fp-rate', 'Rate (from all inter-spike intervals)', 'Hz');
    const isi = new Readout('fp-isi', 'First inter-spike intervals', 'ms');
    const status = new Status('fp-status');
    const fiFirst = new Readout('fp-fi-first', 'Lowest current with sustained firing', '');
    const work = lane('patterns').warm();
    const fiWork = lane('resetFi', 0);
    const fiStatus = new Status('fp-fi-status', () => {
      fiWork.cancel();
      fiStatus.done('cancelled (the last finished curve stays)');
    });
    controls.append(
      fieldset('Neuron', model, slot),
      fieldset('Simulation', dt),
      fieldset('Results', spikes.el, rate.el, isi.el, status.el),
      fieldset('f–I curve', fiFirst.el, fiStatus.el),
    );
    const vPlot = new PlotView('fp-v', 320), wPlot = new PlotView('fp-w', 240), phasePlot = new PlotView('fp-phase', 320), fiPlot = new PlotView('fp-fi', 300);
    plots.append(vPlot.el, wPlot.el, phasePlot.el, fiPlot.el);

    /** The job of the controls, or null after showing what is wrong. */
    function job(): FiringPatternJob | null {
      dt.setError(null);
      fields.current.setError(null);
      fields.pattern.setError(null);
      const step = dt.read();
      if (step === null) return null;
      const text = fields.current.raw().trim();
      const asNumber = Number(text);
      const current = text === '' ? undefined : Number.isFinite(asNumber) ? asNumber : text;
      return { kind: 'firingPattern', model: model.read(), pattern: fields.pattern.read(), current, dt: step / 1e3 };
    }

    const routes = () => [
      ['current', () => fields.current], ['pattern', () => fields.pattern], ['model', () => model], ['dt', () => dt], ['duration', () => dt],
      [/SimulationDiverged/, () => dt],
    ] as Parameters<typeof showJobError>[1];

    function update(): void {
      const j = job();
      if (!j) return invalid(status);
      status.busy('simulating…');
      work.run(j).then(async (r) => {
        const run = r.run;
        const [v, w, phase] = firingPatternFigures(run);
        await Promise.all([vPlot.draw(v), wPlot.draw(w), phasePlot.draw(phase)]);
        const s = Array.from(run.spikes);
        spikes.set(s.length, 0);
        rate.set(run.rate, 2);
        isi.show(s.length, s.length > 1 ? s.slice(1, 6).map((x, i) => ((x - s[i]) * 1e3).toFixed(2)).join(', ') + (s.length > 6 ? ', …' : '') + ' ms' : '—');
        root.dataset.pattern = `${run.settings.model}/${run.settings.pattern}`;
        bump(root);
        status.done(`${run.info.label} ${run.settings.pattern}: ${toMs(run.settings.duration)} ms simulated in ${ms(run.wallMs)} ms`);
      }).catch((err) => showJobError(err, routes(), status));
    }

    function updateFi(): void {
      const j = job();
      if (!j) return;
      const t0 = performance.now();
      fiStatus.busy('f–I curve: starting…', 0, true);
      fiWork.run({ kind: 'resetFi', model: j.model, pattern: j.pattern, dt: j.dt }, (d, total) => fiStatus.busy(`f–I curve: current ${d} of ${total}…`, d / total, true))
        .then(async (r) => {
          const c = r.curve;
          await fiPlot.draw(resetFiFigures(c)[0]);
          fiFirst.set(c.firstFiring, 1, Number.isNaN(c.firstFiring) ? ' (none in range)' : ` ${c.units}`);
          root.dataset.fiUpdates = String(Number(root.dataset.fiUpdates ?? 0) + 1);
          fiStatus.done(`${c.input.length} currents, ${ms(performance.now() - t0)} ms`);
        })
        .catch((err) => showJobError(err, routes(), fiStatus, 'the last good curve stays'));
    }

    const wire = () => {
      fields.pattern.onInput(() => { update(); updateFi(); });
      fields.current.onInput(update);
    };
    model.onInput(() => {
      // Other model: other pattern names and current units, so the old pattern and current leave the URL.
      state.set('pattern', '', '');
      state.set('I', '', '');
      fields = modelFields(state, model.read());
      slot.replaceChildren(fields.pattern.el, fields.about, fields.current.el);
      wire();
      update();
      updateFi();
    });
    wire();
    dt.onInput(() => { update(); updateFi(); });
    update();
    updateFi();
    return {
      shown: () => [vPlot, wPlot, phasePlot, fiPlot].forEach((p) => p.resize()),
      dispose: () => fiWork.cancel(),
    };
  },
};
