/**
 * Labelled controls bound to the URL state: a number (optionally with a slider), a choice, and a line of text.
 * Every control has a label with its unit and an error line under it. User text only ever goes through
 * `value`/`textContent`, never `innerHTML`.
 * @module
 */
import type { PanelState } from './state.js';

let nextId = 0;

/** Creates an element with a class and optional text (set as textContent). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, cls = '', text = ''): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text) el.textContent = text;
  return el;
}

/** What every control has. */
export interface Field {
  readonly key: string;
  readonly el: HTMLElement;
  /** Shows a message under the control (null clears it). */
  setError(message: string | null): void;
  /** Shows or hides the whole control. */
  setVisible(visible: boolean): void;
  /** The raw text of the control. */
  raw(): string;
}

export abstract class BaseField implements Field {
  readonly el: HTMLDivElement;
  protected readonly error: HTMLParagraphElement;
  protected readonly labelEl: HTMLLabelElement;
  readonly id = `ctl-${++nextId}`;
  private listeners: ((e: Event) => void)[] = [];
  constructor(readonly key: string, readonly label: string, readonly unit: string, protected readonly state: PanelState, protected readonly fallback: string) {
    this.el = h('div', 'field');
    this.el.dataset.key = key;
    this.labelEl = h('label', '', label);
    this.labelEl.htmlFor = this.id;
    if (unit) this.labelEl.append(' ', h('span', 'unit', `(${unit})`));
    this.error = h('p', 'error');
    this.error.setAttribute('aria-live', 'polite');
    this.error.id = `${this.id}-error`;
  }
  abstract raw(): string;
  setError(message: string | null): void {
    this.error.textContent = message ?? '';
    this.el.classList.toggle('invalid', !!message);
  }
  setVisible(visible: boolean): void {
    this.el.hidden = !visible;
  }
  /** Registers a listener for every edit (input events: sliders update while dragging). */
  onInput(cb: (e: Event) => void): this {
    this.listeners.push(cb);
    return this;
  }
  protected changed(e: Event): void {
    this.state.set(this.key, this.raw(), this.fallback);
    for (const cb of this.listeners) cb(e);
  }
}

/** A labelled checkbox stored in the URL as '1' / '0' (only when it differs from the default). */
export class CheckField extends BaseField {
  readonly input: HTMLInputElement;
  constructor(state: PanelState, readonly o: { key: string; label: string; value: boolean; title?: string }) {
    super(o.key, o.label, '', state, o.value ? '1' : '0');
    this.el.classList.add('check');
    this.input = h('input');
    this.input.type = 'checkbox';
    this.input.id = this.id;
    this.input.checked = state.get(o.key, this.fallback) === '1';
    if (o.title) this.labelEl.title = o.title;
    const row = h('div', 'row');
    row.append(this.input, this.labelEl);
    this.el.append(row, this.error);
    this.input.addEventListener('change', (e) => this.changed(e));
  }
  raw(): string {
    return this.input.checked ? '1' : '0';
  }
  read(): boolean {
    return this.input.checked;
  }
}

/** Options of {@link NumberField}. */
export interface NumberFieldOptions {
  key: string;
  label: string;
  /** Unit shown beside the label ('' for dimensionless values that say so in the label). */
  unit: string;
  value: number;
  min?: number;
  /** `min` itself is not allowed (e.g. dt > 0). */
  minExclusive?: boolean;
  max?: number;
  integer?: boolean;
  /** Adds a slider over this range (the text box still accepts any allowed value). */
  slider?: { min: number; max: number; step: number };
  title?: string;
}

