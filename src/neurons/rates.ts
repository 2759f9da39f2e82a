/**
 * Rate curves as pure scalar functions (notes §2.1). `nn/activations` and the neuron types both call these,
 * so G is derived once.
 * @module
 */
import { ValidationError } from '../core/errors.js';

/** Parameters of the LIF rate curve (seconds). */
export interface LifRateParams {
  /** Membrane time constant τ_m, s. @default 0.02 */
  tauM?: number;
  /** Refractory period τ_ref, s. @default 0.002 */
  tauRef?: number;
}

/** Parameters of the soft-LIF rate curve: {@link LifRateParams} plus the smoothing γ. */
export interface SoftLifRateParams extends LifRateParams {
  /** Smoothing of the threshold kink, ρ(x) = γ ln(1 + e^{x/γ}). @default 0.05 */
  gamma?: number;
}

function params(p: LifRateParams | undefined, owner: string): [number, number] {
  const tauM = p?.tauM ?? 0.02;
  const tauRef = p?.tauRef ?? 0.002;
  if (!(tauM > 0) || !Number.isFinite(tauM)) throw new ValidationError(`${owner}.tauM`, `must be > 0 (got ${tauM})`);
  if (!(tauRef >= 0) || !Number.isFinite(tauRef)) throw new ValidationError(`${owner}.tauRef`, `must be >= 0 (got ${tauRef})`);
  return [tauM, tauRef];
}

function checkInput(owner: string, v: number): void {
  if (typeof v !== 'number' || Number.isNaN(v)) throw new ValidationError(`${owner}.vIn`, `must be a number, not NaN (got ${v})`);
}

/**
 * G(v_in) = 1 / (τ_ref − τ_m ln(1 − 1/v_in)) for v_in > 1, else 0 (notes §2.1): the steady firing rate (Hz)
 * of a normalized LIF neuron (threshold 1, reset 0) held at constant input v_in.
 */
export function lifRate(vIn: number, params_?: LifRateParams): number {
  checkInput('lifRate', vIn);
  const [tauM, tauRef] = params(params_, 'lifRate');
  return lifRateRaw(vIn, tauM, tauRef);
}

/**
 * dG/dv = τ_m G² / (v (v − 1)) for v > 1, else 0: what backprop through a `lif` unit needs.
 * Unbounded as v → 1⁺ (which is why `soft-lif` exists).
 */
export function lifRateDerivative(vIn: number, params_?: LifRateParams): number {
  checkInput('lifRateDerivative', vIn);
  const [tauM, tauRef] = params(params_, 'lifRateDerivative');
  return lifRateDerivativeRaw(vIn, tauM, tauRef);
}

/** G without validation (hot loops). ln(1 − 1/v) is written log1p(−1/v) for accuracy at large v. */
export function lifRateRaw(v: number, tauM: number, tauRef: number): number {
  return v > 1 ? 1 / (tauRef - tauM * Math.log1p(-1 / v)) : 0;
}

/** dG/dv without validation. */
export function lifRateDerivativeRaw(v: number, tauM: number, tauRef: number): number {
  if (!(v > 1)) return 0;
  const g = 1 / (tauRef - tauM * Math.log1p(-1 / v));
  return (tauM * g * g) / (v * (v - 1));
}

/**
 * Rate of an LIF neuron whose reset is v_r (not 0): 1 / (τ_ref + τ_m ln((v − v_r)/(v − 1))). Used by the
 * physical-units LIF, whose reset V_reset maps to v_r = (V_reset − V_L)/(V_th − V_L).
 */
export function lifRateWithReset(v: number, tauM: number, tauRef: number, vReset: number): number {
  return v > 1 ? 1 / (tauRef + tauM * Math.log((v - vReset) / (v - 1))) : 0;
}

/** dG/dv of {@link lifRateWithReset}: G² τ_m (1 − v_reset) / ((v − v_reset)(v − 1)) above threshold, 0 below. */
export function lifRateDerivativeWithReset(v: number, tauM: number, tauRef: number, vReset: number): number {
  if (!(v > 1)) return 0;
  const g = lifRateWithReset(v, tauM, tauRef, vReset);
  return (tauM * g * g * (1 - vReset)) / ((v - vReset) * (v - 1));
}

/** ρ(x) = γ ln(1 + e^{x/γ}), a smooth max(x, 0), evaluated without overflow. */
export function softplusGamma(x: number, gamma: number): number {
  const u = x / gamma;
  return u > 30 ? x : gamma * Math.log1p(Math.exp(u));
}

/**
 * Soft LIF (Hunsberger & Eliasmith 2015): 1 / (τ_ref + τ_m ln(1 + 1/ρ(v − 1))). Equals G(v) away from the
 * threshold and is smooth across it, so its derivative stays bounded.
 */
export function softLifRate(v: number, p?: SoftLifRateParams): number {
  checkInput('softLifRate', v);
  const [tauM, tauRef] = params(p, 'softLifRate');
  const gamma = p?.gamma ?? 0.05;
  if (!(gamma > 0)) throw new ValidationError('softLifRate.gamma', `must be > 0 (got ${gamma})`);
  return softLifRateRaw(v, tauM, tauRef, gamma);
}

/** Soft LIF without validation. */
export function softLifRateRaw(v: number, tauM: number, tauRef: number, gamma: number): number {
  const p = softplusGamma(v - 1, gamma);
  return p > 0 ? 1 / (tauRef + tauM * Math.log1p(1 / p)) : 0;
}

/** d/dv of the soft LIF: τ_m G² σ((v − 1)/γ) / (ρ (ρ + 1)). */
export function softLifRateDerivativeRaw(v: number, tauM: number, tauRef: number, gamma: number): number {
  const p = softplusGamma(v - 1, gamma);
  if (!(p > 0)) return 0;
  const g = 1 / (tauRef + tauM * Math.log1p(1 / p));
  const u = (v - 1) / gamma;
  const sig = u >= 0 ? 1 / (1 + Math.exp(-u)) : Math.exp(u) / (1 + Math.exp(u));
  return (tauM * g * g * sig) / (p * (p + 1));
}

/** Validated derivative of {@link softLifRate}. */
export function softLifRateDerivative(v: number, p?: SoftLifRateParams): number {
  checkInput('softLifRateDerivative', v);
  const [tauM, tauRef] = params(p, 'softLifRateDerivative');
  const gamma = p?.gamma ?? 0.05;
  if (!(gamma > 0)) throw new ValidationError('softLifRateDerivative.gamma', `must be > 0 (got ${gamma})`);
  return softLifRateDerivativeRaw(v, tauM, tauRef, gamma);
}

/**
 * The inverse of G: the input v > 1 at which the neuron fires at `rate` Hz (0 < rate < 1/τ_ref).
 * From 1/r = τ_ref + τ_m ln(v/(v − 1)): v = 1 / (1 − e^{−c}), c = (1/r − τ_ref)/τ_m.
 */
export function lifRateInverse(rate: number, params_?: LifRateParams): number {
  const [tauM, tauRef] = params(params_, 'lifRateInverse');
  if (!(rate > 0) || !(rate < 1 / tauRef)) {
    throw new ValidationError('lifRateInverse.rate', `must be in (0, 1/tauRef = ${1 / tauRef} Hz) (got ${rate})`);
  }
  const c = (1 / rate - tauRef) / tauM;
  return -1 / Math.expm1(-c);
}
