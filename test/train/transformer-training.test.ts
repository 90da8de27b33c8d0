import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';

import { serializePatch } from '../../src/core/diff/serialize.ts';
import { WINDOW_SPECIAL_TOKENS } from '../../src/core/features/diff-windows.ts';
import {
  encodeDiffText,
  padSequences,
  SEQUENCE_SPECIAL_TOKENS,
} from '../../src/core/features/subword-sequence.ts';
import { runEncoder } from '../../src/core/model/transformer/encoder.ts';
import {
  buildGenericModel,
  genericLayersOf,
  genericLogits,
} from '../../src/core/model/transformer/generic-model.ts';
import {
  buildSuperPerforatorModel,
  diffLogitsFromWindows,
  encodeWindows,
  superPerforatorLayersOf,
} from '../../src/core/model/transformer/superperforator-model.ts';
import { BpeTokenizer } from '../../src/core/tokenize/subword/bpe-tokenizer.ts';
import { lineWords, textWords } from '../../src/core/tokenize/subword/pretokenize.ts';
import { DATASET_MISSING_MESSAGE, findDatasetDir, readSplit } from '../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';
import { balancedClassWeights } from '../../src/train/classWeights.ts';
import { parseRows, type LabelledPatches } from '../../src/train/data.ts';
import { weightedLogitLoss } from '../../src/train/logit-loss.ts';
import { maskTokens, mlmLoss } from '../../src/train/mlm.ts';
import { seededRandom } from '../../src/train/random.ts';
import { StagedRun } from '../../src/train/staged-run.ts';
import { compactDiff, windowBatch, windowTexts } from '../../src/train/superperforator-data.ts';
import { finetuneWindows, type WindowSchedule } from '../../src/train/superperforator-stages.ts';
import { learnTokenizer } from '../../src/train/transformer-data.ts';
import { finetuneGeneric, pretrainGeneric } from '../../src/train/transformer-stages.ts';
import { tinyArchitecture } from './tiny-transformers.ts';

const datasetMissing = findDatasetDir() === null;
if (datasetMissing) console.warn(`Skipping Transformer training tests: ${DATASET_MISSING_MESSAGE}`);

const SEED = 3;

/** 64 train rows: the first 16 positives and the first 48 negatives. */
function sixtyFourRows(): LabelledPatches {
  const rows = readSplit('train');
  const positives = rows.filter((row) => row.label === 1).slice(0, 16);
  const negatives = rows.filter((row) => row.label === 0).slice(0, 48);
  return parseRows([...positives, ...negatives]);
}

function quietRun(model: tf.LayersModel, family: string): StagedRun {
  return new StagedRun(model, {
    family,
    seed: SEED,
    checkpointDir: null,
    checkpointEvery: 1000,
    quiet: true,
  });
}

