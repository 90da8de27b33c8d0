import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  encodeDiffText,
  SEQUENCE_SPECIAL_TOKENS,
} from '../../src/core/features/subword-sequence.ts';
import {
  buildGenericModel,
  genericLayersOf,
} from '../../src/core/model/transformer/generic-model.ts';
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';
import { loadCheckpoint, modelWeightArrays } from '../../src/train/checkpoint.ts';
import { StagedRun, StageInterrupted } from '../../src/train/staged-run.ts';
import { pretrainGeneric, type GenericStageInput } from '../../src/train/transformer-stages.ts';
import { CORPUS, tinyArchitecture, tinySequenceTokenizer } from './tiny-transformers.ts';

const SEED = 5;
const STEPS = 6;

/** Runs MLM pretraining on the tiny corpus; returns the final weights. */
async function pretrain(
  checkpointDir: string | null,
  stepBudget?: number,
): Promise<Float32Array[]> {
  const tokenizer = tinySequenceTokenizer();
  const architecture = tinyArchitecture(false, tokenizer.vocabSize);
  const model = buildGenericModel(architecture, SEED);
  const run = new StagedRun(model, {
    family: 'transformer',
    seed: SEED,
    checkpointDir,
    checkpointEvery: 1,
    stepBudget,
    quiet: true,
  });
  const sequences = CORPUS.map((text) => encodeDiffText(tokenizer, text, architecture.maxLength));
  const input: GenericStageInput = {
    run,
    layers: genericLayersOf(model, architecture),
    architecture,
    schedule: {
      pretrainSteps: STEPS,
      pretrainBatch: 2,
      pretrainLearningRate: 1e-2,
      finetuneEpochs: 1,
      finetuneBatch: 2,
      finetuneLearningRate: 1e-2,
      negativesPerPositive: 1,
      warmupFraction: 0.2,
    },
    masking: {
      maskId: tokenizer.tokenId('[MASK]'),
      firstMaskableId: SEQUENCE_SPECIAL_TOKENS.length,
      vocabSize: architecture.vocabSize,
    },
    pretrain: sequences,
    train: { sequences, labels: Uint8Array.from([1, 0, 0, 1]) },
    val: { sequences, labels: Uint8Array.from([1, 0, 0, 1]) },
    seed: SEED,
  };
  try {
    await pretrainGeneric(input);
    return modelWeightArrays(model);
  } finally {
    model.dispose();
  }
}

describe('training checkpoints', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'perflens-checkpoint-'));
    dirs.push(dir);
    return dir;
  };

  beforeAll(async () => {
    await setupTfjsBackend('wasm');
  });

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('step budget stops the run', async () => {
    await expect(pretrain(tempDir(), 3)).rejects.toBeInstanceOf(StageInterrupted);
  });

  it('checkpoint records the stopping step', async () => {
    const dir = tempDir();
    await pretrain(dir, 3).catch(() => undefined);
    const checkpoint = loadCheckpoint(dir);
    expect(checkpoint?.stage).toBe('pretrain');
    expect(checkpoint?.stageStep).toBe(3);
  });

  it('resumed run matches uninterrupted run', async () => {
    const uninterrupted = await pretrain(null);

    const dir = tempDir();
    await pretrain(dir, 3).catch((error: unknown) => {
      if (!(error instanceof StageInterrupted)) throw error;
    });
    const resumed = await pretrain(dir);

    expect(resumed.length).toBe(uninterrupted.length);
    for (let i = 0; i < resumed.length; i++) {
      const same = Buffer.from(resumed[i]!.buffer).equals(Buffer.from(uninterrupted[i]!.buffer));
      expect(same, `weight ${i}`).toBe(true);
    }
  });

  it('training leaks no tensors', async () => {
    await pretrain(null);
    const before = tf.memory().numTensors;
    await pretrain(null);
    expect(tf.memory().numTensors).toBe(before);
  });
});
