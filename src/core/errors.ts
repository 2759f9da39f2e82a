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
