/**
 * spikebridge: spiking neurons (Hodgkin-Huxley, LIF) with real ODE integrators, PSC-filtered spike trains and
 * weight matrices, and a bridge to rate-based MLPs trained by backprop. This barrel is the public surface
 * (DESIGN.md's contract and more).
 * @packageDocumentation
 */

// --- core ---
export {
  SpikebridgeError, ValidationError, SimulationDiverged, IntegrationStalled, TrainingDiverged, MemoryBudgetExceeded,
} from './core/errors.js';
export { memoryBudget, setMemoryBudget, defaultMemoryBudget } from './core/budget.js';
export { wasmFallback } from './core/wasm.js';
export { mulberry32, Rng, RandomStreams } from './core/rng.js';
export { compileFormula, resolveSignal, FORMULA_FUNCTIONS, type Signal, type ResolvedSignal } from './core/formula.js';
/** Progress callback: (done, total). */
export type { Progress } from './core/progress.js';
export { linspace, rateFromSpikes, isiCvs, meanFinite, minMax } from './core/arrays.js';

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
export {
  createSpikeBuffer, growSpikeBuffer, NO_SYNAPTIC_INPUT,
  type NeuronType, type SpikeBuffer, type SynapticInput, type SynapticCapabilities, type SynapticEvents, type CurrentReceptor, type ConductanceReceptor,
} from './neurons/types.js';
export {
  LIF, PhysicalLIF, LIF_METHODS, LIF_TIMINGS, resolveLif,
  type LifOptions, type LifParams, type LifMethod, type LifTiming, type LifUnits, type PerNeuron, type LifSimulateOptions, type LifTrace,
  type PhysicalLifOptions, type PhysicalLifTrace,
} from './neurons/lif.js';
export { membraneResponse, stagePropagator } from './neurons/lifPropagator.js';
export type { LifArrays } from './neurons/lifPrecise.js';
export { expPoly } from './core/expPoly.js';
export { checkStableStep, STABLE_DT_OVER_TAU, type ConductanceUnits } from './neurons/lifGrid.js';
export {
  HodgkinHuxley, HH_METHODS, HH_STEP_METHODS, HH_KINETICS, HH_TIMINGS, KINETICS_DEFAULTS, hhRates, hhSteadyState, traubMilesRates,
  type HodgkinHuxleyOptions, type HodgkinHuxleyParams, type HhMethod, type HhTiming, type HhStepMethod, type HhKineticsName,
  type HhSimulateOptions, type HhTrace, type HhVariable, type HhState, type GateRates, type KineticsDefaults, type IonicParams,
} from './neurons/hodgkinHuxley.js';

// --- neurons: reset models whose V blows up in finite time (AdEx, Izhikevich) ---
export {
  AdEx, ADEX_PATTERNS, ADEX_PATTERN_NAMES, resolveAdEx,
  type AdExOptions, type AdExParamsOptions, type AdExParams, type AdExPattern, type AdExPatternName,
  type AdExSimulateOptions, type AdExTrace,
} from './neurons/adex.js';
export {
  Izhikevich, IZHIKEVICH_PATTERNS, IZHIKEVICH_PATTERN_NAMES, IZHIKEVICH_VPEAK, izhikevichRest, resolveIzhikevich,
  type IzhikevichOptions, type IzhikevichParamsOptions, type IzhikevichParams, type IzhikevichPattern,
  type IzhikevichPatternName, type IzhikevichAbbreviation, type IzhikevichSimulateOptions, type IzhikevichTrace,
} from './neurons/izhikevich.js';
export { adaptiveIfStep, adaptiveIfNullclines, type AdaptiveIfConstants, type AdaptiveIfNames } from './neurons/adaptiveIf.js';
export {
  runSingleNeuron, measuredRate, measureFiCurve, resolveCurrent,
  runProtocol, type Current, type StepCurrent, type ResolvedCurrent, type SingleNeuronOptions, type SingleNeuronRun, type FiCurve,
  type RateTiming, type ProtocolOptions,
} from './neurons/singleNeuron.js';

// --- synapses ---
export {
  pscKernel, filterSpikeTrain, PscFilter, resolvePsc, FILTER_METHODS,
  type PscOptions, type FilterMethod, type FilterSpikeTrainOptions, type FilteredTrain,
} from './synapses/psc.js';
export {
  regularSpikeTrain, poissonSpikeTrain, spikeTrainFromList, checkSpikeTimes,
  type RegularSpikeTrainOptions, type PoissonSpikeTrainOptions,
} from './synapses/spikeTrains.js';

