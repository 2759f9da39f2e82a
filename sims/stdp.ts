/** `npm run sim -- stdp`: Song, Miller & Abbott (2000) as Brian2's STDP example: 1,000 Poisson inputs, one LIF, STDP. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runSongStdp, songStdpFigures, SONG_STDP_DEFAULTS, type SongStdpOptions } from '../src/experiments/stdp.js';
import { ValidationError } from '../src/core/errors.js';
import { SIMS_DIR } from './lib/paths.js';
import { checkSamples, defineSim, POSITIVE, SEED } from './lib/sim.js';

/** Brian2's own example at the same seed and duration (sims/bench/peers/brian2_stdp.py); null when Brian2 is missing. */
function brian2(seed: number, duration: number, conductance: boolean, log: (m: string) => void): { histogram: number[]; outputRate: number; wallSeconds: number } | null {
  const script = join(SIMS_DIR, 'bench', 'peers', 'brian2_stdp.py');
  const args = [script, '--seed', String(seed), '--duration', String(duration), ...(conductance ? ['--conductance'] : [])];
  const p = spawnSync(process.env.SPIKEBRIDGE_PYTHON ?? '/usr/bin/python3', args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (p.status !== 0) {
    log(`Brian2 did not run (install Debian's python3-brian): ${(p.stderr || String(p.error)).trim().split('\n').pop()}`);
    return null;
  }
  return JSON.parse(p.stdout);
}

const pct = (h: number[], k: number) => (100 * h[k]) / h.reduce((a, b) => a + b, 0);

export default defineSim({
  name: 'stdp',
  summary: 'STDP (Song, Miller & Abbott 2000; Brian2\'s example): 1,000 Poisson inputs onto one LIF — bimodal weights, regulated output rate',
  details: '1,000 Poisson inputs at 15 Hz, τ_m 10 ms, E_L −74, V_t −54, V_r −60, E_e 0 mV, g_e jumping by w (τ_e 5 ms), g_max 0.01,\n' +
    'ΔA_pre = 0.01 g_max, ΔA_post = −1.05 ΔA_pre, τ_pre = τ_post = 20 ms, initial weights uniform in [0, g_max], no refractory period.\n' +
    "Drive 'fixed' is the example's driving force E_e − V_r (a normalized LIF with v_reset 0.7; precise timing by default);\n" +
    "'conductance' uses E_e − V (a physical LIF with a conductance synapse, grid timing). Weights are reported in g_max units.",
  flags: {
    duration: { type: 'number', description: 'simulated time', units: 's', default: SONG_STDP_DEFAULTS.duration, ...POSITIVE, max: 1000 },
    dt: { type: 'number', description: 'time step', units: 's', default: SONG_STDP_DEFAULTS.dt, ...POSITIVE, max: 0.001 },
    seed: { type: 'integer', description: 'seed of the inputs and the initial weights', default: SONG_STDP_DEFAULTS.seed, ...SEED },
    rule: { type: 'string', description: 'weight dependence', choices: ['additive', 'multiplicative'], default: SONG_STDP_DEFAULTS.rule },
    mu: { type: 'number', description: `exponent μ of the multiplicative rule (default ${SONG_STDP_DEFAULTS.mu})`, min: 0 },
    pairing: { type: 'string', description: 'spike pairing', choices: ['all-to-all', 'nearest'], default: SONG_STDP_DEFAULTS.pairing },
    drive: { type: 'string', description: 'driving force: fixed E_e − V_r (as the example) or conductance E_e − V', choices: ['fixed', 'conductance'], default: SONG_STDP_DEFAULTS.drive },
    timing: { type: 'string', description: "spike timing of the neuron (fixed drive; 'conductance' runs in grid timing)", choices: ['precise', 'grid'] },
    'tau-pre': { type: 'number', description: 'time constant of the pre-synaptic trace', units: 's', default: SONG_STDP_DEFAULTS.tauPre, ...POSITIVE, max: 10 },
    'tau-post': { type: 'number', description: 'time constant of the post-synaptic trace', units: 's', default: SONG_STDP_DEFAULTS.tauPost, ...POSITIVE, max: 10 },
    'da-pre': { type: 'number', description: 'ΔA_pre as a fraction of g_max', default: SONG_STDP_DEFAULTS.dApre, ...POSITIVE, max: 1 },
    'depression-ratio': { type: 'number', description: 'depression over potentiation: ΔA_post = −ratio·ΔA_pre·τ_pre/τ_post', default: SONG_STDP_DEFAULTS.depressionRatio, min: 0, max: 10 },
    'g-max': { type: 'number', description: 'upper bound of the weights (dimensionless conductance)', default: SONG_STDP_DEFAULTS.gMax, ...POSITIVE, max: 1 },
    peers: { type: 'boolean', description: "also run Brian2's example at the same seed and duration (Debian's python3-brian)" },
  },
  examples: ['npm run sim -- stdp', 'npm run sim -- stdp --duration 20 --rule multiplicative --plot stdp.html', 'npm run sim -- stdp --seed 2 --peers --json'],
  check(f) {
    checkSamples(f.duration, f.dt);
    if (f.peers) {
      const d = SONG_STDP_DEFAULTS;
      const changed = ([['rule', d.rule], ['pairing', d.pairing], ['tau-pre', d.tauPre], ['tau-post', d.tauPost], ['da-pre', d.dApre], ['depression-ratio', d.depressionRatio], ['g-max', d.gMax]] as const)
        .filter(([k, v]) => f[k] !== v).map(([k]) => `--${k}`);
      if (changed.length) throw new ValidationError('--peers', `runs Brian2's example with its own rule (additive, all-to-all, the example's constants); drop ${changed.join(', ')}`);
    }
  },
  run(f, ctx) {
    const o: SongStdpOptions = {
      duration: f.duration, dt: f.dt, seed: f.seed, rule: f.rule, pairing: f.pairing, drive: f.drive,
      tauPre: f['tau-pre'], tauPost: f['tau-post'], dApre: f['da-pre'], depressionRatio: f['depression-ratio'], gMax: f['g-max'],
      ...(f.mu !== undefined ? { mu: f.mu } : {}), ...(f.timing !== undefined ? { timing: f.timing } : {}),
    };
    const r = runSongStdp(o, (d, t) => ctx.progress(d, t, 'steps'));
    const peer = f.peers ? brian2(f.seed, f.duration, f.drive === 'conductance', ctx.log) : null;
    const s = r.settings;
    const h = r.histogram, most = Math.max(...h);
    const lines = [
      `STDP (${s.rule}${s.rule === 'multiplicative' ? `, μ = ${s.mu}` : ''}, ${s.pairing}), ${s.inputs} Poisson inputs at ${s.rate} Hz, ${s.duration} s at dt = ${s.dt * 1e3} ms, ` +
        `seed ${s.seed}, drive ${s.drive === 'fixed' ? 'E_e − V_r (fixed)' : 'E_e − V (conductance)'}, ${s.drive === 'fixed' ? s.timing : 'grid'} timing`,
      '', 'final weights (w / g_max)      synapses',
      ...h.map((c, k) => `  ${(k / 10).toFixed(1)}–${((k + 1) / 10).toFixed(1)}  ${'#'.repeat(Math.round((40 * c) / most)).padEnd(40)} ${String(c).padStart(4)}` +
        (peer ? `   Brian2 ${String(peer.histogram[k]).padStart(4)}` : '')),
      '',
      `lowest bin ${pct(h, 0).toFixed(1)} %, highest ${pct(h, 9).toFixed(1)} %` + (peer ? `   (Brian2: ${pct(peer.histogram, 0).toFixed(1)} %, ${pct(peer.histogram, 9).toFixed(1)} %)` : ''),
      `output rate over the last ${r.outputRateWindow} s: ${r.outputRate.toFixed(2)} Hz (${r.outputSpikes} spikes in all)` + (peer ? `   (Brian2: ${peer.outputRate.toFixed(2)} Hz)` : ''),
      `synapses 0 and 1: ${(r.initialWeights[0] / r.gMax).toFixed(3)} → ${(r.finalWeights[0] / r.gMax).toFixed(3)}, ${(r.initialWeights[1] / r.gMax).toFixed(3)} → ${(r.finalWeights[1] / r.gMax).toFixed(3)} g_max`,
      `wall time of the loop: ${r.wallSeconds.toFixed(2)} s` + (peer ? `   (Brian2, Cython target, compilation included: ${peer.wallSeconds.toFixed(2)} s)` : ''),
    ];
    const every = Math.max(1, Math.round(r.traces.t.length / 1000));
    const thin = (a: Float64Array) => Array.from(a.filter((_, k) => k % every === 0));
    return {
      json: {
        settings: s, gMax: r.gMax, finalWeights: Array.from(r.finalWeights), initialWeights: Array.from(r.initialWeights),
        histogram: r.histogram, initialHistogram: r.initialHistogram, outputRate: r.outputRate, outputRateWindow: r.outputRateWindow,
        outputSpikes: r.outputSpikes, rate: { t: Array.from(r.rate.t), rate: Array.from(r.rate.rate) },
        weightTraces: { t: thin(r.traces.t), w0: thin(r.traces.w[0]), w1: thin(r.traces.w[1]) },
        wallSeconds: r.wallSeconds, ...(peer ? { brian2: peer } : {}),
      },
      summary: lines.join('\n'),
      csv: { header: ['synapse', 'initial_weight', 'final_weight', 'final_weight_over_gmax'], rows: Array.from(r.finalWeights, (w, k) => [k, r.initialWeights[k], w, w / r.gMax]) },
      figures: () => songStdpFigures(r),
    };
  },
});
