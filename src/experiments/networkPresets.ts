/**
 * The neuron models and synapse kinds of the random E/I network (network.ts): for each (model, synapse) a preset of
 * the cell, the bias, the weights, the PSC time constants and the reversal potentials that gives sustained
 * asynchronous irregular activity at the scenario's default size (1,000 neurons, 80 % excitatory, p = 0.08: 64
 * excitatory and 16 inhibitory inputs per neuron, the in-degrees of the COBA and COBAHH benchmarks), and the mapping
 * of the scenario's numbers onto populations and connections.
 *
 * Units of the scenario's numbers (bias, wE, wI) by model:
 * - `lif` with current synapses: the normalized LIF (threshold 1, reset 0, τ_m 20 ms, τ_ref 2 ms): bias and current
 *   jumps in v_in.
 * - `lif` with conductance synapses, and `hh`: a 20,000 µm² membrane (1 µF/cm², so 0.2 nF), as COBA and COBAHH:
 *   bias and current jumps in pA, conductances in nS (each is 1/200 of the per-area unit: 1 pA = 0.005 µA/cm²,
 *   1 nS = 0.005 mS/cm²).
 * - `adex`: its own units, pF, nS, mV, pA.
 * - `izhikevich`: the 2003 paper's units, v in mV, currents in mV/ms.
 * Current synapses: wE ≥ 0 and wI ≤ 0 are the jumps of the input current per arriving spike (the connection weight
 * is w·τ_s, the notes' ∫h = 1 convention). Conductance synapses: wE, wI ≥ 0 are peak conductances (the jump of an
 * exponential conductance), the sign comes from the reversal potentials E_E and E_I.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import type { ConnectionSpec } from '../network/connection.js';
import { Population } from '../network/population.js';
import type { AdExParamsOptions } from '../neurons/adex.js';
import type { HodgkinHuxleyOptions } from '../neurons/hodgkinHuxley.js';
import { IZHIKEVICH_VPEAK } from '../neurons/izhikevich.js';
import type { LifTiming } from '../neurons/lif.js';
import { COBA_CONSTANTS as COBA } from './coba.js';
import { COBAHH_CONSTANTS as COBAHH } from './cobahh.js';

/** Neuron models of the network. */
export type NetworkModel = 'lif' | 'hh' | 'adex' | 'izhikevich';
/** All neuron models. */
export const NETWORK_MODELS: readonly NetworkModel[] = ['lif', 'hh', 'adex', 'izhikevich'];
/** What a synapse drives. */
export type NetworkSynapse = 'current' | 'conductance';
/** All synapse kinds. */
export const NETWORK_SYNAPSES: readonly NetworkSynapse[] = ['current', 'conductance'];

/** A preset: the bias, weights, time constants and reversal potentials of one (model, synapse). */
export interface NetworkPreset {
  /** What the preset is, in a line. */
  readonly description: string;
  /** Constant input to every neuron (v_in, pA or mV/ms; see the module note). */
  readonly bias: number;
  /** Excitatory weight: current jump per spike (≥ 0) or peak conductance (nS). */
  readonly wE: number;
  /** Inhibitory weight: current jump per spike (≤ 0) or peak conductance (nS, ≥ 0). */
  readonly wI: number;
  /** PSC time constants of excitatory and inhibitory synapses, s. */
  readonly tauE: number;
  readonly tauI: number;
  /** Reversal potentials of conductance synapses, mV (NaN for current synapses). */
  readonly EE: number;
  readonly EI: number;
  /** LIF spike timing ('precise' or 'grid'); null for the other models. */
  readonly timing: LifTiming | null;
}

/** Units and labels of one (model, synapse), for summaries and the page's fields. */
export interface NetworkUnits {
  /** Model name as shown. */
  readonly label: string;
  /** Unit of the bias and of current jumps. */
  readonly input: string;
  /** Unit of wE and wI. */
  readonly weight: string;
  /** Name and unit of the recorded membrane potential. */
  readonly v: string;
  readonly vUnit: string;
  /** Where spikes start, as the model defines it (named by `thresholdName`: threshold, V_T, spike detection, spike cut). */
  readonly threshold: number;
  readonly thresholdName: string;
}