// --- network ---
export { Population, type PopulationOptions, type PopulationKind } from './network/population.js';
export {
  SpikeTrainSource, PoissonSource, CurrentSource, isSpikeSource, type SpikeSourceType, type PoissonSourceOptions,
} from './network/sources.js';
export {
  Connection, createConnection, csrFromDense,
  type ConnectionSpec, type WeightSpec, type DenseWeights, type SparseWeights, type SynapseKind, type SynapseList,
} from './network/connection.js';
export {
  Stdp, resolveStdp, stdpWindow, updatedWeight, STDP_DEPENDENCES, STDP_PAIRINGS, PLASTICITY_RULES,
  type StdpSpec, type StdpParams, type StdpDependence, type StdpPairing, type PlasticityRule, type Arrivals,
} from './network/plasticity.js';
export { Network, SynapseGroup, type RunOptions, type RunInfo } from './network/network.js';
export {
  SpikeRecorder, StateRecorder, ActivityRecorder, RateRecorder, StreamRecorder, WeightRecorder,
  type Recorder, type SpikeRecorderOptions, type StateRecorderOptions, type ActivityRecorderOptions, type WeightRecorderOptions,
} from './network/recorders.js';

// --- figures: plain plotly specs ({ data, layout }) for any plotting front end ---
export { rasterFigure, line, layout, type Figure, type Trace } from './experiments/figure.js';

// --- nn ---
export { MLP, type MLPOptions, type LayerParameters, type Regularization, type BatchOptions, type MLPJson } from './nn/mlp.js';
export { train, evaluate, splitRows, type TrainOptions, type Dataset, type History, type EpochInfo } from './nn/train.js';
export {
  createOptimizer, resolveOptimizer, OPTIMIZER_NAMES, sgdKernel, momentumKernel, nesterovKernel, adagradKernel, rmspropKernel, adamKernel,
  nadamKernel, type Optimizer, type OptimizerSpec, type OptimizerName,
} from './nn/optimizers.js';
export { createSchedule, SCHEDULE_NAMES, type ScheduleSpec } from './nn/schedules.js';
export {
  resolveActivation, activationToSpec, softmaxRows, sigmoid, softplus, ACTIVATION_NAMES,
  type Activation, type ActivationName, type ActivationSpec,
} from './nn/activations.js';
export { LOSS_NAMES, checkLoss, lossAndDelta, type LossName } from './nn/losses.js';
export { initLayer, resolveInit, INIT_NAMES, type InitSpec, type InitName } from './nn/init.js';
export {
  gemmNN, gemmNT, gemmTN, gemmReference, addRowVector, sumRows, outer, fromRows, toRows, asMatrix, zeros, TS_KERNELS,
  type Matrix, type GemmKernels,
} from './nn/matrix.js';
export {
  oneHot, takeRows, trainValTestSplit, fitPreprocessor, loadMnist, PREPROCESS_MODES,
  type Preprocessor, type Splits, type MnistSet, type MnistOptions,
} from './nn/data.js';
export { shiftImage } from './nn/augment.js';
export { accuracy, argmax, argmaxRows, rowClass, rowClasses, isClassCode, countCorrect, countMatches, labelAccuracy } from './nn/metrics.js';
export { gradCheck, type GradCheckResult } from './nn/gradCheck.js';
export { Perceptron } from './nn/perceptron.js';
export { layerGradientNorms, chainNetwork } from './nn/diagnostics.js';
export { Value, sum as sumValues } from './nn/value.js';

// --- bridge ---
export {
  toSpiking, SpikingNetwork, stationaryPhase, resolveSpikingOptions,
  type ToSpikingOptions, type SpikingSettings, type SpikingInputMode, type SpikingInit, type PresentOptions, type RunOneOptions,
  type OverTimeResult, type SpikingRun, type HiddenLayerRun,
} from './bridge/toSpiking.js';
export { Readout, CurrentSums } from './bridge/readout.js';
export { accuracyOverTime, type AccuracyOverTime } from './bridge/accuracyOverTime.js';

// --- export: PyNN (NEURON, MPI) ---
export {
  describeNetwork, type DescribeOptions,
} from './export/describe.js';
export {
  LIF_MAPPING, CURRENT_PER_VIN,
  type NetworkDescription, type PopulationDescription, type NeuronPopulationDescription, type SpikeSourceDescription,
  type ProjectionDescription, type RecordingDescription, type PerNeuronValue,
} from './export/description.js';
export {
  toPyNN, pyNNChunks, pyNNFiles, INLINE_ROWS, DELAY_EPSILON,
  type ToPyNNOptions, type PyNNWriteOptions, type PyNNDataMode, type FileChunk,
} from './export/pynn.js';
export { parsePyNNSpikes, parsePyNNVoltages, type SpikeRecord, type VoltageTraces } from './export/pynnResults.js';
export { compareSpikes, type SpikeComparison, type PopulationComparison, type CompareOptions, type Pair } from './export/compare.js';
