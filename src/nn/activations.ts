/**
 * Activation functions by name and parameters (the `MLP`'s `hidden` and `output` specs), each a forward map
 * z → y over whole arrays and a backward map (g = ∂E/∂y) → ∂E/∂z. Backward gets both z and y (notes Remark 12.1:
 * some derivatives, e.g. arctan's or G's, cannot be written from the output alone). `lif`/`soft-lif` call
 * `neurons/rates.ts`, so G(v) is derived in one place.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { checkKnownKeys, checkPositive, checkNonNegative, checkRange } from '../core/validate.js';
import { lifRateDerivativeRaw, lifRateRaw, softLifRateDerivativeRaw, softLifRateRaw } from '../neurons/rates.js';

/** Every activation name. */
export const ACTIVATION_NAMES = [
  'identity', 'sigmoid', 'tanh', 'arctan', 'threshold', 'relu', 'leaky-relu', 'prelu', 'hardtanh', 'softsign',
  'softplus', 'elu', 'softmax', 'lif', 'soft-lif',
] as const;

/** An activation name. */
export type ActivationName = (typeof ACTIVATION_NAMES)[number];

/** An activation given as a name or `{ name, ...params }`. */
export type ActivationSpec =
  | ActivationName
  | { name: 'identity' | 'sigmoid' | 'tanh' | 'arctan' | 'threshold' | 'relu' | 'hardtanh' | 'softsign' | 'softplus' | 'softmax' }
  | { name: 'leaky-relu'; /** slope for z < 0. @default 0.01 */ k?: number }
  | { name: 'prelu'; /** initial learned slope for z < 0. @default 0.25 */ init?: number }
  | { name: 'elu'; /** α in α(eᶻ − 1) for z ≤ 0. @default 1 */ alpha?: number }
  | { name: 'lif'; /** s. @default 0.02 */ tauM?: number; /** s. @default 0.002 */ tauRef?: number; /** @default 1 */ amplitude?: number }
  | { name: 'soft-lif'; tauM?: number; tauRef?: number; amplitude?: number; /** smoothing of ρ, @default 0.05 */ gamma?: number };

/** A resolved activation: its spec with every parameter filled in, and its array kernels. */
export interface Activation {
  readonly name: ActivationName;
  /** All parameters, defaults filled (what `toJSON` saves). */
  readonly params: Readonly<Record<string, number>>;
  /** True for softmax, which couples the units of a row. */
  readonly rowwise: boolean;
  /** True when the slope is a learned parameter (prelu). */
  readonly learned: boolean;
  /**
   * y ← f(z) over `rows`×`cols` entries (row-major). `slope` is prelu's learned per-unit slope (length cols).
   */
  forward(z: Float64Array, y: Float64Array, rows: number, cols: number, slope?: Float64Array): void;
  /**
   * dz ← g ⊙ f'(z) (softmax: the Jacobian-vector product per row). `dz` may alias `g`. For prelu,
   * `slopeGrad[j] += Σ_rows g·∂y/∂a` (accumulated, scaled by `scale`).
   */
  backward(z: Float64Array, y: Float64Array, g: Float64Array, dz: Float64Array, rows: number, cols: number,
    slope?: Float64Array, slopeGrad?: Float64Array, scale?: number): void;
}

const KNOWN: Record<ActivationName, string[]> = {
  identity: [], sigmoid: [], tanh: [], arctan: [], threshold: [], relu: [], hardtanh: [], softsign: [], softplus: [], softmax: [],
  'leaky-relu': ['k'], prelu: ['init'], elu: ['alpha'],
  lif: ['tauM', 'tauRef', 'amplitude'], 'soft-lif': ['tauM', 'tauRef', 'amplitude', 'gamma'],
};

/** Numerically stable logistic σ(z). */
export function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

/** Numerically stable softplus ln(1 + eᶻ). */
export function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

