/**
 * The generic Transformer, a small CodeBERT analogue: the encoder over the subword ids of the
 * raw diff text, attention pooling over tokens and a logistic classifier. Inputs: `ids`
 * [batch, length]. Outputs: the probability [batch, 1] and the MLM logits
 * [batch, length, vocabSize] (kept for counterfactual token proposals).
 */
import * as tf from '@tensorflow/tfjs';

import { AttentionPooling } from '../layers/attention-pooling.ts';
import type { LayerKwargs } from '../layers/layer-types.ts';
import {
  applyDense,
  buildEncoderGraph,
  encodeTokenEmbeddings,
  encoderLayersOf,
  runEncoder,
  type EncoderArchitecture,
  type EncoderLayers,
} from './encoder.ts';

export const GENERIC_LAYER_NAMES = {
  pooling: 'sequence_pooling',
  classifier: 'classifier',
  probability: 'probability',
} as const;

/** Builds the generic Transformer graph with deterministic initial weights for `seed`. */
export function buildGenericModel(architecture: EncoderArchitecture, seed: number): tf.LayersModel {
  const ids = tf.input({ shape: [null], dtype: 'int32', name: 'ids' });
  const { states, mask, mlmLogits } = buildEncoderGraph(architecture, ids, null, seed);

  const pooling = new AttentionPooling({ name: GENERIC_LAYER_NAMES.pooling, seed: seed + 5 });
  const pooled = pooling.apply([states, mask]) as tf.SymbolicTensor;
  const logit = tf.layers
    .dense({
      name: GENERIC_LAYER_NAMES.classifier,
      units: 1,
      kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: seed + 6 }),
    })
    .apply(pooled) as tf.SymbolicTensor;
  const probability = tf.layers
    .activation({ name: GENERIC_LAYER_NAMES.probability, activation: 'sigmoid' })
    .apply(logit) as tf.SymbolicTensor;

  return tf.model({ name: 'generic_transformer', inputs: ids, outputs: [probability, mlmLogits] });
}

/** The layers of a generic Transformer, for eager runs. */
export interface GenericLayers {
  encoder: EncoderLayers;
  pooling: tf.layers.Layer;
  classifier: tf.layers.Layer;
}

export function genericLayersOf(
  model: tf.LayersModel,
  architecture: EncoderArchitecture,
): GenericLayers {
  return {
    encoder: encoderLayersOf(model, architecture),
    pooling: model.getLayer(GENERIC_LAYER_NAMES.pooling),
    classifier: model.getLayer(GENERIC_LAYER_NAMES.classifier),
  };
}

/** Returns the classifier logits [batch] of ids [batch, length], eagerly. */
export function genericLogits(
  layers: GenericLayers,
  ids: tf.Tensor,
  kwargs: LayerKwargs = {},
): tf.Tensor1D {
  return tf.tidy(() => {
    const { states, mask } = runEncoder(layers.encoder, ids, null, kwargs);
    return classifyStates(layers, states, mask, kwargs);
  });
}

/**
 * Returns the classifier logits [batch] of token embeddings [batch, length, dim] with their
 * padding mask [batch, length], for gradient attributions.
 */
export function genericLogitsFromEmbeddings(
  layers: GenericLayers,
  embedded: tf.Tensor,
  mask: tf.Tensor,
): tf.Tensor1D {
  return tf.tidy(() => {
    const states = encodeTokenEmbeddings(layers.encoder, embedded, null, mask);
    return classifyStates(layers, states, mask, {});
  });
}

/** Pools token states [batch, length, dim] and applies the classifier; returns logits [batch]. */
function classifyStates(
  layers: GenericLayers,
  states: tf.Tensor,
  mask: tf.Tensor,
  kwargs: LayerKwargs,
): tf.Tensor1D {
  const pooled = layers.pooling.apply([states, mask], kwargs) as tf.Tensor;
  return tf.reshape(applyDense(layers.classifier, pooled), [-1]) as tf.Tensor1D;
}
