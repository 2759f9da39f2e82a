/**
 * The Web Worker: runs the app's jobs (`runJob`, web/jobs/ → the shared scenarios) off the main thread, posts
 * progress at most every 50 ms and partial results as the job hands them out, and returns results with their typed
 * arrays transferred, not copied.
 * Messages in: `{ id, job }`. Out: `{ id, type: 'progress', done, total }`, `{ id, type: 'partial', partial }`,
 * `{ id, type: 'result', result, ms }`, `{ id, type: 'error', error: { name, message, param, expected } }`
 * (`expected`: a SpikebridgeError, i.e. bad input).
 * @module
 */
import { SpikebridgeError, ValidationError } from '../src/core/errors.js';
import { runJob, transferables, type Job } from './jobs/jobs.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<{ id: number; job: Job }>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (e) => {
  const { id, job } = e.data;
  let last = 0;
  const t0 = performance.now();
  try {
    const progress = (done: number, total: number) => {
      const now = performance.now();
      if (now - last >= 50 || done >= total) {
        last = now;
        scope.postMessage({ id, type: 'progress', done, total });
      }
    };
    // A partial result is a copy (its buffers stay with the running job): posted without transfer.
    const result = runJob(job, progress, (partial) => scope.postMessage({ id, type: 'partial', partial }));
    const message = { id, type: 'result', result, ms: performance.now() - t0 };
    try {
      scope.postMessage(message, transferables(result));
    } catch {
      scope.postMessage(message); // a buffer that cannot move (e.g. WebAssembly memory) is copied instead
    }
  } catch (err) {
    const expected = err instanceof SpikebridgeError;
    scope.postMessage({
      id,
      type: 'error',
      error: {
        name: err instanceof Error ? err.name : 'Error',
        message: err instanceof Error ? err.message : String(err),
        param: err instanceof ValidationError ? err.param : undefined,
        expected,
        stack: expected ? undefined : (err as Error)?.stack,
      },
    });
  }
};
