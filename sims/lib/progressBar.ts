/** A progress bar on stderr, drawn only when stderr is a terminal (so pipes and CI logs stay clean). */
import cliProgress from 'cli-progress';

/** A bar that appears on first update and can be cleared for a log line. */
export interface Bar {
  update(done: number, total: number, label?: string): void;
  clear(): void;
  stop(): void;
}

/** Makes a bar (a no-op unless stderr is a TTY). */
export function createBar(tty = Boolean(process.stderr.isTTY)): Bar {
  if (!tty) return { update() {}, clear() {}, stop() {} };
  let bar: cliProgress.SingleBar | undefined;
  let lastLabel = '';
  return {
    update(done, total, label = '') {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          { stream: process.stderr, format: ' {bar} {percentage}% | {label} ETA {eta_formatted}', hideCursor: true, clearOnComplete: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { label });
      }
      if (bar.getTotal() !== total) bar.setTotal(total);
      if (label !== lastLabel) lastLabel = label;
      bar.update(done, { label: lastLabel });
    },
    clear() {
      if (bar) process.stderr.write('\r\x1b[K');
    },
    stop() {
      bar?.stop();
      bar = undefined;
    },
  };
}
