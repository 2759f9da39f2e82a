/**
 * The shape of a terminal sim: flags in, a result out. `sims/cli.ts` does the rest (parsing and checking every flag
 * before the run, --help, --json/--csv/--plot and other output files, progress bar, errors → one line and an exit
 * code), so each sim file stays a thin entry point over `src/experiments`.
 */
import { ValidationError } from '../../src/core/errors.js';
import type { LabelledProgress, Progress } from '../../src/core/progress.js';
import type { Figure } from '../../src/experiments/figure.js';

/** One flag of a sim. Values arrive parsed and checked (numbers finite and within bounds, choices checked). */
export interface FlagSpec {
  type: 'number' | 'string' | 'boolean' | 'integer' | 'numbers';
  description: string;
  default?: number | string | boolean | number[];
  /** Allowed values for a string flag. */
  choices?: readonly string[];
  /** Units shown in --help (public units: s, Hz, µA/cm², …); the default and bounds are in these units. */
  units?: string;
  /** Smallest allowed value (of a number, an integer, or each entry of a list). */
  min?: number;
  /** Values must be greater than this (e.g. 0 for durations and time steps). */
  exclusiveMin?: number;
  /** Largest allowed value: keeps a run within memory and minutes. */
  max?: number;
  /**
   * The flag names a file. 'read': it must be readable; 'write': it must be writable ('-' is stdout), and the CLI
   * writes `SimResult.outputs[flag]` there. Both are checked before the run.
   */
  file?: 'read' | 'write';
}

/** A CSV table: a header and rows of equal length (numbers or strings); rows may be produced lazily. */
export interface CsvTable {
  header: string[];
  rows: Iterable<readonly (number | string)[]>;
}

/** What a sim hands back: the JSON object, a readable summary, and optional CSV, figures and further files. */
export interface SimResult {
  /** Settings and results; printed by --json (exactly one object on stdout). */
  json: Record<string, unknown>;
  /** Text for a person (stdout when nothing else is written there). */
  summary: string;
  /** Columns for --csv. */
  csv?: CsvTable;
  /** Plotly figures for --plot out.html, made only when asked for. */
  figures?: () => Figure[];
  /**
   * Further files, keyed by the flag that names their path (a flag with `file: 'write'`): text or a CSV table, and
   * what it is (for the message saying where it went, e.g. 'model').
   */
  outputs?: Record<string, { what: string; content: string | CsvTable }>;
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
  /**
   * Checks that need several flags together (each flag alone is checked from its FlagSpec), before any work;
   * throws a ValidationError naming the flags.
   */
  check?(flags: Record<string, any>): void;
  run(flags: Record<string, any>, ctx: SimContext): SimResult | Promise<SimResult>;
}

/** Identity helper that gives a sim literal its type. */
export function defineSim(s: Sim): Sim {
  return s;
}

/** The rows i = 0 … n − 1 of a CSV table, made one at a time as they are written (long traces stay typed arrays). */
export function* tableRows(n: number, row: (i: number) => readonly (number | string)[]): Generator<readonly (number | string)[]> {
  for (let i = 0; i < n; i++) yield row(i);
}

/** At most this many time steps in a recorded trace (a sample is 8 bytes per recorded variable). */
export const MAX_SAMPLES = 1e7;

/** Throws when duration / dt exceeds MAX_SAMPLES, naming the flags. */
export function checkSamples(duration: number, dt: number, flags = '--duration / --dt'): void {
  const n = Math.round(duration / dt);
  if (n > MAX_SAMPLES) {
    throw new ValidationError(flags, `${duration} s at dt = ${dt} s is ${n.toExponential(2)} time steps; at most ${MAX_SAMPLES.toLocaleString('en-US')} are recorded (use a larger --dt or a shorter --duration)`);
  }
}

/** Bounds many flags share: spread into a FlagSpec. */
export const POSITIVE = { exclusiveMin: 0 } as const;
export const NON_NEGATIVE = { min: 0 } as const;
/** Seeds: the generator takes 32 bits (src/core/rng.ts), so larger seeds would repeat smaller ones. */
export const SEED = { min: 0, max: 2 ** 32 - 1 } as const;
