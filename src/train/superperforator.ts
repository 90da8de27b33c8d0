/**
 * Trains SuperPerforator (`models/superperforator`). Steps: a BPE tokenizer over diff lines,
 * MLM pretraining on windows of the train and val diffs (labels unused), a first fine-tuning
 * on train labels, a second few-shot fine-tuning (Reptile over repositories), the threshold on
 * val, and the leave-one-repository-out table of the card. The run resumes from its checkpoints.
 */
import { cpus } from 'node:os';

import {
  WINDOW_SPECIAL_TOKENS,
  type DiffWindowSettings,
} from '../core/features/diff-windows.ts';
import type { EncoderArchitecture } from '../core/model/transformer/encoder.ts';
import {
  buildSuperPerforatorModel,
  superPerforatorLayersOf,
} from '../core/model/transformer/superperforator-model.ts';
import { MANIFEST_FORMAT_VERSION } from '../core/model/types.ts';
import { BpeTokenizer } from '../core/tokenize/subword/bpe-tokenizer.ts';
import { lineWords } from '../core/tokenize/subword/pretokenize.ts';
import { finishBundle, trainingRecord, type FinishedBundle } from './bundleRun.ts';
import { loadSplit, type LabelledPatches } from './data.ts';
import { countParameters } from './fit.ts';
import { runLoro, PRETRAINED_SNAPSHOT, type LoroSettings } from './loro.ts';
import { shippedBowReport } from './shipped-bow.ts';
import { sizeModelScores, trainSizeModel } from './sizeBaseline.ts';
import { StagedRun } from './staged-run.ts';
import { runFewShotStage, SHIPPED_SNAPSHOT } from './superperforator-fewshot.ts';
import { renderSuperPerforatorCard } from './superperforator-card.ts';
import { compactDiff, windowTexts } from './superperforator-data.ts';
import {
  finetuneWindows,
  pretrainWindows,
  type WindowSchedule,
  type WindowStageInput,
} from './superperforator-stages.ts';
import { runTokenizer, TOKENIZER_FILE } from './transformer.ts';
import type { FewShotSettings } from './fewshot.ts';
import type { EpochResult } from './transformer-stages.ts';

/**
 * One block, where the generic Transformer has two: the wasm backend's batched matMul (the
 * attention products) dominates the cost of a window, and one block keeps scoring a fresh
 * 100-line diff near the live-scoring budget while cached windows cost nothing.
 */
export const SUPERPERFORATOR_ARCHITECTURE: EncoderArchitecture = {
  vocabSize: 4096,
  dim: 64,
  heads: 4,
  feedForwardDim: 256,
  blocks: 1,
  maxLength: 128,
  dropoutRate: 0.1,
  lineKinds: true,
};

export const WINDOW_SETTINGS: DiffWindowSettings = {
  tokenizerFile: TOKENIZER_FILE,
  windowLength: 128,
  maxPathTokens: 16,
  maxSectionTokens: 12,
};

/** Sized to train in about an hour on 2 shared cores (wasm backend). CARD.md has the time. */
export const SUPERPERFORATOR_SCHEDULE: WindowSchedule = {
  pretrainSteps: 250,
  pretrainBatch: 32,
  pretrainLearningRate: 1e-3,
  finetuneEpochs: 2,
  finetuneBatch: 8,
  finetuneLearningRate: 3e-4,
  negativesPerPositive: 4,
  trainWindowCap: 6,
  selectionWindowCap: 4,
  warmupFraction: 0.06,
};

/** Changes to the schedule for the fine-tuning of each LORO fold, to bound its time. */
export const LORO_SCHEDULE: Partial<WindowSchedule> = {
  finetuneEpochs: 1,
  negativesPerPositive: 2,
  trainWindowCap: 4,
};

/** 20-shot episodes: 5 positives and 15 negatives, as positives are rare in every repository. */
export const FEW_SHOT: FewShotSettings = {
  shotPositives: 5,
  shotNegatives: 15,
  metaSteps: 150,
  innerSteps: 5,
  innerLearningRate: 0.05,
  metaLearningRate: 0.5,
  adaptSteps: 10,
};

export const LORO_SETTINGS: LoroSettings = {
  evalNegatives: 500,
  poolNegatives: 100,
  draws: 3,
  windowCap: 4,
};

export interface SuperPerforatorTrainOptions {
  outDir: string;
  seed: number;
  command: string;
  checkpointDir: string | null;
  epochs?: number;
  schedule?: Partial<WindowSchedule>;
  train?: LabelledPatches;
  val?: LabelledPatches;
  /** Skips the leave-one-repository-out evaluation, for quick runs; the card then shows none. */
  skipLoro?: boolean;
  /** Overrides of FEW_SHOT and LORO_SETTINGS, for quick runs. */
  fewShot?: Partial<FewShotSettings>;
  loro?: Partial<LoroSettings>;
}

