/**
 * Masked language modelling (MLM) as in BERT (Devlin et al., NAACL 2019). 15% of the maskable
 * tokens are chosen. Of those, 80% become [MASK], 10% a random token and 10% stay unchanged.
 * The loss is the cross-entropy of the original token at the chosen positions only, so the
 * vocabulary-sized output layer runs on about 15% of the positions.
 */
import * as tf from '@tensorflow/tfjs';

import { gatherRows } from '../core/model/layers/gather-embedding.ts';
import { mlmLogitsOf, type EncoderLayers } from '../core/model/transformer/encoder.ts';

export const MASK_RATE = 0.15;

export interface MaskingOptions {
  maskId: number;
  /** Ids below this value (padding and special tokens) are never chosen or drawn. */
  firstMaskableId: number;
  vocabSize: number;
}

/** A batch with masked input ids and the chosen positions (flat indexes) with their labels. */
export interface MaskedBatch {
  inputIds: Int32Array;
  positions: Int32Array;
  labels: Int32Array;
}

/** Masks a row-major batch of ids; the choice depends only on `random`. */
export function maskTokens(
  ids: Int32Array,
  options: MaskingOptions,
  random: () => number,
): MaskedBatch {
  const inputIds = Int32Array.from(ids);
  const positions: number[] = [];
  const labels: number[] = [];
  let firstMaskable = -1;

  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id < options.firstMaskableId) continue;
    if (firstMaskable === -1) firstMaskable = i;
    if (random() >= MASK_RATE) continue;

    positions.push(i);
    labels.push(id);
    const action = random();
    if (action < 0.8) {
      inputIds[i] = options.maskId;
    } else if (action < 0.9) {
      const range = options.vocabSize - options.firstMaskableId;
      inputIds[i] = options.firstMaskableId + Math.floor(random() * range);
    }
  }

  // A batch needs at least one target for the loss to be defined.
  if (positions.length === 0 && firstMaskable !== -1) {
    positions.push(firstMaskable);
    labels.push(ids[firstMaskable]!);
    inputIds[firstMaskable] = options.maskId;
  }

  return { inputIds, positions: Int32Array.from(positions), labels: Int32Array.from(labels) };
}

/** Returns the mean MLM cross-entropy of token states [batch, length, dim] at the targets. */
export function mlmLoss(
  layers: EncoderLayers,
  states: tf.Tensor,
  batch: MaskedBatch,
  vocabSize: number,
): tf.Scalar {
  return tf.tidy(() => {
    const dim = states.shape[states.shape.length - 1]!;
    const flat = tf.reshape(states, [-1, dim]);
    // gatherRows, not tf.gather: tf.gather's gradient needs UnsortedSegmentSum, absent on wasm.
    const picked = gatherRows(flat, tf.tensor1d(batch.positions, 'int32'));
    const logProbabilities = tf.logSoftmax(mlmLogitsOf(layers, picked));
    const targets = tf.oneHot(tf.tensor1d(batch.labels, 'int32'), vocabSize);
    return tf.neg(tf.mean(tf.sum(tf.mul(logProbabilities, targets), 1))) as tf.Scalar;
  });
}
