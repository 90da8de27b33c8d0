/**
 * The token encoder shared by both Transformer families: token embedding (plus a line-kind
 * embedding for SuperPerforator), learned positions, pre-norm blocks and a final layer norm,
 * with a masked-language-model (MLM) head. It is built once as a symbolic tfjs graph (for
 * saving) and run eagerly layer by layer (for training, caching and partial re-scoring).
 */
import * as tf from '@tensorflow/tfjs';

import '../layers/index.ts';
import { GatherEmbedding } from '../layers/gather-embedding.ts';
import { LayerNorm } from '../layers/layer-norm.ts';
import type { LayerKwargs } from '../layers/layer-types.ts';
import { LineKindEmbedding } from '../layers/line-kind-embedding.ts';
import { linear } from '../layers/linear.ts';
import { PaddingMask } from '../layers/padding-mask.ts';
import { PositionEmbedding } from '../layers/position-embedding.ts';
import { TransformerBlock } from '../layers/transformer-block.ts';

/** Architecture of the token encoder, stored in `manifest.features.architecture`. */
export interface EncoderArchitecture {
  vocabSize: number;
  dim: number;
  heads: number;
  feedForwardDim: number;
  blocks: number;
  /** Maximum tokens per sequence (generic Transformer) or per window (SuperPerforator). */
  maxLength: number;
  dropoutRate: number;
  /** True when a line-kind embedding is added to the token embedding. */
  lineKinds: boolean;
}

/** Names of the encoder layers in model.json; scorers and trainers look layers up by them. */
export const ENCODER_LAYER_NAMES = {
  tokenEmbedding: 'token_embedding',
  lineKindEmbedding: 'line_kind_embedding',
  embeddingSum: 'embedding_sum',
  positionEmbedding: 'position_embedding',
  paddingMask: 'padding_mask',
  finalNorm: 'final_norm',
  mlmHead: 'mlm_head',
} as const;

export function blockName(index: number): string {
  return `block_${index}`;
}

/** Output of the symbolic encoder: token states [batch, length, dim] and the padding mask. */
export interface SymbolicEncoding {
  states: tf.SymbolicTensor;
  mask: tf.SymbolicTensor;
  mlmLogits: tf.SymbolicTensor;
}

/** Builds the encoder graph on symbolic ids (and kinds); seeds derive from `seed`. */
export function buildEncoderGraph(
  architecture: EncoderArchitecture,
  ids: tf.SymbolicTensor,
  kinds: tf.SymbolicTensor | null,
  seed: number,
): SymbolicEncoding {
  const names = ENCODER_LAYER_NAMES;
  const { dim } = architecture;

  let embedded = new GatherEmbedding({
    name: names.tokenEmbedding,
    inputDim: architecture.vocabSize,
    outputDim: dim,
    seed: seed + 1,
  }).apply(ids) as tf.SymbolicTensor;

  if (architecture.lineKinds) {
    if (kinds === null) {
      throw new Error('The encoder architecture has lineKinds set, so it needs a kinds input.');
    }
    const kindVectors = new LineKindEmbedding({
      name: names.lineKindEmbedding,
      outputDim: dim,
      seed: seed + 2,
    }).apply(kinds) as tf.SymbolicTensor;
    embedded = tf.layers
      .add({ name: names.embeddingSum })
      .apply([embedded, kindVectors]) as tf.SymbolicTensor;
  }

  let states = new PositionEmbedding({
    name: names.positionEmbedding,
    maxLength: architecture.maxLength,
    seed: seed + 3,
  }).apply(embedded) as tf.SymbolicTensor;
  const mask = new PaddingMask({ name: names.paddingMask }).apply(ids) as tf.SymbolicTensor;

  for (let i = 0; i < architecture.blocks; i++) {
    const block = new TransformerBlock({
      name: blockName(i),
      heads: architecture.heads,
      feedForwardDim: architecture.feedForwardDim,
      dropoutRate: architecture.dropoutRate,
      seed: seed + 100 * (i + 1),
    });
    states = block.apply([states, mask]) as tf.SymbolicTensor;
  }
  states = new LayerNorm({ name: names.finalNorm }).apply(states) as tf.SymbolicTensor;

  const mlmLogits = tf.layers
    .dense({
      name: names.mlmHead,
      units: architecture.vocabSize,
      kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: seed + 4 }),
    })
    .apply(states) as tf.SymbolicTensor;

  return { states, mask, mlmLogits };
}