export async function trainSuperPerforator(
  options: SuperPerforatorTrainOptions,
): Promise<FinishedBundle> {
  const architecture = SUPERPERFORATOR_ARCHITECTURE;
  const schedule = { ...SUPERPERFORATOR_SCHEDULE, ...options.schedule };
  if (options.epochs !== undefined) schedule.finetuneEpochs = options.epochs;

  const train = options.train ?? loadSplit('train');
  const val = options.val ?? loadSplit('val');
  const model = buildSuperPerforatorModel(architecture, options.seed);
  const run = new StagedRun(model, {
    family: 'superperforator',
    seed: options.seed,
    checkpointDir: options.checkpointDir,
    checkpointEvery: 25,
  });

  const tokenizerJson = runTokenizer(
    run,
    windowTexts(train.patches),
    WINDOW_SPECIAL_TOKENS,
    architecture.vocabSize,
    lineWords,
  );
  const tokenizer = new BpeTokenizer(tokenizerJson);
  const compact = (patch: LabelledPatches['patches'][number]) =>
    compactDiff(patch, tokenizer, WINDOW_SETTINGS);
  const trainDiffs = train.patches.map(compact);
  const valDiffs = val.patches.map(compact);

  const input: WindowStageInput = {
    run,
    layers: superPerforatorLayersOf(model, architecture),
    architecture,
    schedule,
    masking: {
      maskId: tokenizer.tokenId('[MASK]'),
      firstMaskableId: WINDOW_SPECIAL_TOKENS.length,
      vocabSize: architecture.vocabSize,
    },
    seed: options.seed,
  };

  const pretrainedBefore = run.isDone('pretrain');
  await pretrainWindows(input, [...trainDiffs, ...valDiffs]);
  if (!pretrainedBefore) run.saveSnapshot(PRETRAINED_SNAPSHOT);

  const trainData = { diffs: trainDiffs, labels: train.labels };
  const valData = { diffs: valDiffs, labels: val.labels };
  await finetuneWindows(input, trainData, valData);
  const fewShotSettings = { ...FEW_SHOT, ...options.fewShot };
  const loroSettings = { ...LORO_SETTINGS, ...options.loro };
  const fewShot = runFewShotStage(input, train, trainData, valData, fewShotSettings);

  const loro = options.skipLoro
    ? []
    : await runLoro(
        { ...input, schedule: { ...schedule, ...LORO_SCHEDULE } },
        {
          data: concatData(train, val),
          diffs: [...trainDiffs, ...valDiffs],
          repositories: [...train.rows, ...val.rows].map((row) => row.repo),
          splits: [
            ...train.rows.map(() => 'train' as const),
            ...val.rows.map(() => 'val' as const),
          ],
        },
        fewShotSettings,
        loroSettings,
      );
  run.restoreSnapshot(SHIPPED_SNAPSHOT);

  const size = await trainSizeModel(train, options.seed);
  const sizeValScores = await sizeModelScores(size, val);
  size.model.dispose();
  const bowReport = await shippedBowReport(val);

  const seconds = run.elapsedSeconds();
  const windowCounts = trainDiffs.map((diff) => diff.ids.length);
  const finished = await finishBundle({
    outDir: options.outDir,
    draft: {
      formatVersion: MANIFEST_FORMAT_VERSION,
      id: 'superperforator',
      family: 'superperforator',
      version: '1.0.0',
      description:
        `SuperPerforator: hierarchical diff-aware Transformer, ${architecture.blocks} blocks of ` +
        `width ${architecture.dim} over windows of ${WINDOW_SETTINGS.windowLength} tokens.`,
      features: { ...WINDOW_SETTINGS, architecture },
      training: trainingRecord(options, seconds),
    },
    model,
    extraFiles: new Map([[TOKENIZER_FILE, JSON.stringify(tokenizerJson)]]),
    val,
    renderCard: (report, valScores) =>
      renderSuperPerforatorCard({
        train,
        val,
        report,
        valScores,
        sizeValScores,
        bowReport,
        architecture,
        windowSettings: WINDOW_SETTINGS,
        schedule,
        loroSchedule: LORO_SCHEDULE,
        fewShotSettings,
        loroSettings,
        parameters: countParameters(model),
        windowCounts,
        pretrainTrace: (run.notes.pretrainTrace as [number, number][] | undefined) ?? [],
        history: (run.notes.finetuneHistory as EpochResult[] | undefined) ?? [],
        fewShot,
        loro,
        command: options.command,
        seconds,
        cpus: cpus().length,
      }),
  });
  model.dispose();
  return finished;
}

/** Joins train and val rows, patches, labels and metadata in that order. */
function concatData(train: LabelledPatches, val: LabelledPatches): LabelledPatches {
  return {
    rows: [...train.rows, ...val.rows],
    patches: [...train.patches, ...val.patches],
    labels: Uint8Array.from([...train.labels, ...val.labels]),
    metadata: [...train.metadata, ...val.metadata],
  };
}
