/**
 * Butcher tableaus as data (scipy's `rk.py`, Brian2's state updaters): one generic stepper runs any of them,
 * and the tests check each by its order of convergence.
 * @module
 */

/** An explicit Runge–Kutta method: c (nodes), a (lower-triangular coefficients), b (weights), and for
 * embedded pairs bErr = b − b̂ (the difference with the lower-order weights, used for the error estimate). */
export interface Tableau {
  readonly name: string;
  readonly order: number;
  readonly c: readonly number[];
  readonly a: readonly (readonly number[])[];
  readonly b: readonly number[];
  readonly bErr?: readonly number[];
}

/** Forward Euler: y ← y + h f(t, y). Order 1. */
export const EULER: Tableau = { name: 'euler', order: 1, c: [0], a: [[]], b: [1] };

/** Explicit midpoint. Order 2. */
export const MIDPOINT: Tableau = { name: 'midpoint', order: 2, c: [0, 0.5], a: [[], [0.5]], b: [0, 1] };

/** Heun's method (explicit trapezoid). Order 2. */
export const HEUN: Tableau = { name: 'heun', order: 2, c: [0, 1], a: [[], [1]], b: [0.5, 0.5] };

/** The classic fourth-order Runge–Kutta method. */
export const RK4: Tableau = {
  name: 'rk4', order: 4, c: [0, 0.5, 0.5, 1],
  a: [[], [0.5], [0, 0.5], [0, 0, 1]], b: [1 / 6, 1 / 3, 1 / 3, 1 / 6],
};

/**
 * Dormand–Prince 5(4) (DOPRI5, MATLAB's ode45, scipy's RK45): 7 stages with FSAL, the 5th-order solution
 * propagated, the 4th-order one used for the error estimate.
 */
export const DOPRI5: Tableau = {
  name: 'rk45', order: 5,
  c: [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1],
  a: [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
    [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84],
  ],
  b: [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0],
  bErr: [
    35 / 384 - 5179 / 57600, 0, 500 / 1113 - 7571 / 16695, 125 / 192 - 393 / 640,
    -2187 / 6784 + 92097 / 339200, 11 / 84 - 187 / 2100, -1 / 40,
  ],
};

/**
 * Dense-output coefficients of DOPRI5 (Hairer, Nørsett & Wanner; as in scipy's `RK45.P`): the continuous
 * extension y(t + θh) = y + h Σ_i k_i Σ_j P[i][j] θ^(j+1), accurate to 4th order inside the step.
 */
export const DOPRI5_DENSE: readonly (readonly number[])[] = [
  [1, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
  [0, 0, 0, 0],
  [0, 131558114200 / 32700410799, -68118460800 / 10900136933, 87487479700 / 32700410799],
  [0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
  [0, 127303824393 / 49829197408, -318862633887 / 49829197408, 701980252875 / 199316789632],
  [0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
  [0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
];
