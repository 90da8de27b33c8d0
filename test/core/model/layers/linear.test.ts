import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { linear } from '../../../../src/core/model/layers/linear.ts';
import { TEST_BACKENDS, useBackend } from './backends.ts';

function maxDifference(a: tf.Tensor, b: tf.Tensor): number {
  return tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]!;
}

describe.each(TEST_BACKENDS)('linear on %s', (backend) => {
  beforeAll(async () => {
    await useBackend(backend);
  });

  for (const activation of ['linear', 'relu'] as const) {
    it(`${activation} gradients match tfjs autodiff`, () => {
      const x = tf.randomNormal([6, 4], 0, 1, 'float32', 1);
      const kernel = tf.randomNormal([4, 3], 0, 1, 'float32', 2);
      const bias = tf.randomNormal([3], 0, 1, 'float32', 3);
      const upstream = tf.randomNormal([6, 3], 0, 1, 'float32', 4);

      const ours = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(linear(a, w, b, activation), upstream)),
      )([x, kernel, bias]);
      const reference = tf.grads((a: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => {
        const z = tf.add(tf.matMul(a, w), b);
        return tf.sum(tf.mul(activation === 'relu' ? tf.relu(z) : z, upstream));
      })([x, kernel, bias]);

      for (let i = 0; i < 3; i++) {
        expect(maxDifference(ours[i]!, reference[i]!), `gradient ${i}`).toBeLessThan(1e-5);
      }
    });
  }
});
