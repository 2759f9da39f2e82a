/**
 * STDP panel: Song, Miller & Abbott (2000) as Brian2's example (`runSongStdp`, shared with `npm run sim -- stdp`):
 * 1,000 Poisson inputs onto one LIF through plastic synapses. The STDP window is drawn at once from the chosen rule
 * (`songWindowFigure`, no run needed); the run goes in the worker and streams the weight histogram and the output
 * rate about a hundred times, with a progress bar and a Cancel button; at the end, two weights over time.
 * @module
 */
import { SONG_STDP_DEFAULTS, songHistogramFigure, songStdpFigures, songWindowFigure, type SongRuleSettings } from '../../src/experiments/stdp.js';
import type { Figure } from '../../src/experiments/figure.js';
import { layout, line } from '../../src/experiments/figure.js';
import { fieldset, h, NumberField, Readout, SelectField } from '../controls.js';
import type { StdpJob } from '../jobs/stdp.js';
import { PlotView } from '../plot.js';
import { lane } from '../workerClient.js';
import type { Panel } from './index.js';
import { bump, button, invalid, ms, nextPaint, readAll, showJobError, Status, toMs, twoColumns, type ErrorRoute } from './kit.js';

const D = SONG_STDP_DEFAULTS;

export const stdpPanel: Panel = {
  id: 'stdp',
  title: 'STDP',
  blurb: 'Spike-timing-dependent plasticity (Song, Miller & Abbott 2000, as Brian2’s example): 1,000 Poisson inputs at 15 Hz onto one LIF neuron. With depression slightly stronger than potentiation, additive STDP drives the weights to 0 and to g_max and regulates the output rate; multiplicative STDP keeps one peak.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'stdp');
    root.id = 'stdp-root';
    const rule = new SelectField<'additive' | 'multiplicative'>(state, { key: 'rule', label: 'Weight dependence', value: D.rule, options: [{ value: 'additive', label: 'additive (Song et al.)' }, { value: 'multiplicative', label: 'multiplicative (Gütig’s μ)' }] });
    const mu = new NumberField(state, { key: 'mu', label: 'Exponent μ (multiplicative)', unit: '', value: D.mu, min: 0, max: 10, slider: { min: 0, max: 1, step: 0.05 } });
    const pairing = new SelectField<'all-to-all' | 'nearest'>(state, { key: 'pairing', label: 'Pairing', value: D.pairing, options: [{ value: 'all-to-all', label: 'all-to-all' }, { value: 'nearest', label: 'nearest spike' }] });
    const tauPre = new NumberField(state, { key: 'tauPre', label: 'Pre trace τ_pre', unit: 'ms', value: toMs(D.tauPre), min: 0, minExclusive: true, slider: { min: 1, max: 100, step: 1 } });
    const tauPost = new NumberField(state, { key: 'tauPost', label: 'Post trace τ_post', unit: 'ms', value: toMs(D.tauPost), min: 0, minExclusive: true, slider: { min: 1, max: 100, step: 1 } });
    const dApre = new NumberField(state, { key: 'dApre', label: 'Potentiation ΔA_pre', unit: '× g_max', value: D.dApre, min: 0, minExclusive: true, max: 1, slider: { min: 0.001, max: 0.05, step: 0.001 } });
    const ratio = new NumberField(state, { key: 'ratio', label: 'Depression / potentiation (area)', unit: '', value: D.depressionRatio, min: 0, max: 10, slider: { min: 0.8, max: 1.3, step: 0.01 } });
    const gMax = new NumberField(state, { key: 'gMax', label: 'Largest weight g_max', unit: 'conductance / g_L', value: D.gMax, min: 0, minExclusive: true, max: 1 });
    const drive = new SelectField<'fixed' | 'conductance'>(state, { key: 'drive', label: 'Driving force', value: D.drive, options: [{ value: 'fixed', label: 'E_e − V_r, fixed (Brian2’s example)' }, { value: 'conductance', label: 'E_e − V (conductance)' }] });
    const duration = new NumberField(state, { key: 'T', label: 'Simulated time', unit: 's', value: D.duration, min: 0, minExclusive: true, slider: { min: 1, max: 200, step: 1 } });
    const dt = new NumberField(state, { key: 'dt', label: 'Time step dt', unit: 'ms', value: toMs(D.dt), min: 0, minExclusive: true });
    const seed = new NumberField(state, { key: 'seed', label: 'Random seed', unit: 'integer', value: D.seed, min: 0, integer: true });

    const ends = new Readout('stdp-ends', 'Weights in the lowest / highest bin', '%');
    const outRate = new Readout('stdp-rate', 'Output rate, last 10 s', 'Hz');
    const sim = new Readout('stdp-sim', 'Simulated / wall time', '');
    const work = lane('stdp', 0);
    const status = new Status('stdp-status', () => {
      work.cancel();
      delete root.dataset.running;
      status.done('cancelled (the histogram so far stays on the plot)');
    });
    const again = button('Run again', 'run');
    controls.append(
      fieldset('STDP rule', rule, mu, pairing, tauPre, tauPost, dApre, ratio, gMax),
      fieldset('Run', drive, duration, dt, seed),
      fieldset('Results', ends.el, outRate.el, sim.el, status.el, again),
    );
    controls.append(h('p', 'help', 'ΔA_post = −ratio · ΔA_pre · τ_pre/τ_post: the window’s depression area over its potentiation area (Brian2’s example: 1.05). The window is drawn for a weight at g_max/2.'));
    const windowPlot = new PlotView('stdp-window', 260), histPlot = new PlotView('stdp-hist', 300), ratePlot = new PlotView('stdp-rate-plot', 240), wPlot = new PlotView('stdp-weights', 240);
    plots.append(histPlot.el, windowPlot.el, ratePlot.el, wPlot.el);

    const ruleFields: NumberField[] = [mu, tauPre, tauPost, dApre, ratio, gMax];
    const routes: ErrorRoute[] = [
      ['mu', () => mu], ['tauPre', () => tauPre], ['tauPost', () => tauPost], ['dApre', () => dApre], ['depressionRatio', () => ratio], ['gMax', () => gMax],
      ['wMax', () => gMax], ['duration', () => duration], ['dt', () => dt], ['seed', () => seed], [/SimulationDiverged/, () => dt],
    ];

    /** The rule's settings from the controls, or null (each bad field shows why). */
    function readRule(): SongRuleSettings | null {
      const v = readAll(ruleFields);
      if (!v) return null;
      const [m, tp, tq, a, r, g] = v;
      return { rule: rule.read(), mu: m, pairing: pairing.read(), tauPre: tp / 1e3, tauPost: tq / 1e3, dApre: a, depressionRatio: r, gMax: g };
    }

    async function drawWindow(s: SongRuleSettings): Promise<void> {
      await windowPlot.draw(songWindowFigure(s));
    }

    /** The rate so far: one point per report (Hz over the report interval). */
    const rateT: number[] = [], rateV: number[] = [];
    const rateFigure = (): Figure => ({
      title: 'STDP output rate', data: [line(rateT, rateV, 'output neuron (per report)')], layout: layout('Output rate while it runs', 't (s)', 'rate (Hz)'),
    });

    let drawing = false;
    function run(): void {
      const s = readRule();
      const v = readAll([duration, dt, seed]);
      if (!s || !v) return invalid(status);
      const [T, step, sd] = v;
      if (step / 1e3 > T) {
        dt.setError(`Time step dt (ms) must be ≤ the simulated time (${T * 1e3} ms) (got ${step}).`);
        return invalid(status);
      }
      if (s.rule === 'additive') mu.setError(null);
      void drawWindow(s);
      const job: StdpJob = {
        kind: 'stdp', rule: s.rule, ...(s.rule === 'multiplicative' ? { mu: s.mu } : {}), pairing: s.pairing, tauPre: s.tauPre, tauPost: s.tauPost,
        dApre: s.dApre, depressionRatio: s.depressionRatio, gMax: s.gMax, drive: drive.read(), duration: T, dt: step / 1e3, seed: sd,
      };
      const t0 = performance.now();
      rateT.length = 0;
      rateV.length = 0;
      root.dataset.running = '1';
      status.busy('building the network…', 0, true);
      work.run(job, (d, total) => status.busy(`simulating step ${d.toLocaleString('en')} of ${total.toLocaleString('en')}…`, d / total, true), (p) => {
        if (p.kind !== 'stdp') return;
        rateT.push(p.t);
        rateV.push(p.rate);
        if (drawing) return; // a draw still in progress: skip this snapshot (the next one carries the news)
        drawing = true;
        void Promise.all([histPlot.draw(songHistogramFigure(p.histogram, p.initialHistogram, p.t, { rule: s.rule, inputs: D.inputs })), ratePlot.draw(rateFigure())]).then(() => {
          drawing = false;
          root.dataset.partials = String(Number(root.dataset.partials ?? 0) + 1);
          root.dataset.partialT = String(p.t);
        });
      }).then(async (res) => {
        if (res.kind !== 'stdp' || !res.run) return;
        const r = res.run;
        while (drawing) await nextPaint();
        const [hist, weights] = songStdpFigures(r);
        // The rate as streamed (a hundred points whatever the duration), titled with the run's final figure.
        const rate = { ...rateFigure(), layout: layout(`Output rate: ${r.outputRate.toFixed(1)} Hz over the last ${r.outputRateWindow} s`, 't (s)', 'rate (Hz)') };
        await Promise.all([histPlot.draw(hist), wPlot.draw(weights), ratePlot.draw(rate)]);
        await nextPaint();
        ends.show(r.histogram[0], `${(100 * r.histogram[0] / r.finalWeights.length).toFixed(1)} / ${(100 * r.histogram[9] / r.finalWeights.length).toFixed(1)} %`);
        outRate.show(r.outputRate, `${r.outputRate.toFixed(2)} Hz${r.outputRateWindow < 10 ? ` (over the last ${r.outputRateWindow} s)` : ''}`);
        sim.show(r.wallSeconds, `${r.settings.duration} s in ${r.wallSeconds.toFixed(2)} s`);
        delete root.dataset.running;
        bump(root);
        status.done(`${r.outputSpikes.toLocaleString('en')} output spikes; done ${ms(performance.now() - t0)} ms after the request`);
      }).catch((err) => {
        delete root.dataset.running;
        showJobError(err, routes, status);
      });
    }

    // Rule edits redraw the window at once; any edit restarts the run after a short pause (the running one stops).
    let timer: ReturnType<typeof setTimeout> | undefined;
    const debounced = () => {
      clearTimeout(timer);
      timer = setTimeout(run, 300);
    };
    const windowNow = () => {
      const s = readRule();
      if (s) void drawWindow(s);
    };
    for (const f of [rule, pairing, ...ruleFields]) f.onInput(() => { windowNow(); debounced(); });
    for (const f of [drive, duration, dt, seed]) f.onInput(debounced);
    again.addEventListener('click', run);
    run();
    return {
      shown: () => [histPlot, windowPlot, ratePlot, wPlot].forEach((pl) => pl.resize()),
      dispose: () => work.cancel(),
    };
  },
};
