/**
 * The input of a single neuron, as the HH and LIF panels take it: a constant (slider), a step, or a formula in t.
 * @module
 */
import { fieldset, NumberField, SelectField, TextField, type Field } from '../controls.js';
import type { SignalSpec } from '../jobs/neurons.js';
import type { PanelState } from '../state.js';

type Mode = SignalSpec['mode'];

/** Options: the quantity's name and unit and the defaults of each mode. */
export interface SignalInputOptions {
  /** Legend of the group, e.g. 'Input current I'. */
  title: string;
  /** Symbol, e.g. 'I' or 'v_in'. */
  symbol: string;
  /** Unit, e.g. 'µA/cm²' ('' for the dimensionless v_in). */
  unit: string;
  constant: { value: number; slider: { min: number; max: number; step: number } };
  step: { before: number; after: number; onsetMs: number };
  formula: string;
}

/** The mode choice and the fields of each mode; only the chosen mode's fields are shown. */
export class SignalInput {
  readonly el: HTMLFieldSetElement;
  readonly mode: SelectField<Mode>;
  readonly constant: NumberField;
  readonly before: NumberField;
  readonly after: NumberField;
  readonly onset: NumberField;
  readonly formula: TextField;

  constructor(state: PanelState, o: SignalInputOptions) {
    const u = o.unit;
    this.mode = new SelectField<Mode>(state, {
      key: 'input', label: 'Input shape', value: 'constant',
      options: [{ value: 'constant', label: 'constant' }, { value: 'step', label: 'step at t_on' }, { value: 'formula', label: 'formula in t' }],
    });
    this.constant = new NumberField(state, { key: 'I', label: o.symbol, unit: u || 'threshold = 1', value: o.constant.value, slider: o.constant.slider });
    this.before = new NumberField(state, { key: 'I0', label: `${o.symbol} before t_on`, unit: u || 'threshold = 1', value: o.step.before });
    this.after = new NumberField(state, { key: 'I1', label: `${o.symbol} after t_on`, unit: u || 'threshold = 1', value: o.step.after });
    this.onset = new NumberField(state, { key: 'on', label: 't_on', unit: 'ms', value: o.step.onsetMs, min: 0 });
    this.formula = new TextField(state, {
      key: 'f', label: `${o.symbol}(t)`, unit: u ? `${u}, t in s` : 't in s', value: o.formula, placeholder: o.formula,
      help: 'Arithmetic in t (seconds): + − * / ^, pi, e, sin, cos, exp, log, sqrt, abs, min, max, heaviside(t − t0)…',
    });
    this.el = fieldset(o.title, this.mode, this.constant, this.before, this.after, this.onset, this.formula);
    this.mode.onInput(() => this.showMode());
    this.showMode();
  }

  /** Every field, for listeners. */
  get fields(): (NumberField | SelectField<Mode> | TextField)[] {
    return [this.mode, this.constant, this.before, this.after, this.onset, this.formula];
  }

  private showMode(): void {
    const m = this.mode.read();
    this.constant.setVisible(m === 'constant');
    for (const f of [this.before, this.after, this.onset]) f.setVisible(m === 'step');
    this.formula.setVisible(m === 'formula');
  }

  /** The field a model's complaint about the input belongs to. */
  activeField(): Field {
    const m = this.mode.read();
    return m === 'constant' ? this.constant : m === 'formula' ? this.formula : this.after;
  }

  /** The input as a spec (times in s), or null after flagging the field at fault. */
  read(): SignalSpec | null {
    for (const f of this.fields) f.setError(null);
    const m = this.mode.read();
    if (m === 'constant') {
      const value = this.constant.read();
      return value === null ? null : { mode: 'constant', value };
    }
    if (m === 'step') {
      const before = this.before.read(), after = this.after.read(), onset = this.onset.read();
      return before === null || after === null || onset === null ? null : { mode: 'step', before, after, onset: onset / 1e3 };
    }
    const text = this.formula.read();
    return text === null ? null : { mode: 'formula', text };
  }
}
