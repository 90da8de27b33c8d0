import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';

import { buildVocabulary } from '../../src/core/features/bm25.ts';
import { BowFeaturizer, bowDocument } from '../../src/core/features/bowFeaturizer.ts';
import { DATASET_MISSING_MESSAGE, findDatasetDir, readSplit } from '../../src/node/dataset.ts';
import { balancedClassWeights } from '../../src/train/classWeights.ts';
import { parseRows } from '../../src/train/data.ts';
import { sparseTrainingRows } from '../../src/train/bow.ts';
import {
  buildClassifier,
  fitClassifier,
  predictRows,
  weightedBinaryCrossEntropy,
} from '../../src/train/fit.ts';

const datasetMissing = findDatasetDir() === null;
if (datasetMissing) console.warn(`Skipping the tiny training run: ${DATASET_MISSING_MESSAGE}`);

/** Returns the class-weighted loss of the model on every row. */
async function meanLoss(
  model: tf.LayersModel,
  rows: ReturnType<typeof sparseTrainingRows>,
  weights: { positive: number; negative: number },
): Promise<number> {
  const probabilities = await predictRows(model, rows);
  const labels = Array.from(rows.labels as Uint8Array);
  const loss = weightedBinaryCrossEntropy(
    tf.tensor2d(labels, [labels.length, 1]),
    tf.tensor2d(probabilities, [labels.length, 1]),
    tf.tensor2d(
      labels.map((label) => (label === 1 ? weights.positive : weights.negative)),
      [labels.length, 1],
    ),
  );
  const value = (await loss.data())[0]!;
  loss.dispose();
  return value;
}

describe.skipIf(datasetMissing)('tiny BoW training run', () => {
  it('lowers the loss on 64 rows', async () => {
    // 16 positives and 48 negatives from train, so both classes occur.
    const all = readSplit('train');
    const positives = all.filter((row) => row.label === 1).slice(0, 16);
    const negatives = all.filter((row) => row.label === 0).slice(0, 48);
    const data = parseRows([...positives, ...negatives]);

    const documents = data.patches.map(bowDocument);
    const vocabulary = buildVocabulary(documents, { minDf: 2, maxDfRatio: 1, maxSize: 2000 });
    const featurizer = new BowFeaturizer(vocabulary, {
      inputSize: vocabulary.terms.length,
      vocabularyFile: 'vocabulary.json',
      k1: 1.2,
      b: 0.75,
      normalize: 'l2',
    });
    const rows = sparseTrainingRows(featurizer, documents, data.labels);
    const weights = balancedClassWeights(data.labels);
    const model = buildClassifier({ inputSize: rows.inputSize, hidden: [], seed: 7 });

    const before = await meanLoss(model, rows, weights);
    await fitClassifier(model, rows, {
      epochs: 10,
      maxSteps: 8,
      batchSize: 16,
      learningRate: 0.05,
      l2: 0,
      seed: 7,
      classWeights: weights,
    });
    const after = await meanLoss(model, rows, weights);

    expect(after).toBeLessThan(before * 0.9);
    model.dispose();
  });
});
