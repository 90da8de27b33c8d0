/**
 * The few-shot ("learning to learn") stage of SuperPerforator: Reptile meta-learning (Nichol
 * et al., 2018) of the layers above the window encoder (file pooling, diff pooling and the
 * classifier). Each episode takes one repository, 20 labelled diffs of it, adapts a copy of
 * those layers with a few SGD steps, and moves the shared weights toward the adapted copy.
 * The result is an initialization that adapts to a new repository from 20 examples.
 *
 * The window encoder stays frozen here, so window encodings are computed once and cached.
 */
import * as tf from '@tensorflow/tfjs';

import {
  segmentAttentionPool,
  type PoolingTensors,
} from '../core/model/layers/attention-pooling.ts';
import { linear } from '../core/model/layers/linear.ts';
import {
  encodeWindows,
  type SuperPerforatorLayers,
} from '../core/model/transformer/superperforator-model.ts';
import { groupWindows } from '../core/model/transformer/window-batch.ts';
import { pickWindows, windowBatch, type CompactDiff } from './superperforator-data.ts';
import { stepRandom } from './transformer-data.ts';

/** Window encodings of one diff: [windows, dim] row-major, and the file of each window. */
export interface EncodedDiff {
  vectors: Float32Array;
  files: Int32Array;
}

/** Weights of the layers above the encoder, in a fixed order (see topWeightsOf). */
export type TopWeights = tf.Tensor[];

export interface FewShotSettings {
  /** Positives and negatives in each 20-example episode or adaptation set. */
  shotPositives: number;
  shotNegatives: number;
  metaSteps: number;
  innerSteps: number;
  innerLearningRate: number;
  /** Reptile step size at the first episode; it decays linearly to 0. */
  metaLearningRate: number;
  /** SGD steps when adapting to a new repository. */
  adaptSteps: number;
}

/** Encodes the windows of diffs (at most `windowCap` each, the first ones) in batches. */
export function encodeDiffs(
  layers: SuperPerforatorLayers,
  diffs: readonly CompactDiff[],
  windowCap: number,
  batchSize = 16,
): EncodedDiff[] {
  const encoded: EncodedDiff[] = [];
  for (let start = 0; start < diffs.length; start += batchSize) {
    const chunk = diffs.slice(start, start + batchSize);
    const chosen = chunk.map((diff) => pickWindows(diff.ids.length, windowCap, null));
    const output = tf.tidy(() => {
      const batch = windowBatch(chunk, (_, index) => chosen[index]!);
      return encodeWindows(layers, batch.ids, batch.kinds);
    });
    const values = output.dataSync() as Float32Array;
    const dim = output.shape[1]!;
    output.dispose();

    let row = 0;
    chunk.forEach((diff, index) => {
      const windows = chosen[index]!;
      encoded.push({
        vectors: values.slice(row * dim, (row + windows.length) * dim),
        files: Int32Array.from(windows, (w) => diff.files[w]!),
      });
      row += windows.length;
    });
  }
  return encoded;
}

/**
 * Copies the current top weights out of the model's layers; the caller disposes the copies.
 * Layer.getWeights returns the variables' own tensors, so they are cloned here.
 */
export function topWeightsOf(layers: SuperPerforatorLayers): TopWeights {
  return [layers.filePooling, layers.diffPooling, layers.classifier].flatMap((layer) =>
    layer.getWeights().map((tensor) => tensor.clone()),
  );
}

/** Writes top weights back into the model's layers. */
export function setTopWeights(layers: SuperPerforatorLayers, weights: TopWeights): void {
  layers.filePooling.setWeights(weights.slice(0, 3));
  layers.diffPooling.setWeights(weights.slice(3, 6));
  layers.classifier.setWeights(weights.slice(6, 8));
}

function pooling(weights: TopWeights, offset: number): PoolingTensors {
  return { kernel: weights[offset]!, bias: weights[offset + 1]!, query: weights[offset + 2]! };
}

