import { runCoba } from './src/experiments/coba.ts';
for (const seed of [1,2]) { const r = runCoba({ seed }); console.log(seed, r.spikes, r.meanRate.toFixed(2), r.exc.meanRate.toFixed(2), r.inh.meanRate.toFixed(2), r.meanCv?.toFixed(3), (r.neuronStepsPerSecond/1e6).toFixed(1)+'M/s', r.loopSeconds.toFixed(2)); }
