/**
 * Leave-one-repository-out (LORO) transfer of SuperPerforator, the card's closest measure of
 * generalising to an unseen code base. For each repository R:
 *
 * 1. From the MLM-pretrained weights, fine-tune on the train rows of the other three
 *    repositories, then meta-train the top layers on them (Reptile, as the shipped model).
 * 2. Evaluate on R's train and val rows: every positive and a seeded sample of negatives.
 * 3. Adapt the top layers with 20 labelled diffs of R's train split (several draws) and
 *    evaluate again on the same rows minus that draw's 20.
 * 4. Train Bag of Words (BM25, L2-normalized logistic regression) on the same three
 *    repositories and evaluate it on the same rows.
 */
import { averagePrecision, recallAtBudget, rocAuc } from '../core/eval/metrics.ts';
import { buildVocabulary } from '../core/features/bm25.ts';
import { BowFeaturizer, bowDocument } from '../core/features/bowFeaturizer.ts';
import { BOW_BM25, BOW_CANDIDATES, BOW_VOCABULARY, sparseTrainingRows } from './bow.ts';
import { balancedClassWeights } from './classWeights.ts';
import type { LabelledPatches } from './data.ts';
import { selectRows } from './data.ts';
import {
  adaptTopWeights,
  drawSupport,
  encodeDiffs,
  reptile,
  setTopWeights,
  topProbabilities,
  topWeightsOf,
  type FewShotSettings,
} from './fewshot.ts';
import { buildClassifier, fitClassifier, predictRows } from './fit.ts';
import { shuffleInPlace } from './random.ts';
import { finetuneWindows, type WindowStageInput } from './superperforator-stages.ts';
import type { CompactDiff } from './superperforator-data.ts';
import { stepRandom } from './transformer-data.ts';

/** Ranking metrics of one model on one held-out repository. */
export interface TransferMetrics {
  prAuc: number;
  rocAuc: number;
  recallAt5: number;
}

export interface LoroFoldResult {
  repository: string;
  trainRepositories: string[];
  evalRows: number;
  evalPositives: number;
  withoutAdaptation: TransferMetrics;
  /** Mean over the adaptation draws. */
  adapted: TransferMetrics;
  /** The same model without adaptation, on each draw's rows (mean over draws). */
  withoutAdaptationSameRows: TransferMetrics;
  bow: TransferMetrics;
  draws: number;
}

/** Computes the transfer metrics of scores on a subset of rows. */
export function transferMetrics(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  rows: readonly number[],
): TransferMetrics {
  const subsetScores = rows.map((row) => scores[row]!);
  const subsetLabels = rows.map((row) => labels[row]!);
  return {
    prAuc: averagePrecision(subsetScores, subsetLabels),
    rocAuc: rocAuc(subsetScores, subsetLabels),
    recallAt5: recallAtBudget(subsetScores, subsetLabels, 5),
  };
}

/** Averages metrics field by field. */
export function meanMetrics(all: readonly TransferMetrics[]): TransferMetrics {
  const mean = (pick: (metrics: TransferMetrics) => number) =>
    all.reduce((sum, metrics) => sum + pick(metrics), 0) / all.length;
  return {
    prAuc: mean((m) => m.prAuc),
    rocAuc: mean((m) => m.rocAuc),
    recallAt5: mean((m) => m.recallAt5),
  };
}

/**
 * Chooses the evaluation rows of a held-out repository: all positives and up to
 * `maxNegatives` negatives drawn with a seeded shuffle, in ascending row order.
 */
export function evaluationRows(
  labels: ArrayLike<number>,
  candidates: readonly number[],
  maxNegatives: number,
  seed: number,
  repository: string,
): number[] {
  const positives = candidates.filter((row) => labels[row] === 1);
  const negatives = candidates.filter((row) => labels[row] !== 1);
  const sampled = shuffleInPlace([...negatives], stepRandom(seed, `loro-eval-${repository}`, 0));
  return [...positives, ...sampled.slice(0, maxNegatives)].sort((a, b) => a - b);
}

/** The BoW candidate the shipped `models/bow` bundle uses. */
const LORO_BOW = BOW_CANDIDATES.find((candidate) => candidate.name === 'logistic, L2-normalized')!;

