/**
 * Lanes of work for the Web Worker. A lane is one worker running one job at a time; a newer request supersedes the
 * older ones: a queued request that was never started is dropped at once, and a running one is stopped (the worker
 * is terminated and restarted) when it has run longer than the lane's patience. Results arrive in request order,
 * so what is drawn is never older than what is on screen; after `drop()` (the latest input was invalid) nothing
 * older arrives at all.
 * @module
 */
import type { Job, JobProgress, JobResult, ResultOf } from './jobs/jobs.js';

/** Why a request ended without a result: a newer request replaced it, or the user cancelled it. */
export class Superseded extends Error {
  constructor(reason = 'superseded by a newer request') {
    super(reason);
    this.name = 'Superseded';
  }
}

/** An error reported by the worker. `expected` marks bad input (a SpikebridgeError) as opposed to a bug. */
export class JobError extends Error {
  constructor(message: string, readonly errorName: string, readonly param: string | undefined, readonly expected: boolean) {
    super(message);
    this.name = errorName;
  }
}

interface Request {
  id: number;
  job: Job;
  onProgress?: JobProgress;
  /** Partial results a job hands out while it runs (the network panel streams). */
  onPartial?: (partial: JobResult) => void;
  resolve: (r: JobResult) => void;
  reject: (e: Error) => void;
  started: number;
  /** Dropped by `drop()`: the worker finishes it, but nothing of it is delivered. */
  dropped: boolean;
}

let ids = 0;

function createWorker(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'spikebridge' });
}

/** One worker and its queue of (at most one) pending request. */
export class Lane {
  private worker: Worker | null = null;
  private running: Request | null = null;
  private pending: Request | null = null;

  /** @param patienceMs a running job older than this is stopped when a new request comes (0: always). */
  constructor(readonly name: string, private readonly patienceMs = 300) {}

  /** Starts the worker now, so the first request does not pay for loading it. */
  warm(): this {
    this.ensureWorker();
    return this;
  }

  /** True while a job runs. */
  get busy(): boolean {
    return this.running !== null;
  }

  /**
   * Runs a job; `onPartial` receives the partial results it hands out. Rejects with {@link Superseded} if a newer
   * request replaces it, {@link JobError} on failure.
   */
  run<J extends Job>(job: J, onProgress?: JobProgress, onPartial?: (partial: ResultOf<J>) => void): Promise<ResultOf<J>> {
    return new Promise((resolve, reject) => {
      const req: Request = {
        id: ++ids, job, onProgress, onPartial: onPartial as ((p: JobResult) => void) | undefined,
        resolve: resolve as (r: JobResult) => void, reject, started: 0, dropped: false,
      };
      if (this.pending) this.pending.reject(new Superseded());
      this.pending = null;
      if (!this.running) this.start(req);
      else if (performance.now() - this.running.started >= this.patienceMs) {
        this.stopRunning(new Superseded());
        this.start(req);
      } else this.pending = req;
    });
  }

  /**
   * Drops the running and queued requests (their promises reject with {@link Superseded}; their progress, partial
   * results and result are ignored): the page's latest input was invalid, so nothing older may overwrite the message
   * about it. A running job is stopped as a newer request would stop it (past the lane's patience); a younger one
   * finishes in the worker, unseen.
   */
  drop(): void {
    if (this.pending) this.pending.reject(new Superseded('the input changed'));
    this.pending = null;
    if (!this.running || this.running.dropped) return;
    if (performance.now() - this.running.started >= this.patienceMs) {
      this.stopRunning(new Superseded('the input changed'));
      return;
    }
    this.running.dropped = true;
    this.running.reject(new Superseded('the input changed'));
  }

  /** Stops the running job and drops the queued one. */
  cancel(): void {
    if (this.pending) this.pending.reject(new Superseded('cancelled'));
    this.pending = null;
    if (this.running) this.stopRunning(new Superseded('cancelled'));
  }

  private stopRunning(reason: Error): void {
    if (!this.running?.dropped) this.running?.reject(reason);
    this.running = null;
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = createWorker();
    w.onmessage = (e: MessageEvent) => this.receive(e.data);
    w.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      const req = this.running;
      this.worker?.terminate();
      this.worker = null;
      this.running = null;
      if (!req?.dropped) req?.reject(new JobError(`the worker failed: ${e.message || 'could not load'}`, 'WorkerError', undefined, false));
      this.next();
    };
    this.worker = w;
    return w;
  }

  private start(req: Request): void {
    req.started = performance.now();
    this.running = req;
    this.ensureWorker().postMessage({ id: req.id, job: req.job });
  }

  private next(): void {
    const p = this.pending;
    this.pending = null;
    if (p) this.start(p);
  }

  private receive(msg: { id: number; type: string; done?: number; total?: number; stage?: string; result?: JobResult; partial?: JobResult; error?: { name: string; message: string; param?: string; expected: boolean; stack?: string } }): void {
    const req = this.running;
    if (!req || msg.id !== req.id) return;
    if (msg.type === 'progress') {
      if (!req.dropped) req.onProgress?.(msg.done!, msg.total!, msg.stage);
      return;
    }
    if (msg.type === 'partial') {
      if (!req.dropped) req.onPartial?.(msg.partial!);
      return;
    }
    this.running = null;
    if (req.dropped) {
      // Already rejected; only the worker's bugs are still worth a line in the console.
      if (msg.type === 'error' && !msg.error!.expected && msg.error!.stack) console.error(msg.error!.stack);
    } else if (msg.type === 'result') req.resolve(msg.result!);
    else {
      const er = msg.error!;
      if (!er.expected && er.stack) console.error(er.stack);
      req.reject(new JobError(er.message, er.name, er.param, er.expected));
    }
    this.next();
  }
}

const lanes = new Map<string, Lane>();

/** The app-wide lane of this name (created on first use). */
export function lane(name: string, patienceMs?: number): Lane {
  let l = lanes.get(name);
  if (!l) lanes.set(name, (l = new Lane(name, patienceMs)));
  return l;
}
