/**
 * Network panel: a random excitatory/inhibitory network (`runNetwork`'s scenario, shared with
 * `npm run sim -- network`): raster, population rates and a few membrane traces, for chosen N, connection
 * probability, neuron model, synapse kind and the preset's weights, bias and time constants (networkModels.ts). Runs in the worker and streams what it has simulated so far (partial results about
 * every 0.4 s of wall time), with a progress bar and a Cancel button. Figures from `networkFigures`. "Export to PyNN"
 * downloads the same network as PyNN files (`toPyNN`, built in the worker); models PyNN has no standard cell for
 * get the exporter's reason beside the button.
 * @module
 */
import { NETWORK_DEFAULTS, networkFigures, type NetworkRun, type NetworkRunOptions } from '../../src/experiments/network.js';
import { fieldset, h, NumberField, Readout } from '../controls.js';
import { checkNetworkMemory, checkNeuronSteps, estimateNetworkWork } from '../jobs/limits.js';
import type { NetworkJob, NetworkShown } from '../jobs/network.js';
import { download, nextTask, PlotView } from '../plot.js';
import { JobError, lane, Superseded } from '../workerClient.js';
import type { Panel } from './index.js';
import { thousands } from '../messages.js';
import { bump, button, drawInTurn, invalid, ms, nextPaint, readAll, showJobError, Status, toMs, twoColumns, waitForClick } from './kit.js';
import { NetworkModelControls } from './networkModels.js';

const D = NETWORK_DEFAULTS;