/** Epochs of the BoW fold models; without a val split of R they train a fixed number. */
export const LORO_BOW_EPOCHS = 10;

/** Trains BoW on `train` and returns the probabilities of `evaluate`'s rows. */
export async function bowTransferScores(
  train: LabelledPatches,
  evaluate: LabelledPatches,
  seed: number,
): Promise<Float32Array> {
  const trainDocuments = train.patches.map(bowDocument);
  const vocabulary = buildVocabulary(trainDocuments, BOW_VOCABULARY);
  const featurizer = new BowFeaturizer(vocabulary, {
    inputSize: vocabulary.terms.length,
    vocabularyFile: 'vocabulary.json',
    ...BOW_BM25,
    normalize: LORO_BOW.normalize,
  });

  const model = buildClassifier({ inputSize: featurizer.inputSize, hidden: LORO_BOW.hidden, seed });
  await fitClassifier(model, sparseTrainingRows(featurizer, trainDocuments, train.labels), {
    epochs: LORO_BOW_EPOCHS,
    batchSize: 64,
    learningRate: LORO_BOW.learningRate,
    l2: LORO_BOW.l2,
    seed,
    classWeights: balancedClassWeights(train.labels),
  });
  const evaluateRows = sparseTrainingRows(
    featurizer,
    evaluate.patches.map(bowDocument),
    evaluate.labels,
  );
  const scores = await predictRows(model, evaluateRows);
  model.dispose();
  return scores;
}

export interface LoroSettings {
  /** Negatives of R sampled into its evaluation rows, next to all of R's positives. */
  evalNegatives: number;
  /** Negatives per training repository in the Reptile episode pool, next to its positives. */
  poolNegatives: number;
  /** Adaptation draws of 20 diffs each. */
  draws: number;
  /** Windows per diff (the first ones) when encoding for meta-training and evaluation. */
  windowCap: number;
}

/** Rows of train and val with their repository, split and compact windows. */
export interface LoroData {
  data: LabelledPatches;
  diffs: CompactDiff[];
  repositories: string[];
  splits: ('train' | 'val')[];
}

/** Snapshot name of the MLM-pretrained weights that every fold starts from. */
export const PRETRAINED_SNAPSHOT = 'pretrained';

/** Returns each repository's rows of `rows`, for Reptile episodes. */
function rowsByRepository(data: LoroData, rows: readonly number[]): Map<string, number[]> {
  const byRepository = new Map<string, number[]>();
  for (const row of rows) {
    const repository = data.repositories[row]!;
    byRepository.set(repository, [...(byRepository.get(repository) ?? []), row]);
  }
  return byRepository;
}

