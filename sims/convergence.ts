/** `npm run sim -- convergence`: error against dt for Euler and RK4, with the fitted orders. */
import { CONVERGENCE_DEFAULTS, convergenceFigure, KNOWN_PROBLEMS, runConvergence } from '../src/experiments/convergence.js';
import { defineSim } from './lib/sim.js';

export default defineSim({
  name: 'convergence',
  summary: 'Error vs dt for forward Euler and RK4 on a problem with a known solution and on Hodgkin-Huxley, with fitted orders',
  flags: {
    problem: { type: 'string', description: 'known-solution problem', choices: Object.keys(KNOWN_PROBLEMS), default: CONVERGENCE_DEFAULTS.problem },
    'skip-hh': { type: 'boolean', description: 'leave out Hodgkin-Huxley' },
  },
  run(f, ctx) {
    const r = runConvergence({ problem: f.problem, hh: !f['skip-hh'] }, (d, t) => ctx.progress(d, t, 'series'));
    const lines = [`Known solution: ${KNOWN_PROBLEMS[f.problem].description}`, 'Hodgkin-Huxley: max |V − V_ref| (mV) over 20 ms at 10 µA/cm², reference RK45 rtol = atol = 1e-12', ''];
    const rows: (number | string)[][] = [];
    for (const s of r.series) {
      lines.push(`${s.problem} / ${s.method}: fitted order ${s.order.toFixed(3)}`);
      s.dt.forEach((dt, i) => {
        lines.push(`  dt = ${dt.toExponential(3)} s   error = ${s.error[i].toExponential(3)}`);
        rows.push([s.problem, s.method, dt, s.error[i]]);
      });
    }
    return {
      json: { settings: { problem: f.problem, hh: !f['skip-hh'] }, series: r.series, orders: Object.fromEntries(r.series.map((s) => [`${s.problem}/${s.method}`, s.order])) },
      summary: lines.join('\n'),
      csv: { header: ['problem', 'method', 'dt_s', 'error'], rows },
      figures: () => [convergenceFigure(r)],
    };
  },
});
