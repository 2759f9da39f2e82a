import { runCobahh } from './src/experiments/cobahh.ts';
for (const [method, dt] of [['exponential-euler', 1e-4], ['rk4', 5e-5]] as const) for (const seed of [1, 2, 3, 4, 5]) { const r = runCobahh({ seed, method, dt, keepSpikes: 0 }); console.log(JSON.stringify({ method, dt, seed, rate: +r.meanRate.toFixed(2), cv: +r.meanCv!.toFixed(3), loop: +r.loopSeconds.toFixed(1) })); }