/** Runs one LORO fold on the model behind `input` and returns its result. */
async function runFold(
  input: WindowStageInput,
  data: LoroData,
  repository: string,
  fewShot: FewShotSettings,
  settings: LoroSettings,
): Promise<LoroFoldResult> {
  const { run, layers, seed } = input;
  const labels = data.data.labels;
  const allRows = data.repositories.map((_, row) => row);
  const trainRows = allRows.filter(
    (row) => data.repositories[row] !== repository && data.splits[row] === 'train',
  );

  // A fold stage that already saved a checkpoint resumes from it instead of the snapshot.
  const stage = `loro-${repository.replace('/', '-')}`;
  if (!run.isStarted(stage)) run.restoreSnapshot(PRETRAINED_SNAPSHOT);
  const trainData = {
    diffs: trainRows.map((row) => data.diffs[row]!),
    labels: Uint8Array.from(trainRows, (row) => labels[row]!),
  };
  await finetuneWindows(input, trainData, null, stage);

  // Reptile on the training repositories: positives and sampled negatives of each.
  const poolRows: number[] = [];
  for (const rows of rowsByRepository(data, trainRows).values()) {
    poolRows.push(...evaluationRows(labels, rows, settings.poolNegatives, seed, `${stage}-pool`));
  }
  const poolDiffs = poolRows.map((row) => data.diffs[row]!);
  const poolEncoded = encodeDiffs(layers, poolDiffs, settings.windowCap);
  const poolIndex = new Map(poolRows.map((row, i) => [row, i]));
  const poolByRepository = new Map(
    [...rowsByRepository(data, poolRows)].map(([name, rows]) => [
      name,
      rows.map((row) => poolIndex.get(row)!),
    ]),
  );
  const initial = topWeightsOf(layers);
  const poolLabels = poolRows.map((row) => labels[row]!);
  const metaWeights = reptile(initial, poolEncoded, poolLabels, poolByRepository, fewShot, seed);
  initial.forEach((tensor) => tensor.dispose());

  // Evaluation rows of the held-out repository.
  const candidates = allRows.filter((row) => data.repositories[row] === repository);
  const evalRows = evaluationRows(labels, candidates, settings.evalNegatives, seed, stage);
  const evalLabels = evalRows.map((row) => labels[row]!);
  const encoded = encodeDiffs(layers, evalRows.map((row) => data.diffs[row]!), settings.windowCap);
  const everyRow = evalRows.map((_, i) => i);
  const baseScores = topProbabilities(metaWeights, encoded);

  const adaptedMetrics: TransferMetrics[] = [];
  const sameRowMetrics: TransferMetrics[] = [];
  const trainIndexes = everyRow.filter((i) => data.splits[evalRows[i]!] === 'train');
  for (let draw = 0; draw < settings.draws; draw++) {
    const random = stepRandom(seed, `${stage}-support`, draw);
    const support = drawSupport(evalLabels, trainIndexes, fewShot, random);
    const adapted = adaptTopWeights(
      metaWeights,
      support.map((i) => encoded[i]!),
      support.map((i) => evalLabels[i]!),
      fewShot.adaptSteps,
      fewShot.innerLearningRate,
    );
    const supportSet = new Set(support);
    const rest = everyRow.filter((i) => !supportSet.has(i));
    adaptedMetrics.push(transferMetrics(topProbabilities(adapted, encoded), evalLabels, rest));
    sameRowMetrics.push(transferMetrics(baseScores, evalLabels, rest));
    adapted.forEach((tensor) => tensor.dispose());
  }
  setTopWeights(layers, metaWeights);
  metaWeights.forEach((tensor) => tensor.dispose());

  const bowScores = await bowTransferScores(
    selectRows(data.data, trainRows),
    selectRows(data.data, evalRows),
    seed,
  );

  return {
    repository,
    trainRepositories: [...new Set(trainRows.map((row) => data.repositories[row]!))].sort(),
    evalRows: evalRows.length,
    evalPositives: evalLabels.filter((label) => label === 1).length,
    withoutAdaptation: transferMetrics(baseScores, evalLabels, everyRow),
    adapted: meanMetrics(adaptedMetrics),
    withoutAdaptationSameRows: meanMetrics(sameRowMetrics),
    bow: transferMetrics(bowScores, evalLabels, everyRow),
    draws: settings.draws,
  };
}

/**
 * Runs every LORO fold not yet in the run's notes, saving after each one. The model's
 * weights change, so the caller restores the shipped weights afterwards.
 */
export async function runLoro(
  input: WindowStageInput,
  data: LoroData,
  fewShot: FewShotSettings,
  settings: LoroSettings,
): Promise<LoroFoldResult[]> {
  const { run } = input;
  const results: LoroFoldResult[] = [];
  for (const repository of [...new Set(data.repositories)].sort()) {
    const key = `loro:${repository}`;
    if (run.notes[key] === undefined) {
      run.notes[key] = await runFold(input, data, repository, fewShot, settings);
      run.save(`${key}:done`, 0, null);
      if (run.options.quiet !== true) {
        const result = run.notes[key] as LoroFoldResult;
        const prAuc = result.withoutAdaptation.prAuc.toFixed(4);
        console.error(
          `superperforator LORO ${repository}: PR-AUC ${prAuc} ` +
            `adapted ${result.adapted.prAuc.toFixed(4)} BoW ${result.bow.prAuc.toFixed(4)}`,
        );
      }
    }
    results.push(run.notes[key] as LoroFoldResult);
  }
  return results;
}
