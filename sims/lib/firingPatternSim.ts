/**
 * The terminal sim of a reset model with named firing patterns (`adex`, `izhikevich`): one pattern's traces, or
 * its f–I curve with `--fi`. Both sims are this definition with a different model.
 */
import { resetFiFigures, runResetFiCurve } from '../../src/experiments/fiCurve.js';
import { RESET_MODEL_INFO, firingPatternFigures, listFiringPatterns, runFiringPattern, type ResetModel } from '../../src/experiments/firingPatterns.js';
import { IZHIKEVICH_PATTERNS } from '../../src/neurons/izhikevich.js';
import { defineSim, type Sim } from './sim.js';

const fmt = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : String(x));

/** The sim for `model`. */
export function firingPatternSim(model: ResetModel, summary: string): Sim {
  const info = RESET_MODEL_INFO[model];
  const patterns = listFiringPatterns().filter((p) => p.model === model);
  const names = patterns.map((p) => p.name);
  const choices = model === 'izhikevich' ? [...names, ...Object.values(IZHIKEVICH_PATTERNS).map((p) => p.abbreviation)] : names;
  return defineSim({
    name: model,
    summary,
    details: [
      `Patterns (the stimulus of each is the default current and duration):`,
      ...patterns.map((p) => `  ${p.name.padEnd(30)} ${p.description}; I = ${p.current.map(([t, I]) => `${I} from ${t * 1e3} ms`).join(', ')}; ${p.duration * 1e3} ms`),
      `The current may be a number or a formula in t (seconds), in ${info.units.I}.`,
    ].join('\n'),
    flags: {
      pattern: { type: 'string', description: 'parameter set', choices, default: info.defaultPattern },
      current: { type: 'string', description: "injected current: number or formula in t (s); default: the pattern's stimulus", units: info.units.I },
      duration: { type: 'number', description: "simulated time (default: the pattern's)", units: 's' },
      dt: { type: 'number', description: 'time step (RK4, spikes located inside the step)', units: 's', default: 1e-4 },
      fi: { type: 'boolean', description: 'f–I curve of the pattern (steady and onset rates) instead of traces' },
      'i-min': { type: 'number', description: 'f–I: smallest current', units: info.units.I, default: 0 },
      'i-max': { type: 'number', description: "f–I: largest current (default: twice the pattern's stimulus)", units: info.units.I },
      points: { type: 'integer', description: 'f–I: number of currents', default: 21 },
      'fi-duration': { type: 'number', description: 'f–I: simulated time per current', units: 's', default: 2 },
      settle: { type: 'number', description: 'f–I: time skipped before the steady rate is measured', units: 's', default: 1 },
    },
    examples: [
      `npm run sim -- ${model} --pattern ${names[1]} --plot ${model}.html`,
      `npm run sim -- ${model} --pattern ${names[0]} --current ${model === 'adex' ? 400 : 5} --duration 0.5 --json`,
      `npm run sim -- ${model} --pattern ${names[0]} --fi`,
    ],
    run(f, ctx) {
      if (f.fi) {
        const c = runResetFiCurve({ model, pattern: f.pattern, iMin: f['i-min'], iMax: f['i-max'], points: f.points, duration: f['fi-duration'], settle: f.settle, dt: f.dt },
          (d, t) => ctx.progress(d, t, 'f–I'));
        const lines = [
          `${info.label} ${c.pattern}: f–I curve by simulation (RK4, dt = ${f.dt * 1e3} ms, ${f['fi-duration']} s per current, steady rate after ${f.settle} s)`,
          `sustained firing from ${c.firstFiring} ${c.units} on this grid`,
          `  I (${c.units})`.padEnd(14) + 'steady (Hz)'.padStart(13) + 'onset (Hz)'.padStart(13) + 'spikes'.padStart(9),
          ...c.input.map((I, i) => `  ${fmt(I, 2).padStart(10)}  ${fmt(c.steady[i]).padStart(12)} ${fmt(c.initial[i]).padStart(12)} ${String(c.count[i]).padStart(8)}`),
        ];
        return {
          json: { settings: { model, ...f }, fi: c },
          summary: lines.join('\n'),
          csv: { header: ['I', 'steady_Hz', 'onset_Hz', 'spikes'], rows: c.input.map((I, i) => [I, c.steady[i], c.initial[i], c.count[i]]) },
          figures: () => resetFiFigures(c),
        };
      }
      const run = runFiringPattern({ model, pattern: f.pattern, current: f.current, duration: f.duration, dt: f.dt });
      const spikes = Array.from(run.spikes);
      const isi = spikes.slice(1).map((s, i) => (s - spikes[i]) * 1e3);
      const [vName, wName] = info.names;
      const stim = run.settings.current;
      const summary = [
        `${info.label} ${run.settings.pattern} (${run.description}), ${run.settings.duration * 1e3} ms at dt = ${f.dt * 1e3} ms (RK4)`,
        `stimulus: ${Array.isArray(stim) ? stim.map(([t, I]) => `${I} ${info.units.I} from ${t * 1e3} ms`).join(', ') : `${stim} ${info.units.I}`}`,
        `spikes: ${spikes.length}   rate: ${fmt(run.rate, 2)} Hz (from inter-spike intervals)`,
        `spike times (ms): ${spikes.slice(0, 12).map((s) => (s * 1e3).toFixed(4)).join(', ')}${spikes.length > 12 ? ', …' : ''}`,
        `first intervals (ms): ${isi.slice(0, 8).map((x) => x.toFixed(3)).join(', ')}${isi.length > 8 ? ', …' : ''}`,
        `${vName} range: ${fmt(Math.min(...run.V), 2)} to ${fmt(Math.max(...run.V), 2)} ${info.units.V} (after resets; spikes cut at ${run.Vpeak} ${info.units.V})   ` +
          `${wName} range: ${fmt(Math.min(...run.w), 2)} to ${fmt(Math.max(...run.w), 2)} ${info.units.w}`,
      ].join('\n');
      return {
        json: { settings: run.settings, spikes, rate: run.rate, spikeCount: spikes.length, isi: isi.map((x) => x * 1e-3) },
        summary,
        csv: { header: ['t_s', `${vName}_mV`, `${wName}_${info.units.w.replace('/', '_per_')}`, `I_${info.units.I.replace('/', '_per_')}`], rows: Array.from(run.t, (t, i) => [t, run.V[i], run.w[i], run.I[i]]) },
        figures: () => firingPatternFigures(run),
      };
    },
  });
}