/** Builds an elementwise activation from y = f(z) and f'(z, y). */
function elementwise(
  name: ActivationName, params: Record<string, number>,
  f: (z: number) => number, df: (z: number, y: number) => number,
): Activation {
  return {
    name, params, rowwise: false, learned: false,
    forward(z, y, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) y[i] = f(z[i]);
    },
    backward(z, y, g, dz, rows, cols) {
      const n = rows * cols;
      for (let i = 0; i < n; i++) dz[i] = g[i] * df(z[i], y[i]);
    },
  };
}

/** y ← softmax(z) per row, shifted by the row max so exp never overflows. */
export function softmaxRows(z: Float64Array, y: Float64Array, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) softmaxRow(z, y, r * cols, cols);
}

/**
 * y ← softmax of the row z[o .. o + cols), shifted by the row max m so exp never overflows. Returns
 * ln Σ_j e^{z_j} = m + ln Σ_j e^{z_j − m}, the log-normalizer the softmax cross-entropy needs.
 */
export function softmaxRow(z: Float64Array, y: Float64Array, o: number, cols: number): number {
  let m = -Infinity;
  for (let j = 0; j < cols; j++) if (z[o + j] > m) m = z[o + j];
  let s = 0;
  for (let j = 0; j < cols; j++) { const e = Math.exp(z[o + j] - m); y[o + j] = e; s += e; }
  const inv = 1 / s;
  for (let j = 0; j < cols; j++) y[o + j] *= inv;
  return m + Math.log(s);
}

/**
 * Resolves a spec (a name or `{ name, ...params }`) into an {@link Activation}, validating names and parameters.
 * `param` names the option in errors, e.g. `MLP.hidden`.
 */
export function resolveActivation(spec: unknown, param = 'activation'): Activation {
  const name = typeof spec === 'string' ? spec : spec && typeof spec === 'object' ? (spec as { name?: unknown }).name : undefined;
  if (typeof name !== 'string' || !(ACTIVATION_NAMES as readonly string[]).includes(name)) {
    throw new ValidationError(param, `unknown activation ${describeValue(name ?? spec)}; known activations are ${ACTIVATION_NAMES.join(', ')}`);
  }
  const n = name as ActivationName;
  const o = (typeof spec === 'object' ? spec : {}) as Record<string, unknown>;
  checkKnownKeys(param, o, ['name', ...KNOWN[n]]);
  for (const k of KNOWN[n]) {
    // null (what JSON writes for NaN, or a field cleared by hand) would otherwise fall back to the default silently
    if (o[k] === null) throw new ValidationError(`${param}.${k}`, 'must be a number; leave it out for the default (got null)');
  }
  switch (n) {
    case 'identity':
      return elementwise(n, {}, (z) => z, () => 1);
    case 'sigmoid':
      return elementwise(n, {}, sigmoid, (_z, y) => y * (1 - y));
    case 'tanh':
      return elementwise(n, {}, Math.tanh, (_z, y) => 1 - y * y);
    case 'arctan':
      // d/dz arctan z = 1/(1 + z²): needs z, not y (Remark 12.1).
      return elementwise(n, {}, Math.atan, (z) => 1 / (1 + z * z));
    case 'threshold':
      // σ(z) = 1 for z ≥ 0 (notes §3.1); its derivative is 0 away from the kink, so no gradient flows.
      return elementwise(n, {}, (z) => (z >= 0 ? 1 : 0), () => 0);
    case 'relu':
      return elementwise(n, {}, (z) => (z > 0 ? z : 0), (z) => (z > 0 ? 1 : 0));
    case 'leaky-relu': {
      const k = checkRange(`${param}.k`, o.k ?? 0.01, 0, 1);
      return elementwise(n, { k }, (z) => (z > 0 ? z : k * z), (z) => (z > 0 ? 1 : k));
    }
    case 'hardtanh':
      return elementwise(n, {}, (z) => (z > 1 ? 1 : z < -1 ? -1 : z), (z) => (z > -1 && z < 1 ? 1 : 0));
    case 'softsign':
      // d/dz z/(1+|z|) = 1/(1+|z|)² (seed 002 prints sgn(z)/(1+|z|)², which is not the derivative).
      return elementwise(n, {}, (z) => z / (1 + Math.abs(z)), (z) => { const d = 1 + Math.abs(z); return 1 / (d * d); });
    case 'softplus':
      return elementwise(n, {}, softplus, (z) => sigmoid(z));
    case 'elu': {
      const alpha = checkNonNegative(`${param}.alpha`, o.alpha ?? 1);
      // for z ≤ 0, y = α(eᶻ − 1) so y' = α eᶻ = y + α.
      return elementwise(n, { alpha }, (z) => (z > 0 ? z : alpha * Math.expm1(z)), (z, y) => (z > 0 ? 1 : y + alpha));
    }
    case 'lif': {
      const { tauM, tauRef, amplitude } = lifParams(o, param);
      return elementwise(n, { tauM, tauRef, amplitude },
        (z) => amplitude * lifRateRaw(z, tauM, tauRef), (z) => amplitude * lifRateDerivativeRaw(z, tauM, tauRef));
    }
    case 'soft-lif': {
      const { tauM, tauRef, amplitude } = lifParams(o, param);
      const gamma = checkPositive(`${param}.gamma`, o.gamma ?? 0.05);
      return elementwise(n, { tauM, tauRef, amplitude, gamma },
        (z) => amplitude * softLifRateRaw(z, tauM, tauRef, gamma), (z) => amplitude * softLifRateDerivativeRaw(z, tauM, tauRef, gamma));
    }
    case 'prelu':
      return prelu(checkFiniteNumber(`${param}.init`, o.init ?? 0.25));
    case 'softmax':
      return {
        name: n, params: {}, rowwise: true, learned: false,
        forward: (z, y, rows, cols) => softmaxRows(z, y, rows, cols),
        // ∂E/∂z_j = y_j (g_j − Σ_k g_k y_k): the softmax Jacobian diag(y) − y yᵀ applied to g.
        backward(_z, y, g, dz, rows, cols) {
          for (let r = 0; r < rows; r++) {
            const o2 = r * cols;
            let s = 0;
            for (let j = 0; j < cols; j++) s += g[o2 + j] * y[o2 + j];
            for (let j = 0; j < cols; j++) dz[o2 + j] = y[o2 + j] * (g[o2 + j] - s);
          }
        },
      };
  }
}