/** The encoder layers of a built or loaded model, for eager runs. */
export interface EncoderLayers {
  tokenEmbedding: tf.layers.Layer;
  lineKindEmbedding: tf.layers.Layer | null;
  positionEmbedding: tf.layers.Layer;
  paddingMask: tf.layers.Layer;
  blocks: tf.layers.Layer[];
  finalNorm: tf.layers.Layer;
  mlmHead: tf.layers.Layer;
}

/** Looks up the encoder layers of a model by name, raising when one is missing. */
export function encoderLayersOf(
  model: tf.LayersModel,
  architecture: EncoderArchitecture,
): EncoderLayers {
  const names = ENCODER_LAYER_NAMES;
  const layer = (name: string) => {
    try {
      return model.getLayer(name);
    } catch {
      throw new Error(
        `Model ${model.name} has no layer ${name}; the model file does not match the ` +
          `architecture in the manifest. Retrain the bundle.`,
      );
    }
  };
  return {
    tokenEmbedding: layer(names.tokenEmbedding),
    lineKindEmbedding: architecture.lineKinds ? layer(names.lineKindEmbedding) : null,
    positionEmbedding: layer(names.positionEmbedding),
    paddingMask: layer(names.paddingMask),
    blocks: Array.from({ length: architecture.blocks }, (_, i) => layer(blockName(i))),
    finalNorm: layer(names.finalNorm),
    mlmHead: layer(names.mlmHead),
  };
}

/**
 * Runs the encoder eagerly on ids [batch, length] (and kinds). Returns final token states
 * [batch, length, dim] and the float padding mask [batch, length].
 */
export function runEncoder(
  layers: EncoderLayers,
  ids: tf.Tensor,
  kinds: tf.Tensor | null,
  kwargs: LayerKwargs = {},
): { states: tf.Tensor; mask: tf.Tensor } {
  return tf.tidy(() => {
    const embedded = layers.tokenEmbedding.apply(ids, kwargs) as tf.Tensor;
    const mask = layers.paddingMask.apply(ids, kwargs) as tf.Tensor;
    return { states: encodeTokenEmbeddings(layers, embedded, kinds, mask, kwargs), mask };
  });
}

/**
 * Runs the encoder from token embeddings [batch, length, dim] on: adds the line-kind and
 * position embeddings, then the blocks and the final norm. Gradient attributions start here,
 * because ids are not differentiable. Returns token states [batch, length, dim].
 */
export function encodeTokenEmbeddings(
  layers: EncoderLayers,
  embedded: tf.Tensor,
  kinds: tf.Tensor | null,
  mask: tf.Tensor,
  kwargs: LayerKwargs = {},
): tf.Tensor {
  return tf.tidy(() => {
    let sum = embedded;
    if (layers.lineKindEmbedding !== null) {
      if (kinds === null) {
        throw new Error('This encoder has a line-kind embedding; pass the line kinds tensor.');
      }
      sum = tf.add(sum, layers.lineKindEmbedding.apply(kinds, kwargs) as tf.Tensor);
    }

    let states = layers.positionEmbedding.apply(sum, kwargs) as tf.Tensor;
    for (const block of layers.blocks) {
      states = block.apply([states, mask], kwargs) as tf.Tensor;
    }
    return layers.finalNorm.apply(states, kwargs) as tf.Tensor;
  });
}

/** Returns the trainable variables of a layer, in weight order. */
export function layerVariables(layer: tf.layers.Layer): tf.Variable[] {
  return layer.trainableWeights.map((weight) => weight.read() as tf.Variable);
}

/** Applies a Dense layer's kernel and bias to rows [rows, in] through the fast `linear` op. */
export function applyDense(layer: tf.layers.Layer, rows: tf.Tensor): tf.Tensor2D {
  const [kernel, bias] = layerVariables(layer);
  if (kernel === undefined || bias === undefined) {
    throw new Error(`Layer ${layer.name} has no kernel and bias; it is not a Dense layer.`);
  }
  return linear(rows, kernel, bias);
}

/** Returns MLM logits [rows, vocabSize] for token states [rows, dim]. */
export function mlmLogitsOf(layers: EncoderLayers, states: tf.Tensor): tf.Tensor2D {
  return applyDense(layers.mlmHead, states);
}
