/**
 * Attention pooling in the form of hierarchical attention networks (Yang et al., NAACL 2016):
 * each vector h gets the logit tanh(h W + b) . u, and the pooled vector is the softmax-weighted
 * sum of the vectors. Two layers share that scoring:
 *
 * - `AttentionPooling` pools a padded [batch, length, dim] sequence under a padding mask.
 * - `SegmentAttentionPooling` pools a flat [items, dim] list by segment id, so windows of
 *   different files (or files of different diffs) are pooled without padding.
 */
import * as tf from '@tensorflow/tfjs';

import { linear } from './linear.ts';
import {
  inputList,
  type LayerArgs,
  type LayerConfig,
  type LayerKwargs,
  type LayerWeight,
  normalInitializer,
  seedConfig,
  type WeightAdder,
} from './layer-types.ts';
import { KERNEL_INIT_STDDEV } from './self-attention.ts';

const MASKED_LOGIT = -1e9;

/** Smallest softmax denominator, so that an empty segment pools to zeros instead of NaN. */
const MIN_DENOMINATOR = 1e-12;

interface PoolingWeights {
  kernel: LayerWeight;
  bias: LayerWeight;
  query: LayerWeight;
}

export interface AttentionPoolingArgs extends LayerArgs {
  seed?: number;
}

/** Adds the scoring weights of attention pooling for vectors of width `dim`. */
function addPoolingWeights(add: WeightAdder, dim: number, seed?: number): PoolingWeights {
  return {
    kernel: add('kernel', [dim, dim], normalInitializer(KERNEL_INIT_STDDEV, seed, 0)),
    bias: add('bias', [dim], tf.initializers.zeros()),
    query: add('query', [dim, 1], normalInitializer(KERNEL_INIT_STDDEV, seed, 1)),
  };
}

/** Current values of the pooling weights: kernel [dim, dim], bias [dim], query [dim, 1]. */
export interface PoolingTensors {
  kernel: tf.Tensor;
  bias: tf.Tensor;
  query: tf.Tensor;
}

function readPoolingWeights(weights: PoolingWeights): PoolingTensors {
  return { kernel: weights.kernel.read(), bias: weights.bias.read(), query: weights.query.read() };
}

/** Returns the attention logit of every row of `flat` ([rows, dim]) as a [rows] tensor. */
function poolingLogits(flat: tf.Tensor, weights: PoolingTensors): tf.Tensor {
  const hidden = linear(flat, weights.kernel, weights.bias);
  return tf.reshape(tf.matMul(tf.tanh(hidden), weights.query), [-1]);
}

/**
 * Pools rows of x ([items, dim]) into `segmentCount` rows by segment id ([items] int32), with
 * explicit weights, so that training code can differentiate with respect to them.
 */
export function segmentAttentionPool(
  x: tf.Tensor,
  segmentIds: tf.Tensor,
  segmentCount: number,
  weights: PoolingTensors,
): tf.Tensor2D {
  return tf.tidy(() => {
    const intIds = segmentIds.dtype === 'int32' ? segmentIds : tf.cast(segmentIds, 'int32');
    const ids = tf.reshape(intIds, [-1]);

    // assignment[i, g] is 1 when item i belongs to segment g. tf.oneHot needs a depth of at
    // least 2, so one segment takes a second, empty column that is sliced off.
    const depth = Math.max(2, segmentCount);
    const oneHot = tf.oneHot(ids, depth).toFloat();
    const assignment = tf.slice(oneHot, [0, 0], [-1, segmentCount]) as tf.Tensor2D;
    const perSegment = tf.transpose(assignment);
    const logits = tf.reshape(poolingLogits(x, weights), [-1, 1]);

    // Subtract each segment's max logit before exp, so every segment's largest weight is 1.
    // Matrix products instead of tf.gather, whose gradient has no wasm kernel.
    const outsideSegment = tf.mul(tf.sub(1, assignment), MASKED_LOGIT);
    const segmentMax = tf.max(tf.add(tf.mul(assignment, logits), outsideSegment), 0);
    const itemMax = tf.matMul(assignment, tf.reshape(segmentMax, [-1, 1]));
    const itemWeights = tf.exp(tf.sub(logits, itemMax));

    const numerator = tf.matMul(perSegment, tf.mul(itemWeights, x));
    const denominator = tf.matMul(perSegment, itemWeights);
    return tf.div(numerator, tf.maximum(denominator, MIN_DENOMINATOR)) as tf.Tensor2D;
  });
}

