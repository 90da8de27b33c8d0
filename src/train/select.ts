/** Epoch selection on val: keeps the weights of the epoch with the best val PR-AUC. */
import * as tf from '@tensorflow/tfjs';

import { averagePrecision } from '../core/eval/metrics.ts';
import { fitClassifier, predictRows, type FitOptions, type TrainingRows } from './fit.ts';

export interface EpochSelection {
  /** 1-based epoch whose weights the model now has. */
  bestEpoch: number;
  valPrAuc: number;
  /** Val PR-AUC after each epoch. */
  valPrAucByEpoch: number[];
}

/**
 * Trains the model, evaluating val PR-AUC after every epoch, and restores the best epoch's
 * weights. Val thereby tunes the epoch count, so its metrics afterwards are optimistic.
 */
export async function fitWithEpochSelection(
  model: tf.LayersModel,
  train: TrainingRows,
  val: TrainingRows,
  options: FitOptions & { progressLabel: string },
): Promise<EpochSelection> {
  let bestWeights: tf.Tensor[] = [];
  const selection: EpochSelection = { bestEpoch: 0, valPrAuc: -1, valPrAucByEpoch: [] };

  await fitClassifier(model, train, {
    ...options,
    onEpochEnd: async (epoch) => {
      const prAuc = averagePrecision(await predictRows(model, val), val.labels);
      selection.valPrAucByEpoch.push(prAuc);
      process.stderr.write(
        `${options.progressLabel} epoch ${epoch + 1} val PR-AUC ${prAuc.toFixed(4)}\n`,
      );
      if (prAuc > selection.valPrAuc) {
        tf.dispose(bestWeights);
        bestWeights = model.getWeights().map((weight) => weight.clone());
        selection.valPrAuc = prAuc;
        selection.bestEpoch = epoch + 1;
      }
    },
  });

  model.setWeights(bestWeights);
  tf.dispose(bestWeights);
  return selection;
}

/** Wraps a row-major dense matrix as training rows. */
export function denseTrainingRows(
  matrix: Float32Array,
  inputSize: number,
  labels: ArrayLike<number>,
): TrainingRows {
  return {
    count: labels.length,
    inputSize,
    labels,
    batch(indices) {
      const batch = new Float32Array(indices.length * inputSize);
      indices.forEach((row, r) => {
        batch.set(matrix.subarray(row * inputSize, (row + 1) * inputSize), r * inputSize);
      });
      return batch;
    },
  };
}
