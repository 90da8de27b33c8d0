/**
 * Multi-head self-attention with a padding mask, as a function and as a layer.
 *
 * The mask has shape [batch, length] with 1 for real tokens and 0 for padding. Padded keys get
 * a large negative logit, so no query attends to them. Queries at padded positions still
 * produce values, which later layers must ignore through the same mask.
 */
import * as tf from '@tensorflow/tfjs';

import { linear } from './linear.ts';
import {
  configInteger,
  inputList,
  type LayerArgs,
  type LayerConfig,
  type LayerKwargs,
  type LayerWeight,
  normalInitializer,
  seedConfig,
  type WeightAdder,
} from './layer-types.ts';

/** Logit added to padded keys: far below any real attention logit, but finite in float32. */
const MASKED_LOGIT = -1e9;

/** Standard deviation of the normal initializer of every kernel, 0.02 as in BERT. */
export const KERNEL_INIT_STDDEV = 0.02;

/** Projection weights of one attention layer: query, key and value in one kernel. */
export interface AttentionWeights {
  /** [dim, 3 * dim]: columns are the query, key and value projections in that order. */
  qkvKernel: tf.Tensor;
  qkvBias: tf.Tensor;
  /** [dim, dim] output projection. */
  outKernel: tf.Tensor;
  outBias: tf.Tensor;
}

/** Splits [batch * length, dim] into heads: [batch, heads, length, dim / heads]. */
function splitHeads(flat: tf.Tensor, batch: number, length: number, heads: number): tf.Tensor {
  const dim = flat.shape[1]!;
  const split = tf.reshape(flat, [batch, length, heads, dim / heads]);
  return tf.transpose(split, [0, 2, 1, 3]);
}

/** Returns self-attention of x ([batch, length, dim]) under a [batch, length] padding mask. */
export function selfAttention(
  x: tf.Tensor,
  mask: tf.Tensor,
  weights: AttentionWeights,
  heads: number,
): tf.Tensor {
  return tf.tidy(() => {
    const [batch, length, dim] = x.shape as [number, number, number];
    const headDim = dim / heads;

    // Slicing the small kernel is cheaper than splitting the [batch * length, 3 * dim] output.
    const flat = tf.reshape(x, [batch * length, dim]);
    const project = (part: number) => {
      const kernel = tf.slice(weights.qkvKernel, [0, part * dim], [dim, dim]);
      const bias = tf.slice(weights.qkvBias, [part * dim], [dim]);
      return splitHeads(linear(flat, kernel, bias), batch, length, heads);
    };
    const queries = project(0);
    const keys = project(1);
    const values = project(2);

    const logits = tf.mul(tf.matMul(queries, keys, false, true), 1 / Math.sqrt(headDim));
    const keyBias = tf.reshape(tf.mul(tf.sub(1, mask), MASKED_LOGIT), [batch, 1, 1, length]);
    const probabilities = tf.softmax(tf.add(logits, keyBias));

    const context = tf.transpose(tf.matMul(probabilities, values), [0, 2, 1, 3]);
    const contextFlat = tf.reshape(context, [batch * length, dim]);
    const output = linear(contextFlat, weights.outKernel, weights.outBias);
    return tf.reshape(output, [batch, length, dim]);
  });
}

/** Adds the four attention weights through `add`, initialized from `seed` when it is given. */
export function addAttentionWeights(
  add: WeightAdder,
  dim: number,
  seed: number | undefined,
): Record<keyof AttentionWeights, LayerWeight> {
  return {
    qkvKernel: add('qkv_kernel', [dim, 3 * dim], normalInitializer(KERNEL_INIT_STDDEV, seed, 0)),
    qkvBias: add('qkv_bias', [3 * dim], tf.initializers.zeros()),
    outKernel: add('out_kernel', [dim, dim], normalInitializer(KERNEL_INIT_STDDEV, seed, 1)),
    outBias: add('out_bias', [dim], tf.initializers.zeros()),
  };
}

/** Reads the current values of attention weights created by `addAttentionWeights`. */
export function readAttentionWeights(
  weights: Record<keyof AttentionWeights, LayerWeight>,
): AttentionWeights {
  return {
    qkvKernel: weights.qkvKernel.read(),
    qkvBias: weights.qkvBias.read(),
    outKernel: weights.outKernel.read(),
    outBias: weights.outBias.read(),
  };
}

export interface MultiHeadSelfAttentionArgs extends LayerArgs {
  heads: number;
  seed?: number;
}

/** Layer form of `selfAttention`: inputs [x, mask], output of the same shape as x. */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  static className = 'PerfLensMultiHeadSelfAttention';

  readonly heads: number;
  readonly seed: number | undefined;
  private weightsByName: Record<keyof AttentionWeights, LayerWeight> | null = null;

  constructor(args: MultiHeadSelfAttentionArgs) {
    super(args);
    this.heads = args.heads;
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const xShape = (inputShape as tf.Shape[])[0]!;
    const dim = xShape[xShape.length - 1];
    if (typeof dim !== 'number' || dim % this.heads !== 0) {
      throw new Error(
        `Layer ${this.name}: model width ${dim} must be divisible by heads ${this.heads}.`,
      );
    }
    this.weightsByName = addAttentionWeights(
      (name, shape, init) => this.addWeight(name, shape, 'float32', init),
      dim,
      this.seed,
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape[])[0]!;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: LayerKwargs): tf.Tensor {
    const [x, mask] = inputList(inputs, 2, this.name) as [tf.Tensor, tf.Tensor];
    return selfAttention(x, mask, readAttentionWeights(this.weightsByName!), this.heads);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), heads: this.heads, ...seedConfig(this.seed) };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: LayerConfig,
  ): T {
    configInteger(config, 'heads', MultiHeadSelfAttention.className);
    return new cls(config);
  }
}