function checkFiniteNumber(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new ValidationError(name, `must be a finite number (got ${describeValue(v)})`);
  return v;
}

function lifParams(o: Record<string, unknown>, param: string): { tauM: number; tauRef: number; amplitude: number } {
  return {
    tauM: checkPositive(`${param}.tauM`, o.tauM ?? 0.02),
    tauRef: checkNonNegative(`${param}.tauRef`, o.tauRef ?? 0.002),
    amplitude: checkPositive(`${param}.amplitude`, o.amplitude ?? 1),
  };
}

/**
 * PReLU (seed 003): f(z) = max(a z, z) with a learned per-unit slope a (for 0 ≤ a ≤ 1 this is z for z > 0 and
 * a z otherwise, which is what is computed). ∂f/∂a = z for z ≤ 0, so backprop reaches a.
 */
function prelu(init: number): Activation {
  return {
    name: 'prelu', params: { init }, rowwise: false, learned: true,
    forward(z, y, rows, cols, slope) {
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        for (let j = 0; j < cols; j++) { const v = z[o + j]; y[o + j] = v > 0 ? v : (slope ? slope[j] : init) * v; }
      }
    },
    backward(z, _y, g, dz, rows, cols, slope, slopeGrad, scale = 1) {
      for (let r = 0; r < rows; r++) {
        const o = r * cols;
        for (let j = 0; j < cols; j++) {
          const v = z[o + j], gv = g[o + j];
          if (v > 0) dz[o + j] = gv;
          else {
            if (slopeGrad) slopeGrad[j] += scale * gv * v;
            dz[o + j] = gv * (slope ? slope[j] : init);
          }
        }
      }
    },
  };
}

/** The spec to save for an activation: `{ name, ...params }`. */
export function activationToSpec(a: Activation): { name: ActivationName } & Record<string, number | string> {
  return { name: a.name, ...a.params };
}
