/**
 * Trains the Bag of Words model: BM25 weights over a train-split vocabulary, then logistic
 * regression or a small MLP chosen on val PR-AUC, written as a bundle with its CARD.md.
 */
import * as tf from '@tensorflow/tfjs';
import { cpus } from 'node:os';

import { buildVocabulary, type VocabularyOptions } from '../core/features/bm25.ts';
import {
  BowFeaturizer,
  bowDocument,
  type BowFeatureSettings,
} from '../core/features/bowFeaturizer.ts';
import { MANIFEST_FORMAT_VERSION } from '../core/model/types.ts';
import { balancedClassWeights } from './classWeights.ts';
import { loadSplit, type LabelledPatches } from './data.ts';
import { finishBundle, trainingRecord, type FinishedBundle } from './bundleRun.ts';
import { renderBowCard } from './bowCard.ts';
import { buildClassifier, countParameters, type TrainingRows } from './fit.ts';
import { fitWithEpochSelection } from './select.ts';
import { sizeModelScores, trainSizeModel } from './sizeBaseline.ts';

/**
 * Vocabulary cut-offs. A term must occur in 3 train diffs to have a df worth estimating, and a
 * term in over half of the diffs carries little signal. The cap of 20,000 terms bounds the
 * input: 80 KB of float32 weights for logistic regression, 1.3 MB for a 16-unit MLP. On
 * perf-commits-v1 the df cut-offs leave about 13,000 terms, so the cap does not bind there.
 */
export const BOW_VOCABULARY: VocabularyOptions = { minDf: 3, maxDfRatio: 0.5, maxSize: 20_000 };

export const BOW_BM25 = { k1: 1.2, b: 0.75 };

export interface BowCandidate {
  name: string;
  hidden: number[];
  normalize: BowFeatureSettings['normalize'];
  learningRate: number;
  l2: number;
}

/** Candidates tried briefly; the best val PR-AUC over epochs wins. */
export const BOW_CANDIDATES: BowCandidate[] = [
  { name: 'logistic, raw BM25', hidden: [], normalize: 'none', learningRate: 3e-4, l2: 1e-4 },
  { name: 'logistic, L2-normalized', hidden: [], normalize: 'l2', learningRate: 1e-2, l2: 1e-5 },
  { name: 'MLP 16, L2-normalized', hidden: [16], normalize: 'l2', learningRate: 3e-3, l2: 1e-5 },
];

export interface BowTrainOptions {
  outDir: string;
  seed: number;
  epochs: number;
  batchSize: number;
  /** Command line recorded in the manifest and card. */
  command: string;
  candidates?: BowCandidate[];
  train?: LabelledPatches;
  val?: LabelledPatches;
}

export interface CandidateResult {
  candidate: BowCandidate;
  bestEpoch: number;
  valPrAuc: number;
  parameters: number;
  seconds: number;
}

/** Wraps sparse BM25 rows as training rows that densify one batch at a time. */
export function sparseTrainingRows(
  featurizer: BowFeaturizer,
  documents: string[][],
  labels: ArrayLike<number>,
): TrainingRows {
  const rows = documents.map((tokens) => featurizer.sparseRow(tokens));
  const size = featurizer.inputSize;
  return {
    count: rows.length,
    inputSize: size,
    labels,
    batch(indices) {
      const matrix = new Float32Array(indices.length * size);
      indices.forEach((rowIndex, r) => {
        const row = rows[rowIndex]!;
        row.indices.forEach((i, j) => (matrix[r * size + i] = row.values[j]!));
      });
      return matrix;
    },
  };
}

/** Trains every candidate and returns the best model, keeping its best epoch's weights. */
async function selectModel(
  options: BowTrainOptions,
  featurizers: Map<string, BowFeaturizer>,
  documents: { train: string[][]; val: string[][] },
  train: LabelledPatches,
  val: LabelledPatches,
): Promise<{ model: tf.Sequential; best: CandidateResult; results: CandidateResult[] }> {
  const results: CandidateResult[] = [];
  let bestModel: tf.Sequential | null = null;
  let best: CandidateResult | null = null;

  for (const candidate of options.candidates ?? BOW_CANDIDATES) {
    const started = Date.now();
    const featurizer = featurizers.get(candidate.normalize)!;
    const trainRows = sparseTrainingRows(featurizer, documents.train, train.labels);
    const valRows = sparseTrainingRows(featurizer, documents.val, val.labels);
    const model = buildClassifier({
      inputSize: featurizer.inputSize,
      hidden: candidate.hidden,
      seed: options.seed,
    });

    const selection = await fitWithEpochSelection(model, trainRows, valRows, {
      epochs: options.epochs,
      batchSize: options.batchSize,
      learningRate: candidate.learningRate,
      l2: candidate.l2,
      seed: options.seed,
      classWeights: balancedClassWeights(train.labels),
      progressLabel: `bow ${candidate.name}`,
    });

    const result: CandidateResult = {
      candidate,
      bestEpoch: selection.bestEpoch,
      valPrAuc: selection.valPrAuc,
      parameters: countParameters(model),
      seconds: (Date.now() - started) / 1000,
    };
    results.push(result);

    if (best === null || result.valPrAuc > best.valPrAuc) {
      bestModel?.dispose();
      bestModel = model;
      best = result;
    } else {
      model.dispose();
    }
  }

  return { model: bestModel!, best: best!, results };
}

/** Trains, selects, evaluates and writes the BoW bundle to `options.outDir`. */
export async function trainBow(options: BowTrainOptions): Promise<FinishedBundle> {
  const started = Date.now();
  const train = options.train ?? loadSplit('train');
  const val = options.val ?? loadSplit('val');
  const documents = {
    train: train.patches.map(bowDocument),
    val: val.patches.map(bowDocument),
  };

  const vocabulary = buildVocabulary(documents.train, BOW_VOCABULARY);
  const featurizers = new Map<string, BowFeaturizer>();
  for (const normalize of ['none', 'l2'] as const) {
    const settings: BowFeatureSettings = {
      inputSize: vocabulary.terms.length,
      vocabularyFile: 'vocabulary.json',
      ...BOW_BM25,
      normalize,
    };
    featurizers.set(normalize, new BowFeaturizer(vocabulary, settings));
  }

  const { model, best, results } = await selectModel(options, featurizers, documents, train, val);
  const settings = featurizers.get(best.candidate.normalize)!.settings;

  const size = await trainSizeModel(train, options.seed);
  const sizeValScores = await sizeModelScores(size, val);
  size.model.dispose();

  const distinctTerms = new Set(documents.train.flat()).size;
  const seconds = (Date.now() - started) / 1000;
  const finished = await finishBundle({
    outDir: options.outDir,
    draft: {
      formatVersion: MANIFEST_FORMAT_VERSION,
      id: 'bow',
      family: 'bow',
      version: '1.0.0',
      description:
        `Bag of Words: BM25 over ${vocabulary.terms.length} diff tokens, ${best.candidate.name}.`,
      features: { ...settings },
      training: trainingRecord(options, seconds),
    },
    model,
    extraFiles: new Map([['vocabulary.json', JSON.stringify(vocabulary)]]),
    val,
    renderCard: (report, valScores) =>
      renderBowCard({
        train,
        val,
        report,
        valScores,
        sizeValScores,
        best,
        results,
        vocabularySize: vocabulary.terms.length,
        distinctTerms,
        avgDocLength: vocabulary.avgDocLength,
        options,
        seconds,
        cpus: cpus().length,
      }),
  });
  model.dispose();
  return finished;
}
