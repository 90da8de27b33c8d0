/** Types shared by the PerfLens custom tfjs layers, taken from tfjs-layers' own signatures. */
import * as tf from '@tensorflow/tfjs';

/** Constructor arguments of every tfjs layer (name, trainable, inputShape...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** A weight created by `Layer.addWeight`. */
export type LayerWeight = ReturnType<tf.layers.Layer['addWeight']>;

/** Keyword arguments that a layer's `call` receives, such as `training`. */
export type LayerKwargs = Record<string, unknown>;

/** The config object that `getConfig` returns and `fromConfig` reads. */
export type LayerConfig = tf.serialization.ConfigDict;

/** Returns the single tensor of a layer input, raising when a list was passed instead. */
export function singleInput(inputs: tf.Tensor | tf.Tensor[], layerName: string): tf.Tensor {
  if (Array.isArray(inputs)) {
    if (inputs.length !== 1) {
      throw new Error(`Layer ${layerName} expects one input tensor, got ${inputs.length}.`);
    }
    return inputs[0]!;
  }
  return inputs;
}

/** Returns exactly `count` input tensors, raising with the layer name otherwise. */
export function inputList(
  inputs: tf.Tensor | tf.Tensor[],
  count: number,
  layerName: string,
): tf.Tensor[] {
  const list = Array.isArray(inputs) ? inputs : [inputs];
  if (list.length !== count) {
    throw new Error(`Layer ${layerName} expects ${count} input tensors, got ${list.length}.`);
  }
  return list;
}

/** Reads a whole-number config field, raising with the field name when it is missing. */
export function configInteger(config: LayerConfig, field: string, layerClass: string): number {
  const value = config[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value <= 0) {
    throw new Error(
      `${layerClass} config field ${field} must be a positive integer, got ${String(value)}.`,
    );
  }
  return value;
}

/** A tfjs weight initializer, such as `tf.initializers.zeros()`. */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

/** Creates a float32 weight on a layer; layers pass a bound `addWeight` to shared helpers. */
export type WeightAdder = (name: string, shape: number[], init: Initializer) => LayerWeight;

/** Returns `{ seed }` for a config, or nothing when the layer was built without a seed. */
export function seedConfig(seed: number | undefined): LayerConfig {
  return seed === undefined ? {} : { seed };
}

/** Returns a normal initializer, seeded with `seed + offset` when `seed` is given. */
export function normalInitializer(
  stddev: number,
  seed: number | undefined,
  offset: number,
): Initializer {
  return tf.initializers.randomNormal({
    mean: 0,
    stddev,
    seed: seed === undefined ? undefined : seed + offset,
  });
}
