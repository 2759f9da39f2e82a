/**
 * The saved-model format of an {@link MLP}: sizes, activation specs (every parameter filled in) and the
 * parameters in the `getParameters()` layout, as a plain object that `JSON.stringify` writes and
 * `MLP.fromJSON` reads back.
 * @module
 */
import { ValidationError, describeValue } from '../core/errors.js';
import { activationToSpec, type Activation, type ActivationSpec } from './activations.js';
import type { LayerParameters, MLP } from './mlp.js';

/** Serialized model (what `MLP.toJSON` writes and `MLP.fromJSON` reads). */
export interface MLPJson {
  format: 'spikebridge-mlp';
  version: 1;
  sizes: number[];
  hidden: Record<string, unknown>[];
  output: Record<string, unknown>;
  layers: LayerParameters[];
}

/** What the format needs of a network: its shape, its activations and a copy of its parameters. */
type Saveable = Pick<MLP, 'sizes' | 'getParameters'> & { readonly activations: readonly Activation[] };

/** A plain-object copy of `net`: sizes, activation specs and parameters. */
export function mlpToJson(net: Saveable): MLPJson {
  return {
    format: 'spikebridge-mlp', version: 1, sizes: [...net.sizes],
    hidden: net.activations.slice(0, -1).map(activationToSpec),
    output: activationToSpec(net.activations[net.activations.length - 1]),
    layers: net.getParameters(),
  };
}

/**
 * Reads {@link mlpToJson}'s object or its JSON text. The whole structure is checked before anything is allocated
 * (envelope, sizes, one layer per pair of sizes, every W row and b of its declared length, every entry a finite
 * number), so a corrupt or hostile file costs no more than reading it; then `build` makes the network from the sizes
 * and activation specs (validating those, within the memory budget) and the parameters are set. A corrupt or
 * truncated file is a {@link ValidationError} naming what is wrong, never a half-loaded network.
 */
export function mlpFromJson<N extends Pick<MLP, 'setParameters'>>(
  json: string | MLPJson,
  build: (spec: { sizes: number[]; hidden: ActivationSpec[]; output: ActivationSpec }) => N,
): N {
  let o: unknown = json;
  if (typeof json === 'string') {
    try {
      o = JSON.parse(json);
    } catch (e) {
      throw new ValidationError('model', `is not valid JSON (truncated or corrupt file?): ${(e as Error).message}`);
    }
  }
  const m = o as Partial<MLPJson>;
  if (!m || typeof m !== 'object' || m.format !== 'spikebridge-mlp') {
    throw new ValidationError('model.format', `must be 'spikebridge-mlp' (got ${describeValue(m && typeof m === 'object' ? m.format : m)})`);
  }
  if (m.version !== 1) throw new ValidationError('model.version', `must be 1 (got ${describeValue(m.version)})`);
  const sizes = m.sizes as unknown;
  if (!Array.isArray(sizes) || sizes.length < 2 || !sizes.every((x) => Number.isInteger(x) && x > 0)) {
    throw new ValidationError('model.sizes', `must be an array of >= 2 positive integers (got ${describeValue(sizes)})`);
  }
  const L = sizes.length - 1;
  if (!Array.isArray(m.hidden)) throw new ValidationError('model.hidden', `must be an array of activation specs (got ${describeValue(m.hidden)})`);
  if (m.hidden.length !== L - 1) throw new ValidationError('model.hidden', `must have one activation per hidden layer: ${L - 1} for sizes [${sizes.join(', ')}] (got ${m.hidden.length})`);
  if (m.output === undefined) throw new ValidationError('model.output', 'is required: the output activation spec');
  if (!Array.isArray(m.layers)) throw new ValidationError('model.layers', `must be an array of { W, b } (got ${describeValue(m.layers)})`);
  if (m.layers.length !== L) throw new ValidationError('model.layers', `must have ${L} layers for sizes [${sizes.join(', ')}] (got ${m.layers.length})`);
  m.layers.forEach((layer, l) => checkLayer(`model.layers[${l}]`, layer, sizes[l + 1], sizes[l]));
  const net = build({ sizes, hidden: m.hidden as ActivationSpec[], output: m.output as ActivationSpec });
  net.setParameters(m.layers);
  return net;
}

/** One saved layer: `W` fanOut rows of fanIn finite numbers, `b` and an optional `a` of fanOut; nothing else. */
function checkLayer(name: string, layer: unknown, fanOut: number, fanIn: number): void {
  if (!layer || typeof layer !== 'object' || Array.isArray(layer)) throw new ValidationError(name, `must be { W, b } (got ${describeValue(layer)})`);
  const p = layer as Record<string, unknown>;
  for (const k of Object.keys(p)) {
    if (k !== 'W' && k !== 'b' && k !== 'a') throw new ValidationError(`${name}.${k}`, 'unknown field; a layer has W, b and (for prelu) a');
  }
  const W = p.W;
  if (!Array.isArray(W) || W.length !== fanOut) {
    throw new ValidationError(`${name}.W`, `must be ${fanOut}×${fanIn} ([out][in]) (got ${Array.isArray(W) ? `${W.length} rows` : describeValue(W)})`);
  }
  for (let i = 0; i < fanOut; i++) checkNumbers(`${name}.W[${i}]`, W[i], fanIn);
  checkNumbers(`${name}.b`, p.b, fanOut);
  if (p.a !== undefined) checkNumbers(`${name}.a`, p.a, fanOut);
}

/** An array of exactly `n` finite numbers. */
function checkNumbers(name: string, v: unknown, n: number): void {
  if (!Array.isArray(v)) throw new ValidationError(name, `must be an array of ${n} numbers (got ${describeValue(v)})`);
  if (v.length !== n) throw new ValidationError(name, `must have length ${n} (got length ${v.length})`);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== 'number' || !Number.isFinite(x)) throw new ValidationError(name, `entry ${i} must be a finite number (got ${describeValue(x)})`);
  }
}
