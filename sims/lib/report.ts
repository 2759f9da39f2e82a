/** How the terminal entry points (sims/cli.ts, sims/bench.ts) report an error: one line, and an exit code. */
import { SpikebridgeError } from '../../src/core/errors.js';
import { UsageError } from './flags.js';

/** The first line of a message, cut to a readable length. */
function oneLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  return line.length > 400 ? line.slice(0, 399) + '…' : line;
}

/**
 * Prints an error as one line on stderr and returns the exit code: 2 for bad input (a UsageError, or an error the
 * library throws on purpose), 1 for anything else (a bug, or the system refusing something); with `debug`, the stack.
 */
export function reportError(e: unknown, io: { err(text: string): void }, debug = false): number {
  if (e instanceof UsageError || e instanceof SpikebridgeError) {
    io.err(`error: ${oneLine(e.message)}\n`);
    return 2;
  }
  const err: NodeJS.ErrnoException = e instanceof Error ? e : new Error(String(e));
  // A system error's message starts with its code ("EISDIR: illegal operation on a directory, open '/'").
  const text = oneLine(err.code && err.message.startsWith(`${err.code}:`) ? err.message : `${err.name}: ${err.message}`);
  io.err(debug ? `error: ${text}\n${err.stack ?? ''}\n` : `error: ${text} (unexpected; --debug shows the stack trace)\n`);
  return 1;
}
