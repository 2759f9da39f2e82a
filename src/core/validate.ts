/**
 * Boundary checks. Each throws a {@link ValidationError} of the form
 * `LIF.tauM: must be > 0 (got -0.01)`, naming the parameter, what is allowed and the value.
 * @module
 */
import { ValidationError, describeValue } from './errors.js';

function fail(name: string, allowed: string, value: unknown): never {
  throw new ValidationError(name, `${allowed} (got ${describeValue(value)})`);
}

/** A finite number (not NaN, not ±Infinity). */
export function checkFinite(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(name, 'must be a finite number', v);
  return v;
}

/** A finite number > 0. */
export function checkPositive(name: string, v: unknown): number {
  checkFinite(name, v);
  if ((v as number) <= 0) fail(name, 'must be > 0', v);
  return v as number;
}

/** A finite number ≥ 0. */
export function checkNonNegative(name: string, v: unknown): number {
  checkFinite(name, v);
  if ((v as number) < 0) fail(name, 'must be >= 0', v);
  return v as number;
}

/** A finite number in [lo, hi] (or [lo, hi) when `hiOpen`). */
export function checkRange(name: string, v: unknown, lo: number, hi: number, hiOpen = false): number {
  checkFinite(name, v);
  const x = v as number;
  if (x < lo || (hiOpen ? x >= hi : x > hi)) fail(name, `must be in [${lo}, ${hi}${hiOpen ? ')' : ']'}`, v);
  return x;
}

/** An integer ≥ `min`. */
export function checkInteger(name: string, v: unknown, min = 0): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(name, `must be an integer >= ${min}`, v);
  if ((v as number) < min) fail(name, `must be an integer >= ${min}`, v);
  return v as number;
}

/** One of a fixed list of strings. */
export function checkOneOf<T extends string>(name: string, v: unknown, allowed: readonly T[]): T {
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    fail(name, `must be one of ${allowed.map((a) => `'${a}'`).join(', ')}`, v);
  }
  return v as T;
}

/** A boolean. */
export function checkBoolean(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') fail(name, 'must be true or false', v);
  return v as boolean;
}

/** A function (a callback such as `onProgress`); `signature` shows what it is called with. */
export function checkFunction<F extends (...args: never[]) => unknown>(name: string, v: unknown, signature: string): F {
  if (typeof v !== 'function') fail(name, `must be a function ${signature}`, v);
  return v as F;
}

/** An options object (not null, not an array, not a primitive). */
export function checkOptionsObject(name: string, v: unknown, shape: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) fail(name, `must be an options object ${shape}`, v);
  return v as Record<string, unknown>;
}

/** Every entry of an array finite; returns it as a Float64Array (copied). */
export function checkFiniteArray(name: string, v: unknown, length?: number): Float64Array {
  if (!(Array.isArray(v) || ArrayBuffer.isView(v))) fail(name, 'must be an array of numbers', v);
  const a = v as ArrayLike<unknown>;
  if (length !== undefined && a.length !== length) {
    throw new ValidationError(name, `must have length ${length} (got length ${a.length})`);
  }
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new ValidationError(name, `entry ${i} must be a finite number (got ${describeValue(x)})`);
    }
    out[i] = x;
  }
  return out;
}

/**
 * A time step and duration, both in seconds: dt > 0, duration > 0 and dt ≤ duration.
 * Returns the number of steps, round(duration / dt).
 */
export function checkTimeGrid(owner: string, dt: unknown, duration: unknown): number {
  checkPositive(`${owner}.dt`, dt);
  checkPositive(`${owner}.duration`, duration);
  if ((dt as number) > (duration as number)) {
    throw new ValidationError(`${owner}.dt`, `must be <= duration (${duration} s) (got ${dt})`);
  }
  const steps = Math.round((duration as number) / (dt as number));
  if (steps > 2e9) throw new ValidationError(`${owner}.dt`, `gives ${steps} steps; at most 2e9 are allowed (got ${dt})`);
  return steps;
}

/** Rejects keys of an options object that are not in `known` (catches typos such as `tau_m`). */
export function checkKnownKeys(owner: string, options: object | undefined, known: readonly string[]): void {
  if (options === undefined || options === null) return;
  if (typeof options !== 'object') fail(owner, 'must be an options object', options);
  for (const k of Object.keys(options)) {
    if (!known.includes(k)) {
      throw new ValidationError(`${owner}.${k}`, `unknown option; known options are ${known.join(', ')}`);
    }
  }
}