/** Returns diff logits [diffs] of encoded diffs under explicit top weights. */
export function topLogits(weights: TopWeights, diffs: readonly EncodedDiff[]): tf.Tensor1D {
  return tf.tidy(() => {
    const dim = weights[0]!.shape[0]!;
    const total = diffs.reduce((sum, diff) => sum + diff.files.length, 0);
    const vectors = new Float32Array(total * dim);
    let offset = 0;
    for (const diff of diffs) {
      vectors.set(diff.vectors, offset);
      offset += diff.vectors.length;
    }

    const windowsByDiff = diffs.map((diff) => Array.from(diff.files, (file) => ({ file })));
    const grouping = groupWindows(windowsByDiff);
    const windowVectors = tf.tensor2d(vectors, [total, dim]);
    const fileVectors = segmentAttentionPool(
      windowVectors,
      tf.tensor1d(grouping.windowFile, 'int32'),
      grouping.fileDiff.length,
      pooling(weights, 0),
    );
    const diffVectors = segmentAttentionPool(
      fileVectors,
      tf.tensor1d(grouping.fileDiff, 'int32'),
      grouping.diffCount,
      pooling(weights, 3),
    );
    return tf.reshape(linear(diffVectors, weights[6]!, weights[7]!), [-1]) as tf.Tensor1D;
  });
}

/** Returns the probability of each encoded diff under the given top weights. */
export function topProbabilities(
  weights: TopWeights,
  diffs: readonly EncodedDiff[],
  batchSize = 256,
): Float32Array {
  const probabilities = new Float32Array(diffs.length);
  for (let start = 0; start < diffs.length; start += batchSize) {
    const chunk = diffs.slice(start, start + batchSize);
    const output = tf.tidy(() => tf.sigmoid(topLogits(weights, chunk)));
    probabilities.set(output.dataSync(), start);
    output.dispose();
  }
  return probabilities;
}

/** Runs `steps` plain SGD steps on the mean cross-entropy of a small labelled set. */
export function adaptTopWeights(
  initial: TopWeights,
  diffs: readonly EncodedDiff[],
  labels: readonly number[],
  steps: number,
  learningRate: number,
): TopWeights {
  let weights = initial.map((tensor) => tensor.clone());
  const labelTensor = tf.tensor1d([...labels], 'float32');
  for (let step = 0; step < steps; step++) {
    const next = tf.tidy(() => {
      const gradients = tf.grads((...params: tf.Tensor[]) =>
        tf.losses.sigmoidCrossEntropy(labelTensor, topLogits(params, diffs)),
      )(weights);
      return weights.map((tensor, i) => tf.sub(tensor, tf.mul(gradients[i]!, learningRate)));
    });
    weights.forEach((tensor) => tensor.dispose());
    weights = next;
  }
  labelTensor.dispose();
  return weights;
}

/** Draws a support set of shotPositives positives and shotNegatives negatives (row indexes). */
export function drawSupport(
  labels: ArrayLike<number>,
  rows: readonly number[],
  settings: FewShotSettings,
  random: () => number,
): number[] {
  const positives = rows.filter((row) => labels[row] === 1);
  const negatives = rows.filter((row) => labels[row] !== 1);
  const draw = (from: number[], count: number) => {
    const pool = [...from];
    const chosen: number[] = [];
    while (chosen.length < count && pool.length > 0) {
      chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
    }
    return chosen;
  };
  return [...draw(positives, settings.shotPositives), ...draw(negatives, settings.shotNegatives)];
}

/**
 * Reptile meta-training of the top weights over episodes drawn from `rowsByRepository`
 * (row indexes into `diffs` and `labels`). Returns the meta-trained weights.
 */
export function reptile(
  initial: TopWeights,
  diffs: readonly EncodedDiff[],
  labels: ArrayLike<number>,
  rowsByRepository: ReadonlyMap<string, number[]>,
  settings: FewShotSettings,
  seed: number,
): TopWeights {
  const repositories = [...rowsByRepository.keys()].sort();
  let weights = initial.map((tensor) => tensor.clone());

  for (let step = 0; step < settings.metaSteps; step++) {
    const random = stepRandom(seed, 'reptile', step);
    const repository = repositories[Math.floor(random() * repositories.length)]!;
    const support = drawSupport(labels, rowsByRepository.get(repository)!, settings, random);
    const adapted = adaptTopWeights(
      weights,
      support.map((row) => diffs[row]!),
      support.map((row) => labels[row]!),
      settings.innerSteps,
      settings.innerLearningRate,
    );

    const stepSize = settings.metaLearningRate * (1 - step / settings.metaSteps);
    const next = tf.tidy(() =>
      weights.map((tensor, i) => tf.add(tensor, tf.mul(tf.sub(adapted[i]!, tensor), stepSize))),
    );
    adapted.forEach((tensor) => tensor.dispose());
    weights.forEach((tensor) => tensor.dispose());
    weights = next;
  }
  return weights;
}
