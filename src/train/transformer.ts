/**
 * Trains the generic Transformer (`models/transformer`), the CodeBERT analogue. Steps: a BPE
 * tokenizer learned on train diffs, MLM pretraining on train and val diffs (labels unused),
 * class-weighted fine-tuning on train labels with the epoch chosen on val PR-AUC, and the
 * threshold chosen on val. The run resumes from its checkpoint folder.
 */
import { cpus } from 'node:os';
import { join } from 'node:path';

import { serializePatch } from '../core/diff/serialize.ts';
import {
  encodeDiffText,
  SEQUENCE_SPECIAL_TOKENS,
  type SubwordSequenceSettings,
} from '../core/features/subword-sequence.ts';
import type { EncoderArchitecture } from '../core/model/transformer/encoder.ts';
import { buildGenericModel, genericLayersOf } from '../core/model/transformer/generic-model.ts';
import { MANIFEST_FORMAT_VERSION } from '../core/model/types.ts';
import { PROJECT_ROOT } from '../node/dataset.ts';
import { BpeTokenizer, type BpeTokenizerJson } from '../core/tokenize/subword/bpe-tokenizer.ts';
import { textWords } from '../core/tokenize/subword/pretokenize.ts';
import { finishBundle, trainingRecord, type FinishedBundle } from './bundleRun.ts';
import { loadSplit, type LabelledPatches } from './data.ts';
import { countParameters } from './fit.ts';
import { shippedBowReport } from './shipped-bow.ts';
import { sizeModelScores, trainSizeModel } from './sizeBaseline.ts';
import { StagedRun } from './staged-run.ts';
import { renderTransformerCard } from './transformer-card.ts';
import { learnTokenizer } from './transformer-data.ts';
import {
  finetuneGeneric,
  pretrainGeneric,
  type EpochResult,
  type GenericSchedule,
} from './transformer-stages.ts';

export const TOKENIZER_FILE = 'tokenizer.json';

/**
 * 4096 subwords: on val, 2048 / 4096 / 8192 subwords give 3.06 / 3.41 / 3.66 characters per
 * token. Doubling to 8192 shortens sequences by 7% but doubles the embedding and MLM-head
 * parameters (each vocabSize x 64), so 4096 is the better trade for a model of this width.
 */
export const TRANSFORMER_VOCAB_SIZE = 4096;

export const TRANSFORMER_ARCHITECTURE: EncoderArchitecture = {
  vocabSize: TRANSFORMER_VOCAB_SIZE,
  dim: 64,
  heads: 4,
  feedForwardDim: 256,
  blocks: 2,
  maxLength: 256,
  dropoutRate: 0.1,
  lineKinds: false,
};

/** Sized to train in well under an hour on 2 shared cores (wasm backend). CARD.md has the time. */
export const TRANSFORMER_SCHEDULE: GenericSchedule = {
  pretrainSteps: 200,
  pretrainBatch: 32,
  pretrainLearningRate: 1e-3,
  finetuneEpochs: 4,
  finetuneBatch: 32,
  finetuneLearningRate: 3e-4,
  negativesPerPositive: 6,
  warmupFraction: 0.06,
};

/**
 * Default checkpoint folder of a family and seed: under `.perflens-tmp/` in the project (not
 * committed), or under PERFLENS_CHECKPOINT_DIR when that variable is set.
 */
export function defaultCheckpointDir(family: string, seed: number): string {
  const root =
    process.env.PERFLENS_CHECKPOINT_DIR ?? join(PROJECT_ROOT, '.perflens-tmp', 'checkpoints');
  return join(root, `${family}-seed${seed}`);
}

export interface TransformerTrainOptions {
  outDir: string;
  seed: number;
  /** Command line recorded in the manifest and card. */
  command: string;
  /** Checkpoint folder; a run finds its checkpoint there and resumes. Null keeps none. */
  checkpointDir: string | null;
  /** Fine-tuning epochs; defaults to TRANSFORMER_SCHEDULE's. */
  epochs?: number;
  /** Overrides of TRANSFORMER_SCHEDULE, for quick runs. */
  schedule?: Partial<GenericSchedule>;
  train?: LabelledPatches;
  val?: LabelledPatches;
}

