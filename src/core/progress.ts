/** Progress reporting shared by long runs: the loop calls it, the CLI draws a bar, the page a bar of its own. */

/** Called with the work done so far and the total (same units, e.g. steps or samples). */
export type Progress = (done: number, total: number) => void;

/** {@link Progress} of a run made of several stages, with the stage's name (e.g. 'dt = 0.5 ms'). */
export type LabelledProgress = (done: number, total: number, label: string) => void;

/** Calls `onProgress` about `times` times over `total` units of work; returns a function to call each unit. */
export function throttledProgress(onProgress: Progress | undefined, total: number, times = 100): (done: number) => void {
  if (!onProgress) return () => {};
  const every = Math.max(1, Math.floor(total / times));
  let next = 0;
  return (done: number) => {
    if (done >= next || done === total) {
      onProgress(done, total);
      next = done + every;
    }
  };
}
