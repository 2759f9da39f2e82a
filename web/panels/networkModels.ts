/**
 * The network panel's neuron-model controls: the model (LIF, Hodgkin-Huxley, AdEx, Izhikevich), the synapse kind
 * (current or conductance), the LIF's spike timing, and the fields whose defaults and units come from the scenario's
 * preset of that (model, synapse): bias, weights, PSC time constants, reversal potentials. Choosing another model or
 * synapse kind rebuilds those fields from the new preset (their old values leave the URL: they were in other units).
 * @module
 */
import {
  NETWORK_DEFAULTS, NETWORK_MODEL_ALIASES, NETWORK_PRESETS, networkPreset, networkUnits, type NetworkModel, type NetworkPreset, type NetworkRunOptions, type NetworkSynapse,
} from '../../src/experiments/network.js';
import type { LifTiming } from '../../src/neurons/lif.js';
import { fieldset, h, NumberField, SelectField } from '../controls.js';
import type { PanelState } from '../state.js';
import { readAll, toMs, type ErrorRoute } from './kit.js';

const MODELS: { value: NetworkModel; label: string }[] = [
  { value: 'lif', label: 'LIF (leaky integrate-and-fire)' },
  { value: 'hh', label: 'Hodgkin-Huxley (Traub-Miles, COBAHH)' },
  { value: 'adex', label: 'AdEx (adaptive exponential)' },
  { value: 'izhikevich', label: 'Izhikevich (RS / FS)' },
];
const SYNAPSES: { value: NetworkSynapse; label: string }[] = [
  { value: 'current', label: 'current' },
  { value: 'conductance', label: 'conductance (reversal potentials)' },
];
const TIMINGS: { value: LifTiming; label: string }[] = [
  { value: 'precise', label: 'precise (exact, spikes between grid points)' },
  { value: 'grid', label: "grid (Brian2's: spikes on the time grid)" },
];
/** URL keys of the fields that belong to a preset. */
const PRESET_KEYS = ['timing', 'bias', 'wE', 'wI', 'tauE', 'tauI', 'EE', 'EI'] as const;

/** The preset-dependent number fields. */
interface PresetFields {
  timing: SelectField<LifTiming>;
  bias: NumberField;
  wE: NumberField;
  wI: NumberField;
  tauE: NumberField;
  tauI: NumberField;
  EE: NumberField;
  EI: NumberField;
}

/** The model, synapse and timing selects and the fields of the chosen preset, as one group of controls. */
export class NetworkModelControls {
  readonly model: SelectField<NetworkModel>;
  readonly synapse: SelectField<NetworkSynapse>;
  /** The group: the selects, then the preset's fields. */
  readonly el: HTMLFieldSetElement;
  private fields: PresetFields;
  private readonly body: HTMLDivElement;
  private readonly note: HTMLParagraphElement;
  private listeners: (() => void)[] = [];

  constructor(private readonly state: PanelState) {
    // An address with the earlier model name 'lif-current' is the LIF with grid timing.
    const alias = NETWORK_MODEL_ALIASES[state.get('model', '')];
    if (alias) {
      state.set('model', alias.model, NETWORK_DEFAULTS.model);
      state.set('timing', alias.timing, '');
    }
    this.model = new SelectField(state, { key: 'model', label: 'Neuron model', value: 'lif' as NetworkModel, options: MODELS });
    this.synapse = new SelectField(state, { key: 'synapse', label: 'Synapses', value: 'current' as NetworkSynapse, options: SYNAPSES });
    this.body = h('div', 'preset-fields');
    this.note = h('p', 'help');
    this.fields = this.build(this.preset() ?? NETWORK_PRESETS.lif.current!);
    this.el = fieldset('Neurons and synapses', this.model, this.synapse, this.body, this.note);
    const changed = () => {
      const next = this.preset();
      if (next) {
        // The old values were in the old preset's units: they leave the URL, the fields restart from the new preset.
        for (const k of PRESET_KEYS) state.set(k, '', '');
        this.fields = this.build(next);
      } // else the message stays beside the synapse select and the run is refused
      this.emit();
    };
    this.model.onInput(changed);
    this.synapse.onInput(changed);
  }

  /** The LIF's timing select (shown for the LIF only). */
  get timing(): SelectField<LifTiming> {
    return this.fields.timing;
  }

  /** Calls `cb` after every edit of these controls (including a change of preset). */
  onInput(cb: () => void): this {
    this.listeners.push(cb);
    return this;
  }

  private emit(): void {
    for (const cb of this.listeners) cb();
  }

  /** The preset of the selected model and synapse, or null after showing why that pair is not available. */
  private preset(): NetworkPreset | null {
    this.synapse.setError(null);
    try {
      return networkPreset(this.model.read(), this.synapse.read());
    } catch (e) {
      this.synapse.setError(e instanceof Error ? e.message : String(e));
      return null;
    }
  }

