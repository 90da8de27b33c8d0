/**
 * SuperPerforator, the diff-aware hierarchical Transformer. The encoder reads one window
 * (at most maxLength tokens of one hunk, with line-kind embeddings) at a time. Attention
 * pooling turns each window into a vector, then pools windows into files and files into the
 * diff, and a logistic classifier reads the diff vector.
 *
 * Inputs: `window_ids` and `window_kinds` [windows, length]; `window_file` [windows], the
 * file row of each window; `files` [files], read only for its length; `file_diff` [files],
 * the diff row of each file; `diffs` [diffs], read only for its length. Outputs: the
 * probability [diffs, 1] and the MLM logits [windows, length, vocabSize].
 */
import * as tf from '@tensorflow/tfjs';

import { AttentionPooling, SegmentAttentionPooling } from '../layers/attention-pooling.ts';
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

export const SUPERPERFORATOR_LAYER_NAMES = {
  tokenPooling: 'token_pooling',
  filePooling: 'file_pooling',
  diffPooling: 'diff_pooling',
  classifier: 'classifier',
  probability: 'probability',
} as const;

/** Builds the SuperPerforator graph with deterministic initial weights for `seed`. */
export function buildSuperPerforatorModel(
  architecture: EncoderArchitecture,
  seed: number,
): tf.LayersModel {
  const names = SUPERPERFORATOR_LAYER_NAMES;
  const windowIds = tf.input({ shape: [null], dtype: 'int32', name: 'window_ids' });
  const windowKinds = tf.input({ shape: [null], dtype: 'int32', name: 'window_kinds' });
  const windowFile = tf.input({ shape: [], dtype: 'int32', name: 'window_file' });
  const files = tf.input({ shape: [], name: 'files' });
  const fileDiff = tf.input({ shape: [], dtype: 'int32', name: 'file_diff' });
  const diffs = tf.input({ shape: [], name: 'diffs' });

  const { states, mask, mlmLogits } = buildEncoderGraph(architecture, windowIds, windowKinds, seed);
  const tokenPooling = new AttentionPooling({ name: names.tokenPooling, seed: seed + 5 });
  const windowVectors = tokenPooling.apply([states, mask]) as tf.SymbolicTensor;
  const filePooling = new SegmentAttentionPooling({ name: names.filePooling, seed: seed + 7 });
  const fileVectors = filePooling.apply([windowVectors, windowFile, files]) as tf.SymbolicTensor;
  const diffPooling = new SegmentAttentionPooling({ name: names.diffPooling, seed: seed + 9 });
  const diffVectors = diffPooling.apply([fileVectors, fileDiff, diffs]) as tf.SymbolicTensor;

  const logit = tf.layers
    .dense({
      name: names.classifier,
      units: 1,
      kernelInitializer: tf.initializers.randomNormal({ mean: 0, stddev: 0.02, seed: seed + 6 }),
    })
    .apply(diffVectors) as tf.SymbolicTensor;
  const probability = tf.layers
    .activation({ name: names.probability, activation: 'sigmoid' })
    .apply(logit) as tf.SymbolicTensor;

  return tf.model({
    name: 'superperforator',
    inputs: [windowIds, windowKinds, windowFile, files, fileDiff, diffs],
    outputs: [probability, mlmLogits],
  });
}

/** The layers of a SuperPerforator model, for eager runs. */
export interface SuperPerforatorLayers {
  encoder: EncoderLayers;
  tokenPooling: tf.layers.Layer;
  filePooling: tf.layers.Layer;
  diffPooling: tf.layers.Layer;
  classifier: tf.layers.Layer;
}

export function superPerforatorLayersOf(
  model: tf.LayersModel,
  architecture: EncoderArchitecture,
): SuperPerforatorLayers {
  const names = SUPERPERFORATOR_LAYER_NAMES;
  return {
    encoder: encoderLayersOf(model, architecture),
    tokenPooling: model.getLayer(names.tokenPooling),
    filePooling: model.getLayer(names.filePooling),
    diffPooling: model.getLayer(names.diffPooling),
    classifier: model.getLayer(names.classifier),
  };
}

/** Encodes windows (ids and kinds [windows, length]) into window vectors [windows, dim]. */
export function encodeWindows(
  layers: SuperPerforatorLayers,
  ids: tf.Tensor,
  kinds: tf.Tensor,
  kwargs: LayerKwargs = {},
): tf.Tensor2D {
  return tf.tidy(() => {
    const { states, mask } = runEncoder(layers.encoder, ids, kinds, kwargs);
    return layers.tokenPooling.apply([states, mask], kwargs) as tf.Tensor2D;
  });
}

/**
 * Encodes windows from their token embeddings [windows, length, dim], line kinds and padding
 * mask [windows, length] into window vectors [windows, dim], for gradient attributions.
 */
export function encodeWindowEmbeddings(
  layers: SuperPerforatorLayers,
  embedded: tf.Tensor,
  kinds: tf.Tensor,
  mask: tf.Tensor,
): tf.Tensor2D {
  return tf.tidy(() => {
    const states = encodeTokenEmbeddings(layers.encoder, embedded, kinds, mask);
    return layers.tokenPooling.apply([states, mask], {}) as tf.Tensor2D;
  });
}

/** Window-to-diff grouping of a batch: the file row of each window, the diff row of each file. */
export interface WindowGrouping {
  windowFile: Int32Array;
  fileDiff: Int32Array;
  diffCount: number;
}

/** Pools window vectors [windows, dim] into files, then diffs; returns logits [diffs]. */
export function diffLogitsFromWindows(
  layers: SuperPerforatorLayers,
  windowVectors: tf.Tensor,
  grouping: WindowGrouping,
  kwargs: LayerKwargs = {},
): tf.Tensor1D {
  return tf.tidy(() => {
    const windowFile = tf.tensor1d(grouping.windowFile, 'int32');
    const fileDiff = tf.tensor1d(grouping.fileDiff, 'int32');
    const files = tf.zeros([grouping.fileDiff.length]);
    const diffs = tf.zeros([grouping.diffCount]);

    const fileVectors = layers.filePooling.apply(
      [windowVectors, windowFile, files],
      kwargs,
    ) as tf.Tensor;
    const diffVectors = layers.diffPooling.apply(
      [fileVectors, fileDiff, diffs],
      kwargs,
    ) as tf.Tensor;
    return tf.reshape(applyDense(layers.classifier, diffVectors), [-1]) as tf.Tensor1D;
  });
}
