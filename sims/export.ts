/**
 * `npm run sim -- export`: writes a network as a PyNN script (run.py + data) and, with --run, runs it on NEURON
 * (serially or under mpirun), reads spikes.csv back and compares it with spikebridge's own run of the same network.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SpikebridgeError } from '../src/core/errors.js';
import { describeNetwork } from '../src/export/describe.js';
import { pyNNChunks, type FileChunk } from '../src/export/pynn.js';
import { parsePyNNSpikes } from '../src/export/pynnResults.js';
import { buildExportScenario, compareScenario, EXPORT_NETWORKS, roundTripFigures, runScenario } from '../src/experiments/pynnRoundTrip.js';
import { pynnMissing, runPyNN, writeChunks } from './lib/pynn.js';
import { defineSim } from './lib/sim.js';

const MB = 1024 * 1024;

export default defineSim({
  name: 'export',
  summary: 'Export a network to PyNN (run.py for NEURON, serial or MPI); with --run, run it and compare with spikebridge',
  details: 'Writes run.py (and data files) into --out. Running run.py there — /usr/bin/python3 run.py, or under mpirun — rebuilds\n' +
    'the network in PyNN 0.10 (IF_curr_exp/IF_curr_alpha, SpikeSourceArray with the exact input spikes, FromListConnector\n' +
    'lists) and writes spikes.csv (population,index,time_s). --run does that (mpirun --allow-run-as-root --oversubscribe -np N\n' +
    'for N > 1), reads the spikes back and prints rates, CVs and, for the deterministic feed-forward network, spike-by-spike\n' +
    'agreement beside spikebridge\'s own run. Needs Debian\'s python3-pynn, openmpi-bin, python3-mpi4py, neuron-dev and\n' +
    'PyNN\'s NEURON mechanisms: sims/tools/setup-pynn-neuron.sh --install.',
  flags: {
    network: { type: 'string', description: 'the network to export', choices: EXPORT_NETWORKS },
    format: { type: 'string', description: 'export format', choices: ['pynn'], default: 'pynn' },
    out: { type: 'string', description: 'folder to write run.py (and data files) into' },
    run: { type: 'boolean', description: 'run the script on NEURON and compare with spikebridge', default: false },
    np: { type: 'integer', description: 'MPI processes for --run (1 = plain python3, no mpirun)', default: 2 },
    data: { type: 'string', description: 'data in run.py or in files beside it', choices: ['auto', 'inline', 'files'], default: 'auto' },
    duration: { type: 'number', description: 'simulated time', units: 's', default: 1 },
    dt: { type: 'number', description: 'time step (default 1e-4; 1e-5 for feedforward)', units: 's' },
    size: { type: 'integer', description: 'neurons (cuba, network)' },
    p: { type: 'number', description: 'connection probability (cuba, network)' },
    'in-degree': { type: 'integer', description: 'fixed in-degree instead of p (cuba)' },
    seed: { type: 'integer', description: 'seed (feedforward, network)' },
  },
  examples: [
    'npm run sim -- export --network feedforward --out /tmp/ff --run --np 2',
    'npm run sim -- export --network cuba --out /tmp/cuba --run --np 2 --json --plot cuba.html',
    'npm run sim -- export --network cuba --size 40000 --in-degree 100 --out /tmp/big --data files',
  ],
  async run(f, ctx) {
    if (!f.network) throw new SpikebridgeError(`export: --network is required (${EXPORT_NETWORKS.join(', ')})`);
    if (!f.out) throw new SpikebridgeError('export: --out is required (the folder to write run.py into)');
    if (!(f.np >= 1)) throw new SpikebridgeError(`export: --np must be >= 1 (got ${f.np})`);
    const dir = resolve(String(f.out));
    const s = buildExportScenario({ network: f.network, duration: f.duration, dt: f.dt, size: f.size, p: f.p, inDegree: f['in-degree'], seed: f.seed });
    // Check the install before minutes of export.
    const missing = f.run ? pynnMissing(f.np) : null;
    if (missing) throw new SpikebridgeError(missing);

    // Export, streaming chunks to disk; the exporter's memory is the growth of the peak RSS beyond the built network.
    const rssBefore = process.resourceUsage().maxRSS * 1024;
    let heapPeak = 0;
    const t0 = performance.now();
    const description = describeNetwork(s.net, { duration: s.duration, dt: s.dt });
    function* sampled(chunks: Iterable<FileChunk>): Generator<FileChunk> {
      for (const c of chunks) {
        const m = process.memoryUsage();
        heapPeak = Math.max(heapPeak, m.heapUsed + m.arrayBuffers);
        yield c;
      }
    }
    const sizes = writeChunks(dir, sampled(pyNNChunks(description, { data: f.data })));
    const exportSeconds = (performance.now() - t0) / 1000;
    const rssAfter = process.resourceUsage().maxRSS * 1024;
    const bytes = Object.values(sizes).reduce((a, b) => a + b, 0);
    const synapses = description.projections.reduce((a, q) => a + q.connections.pre.length, 0);
    const neurons = description.populations.reduce((a, p) => a + p.size, 0);
    const exported = {
      dir, files: sizes, bytes, seconds: exportSeconds, neurons, synapses,
      peakRssMB: rssAfter / MB, rssBeforeMB: rssBefore / MB, peakHeapMB: heapPeak / MB,
    };
    const head = `${s.name}: ${neurons} neurons, ${synapses} synapses, ${s.duration} s at dt = ${s.dt * 1e3} ms → ${dir} `
      + `(${Object.keys(sizes).length} file(s), ${(bytes / MB).toFixed(1)} MB, exported in ${exportSeconds.toFixed(2)} s; peak RSS ${(rssAfter / MB).toFixed(0)} MB, ${(rssBefore / MB).toFixed(0)} MB before the export)`;
    if (!f.run) {
      return {
        json: { network: s.name, format: f.format, settings: s.settings, duration: s.duration, dt: s.dt, export: exported },
        summary: `${head}\nrun it there: /usr/bin/python3 run.py   or   mpirun -np 2 /usr/bin/python3 run.py   (writes spikes.csv)`,
      };
    }

    ctx.log(`running run.py on NEURON (${f.np === 1 ? 'python3' : `mpirun -np ${f.np}`}) in ${dir} ...`);
    const pynnRun = await runPyNN(dir, f.np);
    const theirs = parsePyNNSpikes(readFileSync(join(dir, 'spikes.csv'), 'utf8'));
    ctx.log('running spikebridge ...');
    const ours = runScenario(s, (d, t) => ctx.progress(d, t, 'spikebridge'));
    const c = compareScenario(s, ours.spikes, theirs);

    const side = (k: 0 | 1) => ({
      spikes: c.total.spikes[k],
      meanRate: Object.fromEntries(Object.entries(c.populations).map(([n, p]) => [n, p.meanRate[k]])),
      meanCv: Object.fromEntries(Object.entries(c.populations).map(([n, p]) => [n, p.meanCv[k]])),
    });
    const json: Record<string, unknown> = {
      network: s.name, np: f.np, format: f.format, settings: s.settings, duration: s.duration, dt: s.dt, export: exported,
      spikebridge: { ...side(0), wallSeconds: ours.wallSeconds },
      pynn: { ...side(1), wallSeconds: pynnRun.wallSeconds, buildSeconds: pynnRun.buildSeconds, runSeconds: pynnRun.runSeconds, writeSeconds: pynnRun.writeSeconds },
      comparison: c.populations,
      deterministic: s.deterministic,
    };
    if (s.deterministic) {
      Object.assign(json, {
        perNeuronCountsEqual: c.total.perNeuronCountsEqual, equalCountFraction: c.total.equalCountFraction,
        maxSpikeTimeDiff: c.total.maxSpikeTimeDiff, matchedSpikes: c.total.matchedSpikes, unmatchedSpikes: c.total.unmatchedSpikes,
      });
    }
    const fmt = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '–');
    const rows = Object.entries(c.populations).map(([n, p]) =>
      `${n.padEnd(14)} ${String(p.size).padStart(7)} ${String(p.spikes[0]).padStart(9)} ${String(p.spikes[1]).padStart(9)} ${fmt(p.meanRate[0]).padStart(9)} ${fmt(p.meanRate[1]).padStart(9)} ${fmt(p.meanCv[0], 3).padStart(7)} ${fmt(p.meanCv[1], 3).padStart(7)} ${fmt(p.countCorrelation, 3).padStart(7)}`);
    const lines = [
      head,
      `spikebridge: ${ours.wallSeconds.toFixed(2)} s (loop)   PyNN/NEURON np ${f.np}: ${pynnRun.wallSeconds.toFixed(2)} s wall (build ${pynnRun.buildSeconds.toFixed(2)} s, run ${pynnRun.runSeconds.toFixed(2)} s, gather+write ${pynnRun.writeSeconds.toFixed(2)} s)`,
      'group             size  spikes:sb     pynn   Hz:sb      pynn  CV:sb    pynn  count r',
      ...rows,
    ];
    if (s.deterministic) {
      lines.push(`spike by spike: ${(c.total.equalCountFraction * 100).toFixed(1)} % of neurons with equal counts, ${c.total.matchedSpikes} spikes matched within 1 ms `
        + `(unmatched ${c.total.unmatchedSpikes[0]} / ${c.total.unmatchedSpikes[1]}), largest matched difference ${(c.total.maxSpikeTimeDiff * 1e3).toFixed(3)} ms`);
    }
    return { json, summary: lines.join('\n'), figures: () => roundTripFigures(s, ours.spikes, theirs, ['spikebridge', `PyNN/NEURON np ${f.np}`]) };
  },
});