/** A number typed as text (what you type stays visible), with an optional slider kept in sync. */
export class NumberField extends BaseField {
  readonly input: HTMLInputElement;
  readonly slider: HTMLInputElement | null = null;
  constructor(state: PanelState, readonly o: NumberFieldOptions) {
    super(o.key, o.label, o.unit, state, String(o.value));
    const row = h('div', 'row');
    this.input = h('input', 'num');
    this.input.type = 'text';
    this.input.inputMode = 'decimal';
    this.input.id = this.id;
    this.input.spellcheck = false;
    this.input.autocomplete = 'off';
    this.input.value = state.get(o.key, String(o.value));
    this.input.setAttribute('aria-describedby', this.error.id);
    if (o.title) this.input.title = o.title;
    if (o.slider) {
      const s = h('input', 'slider');
      s.type = 'range';
      s.min = String(o.slider.min);
      s.max = String(o.slider.max);
      s.step = String(o.slider.step);
      s.setAttribute('aria-label', `${o.label} slider${o.unit ? ` (${o.unit})` : ''}`);
      s.dataset.key = o.key;
      this.slider = s;
      this.syncSlider();
      s.addEventListener('input', (e) => {
        this.input.value = s.value;
        this.changed(e);
      });
      row.append(s);
    }
    this.input.addEventListener('input', (e) => {
      this.syncSlider();
      this.changed(e);
    });
    row.append(this.input);
    this.el.append(this.labelEl, row, this.error);
  }
  raw(): string {
    return this.input.value;
  }
  private syncSlider(): void {
    const x = Number(this.input.value.trim());
    if (this.slider && this.input.value.trim() !== '' && Number.isFinite(x)) this.slider.value = String(x);
  }
  /** The value, or null after showing why it is not allowed. */
  read(): number | null {
    const text = this.input.value.trim();
    const what = `${this.o.label}${this.o.unit ? ` (${this.o.unit})` : ''}`;
    const fail = (m: string): null => {
      this.setError(m);
      return null;
    };
    if (text === '') return fail(`${what} is empty: enter a number.`);
    const x = Number(text);
    if (!Number.isFinite(x)) return fail(`${what}: ${JSON.stringify(text)} is not a number.`);
    if (this.o.integer && !Number.isInteger(x)) return fail(`${what} must be a whole number (got ${text}).`);
    if (this.o.min !== undefined && (this.o.minExclusive ? x <= this.o.min : x < this.o.min)) {
      return fail(`${what} must be ${this.o.minExclusive ? '>' : '≥'} ${this.o.min} (got ${text}).`);
    }
    if (this.o.max !== undefined && x > this.o.max) return fail(`${what} must be ≤ ${this.o.max} (got ${text}).`);
    this.setError(null);
    return x;
  }
  /** Sets the value from code (as if typed). */
  set(value: number | string): void {
    this.input.value = String(value);
    this.syncSlider();
    this.state.set(this.key, this.raw(), this.fallback);
  }
}

/** A choice from a fixed list. */
export class SelectField<T extends string = string> extends BaseField {
  readonly select: HTMLSelectElement;
  constructor(state: PanelState, o: { key: string; label: string; unit?: string; value: T; options: readonly { value: T; label: string }[] }) {
    super(o.key, o.label, o.unit ?? '', state, o.value);
    this.select = h('select');
    this.select.id = this.id;
    for (const opt of o.options) {
      const el = h('option', '', opt.label);
      el.value = opt.value;
      this.select.append(el);
    }
    const stored = state.get(o.key, o.value);
    this.select.value = o.options.some((x) => x.value === stored) ? stored : o.value;
    this.select.addEventListener('change', (e) => this.changed(e));
    this.el.append(this.labelEl, this.select, this.error);
  }
  raw(): string {
    return this.select.value;
  }
  read(): T {
    return this.select.value as T;
  }
}

/** A line of text (formulas). */
export class TextField extends BaseField {
  readonly input: HTMLInputElement;
  constructor(state: PanelState, o: { key: string; label: string; unit: string; value: string; placeholder?: string; help?: string }) {
    super(o.key, o.label, o.unit, state, o.value);
    this.input = h('input', 'text');
    this.input.type = 'text';
    this.input.id = this.id;
    this.input.spellcheck = false;
    this.input.autocomplete = 'off';
    this.input.value = state.get(o.key, o.value);
    if (o.placeholder) this.input.placeholder = o.placeholder;
    this.input.setAttribute('aria-describedby', this.error.id);
    this.input.addEventListener('input', (e) => this.changed(e));
    this.el.append(this.labelEl, this.input);
    if (o.help) this.el.append(h('p', 'help', o.help));
    this.el.append(this.error);
  }
  raw(): string {
    return this.input.value;
  }
  read(): string | null {
    if (this.input.value.trim() === '') {
      this.setError(`${this.label} is empty: type a number or a formula in t (s).`);
      return null;
    }
    return this.input.value;
  }
}

/** A titled group of controls. */
export function fieldset(title: string, ...children: (Field | HTMLElement)[]): HTMLFieldSetElement {
  const fs = h('fieldset');
  fs.append(h('legend', '', title));
  for (const c of children) fs.append(c instanceof HTMLElement ? c : c.el);
  return fs;
}

/** A read-only value with a label and unit, exposing the number as `data-value` (for scripts and tests). */
export class Readout {
  readonly el: HTMLDivElement;
  private readonly out: HTMLOutputElement;
  constructor(readonly id: string, label: string, private readonly unit: string) {
    this.el = h('div', 'readout');
    this.el.append(h('span', 'readout-label', label));
    this.out = h('output');
    this.out.id = id;
    this.el.append(this.out);
  }
  set(value: number, digits = 2, note = ''): void {
    this.out.dataset.value = String(value);
    this.out.textContent = Number.isFinite(value) ? `${value.toFixed(digits)}${this.unit ? ` ${this.unit}` : ''}${note}` : `—${note}`;
  }
  /** Shows `text` for `value` (for formats toFixed cannot give, e.g. 1.7e-13). */
  show(value: number, text: string): void {
    this.out.dataset.value = String(value);
    this.out.textContent = text;
  }
  text(t: string): void {
    delete this.out.dataset.value;
    this.out.textContent = t;
  }
}
