/**
 * Small additions to the controls kit for issue 8's panels: a button row and "all fields read" helpers (the
 * checkbox, `CheckField`, lives with the other controls in ../controls.ts). User text only via textContent.
 * @module
 */
import { h, type NumberField } from '../controls.js';
import { Status } from './kit.js';

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

/** The status line's message for a rejected input. */
export function invalid(status: Status): void {
  status.fail('Not run: fix the highlighted control (the last good plot stays).');
}

/** Increments an element's `data-updates` counter (what the browser test waits on). */
export function bump(el: HTMLElement): void {
  el.dataset.updates = String(Number(el.dataset.updates ?? 0) + 1);
}
