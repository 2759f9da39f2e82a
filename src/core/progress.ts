/** Progress reporting shared by long runs: the loop calls it, the CLI draws a bar, the page a bar of its own. */
import { checkFunction } from './validate.js';

/** Called with the work done so far and the total (same units, e.g. steps or samples). */
export type Progress = (done: number, total: number) => void;

/** {@link Progress} of a run made of several stages, with the stage's name (e.g. 'dt = 0.5 ms'). */
export type LabelledProgress = (done: number, total: number, label: string) => void;

/**
 * Calls `onProgress` about `times` times over `total` units of work; returns a function to call each unit.
 * `name` is the option's name in the error when `onProgress` is given but is not a function.
 */
export function throttledProgress(onProgress: Progress | undefined, total: number, times = 100, name = 'onProgress'): (done: number) => void {
  if (onProgress === undefined) return () => {};
  checkFunction(name, onProgress, '(done, total) => void');
  const every = Math.max(1, Math.floor(total / times));
  let next = 0;
  return (done: number) => {
    if (done >= next || done === total) {
      onProgress(done, total);
      next = done + every;
    }
  };
}
