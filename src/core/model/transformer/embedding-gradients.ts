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

/**
 * Windows per pass through the encoder, an estimate that bounds memory: a 4,000-line diff has
 * about 500 windows, and differentiating them in one pass took about 4 GB.
 */
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
  const encode = (embedded: tf.Tensor, rows: RowRange) =>
    encodeWindowEmbeddings(layers, embedded, sliceRows(kindsTensor, rows), sliceRows(mask, rows));
  const groupingOf = (copies: number) =>
    groupWindows(Array.from({ length: copies }, () => windows));

  return {
    input,
    baseline,
    preferredBatchSize: Math.max(1, Math.floor(WINDOWS_PER_GRADIENT_CALL / windows.length)),
    forward: (inputs) =>
      tf.tidy(() => {
        const copies = inputs.shape[0]!;
        const embedded = tf.reshape(inputs, [copies * windows.length, length, dim]);
        const vectors = encodeInChunks(embedded, encode);
        return diffLogitsFromWindows(layers, vectors, groupingOf(copies));
      }),
    gradient: (inputs) =>
      tf.tidy(() => {
        const copies = inputs.shape[0]!;
        const embedded = tf.reshape(inputs, [copies * windows.length, length, dim]);
        const gradient = windowGradient(embedded, encode, (vectors) =>
          diffLogitsFromWindows(layers, vectors, groupingOf(copies)),
        );
        return tf.reshape(gradient, inputs.shape);
      }),
    tokensOfUnit: (unit) => {
      const token = tokens[unit];
      return token === null || token === undefined ? [] : [token];
    },
    dispose: () => tf.dispose([input, baseline, mask, kindsTensor]),
  };
}

/** Rows `start` to `start + size` of a batch of windows. */
interface RowRange {
  start: number;
  size: number;
}

/** Returns the rows of a per-window tensor [windows, length], repeating it for more rows. */
function sliceRows(perWindow: tf.Tensor, rows: RowRange): tf.Tensor {
  const windows = perWindow.shape[0]!;
  const copies = Math.ceil((rows.start + rows.size) / windows);
  const repeated = copies === 1 ? perWindow : tf.tile(perWindow, [copies, 1]);
  return tf.slice(repeated, [rows.start, 0], [rows.size, -1]);
}

/**
 * Returns the gradient of the summed diff logits with respect to window embeddings
 * [rows, length, dim]. Each window's encoding depends on its own embeddings only, so the
 * gradient splits by the chain rule: first the gradient with respect to the window vectors,
 * then, chunk by chunk, each chunk's encoder gradient weighted by it. Memory then grows with
 * WINDOWS_PER_GRADIENT_CALL windows, not with the diff.
 */
function windowGradient(
  embedded: tf.Tensor,
  encode: (embedded: tf.Tensor, rows: RowRange) => tf.Tensor,
  logits: (vectors: tf.Tensor) => tf.Tensor,
): tf.Tensor {
  const chunks = rowChunks(embedded.shape[0]!);
  if (chunks.length === 1) {
    return tf.grad((x: tf.Tensor) => tf.sum(logits(encode(x, chunks[0]!))))(embedded);
  }

  const vectors = encodeInChunks(embedded, encode);
  const upstream = tf.grad((v: tf.Tensor) => tf.sum(logits(v)))(vectors);
  const parts = chunks.map((rows) => {
    const weights = tf.slice(upstream, [rows.start, 0], [rows.size, -1]);
    const chunk = tf.slice(embedded, [rows.start, 0, 0], [rows.size, -1, -1]);
    return tf.grad((x: tf.Tensor) => tf.sum(tf.mul(encode(x, rows), weights)))(chunk);
  });
  return tf.concat(parts, 0);
}

/** Splits `rowCount` window rows into chunks of at most WINDOWS_PER_GRADIENT_CALL. */
function rowChunks(rowCount: number): RowRange[] {
  const chunks: RowRange[] = [];
  for (let start = 0; start < rowCount; start += WINDOWS_PER_GRADIENT_CALL) {
    chunks.push({ start, size: Math.min(WINDOWS_PER_GRADIENT_CALL, rowCount - start) });
  }
  return chunks;
}

/** Encodes window embeddings [rows, length, dim] chunk by chunk into vectors [rows, dim]. */
function encodeInChunks(
  embedded: tf.Tensor,
  encode: (embedded: tf.Tensor, rows: RowRange) => tf.Tensor,
): tf.Tensor {
  const chunks = rowChunks(embedded.shape[0]!);
  if (chunks.length === 1) return encode(embedded, chunks[0]!);

  return tf.concat(
    chunks.map((rows) => {
      const chunk = tf.slice(embedded, [rows.start, 0, 0], [rows.size, -1, -1]);
      return encode(chunk, rows);
    }),
    0,
  );
}