/** The membrane of the physical LIF and HH cells (COBA, COBAHH): 20,000 µm². */
export const NETWORK_MEMBRANE_AREA_CM2 = COBA.areaCm2;
/** pA → µA/cm² and nS → mS/cm² on that membrane (both 1/200). */
const perArea = (x: number) => (x * 1e-6) / NETWORK_MEMBRANE_AREA_CM2;

/** The physical LIF of COBA (Brette et al. 2007, benchmark 1): 0.2 nF, τ_m 20 ms, E_L −60, V_th −50, reset −60 mV, 5 ms refractory. */
const COBA_CELL = { C: COBA.C, gL: COBA.gL, VL: COBA.EL, Vth: COBA.Vth, Vreset: COBA.Vreset, tauRef: COBA.tauRef } as const;
/** The HH cell of COBAHH (Brette et al. 2007, benchmark 3; Brian2's examples/COBAHH.py): Traub & Miles (1991) kinetics, g_Na 100, g_K 30, g_L 0.05 mS/cm², E_Na 50, E_K −90, E_L −60 mV, V_T −63 mV, spikes counted at −20 mV with 3 ms refractory; exponential Euler. */
const HH_CELL: HodgkinHuxleyOptions = { kinetics: 'traub-miles', threshold: COBAHH.threshold, refractory: COBAHH.refractory };
/** The AdEx cell: Naud et al. (2008)'s tonic set (C 200 pF, g_L 10 nS, E_L −70 mV, V_T −50 mV, Δ_T 2 mV, a 2 nS, τ_w 30 ms, b 0, V_r −58 mV, V_peak 0 mV) with a 2 ms refractory period. */
const ADEX_CELL: AdExParamsOptions = { C: 200, gL: 10, EL: -70, VT: -50, DeltaT: 2, a: 2, tauW: 0.03, b: 0, Vr: -58, Vpeak: 0, tRef: 0.002 };

/**
 * The presets. Each gives sustained asynchronous irregular activity at the default size (1,000 neurons, p = 0.08, 1 s;
 * measured rates and CVs are checked in test/experiments/network.test.ts):
 *
 * | model, synapse | cell | bias | wE | wI | τ_E, τ_I | E_E, E_I |
 * |---|---|---|---|---|---|---|
 * | lif, current | normalized LIF, τ_m 20 ms, τ_ref 2 ms, precise timing | 3 v_in | 0.2 v_in | −4 v_in | 5, 5 ms | — |
 * | lif, conductance | COBA's physical LIF (0.2 nF, 10 nS), grid timing | 200 pA | 4 nS | 51 nS | 5, 10 ms | 0, −80 mV |
 * | hh, current | COBAHH's Traub-Miles cell on 20,000 µm² | 200 pA | 60 pA | −300 pA | 5, 10 ms | — |
 * | hh, conductance | COBAHH: Traub-Miles cell, no bias (it fires on its own) | 0 pA | 6 nS | 67 nS | 5, 10 ms | 0, −80 mV |
 * | adex, current | Naud et al.'s tonic AdEx, t_ref 2 ms | 350 pA | 30 pA | −180 pA | 5, 10 ms | — |
 * | adex, conductance | Naud et al.'s tonic AdEx, t_ref 2 ms | 500 pA | 4 nS | 51 nS | 5, 10 ms | 0, −80 mV |
 * | izhikevich, current | RS excitatory, FS inhibitory (Izhikevich 2003) | 15 mV/ms | 1.5 mV/ms | −14 mV/ms | 5, 5 ms | — |
 *
 * The conductance presets keep the benchmarks' conductances (COBA 4/51 nS, COBAHH 6/67 nS): the in-degrees here (64
 * excitatory, 16 inhibitory) are the benchmarks'. COBA's LIF is driven by a bias instead of the 50 ms Poisson
 * kick-off; COBAHH needs neither. The current presets are inhibition-dominated (recurrent inhibition cancels most of
 * a bias above threshold), which makes the firing irregular; without a reversal potential, inhibition then pulls V
 * well below rest at times (to about −130 mV in the HH and Izhikevich presets).
 */
