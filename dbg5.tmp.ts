import { runSongStdp } from './src/experiments/stdp.js';
const timing = process.argv[2] as 'precise' | 'grid';
const dt = Number(process.argv[3] ?? 1e-4);
for (let seed = 1; seed <= 10; seed++) {
  const r = runSongStdp({ duration: 100, seed, timing, dt });
  console.log(JSON.stringify({ seed, timing, dt, hist: r.histogram, lo: r.histogram[0] / 10, hi: r.histogram[9] / 10, rate: r.outputRate, wall: +r.wallSeconds.toFixed(2) }));
}
