/**
 * Training loop for binary classifiers over dense feature rows: mini-batch Adam on
 * class-weighted binary cross-entropy with L2 on the kernels, seeded shuffles.
 */
import * as tf from '@tensorflow/tfjs';

import type { ClassWeights } from './classWeights.ts';
import { ProgressLine } from './progress.ts';
import { seededRandom, shuffleInPlace } from './random.ts';

/** Rows that are densified one batch at a time, so large sparse inputs fit in memory. */
export interface TrainingRows {
  count: number;
  inputSize: number;
  /** Writes the features of the given rows into one row-major batch. */
  batch(indices: readonly number[]): Float32Array;
  labels: ArrayLike<number>;
}

export interface ClassifierShape {
  inputSize: number;
  /** Units of each hidden ReLU layer; empty for logistic regression. */
  hidden: number[];
  seed: number;
}

export interface FitOptions {
  epochs: number;
  batchSize: number;
  learningRate: number;
  /** L2 penalty on every kernel, added to the mean loss. */
  l2: number;
  seed: number;
  classWeights: ClassWeights;
  /** Stops after this many optimizer steps; for quick tests. */
  maxSteps?: number;
  /** Prefix of the progress line; no progress line when omitted. */
  progressLabel?: string;
  /** Called after each epoch with its mean loss. */
  onEpochEnd?: (epoch: number, meanLoss: number) => Promise<void> | void;
}

/** Builds a sigmoid classifier: logistic regression, or an MLP with ReLU hidden layers. */
export function buildClassifier(shape: ClassifierShape): tf.Sequential {
  const model = tf.sequential();
  shape.hidden.forEach((units, i) => {
    model.add(
      tf.layers.dense({
        units,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: shape.seed + i }),
        ...(i === 0 ? { inputShape: [shape.inputSize] } : {}),
      }),
    );
  });
  model.add(
    tf.layers.dense({
      units: 1,
      activation: 'sigmoid',
      kernelInitializer: tf.initializers.glorotUniform({ seed: shape.seed + shape.hidden.length }),
      ...(shape.hidden.length === 0 ? { inputShape: [shape.inputSize] } : {}),
    }),
  );
  return model;
}

/** Counts the trainable parameters of a model. */
export function countParameters(model: tf.LayersModel): number {
  let total = 0;
  for (const weight of model.trainableWeights) {
    total += weight.shape.reduce((product: number, size) => product * (size ?? 1), 1);
  }
  return total;
}

/** Trains the model in place; returns the mean loss of each epoch. */
export async function fitClassifier(
  model: tf.LayersModel,
  rows: TrainingRows,
  options: FitOptions,
): Promise<number[]> {
  const optimizer = tf.train.adam(options.learningRate);
  const random = seededRandom(options.seed);
  const batchesPerEpoch = Math.ceil(rows.count / options.batchSize);
  const totalSteps = Math.min(options.epochs * batchesPerEpoch, options.maxSteps ?? Infinity);
  const progress =
    options.progressLabel === undefined
      ? null
      : new ProgressLine(options.progressLabel, totalSteps);
  const kernels = model.trainableWeights.filter((weight) => weight.name.includes('kernel'));

  const epochLosses: number[] = [];
  let step = 0;
  for (let epoch = 0; epoch < options.epochs && step < totalSteps; epoch++) {
    const order = shuffleInPlace(
      Array.from({ length: rows.count }, (_, i) => i),
      random,
    );
    let lossSum = 0;
    let batches = 0;

    for (let start = 0; start < rows.count && step < totalSteps; start += options.batchSize) {
      const indices = order.slice(start, start + options.batchSize);
      const loss = trainStep(model, optimizer, kernels, rows, indices, options);
      lossSum += loss;
      batches++;
      step++;
      progress?.update(step, lossSum / batches, `epoch ${epoch + 1}/${options.epochs}`);
    }

    epochLosses.push(lossSum / batches);
    await options.onEpochEnd?.(epoch, lossSum / batches);
  }

  optimizer.dispose();
  return epochLosses;
}

function trainStep(
  model: tf.LayersModel,
  optimizer: tf.Optimizer,
  kernels: tf.LayerVariable[],
  rows: TrainingRows,
  indices: number[],
  options: FitOptions,
): number {
  const features = tf.tensor2d(rows.batch(indices), [indices.length, rows.inputSize]);
  const labels = tf.tensor2d(
    indices.map((i) => rows.labels[i]!),
    [indices.length, 1],
  );
  const weights = tf.tensor2d(
    indices.map((i) =>
      rows.labels[i] === 1 ? options.classWeights.positive : options.classWeights.negative,
    ),
    [indices.length, 1],
  );

  const lossTensor = optimizer.minimize(() => {
    const predictions = model.apply(features, { training: true }) as tf.Tensor;
    const loss = weightedBinaryCrossEntropy(labels, predictions, weights);
    if (options.l2 === 0 || kernels.length === 0) return loss as tf.Scalar;
    const penalty = tf.addN(kernels.map((kernel) => tf.sum(tf.square(kernel.read()))));
    return tf.add(loss, tf.mul(options.l2, penalty)) as tf.Scalar;
  }, true);

  const loss = lossTensor!.dataSync()[0]!;
  tf.dispose([features, labels, weights, lossTensor!]);
  return loss;
}

/** Computes mean(w x BCE(y, p)), with p clipped to [1e-7, 1 - 1e-7] against log(0). */
export function weightedBinaryCrossEntropy(
  labels: tf.Tensor,
  probabilities: tf.Tensor,
  weights: tf.Tensor,
): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(probabilities, 1e-7, 1 - 1e-7);
    const perRow = tf.neg(
      tf.add(tf.mul(labels, tf.log(p)), tf.mul(tf.sub(1, labels), tf.log(tf.sub(1, p)))),
    );
    return tf.mean(tf.mul(weights, perRow)) as tf.Scalar;
  });
}

/** Predicts the probability of every row, batch by batch. */
export async function predictRows(
  model: tf.LayersModel,
  rows: Pick<TrainingRows, 'count' | 'inputSize' | 'batch'>,
  batchSize = 512,
): Promise<Float32Array> {
  const probabilities = new Float32Array(rows.count);
  for (let start = 0; start < rows.count; start += batchSize) {
    const indices = Array.from(
      { length: Math.min(batchSize, rows.count - start) },
      (_, i) => start + i,
    );
    const output = tf.tidy(() => {
      const input = tf.tensor2d(rows.batch(indices), [indices.length, rows.inputSize]);
      return model.predict(input) as tf.Tensor;
    });
    probabilities.set(await output.data(), start);
    output.dispose();
  }
  return probabilities;
}
