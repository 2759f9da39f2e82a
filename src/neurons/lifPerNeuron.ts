/**
 * The normalized LIF of lif.ts (notes §2.1; Nengo's exact update with the spike time located inside the step and
 * the refractory period counted from it) with τ_m, τ_ref and v_reset given per neuron. Each neuron follows
 * exactly the arithmetic of `LIF`'s exact method with its own parameters, so a heterogeneous population is one
 * structure-of-arrays loop instead of one population per parameter set.
 * @module
 */
import { SimulationDiverged, ValidationError } from '../core/errors.js';
import { checkFinite, checkFiniteArray, checkKnownKeys, checkNonNegative, checkPositive } from '../core/validate.js';
import { lifRateRaw, lifRateWithReset } from './rates.js';
import type { NeuronType, SpikeBuffer } from './types.js';

/** Per-neuron LIF parameters: each a number (shared) or an array (one per neuron). */
export interface LifPerNeuronOptions {
  /** τ_m, s. @default 0.02 */
  tauM?: number | ArrayLike<number>;
  /** τ_ref, s. @default 0.002 */
  tauRef?: number | ArrayLike<number>;
  /** v_reset (< 1). @default 0 */
  vReset?: number | ArrayLike<number>;
}

type State = 'v' | 'refractory';

/** Normalized LIF (exact method) with per-neuron τ_m, τ_ref and v_reset. */
export class LifPerNeuron implements NeuronType<State> {
  readonly name = 'lif';
  readonly stateNames = ['v', 'refractory'] as const;
  readonly inputUnits = 'v_in (threshold 1)';
  readonly size: number;
  readonly tauM: Float64Array;
  readonly tauRef: Float64Array;
  readonly vReset: Float64Array;
  private cachedDt = NaN;
  private decay: Float64Array;

  /** @param size number of neurons (arrays must have this length; numbers are repeated) */
  constructor(o: LifPerNeuronOptions, size: number) {
    checkKnownKeys('LIF', o, ['tauM', 'tauRef', 'vReset']);
    const arr = (name: string, v: number | ArrayLike<number>, check: (n: string, x: number) => number) => {
      const a = typeof v === 'number' ? new Float64Array(size).fill(v) : checkFiniteArray(name, v, size);
      for (let i = 0; i < size; i++) check(typeof v === 'number' ? name : `${name}[${i}]`, a[i]);
      return a;
    };
    this.size = size;
    this.tauM = arr('LIF.tauM', o.tauM ?? 0.02, checkPositive);
    this.tauRef = arr('LIF.tauRef', o.tauRef ?? 0.002, checkNonNegative);
    this.vReset = arr('LIF.vReset', o.vReset ?? 0, (n, x) => {
      checkFinite(n, x);
      if (x >= 1) throw new ValidationError(n, `must be < 1, the threshold (got ${x})`);
      return x;
    });
    this.decay = new Float64Array(size);
  }

  /** G(v_in) of neuron 0 (Hz); use {@link LifPerNeuron.rateOf} for another neuron. */
  rate(vIn: number): number {
    return this.rateOf(0, vIn);
  }

  /** G(v_in) of neuron i, Hz. */
  rateOf(i: number, vIn: number): number {
    const r = this.vReset[i];
    return r === 0 ? lifRateRaw(vIn, this.tauM[i], this.tauRef[i]) : lifRateWithReset(vIn, this.tauM[i], this.tauRef[i], r);
  }

  initialState(size: number): Record<State, Float64Array> {
    if (size !== this.size) throw new ValidationError('LIF', `per-neuron parameters have length ${this.size} but the population has ${size} neurons`);
    return { v: new Float64Array(size), refractory: new Float64Array(size) };
  }

  /** One exact step per neuron: the arithmetic of `LIF`'s exact method, with neuron i's own parameters. */
  step(dt: number, t: number, input: Float64Array, state: Record<State, Float64Array>, spikes: SpikeBuffer): void {
    const TM = this.tauM, TR = this.tauRef, VR = this.vReset;
    if (dt !== this.cachedDt) {
      this.cachedDt = dt;
      for (let i = 0; i < this.size; i++) this.decay[i] = Math.exp(-dt / TM[i]);
    }
    const V = state.v, R = state.refractory, D = this.decay;
    const idx = spikes.index, off = spikes.offset;
    let count = 0;
    for (let i = 0; i < V.length; i++) {
      const J = input[i];
      const tauM = TM[i];
      let v = V[i];
      let r = R[i];
      let h = dt; // integrated time in this step
      if (r <= 0) v = J + (v - J) * D[i];
      else {
        r -= dt;
        if (r >= 0) {
          R[i] = r; // still refractory through the whole step
          continue;
        }
        h = -r; // the refractory period ended inside the step: integrate what is left
        v = J + (v - J) * Math.exp(r / tauM);
        r = 0;
      }
      if (v > 1) {
        // Crossing time from the step's end: v_end − J = (1 − J) e^{−s/τ}, so the spike is at dt − s.
        let ts = J > 1 ? dt + tauM * Math.log1p(-(v - 1) / (J - 1)) : dt - h;
        if (!(ts >= dt - h)) ts = dt - h;
        idx[count] = i;
        off[count++] = ts;
        let rem = TR[i] + ts - dt; // refractory left at the next step's start
        v = VR[i];
        if (rem < 0) {
          v = Math.min(1, J + (VR[i] - J) * Math.exp(rem / tauM)); // a 2nd spike in one step is not represented
          rem = 0;
        }
        r = rem;
      }
      if (!Number.isFinite(v)) throw new SimulationDiverged('v', t + dt, v, i, `input ${J}`);
      V[i] = v;
      R[i] = r;
    }
    spikes.count = count;
  }
}