export const NETWORK_PRESETS: Readonly<Record<NetworkModel, Partial<Record<NetworkSynapse, NetworkPreset>>>> = {
  lif: {
    current: {
      description: 'normalized LIF (threshold 1), exponential current PSCs, exact integration with off-grid spike times',
      bias: 3, wE: 0.2, wI: -4, tauE: 0.005, tauI: 0.005, EE: NaN, EI: NaN, timing: 'precise',
    },
    conductance: {
      description: "COBA's physical LIF and conductances (Brette et al. 2007, benchmark 1) driven by a bias instead of the kick-off",
      bias: 200, wE: COBA.wE_nS, wI: COBA.wI_nS, tauE: COBA.tauE, tauI: COBA.tauI, EE: COBA.EE, EI: COBA.EI, timing: 'grid',
    },
  },
  hh: {
    current: {
      description: "COBAHH's Traub-Miles cell on a 20,000 µm² membrane with exponential current PSCs",
      bias: 200, wE: 60, wI: -300, tauE: 0.005, tauI: 0.01, EE: NaN, EI: NaN, timing: null,
    },
    conductance: {
      description: "COBAHH (Brette et al. 2007, benchmark 3) at the default size: Traub-Miles cells, 6 nS / 67 nS conductances, no bias (the cells fire on their own)",
      bias: 0, wE: COBAHH.wE_nS, wI: COBAHH.wI_nS, tauE: COBAHH.tauE, tauI: COBAHH.tauI, EE: COBAHH.EE, EI: COBAHH.EI, timing: null,
    },
  },
  adex: {
    current: {
      description: "AdEx (Naud et al. 2008's tonic set, 2 ms refractory), exponential current PSCs",
      bias: 350, wE: 30, wI: -180, tauE: 0.005, tauI: 0.01, EE: NaN, EI: NaN, timing: null,
    },
    conductance: {
      description: "AdEx (Naud et al. 2008's tonic set, 2 ms refractory) with COBA's conductances",
      bias: 500, wE: COBA.wE_nS, wI: COBA.wI_nS, tauE: COBA.tauE, tauI: COBA.tauI, EE: COBA.EE, EI: COBA.EI, timing: null,
    },
  },
  izhikevich: {
    current: {
      description: 'Izhikevich (2003): regular-spiking excitatory and fast-spiking inhibitory neurons, exponential current PSCs',
      bias: 15, wE: 1.5, wI: -14, tauE: 0.005, tauI: 0.005, EE: NaN, EI: NaN, timing: null,
    },
  },
};

/** The preset of a model and synapse kind; Izhikevich neurons take current synapses only. */
export function networkPreset(model: NetworkModel, synapse: NetworkSynapse): NetworkPreset {
  const p = NETWORK_PRESETS[model][synapse];
  if (!p) {
    throw new ValidationError('network.synapse', `'${synapse}' is not available for model '${model}': Izhikevich (2003) neurons take current synapses only ` +
      `(the 2003 model's input is a current, in mV/ms); use synapse 'current', or model 'adex', 'hh' or 'lif' for conductances`);
  }
  return p;
}

