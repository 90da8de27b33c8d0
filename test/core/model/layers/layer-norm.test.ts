import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { LayerNorm, layerNorm } from '../../../../src/core/model/layers/index.ts';
import { TEST_BACKENDS, useBackend } from './backends.ts';

describe.each(TEST_BACKENDS)('layerNorm on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  it('matches a hand computation', () => {
    // Row [1, 2, 3, 6]: mean 3, variance (4 + 1 + 0 + 9) / 4 = 3.5.
    const x = tf.tensor2d([[1, 2, 3, 6]]);
    const gamma = tf.tensor1d([1, 2, 0.5, 1]);
    const beta = tf.tensor1d([0, 0, 1, -1]);
    const output = layerNorm(x, gamma, beta, 0.5).dataSync();

    const scale = 1 / Math.sqrt(3.5 + 0.5);
    const expected = [-2 * scale, -1 * scale * 2, 0 * 0.5 + 1, 3 * scale - 1];
    for (let i = 0; i < 4; i++) {
      expect(output[i]!, `element ${i}`).toBeCloseTo(expected[i]!, 5);
    }
  });

  it('matches tfjs LayerNormalization', () => {
    const x = tf.randomNormal([3, 5, 8], 0, 2, 'float32', 9);
    const ours = new LayerNorm({ epsilon: 1e-3 }).apply(x) as tf.Tensor;
    const reference = tf.layers.layerNormalization({ epsilon: 1e-3 }).apply(x) as tf.Tensor;
    const maxDifference = tf.max(tf.abs(tf.sub(ours, reference))).dataSync()[0]!;
    expect(maxDifference).toBeLessThan(1e-5);
  });
});
