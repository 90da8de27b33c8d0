import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import {
  AttentionPooling,
  SegmentAttentionPooling,
} from '../../../../src/core/model/layers/index.ts';
import { segmentAttentionPool } from '../../../../src/core/model/layers/attention-pooling.ts';
import { TEST_BACKENDS, useBackend } from './backends.ts';

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
}

describe.each(TEST_BACKENDS)('attention pooling on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('pools a single real position to itself', () => {
    const pooling = new AttentionPooling({ seed: 2 });
    const x = tf.randomNormal([1, 3, 4], 0, 1, 'float32', 1);
    const pooled = pooling.apply([x, tf.tensor2d([[1, 0, 0]])]) as tf.Tensor;
    const first = tf.reshape(tf.slice(x, [0, 0, 0], [1, 1, 4]), [1, 4]);
    expect(maxDifference(pooled, first)).toBeLessThan(1e-6);
  });

  it('segment pooling matches padded pooling', () => {
    const padded = new AttentionPooling({ seed: 5, name: 'padded' });
    const segmented = new SegmentAttentionPooling({ seed: 5, name: 'segmented' });
    const items = tf.randomNormal([5, 4], 0, 1, 'float32', 3);
    // Segment 0 contains items 0, 1 and 2, and segment 1 contains items 3 and 4.
    const segmentIds = tf.tensor1d([0, 0, 0, 1, 1], 'int32');
    const pooledSegments = segmented.apply([items, segmentIds, tf.zeros([2])]) as tf.Tensor;

    const first = tf.slice(items, [0, 0], [3, 4]);
    const second = tf.concat([tf.slice(items, [3, 0], [2, 4]), tf.zeros([1, 4])]);
    const paddedInput = tf.stack([first, second]);
    const paddedMask = tf.tensor2d([[1, 1, 1], [1, 1, 0]]);
    padded.apply([paddedInput, paddedMask]);
    padded.setWeights(segmented.getWeights());
    const pooledPadded = padded.apply([paddedInput, paddedMask]) as tf.Tensor;

    expect(maxDifference(pooledSegments, pooledPadded)).toBeLessThan(1e-5);
  });

  it('pools an empty segment to zeros', () => {
    const segmented = new SegmentAttentionPooling({ seed: 5 });
    const items = tf.randomNormal([2, 4], 0, 1, 'float32', 3);
    const pooled = segmented.apply([items, tf.tensor1d([0, 2], 'int32'), tf.zeros([3])]);
    const middle = tf.slice(pooled as tf.Tensor, [1, 0], [1, 4]);
    expect(Array.from(middle.dataSync())).toEqual([0, 0, 0, 0]);
  });

  it('segment pooling gradient is finite', () => {
    const weights = {
      kernel: tf.randomNormal([4, 4], 0, 1, 'float32', 6),
      bias: tf.zeros([4]),
      query: tf.randomNormal([4, 1], 0, 1, 'float32', 7),
    };
    const ids = tf.tensor1d([0, 1, 1, 0], 'int32');
    const gradient = tf.grad((x: tf.Tensor) => tf.sum(segmentAttentionPool(x, ids, 2, weights)))(
      tf.randomNormal([4, 4], 0, 1, 'float32', 8),
    );
    const values = Array.from(gradient.dataSync());
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('pools a single segment', () => {
    const segmented = new SegmentAttentionPooling({ seed: 5 });
    const items = tf.randomNormal([3, 4], 0, 1, 'float32', 3);
    const pooled = segmented.apply([items, tf.tensor1d([0, 0, 0], 'int32'), tf.zeros([1])]);
    expect((pooled as tf.Tensor).shape).toEqual([1, 4]);
  });
});