  /** Builds the fields of a preset (values from the URL where it sets them), with the preset's units. */
  private build(p: NetworkPreset): PresetFields {
    const model = this.model.read(), synapse = this.synapse.read();
    const u = networkUnits(model, synapse);
    const conductance = synapse === 'conductance';
    // Slider ranges: four times the preset's value, at least a typical scale of the unit (a preset's 0 still gets a range).
    const typical = u.input === 'v_in' ? 1 : u.input === 'pA' ? 250 : 10;
    const span = (x: number, least = typical) => Math.max(Math.abs(x) * 4, least);
    const s = this.state;
    const fields: PresetFields = {
      timing: new SelectField(s, { key: 'timing', label: 'LIF spike timing', value: p.timing ?? 'precise', options: TIMINGS }),
      bias: new NumberField(s, { key: 'bias', label: 'Bias (constant input)', unit: u.input === 'v_in' ? 'v_in, threshold = 1' : u.input, value: p.bias, slider: { min: 0, max: span(p.bias), step: span(p.bias) / 200 } }),
      wE: new NumberField(s, conductance
        ? { key: 'wE', label: 'Excitatory conductance g_E', unit: 'nS, peak per spike', value: p.wE, min: 0, slider: { min: 0, max: span(p.wE, 10), step: span(p.wE, 10) / 200 } }
        : { key: 'wE', label: 'Excitatory weight w_E', unit: `${u.weight} jump per spike`, value: p.wE, min: 0, slider: { min: 0, max: span(p.wE), step: span(p.wE) / 200 } }),
      wI: new NumberField(s, conductance
        ? { key: 'wI', label: 'Inhibitory conductance g_I', unit: 'nS, peak per spike', value: p.wI, min: 0, slider: { min: 0, max: span(p.wI, 10), step: span(p.wI, 10) / 200 } }
        : { key: 'wI', label: 'Inhibitory weight w_I', unit: `${u.weight} jump per spike, ≤ 0`, value: p.wI, max: 0, slider: { min: -span(p.wI), max: 0, step: span(p.wI) / 200 } }),
      tauE: new NumberField(s, { key: 'tauE', label: 'Excitatory PSC time constant τ_E', unit: 'ms', value: toMs(p.tauE), min: 0, minExclusive: true, slider: { min: 0.5, max: 50, step: 0.5 } }),
      tauI: new NumberField(s, { key: 'tauI', label: 'Inhibitory PSC time constant τ_I', unit: 'ms', value: toMs(p.tauI), min: 0, minExclusive: true, slider: { min: 0.5, max: 50, step: 0.5 } }),
      EE: new NumberField(s, { key: 'EE', label: 'Excitatory reversal potential E_E', unit: 'mV', value: conductance ? p.EE : 0 }),
      EI: new NumberField(s, { key: 'EI', label: 'Inhibitory reversal potential E_I', unit: 'mV', value: conductance ? p.EI : -80 }),
    };
    fields.timing.setVisible(model === 'lif');
    fields.EE.setVisible(conductance);
    fields.EI.setVisible(conductance);
    this.body.replaceChildren(...Object.values(fields).map((f) => f.el));
    for (const f of Object.values(fields)) f.onInput(() => this.emit());
    this.note.textContent = conductance
      ? `g_E and g_I are the jumps of an exponential conductance per arriving spike; the synaptic current is g (E − V), so inhibition comes from E_I. ${p.description}.`
      : `w_E and w_I are the jumps of a neuron’s input current per arriving spike (${u.input}); with ∫h = 1 (the notes’ convention) the synaptic weight is w·τ. ${p.description}.`;
    return fields;
  }

  /** The scenario's options of these controls, or null when a field is invalid (each shows its own message). */
  read(): Pick<NetworkRunOptions, 'model' | 'synapse' | 'timing' | 'bias' | 'wE' | 'wI' | 'tauE' | 'tauI' | 'EE' | 'EI'> | null {
    this.timing.setError(null);
    if (!this.preset()) return null;
    const f = this.fields;
    const conductance = this.synapse.read() === 'conductance';
    const v = readAll(conductance ? [f.bias, f.wE, f.wI, f.tauE, f.tauI, f.EE, f.EI] : [f.bias, f.wE, f.wI, f.tauE, f.tauI]);
    if (!v) return null;
    const [bias, wE, wI, tauE, tauI, EE, EI] = v;
    const model = this.model.read();
    return {
      model, synapse: this.synapse.read(), ...(model === 'lif' ? { timing: this.timing.read() } : {}),
      bias, wE, wI, tauE: tauE / 1e3, tauI: tauI / 1e3, ...(conductance ? { EE, EI } : {}),
    };
  }

  /** Where the scenario's errors about these settings are shown. */
  routes(): ErrorRoute[] {
    return [
      ['network.model', () => this.model], ['network.synapse', () => this.synapse], ['network.timing', () => this.timing],
      ...(['bias', 'wE', 'wI', 'tauE', 'tauI', 'EE', 'EI'] as const).map((k): ErrorRoute => [`network.${k}`, () => this.fields[k]]),
    ];
  }
}