/** Units and labels of a model with a synapse kind. */
export function networkUnits(model: NetworkModel, synapse: NetworkSynapse): NetworkUnits {
  const weight = (input: string) => (synapse === 'conductance' ? 'nS' : input);
  switch (model) {
    case 'lif':
      return synapse === 'current'
        ? { label: 'LIF', input: 'v_in', weight: 'v_in', v: 'v', vUnit: 'threshold 1', threshold: 1, thresholdName: 'threshold' }
        : { label: 'LIF (physical)', input: 'pA', weight: 'nS', v: 'V', vUnit: 'mV', threshold: COBA_CELL.Vth, thresholdName: 'threshold' };
    case 'hh': return { label: 'Hodgkin-Huxley (Traub-Miles)', input: 'pA', weight: weight('pA'), v: 'V', vUnit: 'mV', threshold: COBAHH.threshold, thresholdName: 'spikes counted at' };
    case 'adex': return { label: 'AdEx', input: 'pA', weight: weight('pA'), v: 'V', vUnit: 'mV', threshold: ADEX_CELL.VT!, thresholdName: 'V_T' };
    case 'izhikevich': return { label: 'Izhikevich', input: 'mV/ms', weight: 'mV/ms', v: 'v', vUnit: 'mV', threshold: IZHIKEVICH_VPEAK, thresholdName: 'spike cut' };
  }
}

/** What the network builder needs of one population. */
export interface NetworkCell {
  population: Population;
  /** The recorded state variable. */
  variable: string;
  /** Maps the recorded variable to the shown potential (normalized v → mV for the physical LIF), or null: shown as is. */
  toShown: ((x: number) => number) | null;
}

/**
 * One population of the model: the cell of the preset, the bias (in the scenario's units) and random initial
 * potentials drawn from `draw` (uniform between rest and threshold: v ∈ [0, 1) for the LIF, V ∈ [E_L, V_T) for AdEx,
 * [−70, −55) mV for HH, [−70, −50) mV for Izhikevich with u = b·v).
 */
export function networkCell(model: NetworkModel, synapse: NetworkSynapse, timing: LifTiming | null, role: 'exc' | 'inh', n: number, bias: number, draw: () => number): NetworkCell {
  const uniform = (lo: number, hi: number) => Float64Array.from({ length: n }, () => lo + (hi - lo) * draw());
  switch (model) {
    case 'lif': {
      if (synapse === 'current') {
        const population = Population.lif(role, n, { tauM: 0.02, tauRef: 0.002, timing: timing ?? 'precise' }, { bias, init: { v: uniform(0, 1) } });
        return { population, variable: 'v', toShown: null };
      }
      const population = Population.physicalLif(role, n, { ...COBA_CELL, timing: 'grid' }, { bias: perArea(bias), init: { v: uniform(0, 1) } });
      const span = COBA_CELL.Vth - COBA_CELL.VL;
      return { population, variable: 'v', toShown: (v) => COBA_CELL.VL + v * span };
    }
    case 'hh':
      return { population: Population.hh(role, n, HH_CELL, { bias: perArea(bias), init: { V: uniform(-70, -55) } }), variable: 'V', toShown: null };
    case 'adex':
      return { population: Population.adex(role, n, ADEX_CELL, { bias, init: { V: uniform(ADEX_CELL.EL!, ADEX_CELL.VT!) } }), variable: 'V', toShown: null };
    case 'izhikevich': {
      const pattern = role === 'exc' ? 'RS' : 'FS';
      const v = uniform(-70, -50);
      const population = Population.izhikevich(role, n, { pattern }, { bias, init: { v, u: v.map((x) => 0.2 * x) } }); // b = 0.2 for RS and FS
      return { population, variable: 'v', toShown: null };
    }
  }
}

/**
 * The synapse part of a connection spec: weight (≥ 0) with Dale's sign for current synapses (w·τ_s, in the
 * population's input units), or a peak conductance with its reversal potential.
 */
export function networkSynapse(model: NetworkModel, synapse: NetworkSynapse, w: number, tauS: number, E: number, sign: 'excitatory' | 'inhibitory'): Pick<ConnectionSpec, 'weight' | 'sign' | 'E' | 'tauS' | 'n'> {
  const physical = model === 'hh' || (model === 'lif' && synapse === 'conductance');
  const scale = physical ? perArea : (x: number) => x;
  if (synapse === 'conductance') return { tauS, n: 0, E, weight: model === 'adex' ? w : scale(w) };
  return { tauS, n: 0, sign, weight: scale(Math.abs(w) * tauS) };
}
