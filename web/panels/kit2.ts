/**
 * Small additions to the controls kit for issue 8's panels: a checkbox bound to the URL state (the playground's
 * feature toggles and view options), a button row, and "all fields read" helpers. User text only via textContent.
 * @module
 */
import { h, type Field, type NumberField } from '../controls.js';
import type { PanelState } from '../state.js';
import { Status } from './kit.js';

let nextId = 0;

/** A labelled checkbox stored in the URL as '1' / '0' (only when it differs from the default). */
export class CheckField implements Field {
  readonly el: HTMLDivElement;
  readonly input: HTMLInputElement;
  private readonly error: HTMLParagraphElement;
  private listeners: ((e: Event) => void)[] = [];
  constructor(private readonly state: PanelState, readonly o: { key: string; label: string; value: boolean; title?: string }) {
    this.el = h('div', 'field check');
    this.el.dataset.key = o.key;
    this.input = h('input');
    this.input.type = 'checkbox';
    this.input.id = `chk-${++nextId}`;
    this.input.checked = state.get(o.key, o.value ? '1' : '0') === '1';
    const label = h('label', '', o.label);
    label.htmlFor = this.input.id;
    if (o.title) label.title = o.title;
    this.error = h('p', 'error');
    this.error.setAttribute('aria-live', 'polite');
    const row = h('div', 'row');
    row.append(this.input, label);
    this.el.append(row, this.error);
    this.input.addEventListener('change', (e) => {
      this.state.set(o.key, this.raw(), o.value ? '1' : '0');
      for (const cb of this.listeners) cb(e);
    });
  }
  get key(): string {
    return this.o.key;
  }
  raw(): string {
    return this.input.checked ? '1' : '0';
  }
  read(): boolean {
    return this.input.checked;
  }
  setError(message: string | null): void {
    this.error.textContent = message ?? '';
    this.el.classList.toggle('invalid', !!message);
  }
  setVisible(visible: boolean): void {
    this.el.hidden = !visible;
  }
  onInput(cb: (e: Event) => void): this {
    this.listeners.push(cb);
    return this;
  }
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

/** The status line's message for a rejected input. */
export function invalid(status: Status): void {
  status.fail('Not run: fix the highlighted control (the last good plot stays).');
}

/** Increments an element's `data-updates` counter (what the browser test waits on). */
export function bump(el: HTMLElement): void {
  el.dataset.updates = String(Number(el.dataset.updates ?? 0) + 1);
}
