/** `npm run sim -- fi-curve`: LIF simulated vs G(v), and the HH f–I curve. */
import { fiFigures, runHhFiCurve, runLifFiCurve, HH_FI_DEFAULTS, LIF_FI_DEFAULTS } from '../src/experiments/fiCurve.js';
import { checkSamples, defineSim, POSITIVE } from './lib/sim.js';

export default defineSim({
  name: 'fi-curve',
  summary: 'f–I curves: simulated LIF against the analytic G(v_in), and simulated Hodgkin-Huxley',
  flags: {
    neuron: { type: 'string', description: 'which curves', choices: ['both', 'lif', 'hh'], default: 'both' },
    'v-min': { type: 'number', description: 'LIF: smallest v_in', default: LIF_FI_DEFAULTS.vMin},
    'v-max': { type: 'number', description: 'LIF: largest v_in', default: LIF_FI_DEFAULTS.vMax},
    'i-min': { type: 'number', description: 'HH: smallest current', units: 'µA/cm²', default: HH_FI_DEFAULTS.iMin},
    'i-max': { type: 'number', description: 'HH: largest current', units: 'µA/cm²', default: HH_FI_DEFAULTS.iMax},
    points: { type: 'integer', description: 'inputs per curve', default: HH_FI_DEFAULTS.points, min: 1, max: 1000 },
    duration: { type: 'number', description: 'simulated time per input', units: 's', default: LIF_FI_DEFAULTS.duration, ...POSITIVE },
    'lif-dt': { type: 'number', description: 'LIF time step', units: 's', default: LIF_FI_DEFAULTS.dt, ...POSITIVE },
    'hh-dt': { type: 'number', description: 'HH time step (RK4)', units: 's', default: HH_FI_DEFAULTS.dt, ...POSITIVE },
    method: { type: 'string', description: 'LIF integrator', choices: ['exact', 'euler', 'rk4'], default: LIF_FI_DEFAULTS.method},
  },
  check(f) {
    if (f.neuron !== 'hh') checkSamples(f.duration, f['lif-dt'], '--duration / --lif-dt');
    if (f.neuron !== 'lif') checkSamples(f.duration, f['hh-dt'], '--duration / --hh-dt');
  },
  run(f, ctx) {
    const lif = f.neuron !== 'hh'
      ? runLifFiCurve({ vMin: f['v-min'], vMax: f['v-max'], points: f.points, duration: f.duration, dt: f['lif-dt'], method: f.method }, (d, t) => ctx.progress(d, t, 'LIF'))
      : undefined;
    const hh = f.neuron !== 'lif'
      ? runHhFiCurve({ iMin: f['i-min'], iMax: f['i-max'], points: f.points, duration: f.duration, dt: f['hh-dt'], settle: Math.min(0.2, f.duration / 2) }, (d, t) => ctx.progress(d, t, 'Hodgkin-Huxley'))
      : undefined;
    const lines: string[] = [];
    const rows: (number | string)[][] = [];
    if (lif) {
      lines.push(`LIF (${f.method}, dt = ${f['lif-dt'] * 1e3} ms): largest |simulated/G − 1| = ${(lif.maxRelError * 100).toExponential(2)} %`);
      lines.push('  v_in    simulated (Hz)   G(v_in) (Hz)');
      lif.vIn.forEach((v, i) => {
        lines.push(`  ${v.toFixed(3).padStart(6)}  ${lif.simulated[i].toFixed(3).padStart(14)}  ${lif.analytic[i].toFixed(3).padStart(13)}`);
        rows.push(['lif', v, lif.simulated[i], lif.analytic[i]]);
      });
    }
    if (hh) {
      lines.push(`Hodgkin-Huxley (RK4, dt = ${f['hh-dt'] * 1e3} ms): sustained firing from ${hh.firstFiring} µA/cm² on this grid`);
      lines.push('  I (µA/cm²)   rate (Hz)');
      hh.current.forEach((I, i) => {
        lines.push(`  ${I.toFixed(2).padStart(10)}  ${hh.rate[i].toFixed(2).padStart(10)}`);
        rows.push(['hh', I, hh.rate[i], '']);
      });
    }
    return {
      json: { settings: f, lif: lif ?? null, hh: hh ?? null },
      summary: lines.join('\n'),
      csv: { header: ['neuron', 'input', 'rate_Hz', 'analytic_Hz'], rows },
      figures: () => fiFigures(lif, hh),
    };
  },
});
