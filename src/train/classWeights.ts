/** Class weights for imbalanced binary labels. */

export interface ClassWeights {
  negative: number;
  positive: number;
}

/**
 * Computes "balanced" weights, rows / (2 x class count), as scikit-learn's
 * `class_weight='balanced'` does: both classes then carry the same total weight.
 */
export function balancedClassWeights(labels: ArrayLike<number>): ClassWeights {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) {
    throw new Error(
      `Cannot weigh classes with ${positives} positives and ${negatives} negatives; ` +
        'the training rows need both labels.',
    );
  }
  return {
    negative: labels.length / (2 * negatives),
    positive: labels.length / (2 * positives),
  };
}