export const networkPanel: Panel = {
  id: 'network',
  title: 'Network',
  blurb: 'A random E/I network (80 % excitatory) of LIF, Hodgkin-Huxley, AdEx or Izhikevich neurons with current or conductance synapses: each pair connected with probability p, exponential PSCs, a constant bias. Each choice starts from a preset with asynchronous irregular activity. Results stream in while it runs.',
  mount(container, state) {
    const { controls, plots, root } = twoColumns(container, 'network');
    root.id = 'network-root';
    const size = new NumberField(state, { key: 'N', label: 'Neurons N', unit: 'count', value: D.size, min: 2, max: 20000, integer: true, slider: { min: 50, max: 4000, step: 50 } });
    const p = new NumberField(state, { key: 'p', label: 'Connection probability p', unit: '0–1', value: D.p, min: 0, max: 1, slider: { min: 0, max: 0.5, step: 0.005 } });
    const duration = new NumberField(state, { key: 'T', label: 'Simulated time', unit: 'ms', value: toMs(D.duration), min: 0, minExclusive: true, slider: { min: 100, max: 10000, step: 100 } });
    const dt = new NumberField(state, { key: 'dt', label: 'Time step dt', unit: 'ms', value: toMs(D.dt), min: 0, minExclusive: true });
    const models = new NetworkModelControls(state);
    const seed = new NumberField(state, { key: 'seed', label: 'Random seed', unit: 'integer', value: D.seed, min: 0, integer: true });

    const rates = new Readout('net-rates', 'Mean rate exc / inh', 'Hz');
    const cv = new Readout('net-cv', 'Mean CV of inter-spike intervals', '');
    const syn = new Readout('net-synapses', 'Synapses', '');
    const sim = new Readout('net-sim', 'Simulated / wall time', '');
    const work = lane('network', 0);
    const status = new Status('net-status', () => {
      clearTimeout(timer); // an edit typed just before stays unrun too
      work.cancel();
      status.done('cancelled (what was simulated so far stays on the plots)');
    });
    const again = button('Run again', 'run');
    const exportButton = button('Export to PyNN', 'export-pynn', 'Download run.py (and its data files, for large networks) for PyNN 0.10 on NEURON');
    exportButton.id = 'net-export';
    const exportNote = h('span', 'export-note');
    exportNote.id = 'net-export-note';
    exportNote.setAttribute('role', 'status');
    const exporter = lane('network-export', 0);
    controls.append(
      fieldset('Network', size, p, seed),
      models.el,
      fieldset('Simulation', duration, dt),
      fieldset('Results', rates.el, cv.el, syn.el, sim.el, status.el, again),
      fieldset('Export', exportButton, exportNote),
    );
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

    const routes = (): Parameters<typeof showJobError>[1] => [
      ['size', () => size], ['network.p', () => p], ...models.routes(),
      ['duration', () => duration], ['dt', () => dt], ['seed', () => seed], [/SimulationDiverged/, () => dt],
    ];

    /** The scenario's options of the controls, or null when one is invalid (each shows its own message). */
    function settings(): NetworkRunOptions & { size: number; p: number; duration: number; dt: number } | null {
      const v = readAll([size, p, duration, dt, seed]);
      const m = models.read();
      if (!v || !m) return null;
      const [N, prob, T, step, s] = v;
      if (step > T) {
        dt.setError(`Time step dt (ms) must be ≤ the simulated time (${T} ms) (got ${step}).`);
        return null;
      }
      return { size: N, p: prob, ...m, duration: T / 1e3, dt: step / 1e3, seed: s };
    }

    function run(e?: Event): void {
      const o = settings();
      if (!o) return invalid(status, work);
      const N = o.size, prob = o.p;
      const job: NetworkJob = { kind: 'network', ...o, partialEvery: 0.4 };
      try {
        // Refused here, before any wait for a click: what the worker would refuse anyway.
        checkNeuronSteps(N, o.duration, o.dt);
        checkNetworkMemory(N, prob);
      } catch (err) {
        work.drop();
        return void showJobError(err, routes(), status);
      }
      if (waitForClick(status, estimateNetworkWork(N, prob, o.duration, o.dt), e, again, work)) return void delete root.dataset.running;
      const t0 = performance.now();
      status.busy(`building the network: ${N.toLocaleString('en')} neurons, about ${Math.round(N * N * prob).toLocaleString('en')} synapses…`, 0, true);
      root.dataset.running = '1';
      work.run(job, (d, total, stage) => status.busy(stage === 'build' ? `building the network: ${Math.floor((100 * d) / total)} % of the pairs drawn…`
        : `simulating step ${thousands(d)} of ${thousands(total)}…`, d / total, true), (partial) => {
        if (partial.kind !== 'network' || drawing) return; // a draw still in progress: skip this snapshot
        drawing = true;
        // finally: a draw that fails must not stop every later partial result from being drawn.
        void draw(partial.run).then(() => {
          root.dataset.partials = String(Number(root.dataset.partials ?? 0) + 1);
          rates.show(partial.run.meanRate.exc, `${partial.run.meanRate.exc.toFixed(2)} / ${partial.run.meanRate.inh.toFixed(2)} Hz (so far)`);
        }).catch((err) => console.error('network panel: drawing a partial result failed', err)).finally(() => { drawing = false; });
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
        showJobError(err, routes(), status);
      });
    }
    // Typing restarts the run (the running one is stopped); a short pause first avoids a restart per keystroke.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const debounced = () => {
      clearTimeout(timer);
      timer = setTimeout(run, 250);
    };
    for (const f of [size, p, duration, dt, seed, models]) f.onInput(debounced);
    again.addEventListener('click', run);

    // The export builds the network of the current settings in its own worker (the run goes on) and downloads its files.
    function exportPyNN(): void {
      const o = settings();
      exportNote.classList.remove('failed');
      if (!o) {
        exportNote.classList.add('failed');
        exportNote.textContent = 'Not exported: fix the highlighted control.';
        return;
      }
      exportNote.textContent = 'building the network and writing run.py…';
      exporter.run({ kind: 'networkExport', ...o }).then((res) => {
        const names = Object.keys(res.files);
        for (const name of names) download(name, res.files[name], 'text/plain');
        exportNote.textContent = `${names.join(', ')}: ${o.size.toLocaleString('en')} neurons for PyNN 0.10 on NEURON (keep the files in one folder; python3 run.py or mpirun -np 2 python3 run.py writes spikes.csv)`;
        exportButton.dataset.exported = String(Number(exportButton.dataset.exported ?? 0) + 1);
      }).catch((err) => {
        if (err instanceof Superseded) return;
        exportNote.classList.add('failed');
        exportNote.textContent = err instanceof JobError && err.expected ? `Not exported: ${err.message}` : `Internal error: ${err instanceof Error ? err.message : String(err)}`;
      });
    }
    exportButton.addEventListener('click', exportPyNN);
    for (const f of [size, p, duration, dt, seed, models]) f.onInput(() => { exportNote.textContent = ''; exportNote.classList.remove('failed'); });
    run();
    return {
      shown: () => [raster, ratePlot, vPlot].forEach((pl) => pl.resize()),
      dispose: () => {
        work.cancel();
        exporter.cancel();
      },
    };
  },
};
