/**
 * Learning-rate schedules (seed 002 §2.7): annealing by a factor every n epochs, exponential decay α₀e^{−kt}, and
 * α₀τ/max(t, τ), which holds α₀ until t = τ and then falls as 1/t. `t` counts epochs from 0.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkInteger, checkKnownKeys, checkNonNegative, checkPositive } from '../core/validate.js';

/** A schedule spec. */
export type ScheduleSpec =
  | { name: 'constant' }
  | { name: 'step'; /** epochs between reductions */ every: number; /** multiplier per reduction, e.g. 0.5 */ factor: number }
  | { name: 'exponential'; /** k in α₀e^{−kt} */ k: number }
  | { name: 'inverse'; /** τ in α₀τ/max(t, τ) */ tau: number };

/** Schedule names. */
export const SCHEDULE_NAMES = ['constant', 'step', 'exponential', 'inverse'] as const;

/** Validates a spec and returns lr(t) for base rate α₀. */
export function createSchedule(spec: unknown, param = 'schedule'): (lr0: number, t: number) => number {
  if (spec === undefined) return (lr0) => lr0;
  const o = (typeof spec === 'string' ? { name: spec } : spec) as Record<string, unknown>;
  if (!o || typeof o !== 'object' || !(SCHEDULE_NAMES as readonly string[]).includes(o.name as string)) {
    throw new ValidationError(`${param}.name`, `unknown schedule ${describeValue(o && typeof o === 'object' ? o.name : spec)}; known schedules are ${SCHEDULE_NAMES.join(', ')}`);
  }
  switch (o.name) {
    case 'constant':
      checkKnownKeys(param, o, ['name']);
      return (lr0) => lr0;
    case 'step': {
      checkKnownKeys(param, o, ['name', 'every', 'factor']);
      const every = checkInteger(`${param}.every`, o.every, 1);
      const factor = checkPositive(`${param}.factor`, o.factor);
      return (lr0, t) => lr0 * Math.pow(factor, Math.floor(t / every));
    }
    case 'exponential': {
      checkKnownKeys(param, o, ['name', 'k']);
      const k = checkNonNegative(`${param}.k`, o.k);
      return (lr0, t) => lr0 * Math.exp(-k * t);
    }
    default: {
      checkKnownKeys(param, o, ['name', 'tau']);
      const tau = checkPositive(`${param}.tau`, o.tau);
      return (lr0, t) => (lr0 * tau) / Math.max(t, tau);
    }
  }
}
