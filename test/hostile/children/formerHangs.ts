/**
 * Run by regressions.test.ts in a child process with a timeout: the inputs that used to run forever (or for minutes).
 * Each must now end, with an error naming the time reached or the parameter at fault, or (a training run asked for
 * 10¹² epochs) stop when cancelled. Prints one JSON object: what each case threw or returned.
 */
import { HodgkinHuxley, MLP, Rk45, integrate, train } from '../../../src/index.js';

interface Outcome { name: string; error: string; param?: string; time?: number; variable?: string; message: string; value?: unknown }
const out: Outcome[] = [];
function attempt(name: string, f: () => unknown): void {
  try {
    out.push({ name, error: 'none', message: '', value: f() });
  } catch (e) {
    const err = e as Error & { param?: string; time?: number; variable?: string };
    out.push({ name, error: err.name, param: err.param, time: err.time, variable: err.variable, message: err.message });
  }
}

const decay = (_t: number, y: Float64Array, d: Float64Array) => { d[0] = -y[0]; };
attempt('rtol = atol = 1e-300', () => integrate(decay, [1], { t1: 1, dt: 0.1, method: 'rk45', rtol: 1e-300, atol: 1e-300 }));
attempt('atol = 1e-300 on a component at 0', () => {
  const r = integrate((_t, y, d) => { d[0] = 1; d[1] = -y[1]; }, [0, 1], { t1: 1, dt: 0.1, method: 'rk45', rtol: 1e-6, atol: 1e-300 });
  return [r.y[0][10], r.y[1][10]];
});
attempt('a pole at t = 0.01', () => integrate((t, _y, d) => { d[0] = 1 / (t - 0.01); }, [0], { t1: 0.02, dt: 0.001, method: 'rk45' }));
attempt('a derivative that turns NaN at t = 0.005', () => integrate((t, _y, d) => { d[0] = t < 0.005 ? 1 : NaN; }, [0], { t1: 0.01, dt: 0.001, method: 'rk45' }));
// y' = −10⁶ (y − cos t): stiff; explicit RK45 needs ~3·10⁵ steps per unit of t to stay stable.
attempt('a stiff problem, default step budget', () => integrate((t, y, d) => { d[0] = -1e6 * (y[0] - Math.cos(t)); }, [1], { t1: 10, dt: 0.1, method: 'rk45' }));
attempt('a stiff problem, maxSteps 1000', () => {
  const s = new Rk45((t, y, d) => { d[0] = -1e6 * (y[0] - Math.cos(t)); }, 0, [1], 10, { maxSteps: 1000 });
  while (s.step());
});
attempt('HH at −200 µA/cm² with rk45', () => new HodgkinHuxley().simulate({ current: -200, method: 'rk45', duration: 0.2, dt: 1e-5 }).spikes.length);
attempt('HH with the current 1/(t − 0.01) and rk45', () => new HodgkinHuxley().simulate({ current: '1/(t-0.01)', method: 'rk45', duration: 0.02, dt: 1e-5 }).spikes.length);
attempt('HH at −200 µA/cm² with rk45, maxSteps 5000', () => new HodgkinHuxley().simulate({ current: -200, method: 'rk45', duration: 0.2, dt: 1e-5, maxSteps: 5000 }).spikes.length);
attempt('train for 1e12 epochs, cancelled after 1000 mini-batches', () => {
  const mlp = new MLP({ sizes: [2, 3, 1], seed: 1 });
  const signal = { aborted: false };
  let calls = 0;
  const h = train(mlp, { X: [[0, 0], [0, 1], [1, 0], [1, 1]], T: [[0], [1], [1], [0]] }, {
    epochs: 1e12, batchSize: 2, optimizer: { name: 'sgd', lr: 0.1 }, signal,
    onProgress: () => { if (++calls === 1000) signal.aborted = true; },
  });
  return { cancelled: h.cancelled, epochs: h.epochs, losses: h.loss.length, calls };
});
console.log(JSON.stringify(out));
