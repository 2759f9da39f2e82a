/**
 * Where inside a time step a voltage crossed the spike threshold, from what the step computed: its end values
 * and slopes (cubic Hermite, for RK4), the step's own exponential (exponential Euler), or a straight line
 * (forward Euler). Each returns θ ∈ [0, 1], the crossing at t0 + θ·h, for y0 < level ≤ y1.
 * @module
 */

/**
 * θ ∈ [0, 1] where the cubic Hermite interpolant through (0, y0, y0') and (h, y1, y1') crosses `level`
 * (y0 < level ≤ y1). Bisection: accurate to O(h⁴) like RK4 itself.
 */
export function hermiteCrossing(y0: number, d0: number, y1: number, d1: number, h: number, level: number): number {
  const m0 = d0 * h, m1 = d1 * h;
  const p = (s: number) => {
    const s2 = s * s, s3 = s2 * s;
    return (2 * s3 - 3 * s2 + 1) * y0 + (s3 - 2 * s2 + s) * m0 + (-2 * s3 + 3 * s2) * y1 + (s3 - s2) * m1 - level;
  };
  if (p(0) >= 0) return 0;
  let lo = 0, hi = 1;
  for (let k = 0; k < 60 && hi - lo > 1e-15; k++) {
    const mid = 0.5 * (lo + hi);
    if (p(mid) < 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** θ where the straight line from y0 to y1 crosses `level` (forward Euler's own interpolant). */
export function linearCrossing(y0: number, y1: number, level: number): number {
  return (level - y0) / (y1 - y0);
}

/**
 * θ where y(s) = y∞ + (y0 − y∞)·e^{−s·rate}, s ∈ [0, h] (the curve an exponential-Euler step follows with its
 * coefficients frozen), crosses `level`: a rising crossing needs y0 < level < y∞, and then
 * s = ln((y∞ − y0)/(y∞ − level))/rate. Falls back to 1 when rounding puts `level` at or beyond y∞.
 */
export function exponentialCrossing(y0: number, yInf: number, rate: number, h: number, level: number): number {
  if (!(yInf > level)) return 1;
  const th = Math.log((yInf - y0) / (yInf - level)) / (rate * h);
  return th < 0 ? 0 : th > 1 ? 1 : th;
}
