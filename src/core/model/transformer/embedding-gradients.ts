/**
 * Gradient access to both Transformer families for integrated gradients over token embeddings.
 *
 * The input is the output of the token embedding layer, one unit per sequence position. The
 * baseline replaces the embedding of every position that contains code of the diff with the
 * embedding of `[MASK]`, the token the models learned in pretraining to read as "unknown".
 * Every other position (file and hunk headers, line markers, padding) keeps its embedding. The
 * attributions therefore sum to the logit of the diff minus the logit of the same diff with
 * all its code masked, and only code positions receive any.
 */
import * as tf from '@tensorflow/tfjs';

import type { DiffWindow } from '../../features/diff-windows.ts';
import type { DiffToken } from '../../tokenize/diffTokens.ts';
import type { DifferentiableInput } from '../types.ts';
import type { EncoderLayers } from './encoder.ts';
import { genericLogitsFromEmbeddings, type GenericLayers } from './generic-model.ts';
import { groupWindows, packWindows } from './window-batch.ts';
import {
  diffLogitsFromWindows,
  encodeWindowEmbeddings,
  type SuperPerforatorLayers,
} from './superperforator-model.ts';

/** Windows per gradient call, an estimate that bounds the memory of one call. */
const WINDOWS_PER_GRADIENT_CALL = 64;

/** Token ids [rows, length] and the diff token behind every position, row-major. */
export interface EmbeddingUnits {
  ids: Int32Array;
  rows: number;
  length: number;
  tokens: readonly (DiffToken | null)[];
  maskId: number;
}

/** Returns the token embeddings [rows, length, dim] and the masked-code baseline. */
function embeddingsAndBaseline(
  encoder: EncoderLayers,
  units: EmbeddingUnits,
): { input: tf.Tensor; baseline: tf.Tensor } {
  return tf.tidy(() => {
    const shape: [number, number] = [units.rows, units.length];
    const ids = tf.tensor2d(units.ids, shape, 'int32');
    const input = encoder.tokenEmbedding.apply(ids) as tf.Tensor;
    const masked = encoder.tokenEmbedding.apply(tf.fill(shape, units.maskId, 'int32'));

    const isCode = Uint8Array.from(units.tokens, (token) => (token === null ? 0 : 1));
    const codeMask = tf.expandDims(tf.tensor2d(isCode, shape, 'bool'), 2);
    const baseline = tf.where(tf.broadcastTo(codeMask, input.shape), masked as tf.Tensor, input);
    return { input, baseline };
  });
}

/** Returns the padding mask [rows, length] of packed ids (padding id 0). */
function paddingMask(encoder: EncoderLayers, units: EmbeddingUnits): tf.Tensor {
  return tf.tidy(() => {
    const ids = tf.tensor2d(units.ids, [units.rows, units.length], 'int32');
    return encoder.paddingMask.apply(ids) as tf.Tensor;
  });
}

/** Gradient access to the generic Transformer for one diff's subword sequence. */
export function genericDifferentiableInput(
  layers: GenericLayers,
  units: EmbeddingUnits,
): DifferentiableInput {
  const { input, baseline } = embeddingsAndBaseline(layers.encoder, units);
  const mask = paddingMask(layers.encoder, units);

  return {
    input,
    baseline,
    forward: (inputs) =>
      tf.tidy(() => {
        const rows = inputs.shape[0]!;
        return genericLogitsFromEmbeddings(layers, inputs, tf.tile(mask, [rows, 1]));
      }),
    tokensOfUnit: (unit) => {
      const token = units.tokens[unit];
      return token === null || token === undefined ? [] : [token];
    },
    dispose: () => tf.dispose([input, baseline, mask]),
  };
}

/**
 * Gradient access to SuperPerforator for one diff. Units are the positions of all windows,
 * window after window: a diff of w windows padded to length l has w * l units.
 */
export function superPerforatorDifferentiableInput(
  layers: SuperPerforatorLayers,
  windows: readonly DiffWindow[],
  maskId: number,
): DifferentiableInput {
  const { ids, kinds, length } = packWindows(windows);
  const tokens = windows.flatMap((window) =>
    Array.from({ length }, (_, i) => window.tokens[i] ?? null),
  );
  const units: EmbeddingUnits = { ids, rows: windows.length, length, tokens, maskId };
  const pair = embeddingsAndBaseline(layers.encoder, units);
  const dim = pair.input.shape[2]!;
  const flat = (tensor: tf.Tensor) => tf.reshape(tensor, [1, windows.length * length, dim]);
  const input = flat(pair.input);
  const baseline = flat(pair.baseline);
  tf.dispose([pair.input, pair.baseline]);

  const mask = paddingMask(layers.encoder, units);
  const kindsTensor = tf.tensor2d(kinds, [windows.length, length], 'int32');

  return {
    input,
    baseline,
    preferredBatchSize: Math.max(1, Math.floor(WINDOWS_PER_GRADIENT_CALL / windows.length)),
    forward: (inputs) =>
      tf.tidy(() => {
        const copies = inputs.shape[0]!;
        const embedded = tf.reshape(inputs, [copies * windows.length, length, dim]);
        const vectors = encodeWindowEmbeddings(
          layers,
          embedded,
          tf.tile(kindsTensor, [copies, 1]),
          tf.tile(mask, [copies, 1]),
        );
        const grouping = groupWindows(Array.from({ length: copies }, () => windows));
        return diffLogitsFromWindows(layers, vectors, grouping);
      }),
    tokensOfUnit: (unit) => {
      const token = tokens[unit];
      return token === null || token === undefined ? [] : [token];
    },
    dispose: () => tf.dispose([input, baseline, mask, kindsTensor]),
  };
}
