/**
 * The shape of a terminal sim: flags in, a result out. `sims/cli.ts` does the rest (parsing, --help,
 * --json/--csv/--plot, progress bar, errors → exit 2), so each sim file stays a thin entry point over
 * `src/experiments`.
 */
import type { LabelledProgress, Progress } from '../../src/core/progress.js';
import type { Figure } from '../../src/experiments/figure.js';

/** One flag of a sim. Values arrive parsed and validated (numbers finite, choices checked). */
export interface FlagSpec {
  type: 'number' | 'string' | 'boolean' | 'integer' | 'numbers';
  description: string;
  default?: number | string | boolean | number[];
  /** Allowed values for a string flag. */
  choices?: readonly string[];
  /** Units shown in --help (public units: s, Hz, µA/cm², …). */
  units?: string;
}

/** What a sim hands back: the JSON object, a readable summary, and optional CSV and figures. */
export interface SimResult {
  /** Settings and results; printed by --json (exactly one object on stdout). */
  json: Record<string, unknown>;
  /** Text for a person (stdout when --json is not given). */
  summary: string;
  /** Columns for --csv: a header and rows of equal length (numbers or strings). */
  csv?: { header: string[]; rows: (number | string)[][] };
  /** Plotly figures for --plot out.html. */
  figures?: Figure[];
}

/** Context a sim gets: a progress callback (a bar on a TTY) and a logger to stderr. */
export interface SimContext {
  /** (done, total), or (done, total, label) for a run of several stages. */
  progress: Progress & LabelledProgress;
  log: (msg: string) => void;
}

/** A sim: its name, one-line summary, flags, and `run`. */
export interface Sim {
  name: string;
  summary: string;
  /** Longer help text (optional). */
  details?: string;
  flags: Record<string, FlagSpec>;
  /** Example command lines shown in --help. */
  examples?: string[];
  run(flags: Record<string, any>, ctx: SimContext): SimResult | Promise<SimResult>;
}

/** Identity helper that gives a sim literal its type. */
export function defineSim(s: Sim): Sim {
  return s;
}
