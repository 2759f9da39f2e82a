/**
 * Error types. Every error the library throws on purpose is a {@link SpikebridgeError}, so a CLI or a web
 * page can show its message to a person and treat anything else as a bug.
 * @module
 */

/** Base class of every error thrown on purpose by spikebridge (bad input, a diverging simulation). */
export class SpikebridgeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SpikebridgeError';
  }
}

/** A parameter was rejected: names the parameter, the value and what is allowed. */
export class ValidationError extends SpikebridgeError {
  /** Dotted name of the parameter, e.g. `LIF.tauM`. */
  readonly param: string;
  constructor(param: string, message: string) {
    super(`${param}: ${message}`);
    this.name = 'ValidationError';
    this.param = param;
  }
}

/** A simulation produced a non-finite or runaway value: names the variable, the neuron and the time. */
export class SimulationDiverged extends SpikebridgeError {
  /** Name of the state variable that diverged, e.g. `V` or `exc.v`. */
  readonly variable: string;
  /** Simulated time (s) of the step at which it diverged. */
  readonly time: number;
  /** Index of the neuron (or state component), when there is one. */
  readonly index: number;
  constructor(variable: string, time: number, value: number, index = 0, hint = '') {
    super(
      `simulation diverged: ${variable}${index ? `[${index}]` : ''} = ${value} at t = ${formatTime(time)}` +
        (hint ? ` (${hint})` : ''),
    );
    this.name = 'SimulationDiverged';
    this.variable = variable;
    this.time = time;
    this.index = index;
  }
}

/**
 * A request needs more memory than the budget allows (see `setMemoryBudget`): refused before anything was
 * allocated. The message gives the size needed, the budget and ways to need less.
 */
export class MemoryBudgetExceeded extends ValidationError {
  /** Bytes the request would allocate. */
  readonly bytes: number;
  /** The budget in force, bytes. */
  readonly budget: number;
  constructor(param: string, bytes: number, budget: number, what: string, reduce: readonly string[]) {
    const ways = [...reduce, 'or raise the budget with setMemoryBudget(bytes)'];
    super(param, `needs ${formatSize(bytes)} (${what}), more than the memory budget of ${formatSize(budget)}; to need less: ${ways.join('; ')}`);
    this.name = 'MemoryBudgetExceeded';
    this.bytes = bytes;
    this.budget = budget;
  }
}

/** Bytes in powers of 1000 (kB, MB, GB), one decimal. */
function formatSize(bytes: number): string {
  if (!Number.isFinite(bytes)) return `${bytes} bytes`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let k = 0, x = bytes;
  while (x >= 1000 && k < units.length - 1) { x /= 1000; k++; }
  if (k === 0) return `${Math.round(x)} B`;
  return x >= 1000 ? `${x.toExponential(2)} ${units[k]}` : `${x.toFixed(1)} ${units[k]}`;
}

/**
 * An adaptive integration stopped before its end: the step size collapsed below what double precision resolves, or
 * the step budget ran out (a stiff problem for an explicit method, or tolerances too tight). Names the time reached
 * and the state there. A {@link SimulationDiverged}, so code that handles one handles both.
 */
export class IntegrationStalled extends SimulationDiverged {
  constructor(variable: string, time: number, value: number, reason: string) {
    super(variable, time, value, 0, reason);
    this.name = 'IntegrationStalled';
    this.message = `integration stopped at t = ${formatTime(time)} (${variable} = ${value} there): ${reason}`;
  }
}

/**
 * Training diverged: the loss (or a validation loss) became NaN or ±Infinity, or grew by more than a factor 10⁸
 * over the best seen. Names the epoch and batch; carries the history up to the failure.
 */
export class TrainingDiverged extends SpikebridgeError {
  /** Epoch (1-based) in which it diverged. */
  readonly epoch: number;
  /** The loss that gave it away. */
  readonly loss: number;
  /** The history of the finished epochs (whatever `train` returns, up to the failure). */
  readonly history: unknown;
  constructor(what: string, loss: number, epoch: number, where: string, hint: string, history: unknown) {
    super(`training diverged: ${what} became ${loss} in epoch ${epoch}${where ? ` (${where})` : ''}; ${hint}`);
    this.name = 'TrainingDiverged';
    this.epoch = epoch;
    this.loss = loss;
    this.history = history;
  }
}

function formatTime(t: number): string {
  return `${Number((t * 1000).toPrecision(6))} ms`;
}

/** Shows a value in an error message the way a person typed it (strings quoted, arrays shortened). */
export function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const a = v as ArrayLike<unknown>;
    return `an array of length ${a.length}`;
  }
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  try {
    const s = JSON.stringify(v);
    return s.length > 60 ? s.slice(0, 57) + '...' : s;
  } catch {
    return String(v);
  }
}
