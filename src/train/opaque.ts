/**
 * Trains the code-opaque model: a small MLP over change metadata only (size, file extensions,
 * base paths, test files changed, author tenure), written as a bundle with its CARD.md.
 */
import { cpus } from 'node:os';

import {
  basePathOf,
  extensionOf,
  filePath,
  OpaqueFeaturizer,
  OTHER,
  rawOpaqueNumeric,
  TENURE_BUCKETS,
  type OpaqueFeatureSettings,
} from '../core/features/opaque.ts';
import { columnStats } from '../core/features/size.ts';
import { MANIFEST_FORMAT_VERSION } from '../core/model/types.ts';
import { finishBundle, trainingRecord, type FinishedBundle } from './bundleRun.ts';
import { balancedClassWeights } from './classWeights.ts';
import { loadSplit, type LabelledPatches } from './data.ts';
import { buildClassifier, countParameters } from './fit.ts';
import { renderMetadataCard } from './metadataCard.ts';
import { denseTrainingRows, fitWithEpochSelection } from './select.ts';
import { trainSizeModel, sizeModelScores } from './sizeBaseline.ts';

/** Extensions and base paths in fewer train diffs than this share the `<other>` slot. */
export const MIN_VALUE_COUNT = 20;

export const OPAQUE_FIT = { hidden: [16], learningRate: 1e-3, l2: 1e-3, batchSize: 64 };

export interface OpaqueTrainOptions {
  outDir: string;
  seed: number;
  epochs: number;
  command: string;
}

/** Returns values present in at least `minCount` rows (counted once per row), sorted. */
function frequentValues(valuesByRow: string[][], minCount: number): string[] {
  const counts = new Map<string, number>();
  for (const values of valuesByRow) {
    for (const value of new Set(values)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  return [...counts].filter(([, count]) => count >= minCount).map(([value]) => value).sort();
}

/** Returns the most common value of a list; ties go to the first seen. */
function mostCommon<T>(values: T[]): T {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

/** Learns the featurizer settings (vocabularies, defaults, numeric statistics) from train. */
export function opaqueSettings(train: LabelledPatches): OpaqueFeatureSettings {
  const paths = train.patches.map((patch) => patch.files.map(filePath));
  const extensions = frequentValues(paths.map((list) => list.map(extensionOf)), MIN_VALUE_COUNT);
  const basePaths = frequentValues(paths.map((list) => list.map(basePathOf)), MIN_VALUE_COUNT);
  const defaults = {
    authorTenure: mostCommon(train.rows.map((row) => row.author_tenure)),
    testFilesChanged: mostCommon(train.rows.map((row) => row.test_files_changed)),
  };
  const numeric = train.patches.map((patch, i) =>
    rawOpaqueNumeric(patch, train.rows[i]!.test_files_changed),
  );
  const { mean, std } = columnStats(numeric);

  const settings: OpaqueFeatureSettings = {
    inputSize: 0,
    extensions: [...extensions, OTHER],
    basePaths: [...basePaths, OTHER],
    tenureBuckets: TENURE_BUCKETS,
    numericMean: mean,
    numericStd: std,
    defaults,
  };
  settings.inputSize = new OpaqueFeaturizer(settings).inputSize;
  return settings;
}

/** Trains, evaluates and writes the opaque bundle to `options.outDir`. */
export async function trainOpaque(options: OpaqueTrainOptions): Promise<FinishedBundle> {
  const started = Date.now();
  const train = loadSplit('train');
  const val = loadSplit('val');

  const settings = opaqueSettings(train);
  const featurizer = new OpaqueFeaturizer(settings);
  const trainRows = denseTrainingRows(
    featurizer.featurize(train.patches, train.metadata),
    featurizer.inputSize,
    train.labels,
  );
  const valRows = denseTrainingRows(
    featurizer.featurize(val.patches, val.metadata),
    featurizer.inputSize,
    val.labels,
  );

  const model = buildClassifier({
    inputSize: featurizer.inputSize,
    hidden: OPAQUE_FIT.hidden,
    seed: options.seed,
  });
  const selection = await fitWithEpochSelection(model, trainRows, valRows, {
    epochs: options.epochs,
    batchSize: OPAQUE_FIT.batchSize,
    learningRate: OPAQUE_FIT.learningRate,
    l2: OPAQUE_FIT.l2,
    seed: options.seed,
    classWeights: balancedClassWeights(train.labels),
    progressLabel: 'opaque',
  });

  const size = await trainSizeModel(train, options.seed);
  const sizeValScores = await sizeModelScores(size, val);
  size.model.dispose();

  const seconds = (Date.now() - started) / 1000;
  const parameters = countParameters(model);
  const finished = await finishBundle({
    outDir: options.outDir,
    draft: {
      formatVersion: MANIFEST_FORMAT_VERSION,
      id: 'opaque',
      family: 'opaque',
      version: '1.0.0',
      description: 'Code-opaque: an MLP over change metadata (size, paths, tenure), no code.',
      features: { ...settings },
      training: trainingRecord(options, seconds),
    },
    model,
    extraFiles: new Map(),
    val,
    renderCard: (report, valScores) =>
      renderMetadataCard({
        title: 'Code-opaque model (opaque)',
        summary:
          'Predicts whether a change introduces a CPU performance regression from its metadata ' +
          'alone, without reading code, like the code-opaque model of the SuperPerforator ' +
          'study (Beller et al., AST 2023).',
        features: [
          `Numeric, standardized on train: log1p of files changed, added lines, removed lines ` +
            `and test files changed.`,
          `File extensions, multi-hot: ${settings.extensions.join(', ')}.`,
          `Base paths (first three folders), multi-hot: ${settings.basePaths.length - 1} values ` +
            `in at least ${MIN_VALUE_COUNT} train diffs, the rest in ${OTHER}.`,
          `Author tenure bucket, one-hot: ${TENURE_BUCKETS.join(', ')}.`,
          `Unknown metadata (the UI may not know it) falls back to the most common train value: ` +
            `tenure ${settings.defaults.authorTenure}, ` +
            `${settings.defaults.testFilesChanged} test files changed.`,
        ],
        architecture:
          `MLP: ${featurizer.inputSize} inputs, Dense(${OPAQUE_FIT.hidden.join(', ')}, ReLU), ` +
          `Dense(1, sigmoid); ${parameters} parameters. Adam, learning rate ` +
          `${OPAQUE_FIT.learningRate}, L2 ${OPAQUE_FIT.l2}, batch ${OPAQUE_FIT.batchSize}, ` +
          `balanced class weights, up to ${options.epochs} epochs; the epoch with the best val ` +
          `PR-AUC (${selection.bestEpoch}) was kept.`,
        train,
        val,
        report,
        valScores,
        sizeValScores,
        valChose: 'the epoch and the threshold',
        limits: [
          'Base paths and tenure are specific to these four repositories and do not transfer ' +
            'to other codebases.',
          'Base paths partly identify the repository, whose positive rate differs (0.4-3%).',
        ],
        command: options.command,
        seconds,
        cpus: cpus().length,
      }),
  });
  model.dispose();
  return finished;
}
