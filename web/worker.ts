/**
 * The Web Worker: runs the app's jobs (src/experiments/webJobs → the shared scenarios) off the main thread, posts
 * progress at most every 50 ms, and returns results with their typed arrays transferred, not copied.
 * Messages in: `{ id, job }`. Out: `{ id, type: 'progress', done, total }`, `{ id, type: 'result', result, ms }`,
 * `{ id, type: 'error', error: { name, message, param, expected } }` (`expected`: a SpikebridgeError, i.e. bad input).
 * @module
 */
import { SpikebridgeError, ValidationError } from '../src/core/errors.js';
import { runWebJob, transferables, type WebJob } from '../src/experiments/webJobs.js';
// Issue 8's jobs (synapses, network, playground, spiking view) and their partial results.
import { isWebJob2, runWebJob2, type WebJob2 } from '../src/experiments/webJobs2.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<{ id: number; job: WebJob | WebJob2 }>) => void) | null;
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
    const result = isWebJob2(job) ? runWebJob2(job, progress, (partial) => scope.postMessage({ id, type: 'partial', partial })) : runWebJob(job, progress);
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
