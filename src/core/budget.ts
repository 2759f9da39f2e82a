/**
 * The memory budget: every function that allocates from sizes a user chose (recorded samples, neurons, synapses,
 * weights) asks {@link checkMemory} first, so an absurd request is refused with the size it would need and how to
 * shrink it, instead of failing inside the allocator (or aborting the process) after minutes of work.
 *
 * The default is half of what the process can have: in Node, the smaller of V8's heap limit (what
 * `--max-old-space-size` sets), the machine's memory and a container's limit; in a browser, where none of these can
 * be read, a fixed 1 GiB. {@link setMemoryBudget} sets it for the whole library.
 * @module
 */
import { MemoryBudgetExceeded, ValidationError } from './errors.js';

const GiB = 2 ** 30;
/** Share of the process's memory one request may take by default. */
const FRACTION = 0.5;
/** The default in browsers (and wherever Node's memory figures cannot be read). */
const FIXED_DEFAULT = GiB;

let configured: number | null = null;
let cachedDefault: number | null = null;

interface NodeLike {
  getBuiltinModule?(id: string): unknown;
  constrainedMemory?(): number;
}

/** What the process can have, in bytes, or NaN where it cannot be read (browsers). */
function processMemory(): number {
  // process.getBuiltinModule is synchronous and needs no import, so bundlers for the browser never see 'node:v8'.
  const proc = (globalThis as { process?: NodeLike }).process;
  if (!proc || typeof proc.getBuiltinModule !== 'function') return NaN;
  try {
    const v8 = proc.getBuiltinModule('node:v8') as { getHeapStatistics(): { heap_size_limit: number } } | undefined;
    const os = proc.getBuiltinModule('node:os') as { totalmem(): number } | undefined;
    let bytes = Infinity;
    const heap = v8?.getHeapStatistics().heap_size_limit;
    if (heap && heap > 0) bytes = Math.min(bytes, heap);
    const total = os?.totalmem();
    if (total && total > 0) bytes = Math.min(bytes, total);
    const box = typeof proc.constrainedMemory === 'function' ? proc.constrainedMemory() : 0;
    if (box && box > 0) bytes = Math.min(bytes, box); // a container's limit (2⁶⁴ or 0 when there is none)
    return Number.isFinite(bytes) ? bytes : NaN;
  } catch {
    return NaN;
  }
}

/** The budget used when none was set: half of what the process can have, or 1 GiB where that is unknown. */
export function defaultMemoryBudget(): number {
  if (cachedDefault === null) {
    const m = processMemory();
    cachedDefault = Number.isFinite(m) ? Math.floor(FRACTION * m) : FIXED_DEFAULT;
  }
  return cachedDefault;
}

/** The largest allocation (bytes) one call may make. */
export function memoryBudget(): number {
  return configured ?? defaultMemoryBudget();
}

/**
 * Sets the largest allocation (bytes) one call may make, for the whole library; `null` goes back to the default
 * (half of what the process can have). Returns the budget in force before.
 */
export function setMemoryBudget(bytes: number | null): number {
  const before = memoryBudget();
  if (bytes === null) configured = null;
  else {
    if (typeof bytes !== 'number' || !(bytes > 0) || !Number.isFinite(bytes)) {
      throw new ValidationError('setMemoryBudget.bytes', `must be a finite number of bytes > 0, or null for the default (got ${String(bytes)})`);
    }
    configured = Math.floor(bytes);
  }
  return before;
}

/**
 * Refuses a request for `bytes` (what `what` describes, e.g. `2,000,001 samples × 2 arrays`) beyond the budget,
 * before anything is allocated. `param` is the option to blame; `reduce` lists ways to need less.
 * @throws MemoryBudgetExceeded
 */
export function checkMemory(param: string, bytes: number, what: string, reduce: readonly string[]): void {
  const budget = memoryBudget();
  if (bytes <= budget) return; // NaN falls through: a size that is not a number is never within budget
  throw new MemoryBudgetExceeded(param, bytes, budget, what, reduce);
}
