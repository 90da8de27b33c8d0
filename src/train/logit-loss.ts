/** Class-weighted binary cross-entropy on logits, the fine-tuning loss of both Transformers. */
import * as tf from '@tensorflow/tfjs';

import type { ClassWeights } from './classWeights.ts';

/** Returns the class-weighted mean binary cross-entropy of logits against 0/1 labels. */
export function weightedLogitLoss(
  logits: tf.Tensor1D,
  labels: ArrayLike<number>,
  weights: ClassWeights,
): tf.Scalar {
  return tf.tidy(() => {
    const labelTensor = tf.tensor1d(Array.from(labels), 'float32');
    const weightTensor = tf.tensor1d(
      Array.from(labels, (label) => (label === 1 ? weights.positive : weights.negative)),
    );
    return tf.losses.sigmoidCrossEntropy(labelTensor, logits, weightTensor) as tf.Scalar;
  });
}
