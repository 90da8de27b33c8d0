/** Learned absolute position embedding added to a [batch, length, dim] sequence. */
import * as tf from '@tensorflow/tfjs';

import {
  configInteger,
  singleInput,
  type LayerArgs,
  type LayerConfig,
  type LayerKwargs,
  type LayerWeight,
  normalInitializer,
  seedConfig,
} from './layer-types.ts';
import { KERNEL_INIT_STDDEV } from './self-attention.ts';

export interface PositionEmbeddingArgs extends LayerArgs {
  /** Maximum sequence length. Positions beyond it have no learned vector. */
  maxLength: number;
  seed?: number;
}

/** Adds row t of a learned [maxLength, dim] table to position t of every sequence. */
export class PositionEmbedding extends tf.layers.Layer {
  static className = 'PerfLensPositionEmbedding';

  readonly maxLength: number;
  readonly seed: number | undefined;
  private positions: LayerWeight | null = null;

  constructor(args: PositionEmbeddingArgs) {
    super(args);
    this.maxLength = args.maxLength;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShape as tf.Shape;
    const dim = shape[shape.length - 1];
    if (typeof dim !== 'number') {
      throw new Error(`Layer ${this.name} needs a known last dimension, got shape [${shape}].`);
    }
    const init = normalInitializer(KERNEL_INIT_STDDEV, this.seed, 0);
    this.positions = this.addWeight('positions', [this.maxLength, dim], 'float32', init);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: LayerKwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = singleInput(inputs, this.name);
      const length = x.shape[1]!;
      if (length > this.maxLength) {
        throw new Error(
          `Layer ${this.name}: sequence length ${length} exceeds the maximum ${this.maxLength}. ` +
            'Truncate or window the input before the model.',
        );
      }
      const table = this.positions!.read();
      const rows = tf.slice(table, [0, 0], [length, table.shape[1]!]);
      return tf.add(x, rows);
    });
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), maxLength: this.maxLength, ...seedConfig(this.seed) };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: LayerConfig,
  ): T {
    configInteger(config, 'maxLength', PositionEmbedding.className);
    return new cls(config);
  }
}
