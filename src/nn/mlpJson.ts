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
 * Reads {@link mlpToJson}'s object or its JSON text: checks the envelope, lets `build` make the network from the
 * sizes and activation specs (which it validates), then sets the parameters (validated by `setParameters`). A
 * corrupt or truncated file is a {@link ValidationError} naming what is wrong, never a half-loaded network.
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
  if (!Array.isArray(m.hidden)) throw new ValidationError('model.hidden', `must be an array of activation specs (got ${describeValue(m.hidden)})`);
  const net = build({ sizes: m.sizes as number[], hidden: m.hidden as ActivationSpec[], output: m.output as ActivationSpec });
  if (!Array.isArray(m.layers)) throw new ValidationError('model.layers', `must be an array of { W, b } (got ${describeValue(m.layers)})`);
  net.setParameters(m.layers);
  return net;
}
