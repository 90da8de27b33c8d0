import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  MultiHeadSelfAttention,
  PositionEmbedding,
  TransformerBlock,
} from '../../../../src/core/model/layers/index.ts';
import { TEST_BACKENDS, useBackend } from './backends.ts';

/** Returns the largest absolute difference between two tensors. */
function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
}

describe.each(TEST_BACKENDS)('Transformer layers on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  const mask = () => tf.tensor2d([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]]);

  it('attention keeps the input shape', () => {
    const layer = new MultiHeadSelfAttention({ heads: 2, seed: 4 });
    const output = layer.apply([tf.randomNormal([2, 5, 8], 0, 1, 'float32', 1), mask()]);
    expect((output as tf.Tensor).shape).toEqual([2, 5, 8]);
  });

  it('block ignores padded positions', () => {
    const block = new TransformerBlock({ heads: 2, feedForwardDim: 16, seed: 7 });
    const x = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 2);
    // Same real tokens, different values at the two padded positions of the first row.
    const padded = tf.expandDims(tf.sub(1, mask()), 2);
    const noise = tf.mul(tf.randomNormal([2, 5, 8], 0, 5, 'float32', 3), padded);
    const clean = block.apply([x, mask()]) as tf.Tensor;
    const noisy = block.apply([tf.add(x, noise), mask()]) as tf.Tensor;

    const realClean = tf.slice(clean, [0, 0, 0], [1, 3, 8]);
    const realNoisy = tf.slice(noisy, [0, 0, 0], [1, 3, 8]);
    expect(maxDifference(realClean, realNoisy)).toBeLessThan(1e-5);
  });

  it('block mixes information across positions', () => {
    const block = new TransformerBlock({ heads: 2, feedForwardDim: 16, seed: 7 });
    const x = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 2);
    const changedLast = tf.concat([tf.slice(x, [0, 0, 0], [2, 4, 8]), tf.ones([2, 1, 8])], 1);
    const before = tf.slice(block.apply([x, mask()]) as tf.Tensor, [1, 0, 0], [1, 1, 8]);
    const after = tf.slice(block.apply([changedLast, mask()]) as tf.Tensor, [1, 0, 0], [1, 1, 8]);
    expect(maxDifference(before, after)).toBeGreaterThan(1e-4);
  });

  it('dropout masks repeat for one seed', () => {
    const block = new TransformerBlock({
      heads: 2,
      feedForwardDim: 16,
      dropoutRate: 0.5,
      seed: 7,
    });
    const x = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 2);
    const first = block.apply([x, mask()], { training: true, dropoutSeed: 11 }) as tf.Tensor;
    const second = block.apply([x, mask()], { training: true, dropoutSeed: 11 }) as tf.Tensor;
    const third = block.apply([x, mask()], { training: true, dropoutSeed: 12 }) as tf.Tensor;
    expect(maxDifference(first, second)).toBe(0);
    expect(maxDifference(first, third)).toBeGreaterThan(0);
  });

  it('position embedding rejects long sequences', () => {
    const layer = new PositionEmbedding({ maxLength: 4, seed: 1 });
    expect(() => layer.apply(tf.zeros([1, 5, 8]))).toThrow(/length 5 exceeds the maximum 4/);
  });
});
