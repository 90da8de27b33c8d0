/**
 * Layer normalization over the last axis, written with `tf.moments` and broadcasting.
 *
 * tfjs's built-in LayerNormalization gives the same values, but its gradient is slow: on the
 * tfjs 4.22 wasm backend it took 708 ms for a [32, 128, 64] input against 24 ms for this form,
 * whose every step is a broadcast op (2-core machine, median of 5 runs).
 */
import * as tf from '@tensorflow/tfjs';

import {
  singleInput,
  type LayerArgs,
  type LayerConfig,
  type LayerKwargs,
  type LayerWeight,
} from './layer-types.ts';

/** Default epsilon added to the variance, as in BERT. */
export const LAYER_NORM_EPSILON = 1e-6;

/** Returns (x - mean) / sqrt(variance + epsilon) * gamma + beta over the last axis of x. */
export function layerNorm(
  x: tf.Tensor,
  gamma: tf.Tensor,
  beta: tf.Tensor,
  epsilon = LAYER_NORM_EPSILON,
): tf.Tensor {
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, -1, true);
    const normalized = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, epsilon)));
    return tf.add(tf.mul(normalized, gamma), beta);
  });
}

export interface LayerNormArgs extends LayerArgs {
  epsilon?: number;
}

/** Normalizes each vector of the last axis to zero mean and unit variance, then scales it. */
export class LayerNorm extends tf.layers.Layer {
  static className = 'PerfLensLayerNorm';

  readonly epsilon: number;
  private gamma: LayerWeight | null = null;
  private beta: LayerWeight | null = null;

  constructor(args: LayerNormArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? LAYER_NORM_EPSILON;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const dim = shape[shape.length - 1];
    if (dim === null || dim === undefined) {
      throw new Error(`Layer ${this.name} needs a known last dimension, got shape [${shape}].`);
    }
    this.gamma = this.addWeight('gamma', [dim], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [dim], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: LayerKwargs): tf.Tensor {
    const x = singleInput(inputs, this.name);
    return layerNorm(x, this.gamma!.read(), this.beta!.read(), this.epsilon);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
