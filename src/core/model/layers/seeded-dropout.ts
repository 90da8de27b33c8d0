/**
 * Dropout whose mask is a pure function of a per-step seed, so that a training run resumed
 * from a checkpoint draws the same masks as an uninterrupted run.
 *
 * Training loops pass `{ training: true, dropoutSeed: step }` as call kwargs. Each layer mixes
 * that seed with a hash of its own name and a call-site index, so no two sites share a mask.
 */
import * as tf from '@tensorflow/tfjs';

import type { LayerKwargs } from './layer-types.ts';

/** Returns a 31-bit FNV-1a hash of `text`. */
export function hashName(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & 0x7fffffff;
}

/**
 * Applies dropout to x when kwargs.training is true and rate > 0, else returns x unchanged.
 * Without kwargs.dropoutSeed the mask is random.
 */
export function seededDropout(
  x: tf.Tensor,
  rate: number,
  kwargs: LayerKwargs | undefined,
  layerName: string,
  site: number,
): tf.Tensor {
  if (rate <= 0 || kwargs?.training !== true) return x;

  const stepSeed = kwargs.dropoutSeed;
  if (typeof stepSeed !== 'number') return tf.dropout(x, rate);

  const seed = (hashName(layerName) + Math.imul(stepSeed, 7919) + site * 104729) >>> 0;
  return tf.dropout(x, rate, undefined, seed);
}
