import { buildCoba } from './src/experiments/coba.ts';
import { SpikeRecorder } from './src/network/recorders.ts';
const { net, exc, inh } = buildCoba({ seed: 1 });
const rE = new SpikeRecorder(exc, {countOnly: true}), rI = new SpikeRecorder(inh, {countOnly: true});
const h0 = process.memoryUsage().heapUsed;
const info = net.run(1, 1e-4, { recorders: [rE, rI] });
console.log(info.wallSeconds, (4000*1e4/info.wallSeconds/1e6).toFixed(1), rE.total + rI.total);
const info2 = net.run(1, 1e-4, { recorders: [rE, rI] });
console.log(info2.wallSeconds, (4000*1e4/info2.wallSeconds/1e6).toFixed(1));
