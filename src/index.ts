/**
 * spikebridge: spiking neurons (Hodgkin-Huxley, LIF) with real ODE integrators, PSC-filtered spike trains and
 * weight matrices, and a bridge to rate-based MLPs trained by backprop. This barrel is the public surface
 * (DESIGN.md's contract and more).
 * @packageDocumentation
 */

// --- core ---
export { SpikebridgeError, ValidationError, SimulationDiverged } from './core/errors.js';
export { mulberry32, Rng } from './core/rng.js';
export { compileFormula, resolveSignal, FORMULA_FUNCTIONS, type Signal, type ResolvedSignal } from './core/formula.js';
export type { Progress } from './core/progress.js';
export { linspace, rateFromSpikes } from './core/arrays.js';

// --- ode ---
export { integrate, ODE_METHODS, type IntegrateOptions, type OdeMethod, type Solution } from './ode/integrate.js';
export { createStepper, type Stepper, type Rhs, type FixedMethod } from './ode/stepper.js';
export { Rk45, type Rk45Options } from './ode/rk45.js';
export { EULER, MIDPOINT, HEUN, RK4, DOPRI5, type Tableau } from './ode/tableaus.js';

// --- neurons ---
export {
  lifRate, lifRateDerivative, lifRateInverse, lifRateWithReset, softLifRate, softLifRateDerivative,
  type LifRateParams, type SoftLifRateParams,
} from './neurons/rates.js';
export { createSpikeBuffer, type NeuronType, type SpikeBuffer } from './neurons/types.js';
export {
  LIF, PhysicalLIF, LIF_METHODS, resolveLif,
  type LifOptions, type LifParams, type LifMethod, type LifSimulateOptions, type LifTrace,
  type PhysicalLifOptions, type PhysicalLifTrace,
} from './neurons/lif.js';
export {
  HodgkinHuxley, HH_METHODS, hhRates, hhSteadyState,
  type HodgkinHuxleyOptions, type HodgkinHuxleyParams, type HhMethod, type HhSimulateOptions, type HhTrace,
} from './neurons/hodgkinHuxley.js';

// --- synapses (issue: synapses and networks) ---

// --- network (issue: synapses and networks) ---

// --- nn (issue: rate networks) ---

// --- bridge (issue: the bridge) ---
