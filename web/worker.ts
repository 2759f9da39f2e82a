/**
 * The Web Worker: runs the app's jobs (`runJob`, web/jobs/ → the shared scenarios) off the main thread, posts
 * progress at most every 50 ms and partial results as the job hands them out, and returns results with their typed
 * arrays transferred, not copied.
 * Messages in: `{ id, job }`. Out: `{ id, type: 'progress', done, total, stage? }` (stage e.g. 'build' before a
 * network's steps), `{ id, type: 'partial', partial }`,
 * `{ id, type: 'result', result, ms }`, `{ id, type: 'error', error: { name, message, param, expected } }`
 * (`expected`: a SpikebridgeError, i.e. bad input).
 * @module
 */
import { SpikebridgeError, ValidationError } from '../src/core/errors.js';
import { runJob, transferables, type Job } from './jobs/jobs.js';
import { checkModelFileSize } from './jobs/spiking.js';

interface WorkerScope {
  onmessage: ((e: MessageEvent<{ id: number; job: Job }>) => void) | null;
  postMessage(message: unknown, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;
const FileReaderSyncCtor = (self as unknown as { FileReaderSync: new () => { readAsText(b: Blob): string } }).FileReaderSync;

/** A model file the page sent as a Blob, read into text here (its size checked first): the jobs take text. */
function readModelFile(job: Job): Job {
  if (!('model' in job) || !(job.model instanceof Blob)) return job;
  checkModelFileSize(job.model.size, job.kind === 'spikingModel' ? job.name : 'the model file', 'bytes');
  return { ...job, model: new FileReaderSyncCtor().readAsText(job.model) } as Job;
}

scope.onmessage = (e) => {
  const { id } = e.data;
  let last = 0;
  const t0 = performance.now();
  try {
    const job = readModelFile(e.data.job);
    const progress = (done: number, total: number, stage?: string) => {
      const now = performance.now();
      if (now - last >= 50 || done >= total) {
        last = now;
        scope.postMessage({ id, type: 'progress', done, total, stage });
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