/** Pools x ([batch, length, dim]) under a [batch, length] padding mask, with explicit weights. */
export function maskedAttentionPool(
  x: tf.Tensor,
  mask: tf.Tensor,
  weights: PoolingTensors,
): tf.Tensor2D {
  return tf.tidy(() => {
    const [batch, length, dim] = x.shape as [number, number, number];
    const logits = tf.reshape(
      poolingLogits(tf.reshape(x, [batch * length, dim]), weights),
      [batch, length],
    );
    const masked = tf.add(logits, tf.mul(tf.sub(1, mask), MASKED_LOGIT));
    const attention = tf.softmax(masked);
    return tf.reshape(tf.matMul(tf.reshape(attention, [batch, 1, length]), x), [batch, dim]);
  });
}

function lastDimension(shape: tf.Shape, layerName: string): number {
  const dim = shape[shape.length - 1];
  if (typeof dim !== 'number') {
    throw new Error(`Layer ${layerName} needs a known last dimension, got shape [${shape}].`);
  }
  return dim;
}

/** Inputs [x ([batch, length, dim]), mask ([batch, length])]; output [batch, dim]. */
export class AttentionPooling extends tf.layers.Layer {
  static className = 'PerfLensAttentionPooling';

  readonly seed: number | undefined;
  private poolingWeights: PoolingWeights | null = null;

  constructor(args: AttentionPoolingArgs = {}) {
    super(args);
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const dim = lastDimension((inputShape as tf.Shape[])[0]!, this.name);
    this.poolingWeights = addPoolingWeights(
      (name, shape, init) => this.addWeight(name, shape, 'float32', init),
      dim,
      this.seed,
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const xShape = (inputShape as tf.Shape[])[0]!;
    return [xShape[0]!, xShape[2]!];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: LayerKwargs): tf.Tensor {
    const [x, mask] = inputList(inputs, 2, this.name) as [tf.Tensor, tf.Tensor];
    return maskedAttentionPool(x, mask, readPoolingWeights(this.poolingWeights!));
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), ...seedConfig(this.seed) };
  }
}

/**
 * Inputs [x ([items, dim]), segmentIds ([items] int32), segments ([segmentCount], any values)];
 * output [segmentCount, dim]. Only the length of `segments` is read: it fixes the number of
 * output rows without a data-dependent shape. Row g pools the items whose segment id is g.
 */
export class SegmentAttentionPooling extends tf.layers.Layer {
  static className = 'PerfLensSegmentAttentionPooling';

  readonly seed: number | undefined;
  private poolingWeights: PoolingWeights | null = null;

  constructor(args: AttentionPoolingArgs = {}) {
    super(args);
    this.seed = args.seed;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const dim = lastDimension((inputShape as tf.Shape[])[0]!, this.name);
    this.poolingWeights = addPoolingWeights(
      (name, shape, init) => this.addWeight(name, shape, 'float32', init),
      dim,
      this.seed,
    );
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [xShape, , segmentsShape] = inputShape as tf.Shape[];
    return [segmentsShape![0]!, xShape![1]!];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: LayerKwargs): tf.Tensor {
    const [x, segmentIds, segments] = inputList(inputs, 3, this.name) as [
      tf.Tensor,
      tf.Tensor,
      tf.Tensor,
    ];
    const weights = readPoolingWeights(this.poolingWeights!);
    return segmentAttentionPool(x, segmentIds, segments.shape[0]!, weights);
  }

  override getConfig(): LayerConfig {
    return { ...super.getConfig(), ...seedConfig(this.seed) };
  }
}
