/** Layer that turns token ids into a float padding mask: 1 for real tokens, 0 for padding. */
import * as tf from '@tensorflow/tfjs';

import {
  singleInput,
  type LayerArgs,
  type LayerConfig,
  type LayerKwargs,
} from './layer-types.ts';

export interface PaddingMaskArgs extends LayerArgs {
  /** Token id of padding, 0 in the PerfLens subword vocabularies. */
  padId?: number;
}

/** Maps ids of shape [batch, length] to a float32 mask of the same shape. */
export class PaddingMask extends tf.layers.Layer {
  static className = 'PerfLensPaddingMask';

  readonly padId: number;

  constructor(args: PaddingMaskArgs = {}) {
    super(args);
    this.padId = args.padId ?? 0;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: LayerKwargs): tf.Tensor {
    return tf.tidy(() => {
      const ids = singleInput(inputs, this.name);
      return tf.cast(tf.notEqual(ids, this.padId), 'float32');
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), padId: this.padId };
  }
}
