/**
 * The training playground's job. The worker keeps one training session alive between jobs (each job trains a few
 * more epochs), so pause, step and reset are cheap; if the worker was restarted the page sends the last parameters
 * back (`resume`). The session is `PlaygroundSession` (src/experiments/playground.ts).
 * @module
 */
import type { Progress } from '../../src/core/progress.js';
import { PlaygroundSession, type PlaygroundOptions, type PlaygroundSnapshot } from '../../src/experiments/playground.js';
import type { LayerParameters } from '../../src/nn/mlp.js';

/** Train `epochs` more epochs of session `session` (a new id starts a new session from `options`). */
export interface PlaygroundJob {
  kind: 'playground';
  session: string;
  options: PlaygroundOptions;
  epochs: number;
  /** What the page last saw, to resume after a worker restart. */
  resume?: { epoch: number; params: LayerParameters[]; trainLoss: number[]; testLoss: number[] } | null;
}

/** The playground session's state after the epochs. */
export interface PlaygroundJobResult {
  kind: 'playground';
  session: string;
  snapshot: PlaygroundSnapshot;
  /** True when this job started the session afresh (a new id, or a restarted worker without `resume`). */
  fresh: boolean;
}

// The worker's one live session.
let session: PlaygroundSession | null = null;
let sessionId = '';

/** Runs the playground's job: starts or resumes the session, applies the live settings, trains. */
export function runPlaygroundJob(job: PlaygroundJob, onProgress?: Progress): PlaygroundJobResult {
  let fresh = false;
  if (!session || sessionId !== job.session) {
    session = null; // a bad option must not leave the old session looking current
    const s = new PlaygroundSession(job.options);
    if (job.resume) s.restore(job.resume);
    else fresh = true;
    session = s;
    sessionId = job.session;
  }
  const { lr, optimizer, regularization, regRate, batchSize } = job.options;
  session.configure({ lr, optimizer, regularization, regRate, batchSize });
  const epochs = Math.max(0, Math.floor(job.epochs));
  for (let e = 0; e < epochs; e++) {
    session.step(1);
    onProgress?.(e + 1, epochs);
  }
  return { kind: 'playground', session: sessionId, snapshot: session.snapshot(), fresh };
}
