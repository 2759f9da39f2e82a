/**
 * The exact propagator of an LIF membrane driven by PSC-filtered spike trains (notes §2.1, §4.1): the linear
 * system τ_m v' = J − v + Σ_g y_g(t), where each receptor g is a chain of n_g + 1 stages with time constant τ_s
 * (τ_s x₀' = −x₀, τ_s x_k' = −x_k + x_{k−1}, output y = x_n; a spike adds w/τ_s to x₀). Over a step of length h
 * with J constant (Rotter & Diesmann 1999; NEST's precise models, Morrison et al. 2007):
 *
 *   x_k(h) = e^{−ah} Σ_{i≤k} x_{k−i}(0) (ah)^i / i!,       a = 1/τ_s
 *   v(h)  = J + (v(0) − J) e^{−bh} + Σ_k x_k(0) F_{n−k}(h), b = 1/τ_m
 *
 * where F_m(h) = b ∫₀ʰ e^{−b(h−s)} e^{−as} (as)^m/m! ds is the membrane's response to a unit value in the stage m
 * places before the output. With A = ah, B = bh, z = B − A:
 *
 *   F_m = B A^m e^{−B} ψ_m(z),  ψ_m(z) = ∫₀¹ e^{zθ} θ^m/m! dθ           (used when z ≤ 0, i.e. τ_m ≥ τ_s)
 *   F_m = B A^m e^{−A} φ_{m+1}(−z), φ_k(w) = ∫₀¹ e^{(1−θ)w} θ^{k−1}/(k−1)! dθ  (used when z > 0)
 *
 * Both integrals are taken at a non-positive argument, where they are bounded and computed without cancellation
 * (a Taylor series near 0, a stable recurrence beyond), so τ_s = τ_m (the degenerate case, F_0 = B e^{−B}) and
 * τ_s → τ_m need no special branch and nothing divides by τ_s − τ_m.
 * @module
 */

/** 1/k! for k = 0..170 (beyond, 0). */
const INV_FACT: Float64Array = (() => {
  const f = new Float64Array(171);
  f[0] = 1;
  for (let k = 1; k < f.length; k++) f[k] = f[k - 1] / k;
  return f;
})();

/** 1/k!, 0 for k > 170. */
export function invFactorial(k: number): number {
  return k < INV_FACT.length ? INV_FACT[k] : 0;
}

/**
 * φ_k(w) = ∫₀¹ e^{(1−θ)w} θ^{k−1}/(k−1)! dθ = Σ_j w^j/(j + k)! for w ≤ 0 and k ≥ 1 (the exponential integrators'
 * φ functions). A series while |w| < k + 1 (its terms shrink from the first, so no cancellation), the upward
 * recurrence φ_{i+1} = (φ_i − 1/i!)/w from φ_1 = (e^w − 1)/w beyond (there |w| exceeds every index, which keeps it
 * stable).
 */
export function phi(k: number, w: number): number {
  if (w > -(k + 1)) {
    let term = INV_FACT[k] ?? 0;
    let sum = term;
    for (let j = 1; j < 200; j++) {
      term *= w / (j + k);
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    }
    return sum;
  }
  let p = Math.expm1(w) / w;
  for (let i = 1; i < k; i++) p = (p - invFactorial(i)) / w;
  return p;
}

/**
 * ψ_m(z) = ∫₀¹ e^{zθ} θ^m/m! dθ = Σ_j z^j / (j! m! (m + j + 1)) for z ≤ 0 and m ≥ 0. A series while |z| < m + 2,
 * beyond it the recurrence ψ_m = (e^z/m! − ψ_{m−1})/z (integration by parts) from ψ_0 = (e^z − 1)/z.
 */
export function psi(m: number, z: number): number {
  if (z > -(m + 2)) {
    let c = 1; // z^j / j!
    let sum = 1 / (m + 1);
    for (let j = 1; j < 200; j++) {
      c *= z / j;
      const term = c / (m + j + 1);
      sum += term;
      if (Math.abs(term) <= 1e-17 * Math.abs(sum)) break;
    }
    return sum * INV_FACT[m];
  }
  const ez = Math.exp(z);
  let p = Math.expm1(z) / z;
  for (let i = 1; i <= m; i++) p = (ez * invFactorial(i) - p) / z;
  return p;
}

/**
 * F_m(h): the membrane's response at h to a unit initial value of the stage m places before a receptor's output
 * (see the module note). `a` = 1/τ_s, `b` = 1/τ_m (both 1/s), h ≥ 0 in s.
 */
export function membraneResponse(m: number, a: number, b: number, h: number): number {
  if (h === 0) return 0;
  const A = a * h, B = b * h, z = B - A;
  if (m === 0) {
    // ψ_0(z) = φ_1(z) = (e^z − 1)/z, which expm1 gives to full precision: the common exponential current.
    return z <= 0 ? B * Math.exp(-B) * (z === 0 ? 1 : Math.expm1(z) / z) : B * Math.exp(-A) * (Math.expm1(-z) / -z);
  }
  const Am = m === 0 ? 1 : Math.pow(A, m);
  return z <= 0 ? B * Am * Math.exp(-B) * psi(m, z) : B * Am * Math.exp(-A) * phi(m + 1, -z);
}

/** e^{−A} A^i/i! for i = 0..n, into `out` (the Jordan-block propagator of a stage chain over A = h/τ_s). */
export function stagePropagator(A: number, n: number, out: Float64Array): Float64Array {
  let term = Math.exp(-A);
  for (let i = 0; i <= n; i++) {
    out[i] = term;
    term *= A / (i + 1);
  }
  return out;
}

/**
 * Bounds of the basis function e^{−at}(at)^m/m! over [t1, t2]: it rises to its peak at t = m/a and decays after,
 * so its maximum is at the peak if that lies inside and its minimum at an end. Writes [min, max] into `out`.
 */
export function basisBounds(m: number, a: number, t1: number, t2: number, out: Float64Array): void {
  const g = (t: number) => (m === 0 ? Math.exp(-a * t) : Math.exp(-a * t) * Math.pow(a * t, m) * INV_FACT[m]);
  const g1 = g(t1), g2 = g(t2);
  const peak = m / a;
  out[0] = g1 < g2 ? g1 : g2;
  out[1] = peak > t1 && peak < t2 ? g(peak) : g1 > g2 ? g1 : g2;
}
