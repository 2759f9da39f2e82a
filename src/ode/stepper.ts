/**
 * Fixed-step explicit Runge–Kutta steppers. One shape serves every model: a stepper owns its stage buffers
 * (made once, for a state of a given size) and advances a state in place, allocating nothing per step.
 * The neuron and network simulators hold a stepper and call `step` in their own loops.
 * @module
 */
import { ValidationError } from '../core/errors.js';
import { EULER, RK4, type Tableau } from './tableaus.js';

/** dy/dt = f(t, y), written into `dydt`. Must not allocate, and must not keep `y` or `dydt`. */
export type Rhs = (t: number, y: Float64Array, dydt: Float64Array) => void;

/** The fixed-step integration methods by name. */
export type FixedMethod = 'euler' | 'rk4';

/** Advances y(t) to y(t + h) in place. */
export interface Stepper {
  readonly name: string;
  readonly order: number;
  readonly size: number;
  /**
   * One step of size h from (t, y); y is overwritten with the new state.
   * @param dydt0 optional f(t, y) already known (first stage, e.g. from the previous step's end); saves one call
   */
  step(f: Rhs, t: number, y: Float64Array, h: number, dydt0?: Float64Array): void;
}

class EulerStepper implements Stepper {
  readonly name = 'euler';
  readonly order = 1;
  private readonly k: Float64Array;
  constructor(readonly size: number) {
    this.k = new Float64Array(size);
  }
  step(f: Rhs, t: number, y: Float64Array, h: number, dydt0?: Float64Array): void {
    const k = dydt0 ?? this.k;
    if (!dydt0) f(t, y, k);
    for (let i = 0; i < this.size; i++) y[i] += h * k[i];
  }
}

/** Classic RK4 written out (no tableau loop): the hot path of Hodgkin-Huxley. */
class Rk4Stepper implements Stepper {
  readonly name = 'rk4';
  readonly order = 4;
  private readonly k1: Float64Array;
  private readonly k2: Float64Array;
  private readonly k3: Float64Array;
  private readonly k4: Float64Array;
  private readonly tmp: Float64Array;
  constructor(readonly size: number) {
    this.k1 = new Float64Array(size);
    this.k2 = new Float64Array(size);
    this.k3 = new Float64Array(size);
    this.k4 = new Float64Array(size);
    this.tmp = new Float64Array(size);
  }
  step(f: Rhs, t: number, y: Float64Array, h: number, dydt0?: Float64Array): void {
    const n = this.size, k2 = this.k2, k3 = this.k3, k4 = this.k4, tmp = this.tmp;
    const k1 = dydt0 ?? this.k1;
    if (!dydt0) f(t, y, k1);
    const h2 = 0.5 * h;
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h2 * k1[i];
    f(t + h2, tmp, k2);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h2 * k2[i];
    f(t + h2, tmp, k3);
    for (let i = 0; i < n; i++) tmp[i] = y[i] + h * k3[i];
    f(t + h, tmp, k4);
    const h6 = h / 6;
    for (let i = 0; i < n; i++) y[i] += h6 * (k1[i] + 2 * (k2[i] + k3[i]) + k4[i]);
  }
}

/** Any explicit tableau, run generically (for teaching and for testing tableaus by their order). */
class TableauStepper implements Stepper {
  readonly name: string;
  readonly order: number;
  private readonly k: Float64Array[];
  private readonly tmp: Float64Array;
  constructor(private readonly tab: Tableau, readonly size: number) {
    this.name = tab.name;
    this.order = tab.order;
    this.k = tab.b.map(() => new Float64Array(size));
    this.tmp = new Float64Array(size);
  }
  step(f: Rhs, t: number, y: Float64Array, h: number, dydt0?: Float64Array): void {
    const { a, b, c } = this.tab;
    const n = this.size, k = this.k, tmp = this.tmp;
    for (let s = 0; s < b.length; s++) {
      if (s === 0 && dydt0) {
        k[0].set(dydt0);
        continue;
      }
      for (let i = 0; i < n; i++) {
        let acc = y[i];
        const as = a[s];
        for (let j = 0; j < as.length; j++) acc += h * as[j] * k[j][i];
        tmp[i] = acc;
      }
      f(t + c[s] * h, tmp, k[s]);
    }
    for (let i = 0; i < n; i++) {
      let acc = 0;
      for (let s = 0; s < b.length; s++) acc += b[s] * k[s][i];
      y[i] += h * acc;
    }
  }
}

/**
 * Makes a stepper for states of `size` components. `'euler'` and `'rk4'` are hand-unrolled; a
 * {@link Tableau} runs through the generic loop.
 */
export function createStepper(method: FixedMethod | Tableau, size: number): Stepper {
  if (!Number.isInteger(size) || size < 1) throw new ValidationError('createStepper.size', `must be an integer >= 1 (got ${size})`);
  if (method === 'euler') return new EulerStepper(size);
  if (method === 'rk4') return new Rk4Stepper(size);
  if (typeof method === 'object' && method && Array.isArray(method.b)) {
    if (method === EULER) return new EulerStepper(size);
    if (method === RK4) return new Rk4Stepper(size);
    return new TableauStepper(method, size);
  }
  throw new ValidationError('method', `must be 'euler', 'rk4' or a Tableau (got ${JSON.stringify(method)})`);
}