describe.skipIf(datasetMissing)('tiny Transformer training', () => {
  let data: LabelledPatches;
  const weights = () => balancedClassWeights(data.labels);

  beforeAll(async () => {
    await setupTfjsBackend('wasm');
    data = sixtyFourRows();
  });

  it('generic fine-tuning lowers the loss', async () => {
    const texts = data.patches.map(serializePatch);
    const json = learnTokenizer(texts, textWords, SEQUENCE_SPECIAL_TOKENS, 300, 1);
    const tokenizer = new BpeTokenizer(json);
    const architecture = tinyArchitecture(false, tokenizer.vocabSize);
    const sequences = texts.map((text) => encodeDiffText(tokenizer, text, architecture.maxLength));
    const model = buildGenericModel(architecture, SEED);
    const layers = genericLayersOf(model, architecture);

    const fullLoss = () =>
      tf.tidy(() => {
        const { ids, length } = padSequences(sequences);
        const logits = genericLogits(layers, tf.tensor2d(ids, [sequences.length, length], 'int32'));
        return weightedLogitLoss(logits, data.labels, weights()).dataSync()[0]!;
      });

    const before = fullLoss();
    const input = {
      run: quietRun(model, 'transformer'),
      layers,
      architecture,
      schedule: {
        pretrainSteps: 4,
        pretrainBatch: 16,
        pretrainLearningRate: 1e-2,
        finetuneEpochs: 4,
        finetuneBatch: 16,
        finetuneLearningRate: 3e-3,
        negativesPerPositive: 3,
        warmupFraction: 0.1,
      },
      masking: {
        maskId: tokenizer.tokenId('[MASK]'),
        firstMaskableId: SEQUENCE_SPECIAL_TOKENS.length,
        vocabSize: architecture.vocabSize,
      },
      pretrain: sequences,
      train: { sequences, labels: data.labels },
      val: { sequences, labels: data.labels },
      seed: SEED,
    };
    await finetuneGeneric(input);
    expect(fullLoss()).toBeLessThan(before);
    model.dispose();
  });

  it('generic MLM pretraining lowers the loss', async () => {
    const texts = data.patches.map(serializePatch);
    const tokenizer = new BpeTokenizer(
      learnTokenizer(texts, textWords, SEQUENCE_SPECIAL_TOKENS, 300, 1),
    );
    const architecture = tinyArchitecture(false, tokenizer.vocabSize);
    const sequences = texts.map((text) => encodeDiffText(tokenizer, text, architecture.maxLength));
    const model = buildGenericModel(architecture, SEED);
    const layers = genericLayersOf(model, architecture);
    const masking = {
      maskId: tokenizer.tokenId('[MASK]'),
      firstMaskableId: SEQUENCE_SPECIAL_TOKENS.length,
      vocabSize: architecture.vocabSize,
    };

    // One fixed masked batch of all 64 rows, scored without dropout.
    const { ids, length } = padSequences(sequences);
    const masked = maskTokens(ids, masking, seededRandom(9));
    const fixedLoss = () =>
      tf.tidy(() => {
        const input = tf.tensor2d(masked.inputIds, [sequences.length, length], 'int32');
        const { states } = runEncoder(layers.encoder, input, null);
        return mlmLoss(layers.encoder, states, masked, architecture.vocabSize).dataSync()[0]!;
      });

    const before = fixedLoss();
    await pretrainGeneric({
      run: quietRun(model, 'transformer'),
      layers,
      architecture,
      schedule: {
        pretrainSteps: 12,
        pretrainBatch: 16,
        pretrainLearningRate: 1e-2,
        finetuneEpochs: 1,
        finetuneBatch: 16,
        finetuneLearningRate: 1e-3,
        negativesPerPositive: 3,
        warmupFraction: 0.1,
      },
      masking,
      pretrain: sequences,
      train: { sequences, labels: data.labels },
      val: { sequences, labels: data.labels },
      seed: SEED,
    });
    expect(fixedLoss()).toBeLessThan(before);
    model.dispose();
  });

  it('SuperPerforator fine-tuning lowers the loss', async () => {
    const tokenizer = new BpeTokenizer(
      learnTokenizer(windowTexts(data.patches), lineWords, WINDOW_SPECIAL_TOKENS, 300, 1),
    );
    const architecture = { ...tinyArchitecture(true, tokenizer.vocabSize), maxLength: 64 };
    const settings = {
      tokenizerFile: 'tokenizer.json',
      windowLength: 64,
      maxPathTokens: 8,
      maxSectionTokens: 6,
    };
    const diffs = data.patches.map((patch) => compactDiff(patch, tokenizer, settings));
    const model = buildSuperPerforatorModel(architecture, SEED);
    const layers = superPerforatorLayersOf(model, architecture);
    const schedule: WindowSchedule = {
      pretrainSteps: 2,
      pretrainBatch: 8,
      pretrainLearningRate: 1e-2,
      finetuneEpochs: 4,
      finetuneBatch: 8,
      finetuneLearningRate: 3e-3,
      negativesPerPositive: 3,
      trainWindowCap: 3,
      selectionWindowCap: 3,
      warmupFraction: 0.1,
    };

    // Loss on the first 3 windows of every diff, without dropout.
    const fullLoss = () =>
      tf.tidy(() => {
        const batch = windowBatch(diffs, (diff) =>
          Array.from({ length: Math.min(3, diff.ids.length) }, (_, i) => i),
        );
        const vectors = encodeWindows(layers, batch.ids, batch.kinds);
        const logits = diffLogitsFromWindows(layers, vectors, batch.grouping);
        return weightedLogitLoss(logits, data.labels, weights()).dataSync()[0]!;
      });

    const before = fullLoss();
    const input = {
      run: quietRun(model, 'superperforator'),
      layers,
      architecture,
      schedule,
      masking: {
        maskId: tokenizer.tokenId('[MASK]'),
        firstMaskableId: WINDOW_SPECIAL_TOKENS.length,
        vocabSize: architecture.vocabSize,
      },
      seed: SEED,
    };
    await finetuneWindows(input, { diffs, labels: data.labels }, null);
    expect(fullLoss()).toBeLessThan(before);
    model.dispose();
  });
});