/** Returns the tokenizer JSON stored in the run's notes, learning it first when missing. */
export function runTokenizer(
  run: StagedRun,
  texts: Iterable<string>,
  specialTokens: readonly string[],
  vocabSize: number,
  splitWords = textWords,
): BpeTokenizerJson {
  if (run.notes.tokenizer === undefined) {
    run.notes.tokenizer = learnTokenizer(texts, splitWords, specialTokens, vocabSize);
    run.save('tokenizer:done', 0, null);
  }
  return run.notes.tokenizer as BpeTokenizerJson;
}

export async function trainTransformer(options: TransformerTrainOptions): Promise<FinishedBundle> {
  const architecture = TRANSFORMER_ARCHITECTURE;
  const schedule = { ...TRANSFORMER_SCHEDULE, ...options.schedule };
  if (options.epochs !== undefined) schedule.finetuneEpochs = options.epochs;

  const train = options.train ?? loadSplit('train');
  const val = options.val ?? loadSplit('val');
  const trainTexts = train.patches.map(serializePatch);
  const valTexts = val.patches.map(serializePatch);

  const model = buildGenericModel(architecture, options.seed);
  const run = new StagedRun(model, {
    family: 'transformer',
    seed: options.seed,
    checkpointDir: options.checkpointDir,
    checkpointEvery: 25,
  });

  const tokenizerJson = runTokenizer(
    run,
    trainTexts,
    SEQUENCE_SPECIAL_TOKENS,
    architecture.vocabSize,
  );
  const tokenizer = new BpeTokenizer(tokenizerJson);
  const encode = (text: string) => encodeDiffText(tokenizer, text, architecture.maxLength);
  const trainSequences = trainTexts.map(encode);
  const valSequences = valTexts.map(encode);

  const stageInput = {
    run,
    layers: genericLayersOf(model, architecture),
    architecture,
    schedule,
    masking: {
      maskId: tokenizer.tokenId('[MASK]'),
      firstMaskableId: SEQUENCE_SPECIAL_TOKENS.length,
      vocabSize: architecture.vocabSize,
    },
    pretrain: [...trainSequences, ...valSequences],
    train: { sequences: trainSequences, labels: train.labels },
    val: { sequences: valSequences, labels: val.labels },
    seed: options.seed,
  };
  await pretrainGeneric(stageInput);
  await finetuneGeneric(stageInput);

  const size = await trainSizeModel(train, options.seed);
  const sizeValScores = await sizeModelScores(size, val);
  size.model.dispose();
  const bowReport = await shippedBowReport(val);

  const seconds = run.elapsedSeconds();
  const features: SubwordSequenceSettings & { architecture: EncoderArchitecture } = {
    tokenizerFile: TOKENIZER_FILE,
    maxLength: architecture.maxLength,
    architecture,
  };
  const truncatedShare =
    trainSequences.filter((sequence) => sequence.truncated).length / trainSequences.length;

  const finished = await finishBundle({
    outDir: options.outDir,
    draft: {
      formatVersion: MANIFEST_FORMAT_VERSION,
      id: 'transformer',
      family: 'transformer',
      version: '1.0.0',
      description:
        `Generic Transformer: ${architecture.blocks} blocks, width ${architecture.dim}, over ` +
        `the first ${architecture.maxLength} BPE tokens of the raw diff text.`,
      features: { ...features },
      training: trainingRecord(options, seconds),
    },
    model,
    extraFiles: new Map([[TOKENIZER_FILE, JSON.stringify(tokenizerJson)]]),
    val,
    renderCard: (report, valScores) =>
      renderTransformerCard({
        train,
        val,
        report,
        valScores,
        sizeValScores,
        bowReport,
        architecture,
        schedule,
        parameters: countParameters(model),
        truncatedShare,
        pretrainTrace: (run.notes.pretrainTrace as [number, number][] | undefined) ?? [],
        history: (run.notes.finetuneHistory as EpochResult[] | undefined) ?? [],
        command: options.command,
        seconds,
        cpus: cpus().length,
      }),
  });
  model.dispose();
  return finished;
}
