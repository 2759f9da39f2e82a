/** The shape of a benchmark workload in `sims/bench/<name>.ts` (the workloads: sims/bench/README.md). */

/** One line of the printed table. */
export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  /** The peers' figures on this machine, for comparison (sims/bench/README.md). */
  peers?: string;
}

/** What a workload returns. */
export interface BenchResult {
  /** Numeric keys merged into `npm run bench -- --json` (DESIGN.md names). */
  keys: Record<string, number>;
  rows: BenchRow[];
  /** Extra tables printed after the rows (e.g. a work-precision table), as text. */
  extra?: string[];
  /** Structured extra data for --json (e.g. the work-precision table). */
  details?: Record<string, unknown>;
}

/** A workload: `--only <name>` selects it. */
export interface Workload {
  name: string;
  description: string;
  /** Lower numbers run first. */
  order: number;
  run(log: (msg: string) => void): Promise<BenchResult> | BenchResult;
}

/** The process's CPU time, s (user + system): the fair measure of a loop on a loaded machine. */
export function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

/** Median of an array. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : 0.5 * (s[m - 1] + s[m]);
}

/** Runs `fn` `repeats` times after `warmup` untimed runs; returns the wall times (s). */
export function timeIt(fn: () => void, repeats = 5, warmup = 1): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const out: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    out.push((performance.now() - t0) / 1000);
  }
  return out;
}
