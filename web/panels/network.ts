/**
 * Network panel: a random excitatory/inhibitory LIF network (`runNetwork`'s scenario, shared with
 * `npm run sim -- network`): raster, population rates and a few membrane traces, for chosen N, connection
 * probability, weights and τ_s. Runs in the worker and streams what it has simulated so far (partial results about
 * every 0.4 s of wall time), with a progress bar and a Cancel button. Figures from `networkFigures`.
 * @module
 */
import { NETWORK_DEFAULTS, networkFigures, type NetworkRun } from '../../src/experiments/network.js';
import { fieldset, h, NumberField, Readout, SelectField } from '../controls.js';
import { checkNetworkMemory, checkNeuronSteps, estimateNetworkWork } from '../jobs/limits.js';
import type { NetworkJob, NetworkShown } from '../jobs/network.js';
import { nextTask, PlotView } from '../plot.js';
import { lane } from '../workerClient.js';
import type { Panel } from './index.js';
import { thousands } from '../messages.js';
import { bump, button, drawInTurn, invalid, ms, nextPaint, readAll, showJobError, Status, toMs, twoColumns, waitForClick } from './kit.js';

const D = NETWORK_DEFAULTS;

export const networkPanel: Panel = {
  id: 'network',
  title: 'Network',
  blurb: 'A random E/I network of LIF neurons (80 % excitatory): each pair connected with probability p, exponential PSCs, a constant bias above threshold. Results stream in while it runs.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'network');
    root.id = 'network-root';
    const size = new NumberField(state, { key: 'N', label: 'Neurons N', unit: 'count', value: D.size, min: 2, max: 20000, integer: true, slider: { min: 50, max: 4000, step: 50 } });
    const p = new NumberField(state, { key: 'p', label: 'Connection probability p', unit: '0–1', value: D.p, min: 0, max: 1, slider: { min: 0, max: 0.5, step: 0.005 } });
    const wE = new NumberField(state, { key: 'wE', label: 'Excitatory weight w_E', unit: 'v_in jump per spike', value: D.wE, min: 0, slider: { min: 0, max: 1, step: 0.01 } });
    const wI = new NumberField(state, { key: 'wI', label: 'Inhibitory weight w_I', unit: 'v_in jump per spike, ≤ 0', value: D.wI, max: 0, slider: { min: -3, max: 0, step: 0.05 } });
    const bias = new NumberField(state, { key: 'bias', label: 'Bias μ', unit: 'v_in, threshold = 1', value: D.bias, slider: { min: 0, max: 3, step: 0.01 } });
    const tauS = new NumberField(state, { key: 'tauS', label: 'Synaptic time constant τ_s', unit: 'ms', value: toMs(D.tauS), min: 0, minExclusive: true, slider: { min: 0.5, max: 50, step: 0.5 } });
    const duration = new NumberField(state, { key: 'T', label: 'Simulated time', unit: 'ms', value: toMs(D.duration), min: 0, minExclusive: true, slider: { min: 100, max: 10000, step: 100 } });
    const dt = new NumberField(state, { key: 'dt', label: 'Time step dt', unit: 'ms', value: toMs(D.dt), min: 0, minExclusive: true });
    const model = new SelectField<'lif' | 'lif-current'>(state, { key: 'model', label: 'Neuron model', value: D.model, options: [{ value: 'lif', label: 'LIF (input held over the step)' }, { value: 'lif-current', label: 'LIF with exact current coupling' }] });
    const seed = new NumberField(state, { key: 'seed', label: 'Random seed', unit: 'integer', value: D.seed, min: 0, integer: true });

    const rates = new Readout('net-rates', 'Mean rate exc / inh', 'Hz');
    const cv = new Readout('net-cv', 'Mean CV of inter-spike intervals', '');
    const syn = new Readout('net-synapses', 'Synapses', '');
    const sim = new Readout('net-sim', 'Simulated / wall time', '');
    const work = lane('network', 0);
    const status = new Status('net-status', () => {
      work.cancel();
      status.done('cancelled (what was simulated so far stays on the plots)');
    });
    const again = button('Run again', 'run');
    controls.append(
      fieldset('Network', size, p, wE, wI, bias, tauS, model, seed),
      fieldset('Simulation', duration, dt),
      fieldset('Results', rates.el, cv.el, syn.el, sim.el, status.el, again),
    );
    const note = h('p', 'help', 'w_E and w_I are the jumps of a neuron’s input v_in per arriving spike; with ∫h = 1 (the notes’ convention) the synaptic weight is w·τ_s. The threshold is v = 1.');
    controls.append(note);
    const raster = new PlotView('net-raster', 360), ratePlot = new PlotView('net-rate', 260), vPlot = new PlotView('net-v', 260);
    plots.append(raster.el, ratePlot.el, vPlot.el);

    let drawing = false;
    async function draw(run: NetworkRun & NetworkShown): Promise<void> {
      await nextTask(); // not in the task that received the result: building the figures is a turn of its own
      const [r, pr, v] = networkFigures(run);
      // No WebGL (no GPU read-backs): the plot paints a large raster into one image (web/plot.ts).
      r.data.forEach((t) => { t.type = 'scatter'; });
      await drawInTurn(() => raster.draw(r), () => ratePlot.draw(pr, { samples: run.shown.rateBins }), () => vPlot.draw(v, { samples: run.shown.traceSamples }));
    }

    const routes: Parameters<typeof showJobError>[1] = [
      ['size', () => size], ['network.p', () => p], ['wE', () => wE], ['wI', () => wI], ['bias', () => bias], ['tauS', () => tauS],
      ['duration', () => duration], ['dt', () => dt], ['seed', () => seed], [/SimulationDiverged/, () => dt],
    ];

    function run(e?: Event): void {
      const v = readAll([size, p, wE, wI, bias, tauS, duration, dt, seed]);
      if (!v) return invalid(status, work);
      const [N, prob, we, wi, mu, ts, T, step, s] = v;
      if (step > T) {
        dt.setError(`Time step dt (ms) must be ≤ the simulated time (${T} ms) (got ${step}).`);
        return invalid(status, work);
      }
      const job: NetworkJob = { kind: 'network', size: N, p: prob, wE: we, wI: wi, bias: mu, tauS: ts / 1e3, duration: T / 1e3, dt: step / 1e3, model: model.read(), seed: s, partialEvery: 0.4 };
      try {
        // Refused here, before any wait for a click: what the worker would refuse anyway.
        checkNeuronSteps(N, T / 1e3, step / 1e3);
        checkNetworkMemory(N, prob);
      } catch (err) {
        work.drop();
        return void showJobError(err, routes, status);
      }
      if (waitForClick(status, estimateNetworkWork(N, prob, T / 1e3, step / 1e3), e, again, work)) return void delete root.dataset.running;
      const t0 = performance.now();
      status.busy('building the network…', 0, true);
      root.dataset.running = '1';
      work.run(job, (d, total, stage) => status.busy(stage === 'build' ? `building the network: ${Math.floor((100 * d) / total)} % of the pairs drawn…`
        : `simulating step ${thousands(d)} of ${thousands(total)}…`, d / total, true), (partial) => {
        if (partial.kind !== 'network' || drawing) return; // a draw still in progress: skip this snapshot
        drawing = true;
        void draw(partial.run).then(() => {
          drawing = false;
          root.dataset.partials = String(Number(root.dataset.partials ?? 0) + 1);
          rates.show(partial.run.meanRate.exc, `${partial.run.meanRate.exc.toFixed(2)} / ${partial.run.meanRate.inh.toFixed(2)} Hz (so far)`);
        });
      }).then(async (res) => {
        if (res.kind !== 'network') return;
        const r = res.run;
        while (drawing) await nextPaint();
        await draw(r);
        await nextPaint();
        rates.show(r.meanRate.exc, `${r.meanRate.exc.toFixed(2)} / ${r.meanRate.inh.toFixed(2)} Hz`);
        cv.set(r.cv, 3);
        syn.set(r.synapses, 0);
        sim.show(r.wallSeconds, `${r.settings.duration} s in ${r.wallSeconds.toFixed(2)} s`);
        delete root.dataset.running;
        bump(root);
        status.done(`${thousands(r.spikes.exc + r.spikes.inh)} spikes, ${thousands(r.synapticEvents)} synaptic events; done ${ms(performance.now() - t0)} ms after the request`);
      }).catch((err) => {
        delete root.dataset.running;
        showJobError(err, routes, status);
      });
    }
    // Typing restarts the run (the running one is stopped); a short pause first avoids a restart per keystroke.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const debounced = () => {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    };
    for (const f of [size, p, wE, wI, bias, tauS, duration, dt, seed, model]) f.onInput(debounced);
    again.addEventListener('click', run);
    run();
    return {
      shown: () => [raster, ratePlot, vPlot].forEach((pl) => pl.resize()),
      dispose: () => work.cancel(),
    };
  },
};
