/**
 * Pre-norm Transformer encoder block: x + attention(norm(x)), then x + feed-forward(norm(x)).
 *
 * Pre-norm keeps gradients well scaled without a learning-rate warm-up schedule in small
 * models. The feed-forward network uses ReLU because the tfjs wasm backend has no GELU kernel.
 */
import * as tf from '@tensorflow/tfjs';

import { layerNorm, LAYER_NORM_EPSILON } from './layer-norm.ts';
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
  type Initializer,
} from './layer-types.ts';
import { seededDropout } from './seeded-dropout.ts';
import {
  addAttentionWeights,
  KERNEL_INIT_STDDEV,
  readAttentionWeights,
  selfAttention,
  type AttentionWeights,
} from './self-attention.ts';

export interface TransformerBlockArgs extends LayerArgs {
  heads: number;
  /** Width of the hidden layer of the feed-forward network, usually 4 x the model width. */
  feedForwardDim: number;
  /** Dropout rate on the attention and feed-forward outputs during training. */
  dropoutRate?: number;
  seed?: number;
}

interface BlockWeights {
  attentionNormGamma: LayerWeight;
  attentionNormBeta: LayerWeight;
  attention: Record<keyof AttentionWeights, LayerWeight>;
  feedForwardNormGamma: LayerWeight;
  feedForwardNormBeta: LayerWeight;
  hiddenKernel: LayerWeight;
  hiddenBias: LayerWeight;
  outputKernel: LayerWeight;
  outputBias: LayerWeight;
}

/** Inputs [x ([batch, length, dim]), mask ([batch, length])]; output has the shape of x. */
export class TransformerBlock extends tf.layers.Layer {
  static className = 'PerfLensTransformerBlock';

  readonly heads: number;
  readonly feedForwardDim: number;
  readonly dropoutRate: number;
  readonly seed: number | undefined;
  private blockWeights: BlockWeights | null = null;

  constructor(args: TransformerBlockArgs) {
    super(args);
    this.heads = args.heads;
    this.feedForwardDim = args.feedForwardDim;
    this.dropoutRate = args.dropoutRate ?? 0;
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

    const add = (name: string, shape: number[], init: Initializer) =>
      this.addWeight(name, shape, 'float32', init);
    const kernelInit = (offset: number) => normalInitializer(KERNEL_INIT_STDDEV, this.seed, offset);
    const ones = tf.initializers.ones();
    const zeros = tf.initializers.zeros();
    const ffDim = this.feedForwardDim;

    this.blockWeights = {
      attentionNormGamma: add('attention_norm_gamma', [dim], ones),
      attentionNormBeta: add('attention_norm_beta', [dim], zeros),
      attention: addAttentionWeights(
        (name, shape, init) => add(`attention_${name}`, shape, init),
        dim,
        this.seed,
      ),
      feedForwardNormGamma: add('feed_forward_norm_gamma', [dim], ones),
      feedForwardNormBeta: add('feed_forward_norm_beta', [dim], zeros),
      hiddenKernel: add('hidden_kernel', [dim, ffDim], kernelInit(10)),
      hiddenBias: add('hidden_bias', [ffDim], zeros),
      outputKernel: add('output_kernel', [ffDim, dim], kernelInit(11)),
      outputBias: add('output_bias', [dim], zeros),
    };
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return (inputShape as tf.Shape[])[0]!;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: LayerKwargs): tf.Tensor {
    return tf.tidy(() => {
      const [x, mask] = inputList(inputs, 2, this.name) as [tf.Tensor, tf.Tensor];
      const w = this.blockWeights!;
      const [batch, length, dim] = x.shape as [number, number, number];

      const attentionInput = layerNorm(
        x,
        w.attentionNormGamma.read(),
        w.attentionNormBeta.read(),
        LAYER_NORM_EPSILON,
      );
      const attended = selfAttention(
        attentionInput,
        mask,
        readAttentionWeights(w.attention),
        this.heads,
      );
      const attendedDropped = seededDropout(attended, this.dropoutRate, kwargs, this.name, 0);
      const afterAttention = tf.add(x, attendedDropped);

      const feedForwardInput = layerNorm(
        afterAttention,
        w.feedForwardNormGamma.read(),
        w.feedForwardNormBeta.read(),
        LAYER_NORM_EPSILON,
      );
      const flat = tf.reshape(feedForwardInput, [batch * length, dim]);
      const hidden = linear(flat, w.hiddenKernel.read(), w.hiddenBias.read(), 'relu');
      const projected = linear(hidden, w.outputKernel.read(), w.outputBias.read());
      const feedForward = tf.reshape(projected, [batch, length, dim]);
      const feedForwardDropped = seededDropout(feedForward, this.dropoutRate, kwargs, this.name, 1);
      return tf.add(afterAttention, feedForwardDropped);
    });
  }

  override getConfig(): LayerConfig {
    return {
      ...super.getConfig(),
      heads: this.heads,
      feedForwardDim: this.feedForwardDim,
      dropoutRate: this.dropoutRate,
      ...seedConfig(this.seed),
    };
  }

  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: LayerConfig,
  ): T {
    configInteger(config, 'heads', TransformerBlock.className);
    configInteger(config, 'feedForwardDim', TransformerBlock.className);
    return new cls(config);
  }
}
