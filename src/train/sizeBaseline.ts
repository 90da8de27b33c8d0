/**
 * Size-only baseline: logistic regression on log churn and log file count of the diff. Every
 * model card compares against it, because diff size alone predicts many SZZ positives.
 */
import type * as tf from '@tensorflow/tfjs';

import {
  columnStats,
  diffSize,
  rawSizeFeatures,
  SIZE_FEATURE_NAMES,
  SizeFeaturizer,
  type SizeFeatureSettings,
} from '../core/features/size.ts';
import { balancedClassWeights } from './classWeights.ts';
import type { LabelledPatches } from './data.ts';
import { buildClassifier, fitClassifier, type FitOptions } from './fit.ts';

/** Training settings; two features need no mini-batch tuning, so these are fixed. */
export const SIZE_FIT = { epochs: 40, batchSize: 256, learningRate: 0.05, l2: 0 };

export interface TrainedSizeModel {
  model: tf.Sequential;
  settings: SizeFeatureSettings;
  featurizer: SizeFeaturizer;
  epochLosses: number[];
}

/** Trains the size baseline on the given rows with balanced class weights. */
export async function trainSizeModel(
  train: LabelledPatches,
  seed: number,
  overrides: Partial<FitOptions> = {},
): Promise<TrainedSizeModel> {
  const raw = train.patches.map((patch) => rawSizeFeatures(diffSize(patch)));
  const { mean, std } = columnStats(raw);
  const settings: SizeFeatureSettings = {
    inputSize: 2,
    names: SIZE_FEATURE_NAMES,
    mean: [mean[0]!, mean[1]!],
    std: [std[0]!, std[1]!],
  };
  const featurizer = new SizeFeaturizer(settings);
  const features = featurizer.featurize(train.patches);

  const model = buildClassifier({ inputSize: 2, hidden: [], seed });
  const epochLosses = await fitClassifier(
    model,
    {
      count: train.patches.length,
      inputSize: 2,
      labels: train.labels,
      batch: (indices) => Float32Array.from(indices.flatMap((i) => [features[2 * i]!, features[2 * i + 1]!])),
    },
    { ...SIZE_FIT, seed, classWeights: balancedClassWeights(train.labels), ...overrides },
  );
  return { model, settings, featurizer, epochLosses };
}
