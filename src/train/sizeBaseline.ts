/**
 * Size-only baseline: logistic regression on log churn and log file count of the diff. Every
 * model card compares against it, because diff size alone predicts many SZZ positives.
 */
import type * as tf from '@tensorflow/tfjs';
import { cpus } from 'node:os';

import {
  columnStats,
  diffSize,
  rawSizeFeatures,
  SIZE_FEATURE_NAMES,
  SizeFeaturizer,
  type SizeFeatureSettings,
} from '../core/features/size.ts';
import { MANIFEST_FORMAT_VERSION } from '../core/model/types.ts';
import { finishBundle, trainingRecord, type FinishedBundle } from './bundleRun.ts';
import { balancedClassWeights } from './classWeights.ts';
import { loadSplit, type LabelledPatches } from './data.ts';
import { buildClassifier, fitClassifier, predictRows, type FitOptions } from './fit.ts';
import { renderMetadataCard } from './metadataCard.ts';

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
      batch: (indices) =>
        Float32Array.from(indices.flatMap((i) => [features[2 * i]!, features[2 * i + 1]!])),
    },
    { ...SIZE_FIT, seed, classWeights: balancedClassWeights(train.labels), ...overrides },
  );
  return { model, settings, featurizer, epochLosses };
}

/** Scores rows with a trained size model; the same featurizer the bundle's Scorer uses. */
export async function sizeModelScores(
  size: TrainedSizeModel,
  data: LabelledPatches,
): Promise<Float32Array> {
  return predictRows(size.model, {
    count: data.patches.length,
    inputSize: 2,
    batch: (indices) => size.featurizer.featurize(indices.map((i) => data.patches[i]!)),
  });
}

function formatList(values: number[]): string {
  return values.map((value) => value.toFixed(3)).join(', ');
}

export interface SizeTrainOptions {
  outDir: string;
  seed: number;
  command: string;
}

/** Trains, evaluates and writes the size-baseline bundle to `options.outDir`. */
export async function trainSizeBaseline(options: SizeTrainOptions): Promise<FinishedBundle> {
  const started = Date.now();
  const train = loadSplit('train');
  const val = loadSplit('val');
  const size = await trainSizeModel(train, options.seed);
  const seconds = (Date.now() - started) / 1000;

  const finished = await finishBundle({
    outDir: options.outDir,
    draft: {
      formatVersion: MANIFEST_FORMAT_VERSION,
      id: 'size-baseline',
      family: 'size-baseline',
      version: '1.0.0',
      description: 'Size only: logistic regression on log churn and log file count of the diff.',
      features: { ...size.settings },
      training: trainingRecord(options, seconds),
    },
    model: size.model,
    extraFiles: new Map(),
    val,
    renderCard: (report, valScores) =>
      renderMetadataCard({
        title: 'Size baseline (size-baseline)',
        summary:
          'Predicts whether a change introduces a CPU performance regression from its size ' +
          'alone. Positives in perf-commits-v1 are much larger diffs than negatives, so every ' +
          'other model must beat this baseline to show that it reads more than size.',
        features: [
          'log1p(added + removed lines) and log1p(files changed), counted from the diff and ' +
            `standardized on train (means ${formatList(size.settings.mean)}; ` +
            `standard deviations ${formatList(size.settings.std)}).`,
        ],
        architecture:
          'Logistic regression: Dense(1, sigmoid) over 2 inputs; 3 parameters. Adam, learning ' +
          `rate ${SIZE_FIT.learningRate}, batch ${SIZE_FIT.batchSize}, ` +
          `${SIZE_FIT.epochs} epochs, balanced class weights; no epoch selection on val.`,
        train,
        val,
        report,
        valScores,
        sizeValScores: null,
        valChose: 'the threshold',
        limits: [
          'Size says nothing about what the code does; it is a yardstick, not a reviewer.',
        ],
        command: options.command,
        seconds,
        cpus: cpus().length,
      }),
  });
  size.model.dispose();
  return finished;
}
