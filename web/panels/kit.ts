/**
 * Shared pieces of the panels: the two-column layout (controls | plots), a status line with a progress bar, mapping
 * an error from the worker to the control that caused it, waiting for the frame that shows a drawing, a button,
 * reading a group of fields at once, and the update counter the browser tests wait on. User text only via
 * textContent.
 * @module
 */
import { ValidationError } from '../../src/core/errors.js';
import { h, type Field, type NumberField } from '../controls.js';
import { inPageUnits } from '../messages.js';
import { nextTask } from '../plot.js';
import { JobError, Superseded, type Lane } from '../workerClient.js';

/** Controls on the left (on top when narrow), plots on the right. */
export function twoColumns(parent: HTMLElement, cls = ''): { controls: HTMLElement; plots: HTMLElement; root: HTMLElement } {
  const root = h('div', `columns ${cls}`.trim());
  const controls = h('form', 'controls');
  controls.addEventListener('submit', (e) => e.preventDefault());
  const plots = h('div', 'plots');
  root.append(controls, plots);
  parent.append(root);
  return { controls, plots, root };
}

/** Resolves after the next frame has been painted (what "drawn" means for the latency we report). */
export function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/** A status line: what is running, a progress bar, a cancel button, or the last error that no control owns. */
export class Status {
  readonly el: HTMLDivElement;
  private readonly text: HTMLSpanElement;
  private readonly bar: HTMLProgressElement;
  private readonly cancelButton: HTMLButtonElement;
  constructor(id: string, onCancel?: () => void) {
    this.el = h('div', 'status');
    this.el.id = id;
    this.el.setAttribute('role', 'status');
    this.text = h('span', 'status-text');
    this.bar = h('progress');
    this.bar.max = 1;
    this.bar.hidden = true;
    this.cancelButton = h('button', 'cancel', 'Cancel');
    this.cancelButton.type = 'button';
    this.cancelButton.hidden = true;
    if (onCancel) this.cancelButton.addEventListener('click', onCancel);
    this.el.append(this.text, this.bar, this.cancelButton);
  }
  /** Shows work in progress; `fraction` in [0, 1] or undefined for an indeterminate bar. */
  busy(message: string, fraction?: number, cancellable = false): void {
    this.el.dataset.state = 'busy';
    this.el.classList.remove('failed');
    this.text.textContent = message;
    this.bar.hidden = false;
    if (fraction === undefined) this.bar.removeAttribute('value');
    else this.bar.value = fraction;
    this.cancelButton.hidden = !cancellable;
  }
  done(message: string): void {
    this.el.dataset.state = 'done';
    this.el.classList.remove('failed');
    this.text.textContent = message;
    this.bar.hidden = true;
    this.cancelButton.hidden = true;
  }
  /** Shows a request that waits for the user (e.g. a long run that starts on a click). */
  wait(message: string): void {
    this.el.dataset.state = 'waiting';
    this.el.classList.remove('failed');
    this.text.textContent = message;
    this.bar.hidden = true;
    this.cancelButton.hidden = true;
  }
  fail(message: string): void {
    this.el.dataset.state = 'error';
    this.el.classList.add('failed');
    this.text.textContent = message;
    this.bar.hidden = true;
    this.cancelButton.hidden = true;
  }
}

/** Which control owns a parameter named in a `ValidationError` (matched on the end of its dotted name). */
export type ErrorRoute = [suffix: string | RegExp, field: () => Field];

/**
 * Shows a failed job's message next to the control that caused it (else in the status line). Returns false for
 * a superseded request (nothing to show). Non-SpikebridgeErrors are bugs: they are logged as well.
 */
export function showJobError(err: unknown, routes: ErrorRoute[], status: Status, keepNote = 'the last good plot stays'): boolean {
  if (err instanceof Superseded) return false;
  // A check made on the page before any job (a ValidationError) reads as the worker would have reported it.
  if (err instanceof ValidationError) err = new JobError(err.message, err.name, err.param, true);
  if (err instanceof JobError) {
    const param = err.param ?? '';
    const message = inPageUnits(err.message, param);
    for (const [suffix, field] of routes) {
      const hit = typeof suffix === 'string' ? param === suffix || param.endsWith(`.${suffix}`) || param.startsWith(`${suffix}.`) : suffix.test(param || err.errorName);
      if (hit) {
        field().setError(message);
        status.fail(`Not run: fix the highlighted control (${keepNote}).`);
        return true;
      }
    }
    status.fail(err.expected ? `${message} (${keepNote})` : `Internal error: ${err.message}`);
    return true;
  }
  console.error(err);
  status.fail(`Internal error: ${err instanceof Error ? err.message : String(err)}`);
  return true;
}

/**
 * A time in seconds (the API's unit, e.g. a scenario's default) as the milliseconds a field shows, rounded to 12
 * significant digits so that 1e-5 s reads 0.01 ms, not 0.010000000000000002.
 */
export function toMs(seconds: number): number {
  return Number((seconds * 1e3).toPrecision(12));
}

/** Formats milliseconds for the status line. */
export function ms(x: number): string {
  return x < 10 ? x.toFixed(1) : x.toFixed(0);
}

/** A button (type=button) with a class and text. */
export function button(text: string, cls = '', title = ''): HTMLButtonElement {
  const b = h('button', cls, text);
  b.type = 'button';
  if (title) b.title = title;
  return b;
}

/** Reads every field (clearing old errors first); null when any is invalid (each shows its own message). */
export function readAll(fields: NumberField[]): number[] | null {
  fields.forEach((f) => f.setError(null));
  const v = fields.map((f) => f.read());
  return v.every((x) => x !== null) ? (v as number[]) : null;
}

/**
 * The status line's message for a rejected input. With the panel's lane(s): what they were running or had queued
 * for an earlier input is dropped, so its result cannot overwrite this message (the status always speaks of the
 * latest input).
 */
export function invalid(status: Status, ...work: Lane[]): void {
  for (const l of work) l.drop();
  status.fail('Not run: fix the highlighted control (the last good plot stays).');
}

/** Estimated seconds of work above which a panel waits for a click: typing never starts a run that long. */
export const LONG_WORK_SECONDS = 20;

/**
 * True when a request must wait for a click on `start`: its estimated work exceeds {@link LONG_WORK_SECONDS} and it
 * did not come from that click (`e`). The status then says how long it would take and how to start it, and what
 * the lane was running for an earlier input is stopped.
 */
export function waitForClick(status: Status, estimate: { seconds: number; detail: string }, e: Event | undefined, start: HTMLButtonElement, work: Lane): boolean {
  if (estimate.seconds <= LONG_WORK_SECONDS || e?.target === start) return false;
  work.cancel();
  const about = estimate.seconds < 90 ? `${Math.round(estimate.seconds)} s` : `${Math.round(estimate.seconds / 60)} min`;
  status.wait(`A long run: about ${about} on a laptop (${estimate.detail}). Press “${start.textContent}” to start it; Cancel stops it.`);
  return true;
}

/**
 * Draws figures one plot per turn of the event loop, so a redraw of several plots never holds the page for their
 * sum (a click on Cancel is answered between two plots).
 */
export async function drawInTurn(...draws: (() => Promise<void>)[]): Promise<void> {
  for (let k = 0; k < draws.length; k++) {
    if (k > 0) await nextTask();
    await draws[k]();
  }
}

/** Increments an element's `data-updates` counter (what the browser tests wait on). */
export function bump(el: HTMLElement): void {
  el.dataset.updates = String(Number(el.dataset.updates ?? 0) + 1);
}
