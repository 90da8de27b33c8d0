/**
 * Training stages of the generic Transformer: MLM pretraining on token sequences (labels
 * unused), then fine-tuning on labels with class weights, keeping the epoch with the best val
 * PR-AUC. Each step's batch, masking and dropout derive from (seed, stage, step), so a run
 * resumed from a checkpoint repeats the uninterrupted run.
 */
import * as tf from '@tensorflow/tfjs';

import { averagePrecision } from '../core/eval/metrics.ts';
import { padSequences } from '../core/features/subword-sequence.ts';
import {
  layerVariables,
  runEncoder,
  type EncoderArchitecture,
} from '../core/model/transformer/encoder.ts';
import { genericLogits, type GenericLayers } from '../core/model/transformer/generic-model.ts';
import { warmupLinearDecay } from './adam.ts';
import { balancedClassWeights } from './classWeights.ts';
import { weightedLogitLoss } from './logit-loss.ts';
import { maskTokens, mlmLoss, type MaskingOptions } from './mlm.ts';
import type { StagedRun } from './staged-run.ts';
import { shuffleInPlace } from './random.ts';
import { epochRows, epochSize, stepRandom } from './transformer-data.ts';

/** Steps between two entries of the loss traces kept in the checkpoint notes. */
const TRACE_EVERY = 10;

export interface GenericSchedule {
  pretrainSteps: number;
  pretrainBatch: number;
  pretrainLearningRate: number;
  finetuneEpochs: number;
  finetuneBatch: number;
  finetuneLearningRate: number;
  negativesPerPositive: number;
  /** Share of a stage's steps spent warming the learning rate up. */
  warmupFraction: number;
}

export interface SequenceData {
  sequences: { ids: number[] }[];
  labels: Uint8Array;
}

export interface GenericStageInput {
  run: StagedRun;
  layers: GenericLayers;
  architecture: EncoderArchitecture;
  schedule: GenericSchedule;
  masking: MaskingOptions;
  /** Sequences for MLM pretraining (train and val diffs; labels unused). */
  pretrain: { ids: number[] }[];
  train: SequenceData;
  val: SequenceData;
  seed: number;
}

export interface EpochResult {
  epoch: number;
  meanLoss: number;
  valPrAuc: number;
}

const BEST_SNAPSHOT = 'best-finetune';

/** Returns the sigmoid probabilities of sequences, in batches. */
export function genericProbabilities(
  layers: GenericLayers,
  sequences: readonly { ids: readonly number[] }[],
  batchSize = 64,
): Float32Array {
  const probabilities = new Float32Array(sequences.length);
  for (let start = 0; start < sequences.length; start += batchSize) {
    const batch = sequences.slice(start, start + batchSize);
    const { ids, length } = padSequences(batch);
    const output = tf.tidy(() =>
      tf.sigmoid(genericLogits(layers, tf.tensor2d(ids, [batch.length, length], 'int32'))),
    );
    probabilities.set(output.dataSync(), start);
    output.dispose();
  }
  return probabilities;
}

function allVariables(layers: GenericLayers): tf.Variable[] {
  const encoder = layers.encoder;
  const encoderLayers = [
    encoder.tokenEmbedding,
    encoder.positionEmbedding,
    ...encoder.blocks,
    encoder.finalNorm,
  ];
  return encoderLayers.flatMap(layerVariables);
}

/** Runs MLM pretraining; returns the loss of every step run in this process. */
export async function pretrainGeneric(input: GenericStageInput): Promise<number[]> {
  const { run, layers, schedule, masking, pretrain, seed } = input;
  const losses: number[] = [];
  const stepsPerEpoch = Math.max(1, Math.floor(pretrain.length / schedule.pretrainBatch));
  let orderEpoch = -1;
  let order: number[] = [];

  await run.runStage({
    name: 'pretrain',
    totalSteps: schedule.pretrainSteps,
    variables: [...allVariables(layers), ...layerVariables(layers.encoder.mlmHead)],
    learningRate: (step) =>
      warmupLinearDecay(
        schedule.pretrainLearningRate,
        step,
        schedule.pretrainSteps,
        Math.ceil(schedule.warmupFraction * schedule.pretrainSteps),
      ),
    loss: (step) => {
      const epoch = Math.floor(step / stepsPerEpoch);
      if (epoch !== orderEpoch) {
        const indexes = Array.from({ length: pretrain.length }, (_, i) => i);
        order = shuffleInPlace(indexes, stepRandom(seed, 'pretrain-order', epoch));
        orderEpoch = epoch;
      }
      const offset = (step % stepsPerEpoch) * schedule.pretrainBatch;
      const batch = order.slice(offset, offset + schedule.pretrainBatch).map((i) => pretrain[i]!);
      const { ids, length } = padSequences(batch);
      const masked = maskTokens(ids, masking, stepRandom(seed, 'pretrain-mask', step));

      const inputIds = tf.tensor2d(masked.inputIds, [batch.length, length], 'int32');
      const { states } = runEncoder(layers.encoder, inputIds, null, {
        training: true,
        dropoutSeed: step,
      });
      return mlmLoss(layers.encoder, states, masked, input.architecture.vocabSize);
    },
    afterStep: (step, loss) => {
      losses.push(loss);
      run.trace('pretrainTrace', step, loss, TRACE_EVERY);
      return false;
    },
  });
  return losses;
}

/**
 * Fine-tunes the whole model on the train labels, evaluates val PR-AUC after each epoch and
 * leaves the model at the best epoch. Returns the loss of every step run in this process.
 */
export async function finetuneGeneric(input: GenericStageInput): Promise<number[]> {
  const { run, layers, schedule, train, val, seed } = input;
  const rowsPerEpoch = epochSize(train.labels, schedule.negativesPerPositive);
  const stepsPerEpoch = Math.max(1, Math.floor(rowsPerEpoch / schedule.finetuneBatch));
  const totalSteps = stepsPerEpoch * schedule.finetuneEpochs;
  const losses: number[] = [];
  let orderEpoch = -1;
  let order: number[] = [];
  const history = (run.notes.finetuneHistory as EpochResult[] | undefined) ?? [];

  const rowsOf = (epoch: number) => {
    if (epoch !== orderEpoch) {
      order = epochRows(train.labels, schedule.negativesPerPositive, seed, epoch);
      orderEpoch = epoch;
    }
    return order;
  };
  // Balanced weights of an epoch's sample: the same in every epoch, as the sample size is.
  const sampleLabels = rowsOf(0).map((row) => train.labels[row]!);
  const classWeights = balancedClassWeights(sampleLabels);

  await run.runStage({
    name: 'finetune',
    totalSteps,
    variables: [
      ...allVariables(layers),
      ...layerVariables(layers.pooling),
      ...layerVariables(layers.classifier),
    ],
    learningRate: (step) =>
      warmupLinearDecay(
        schedule.finetuneLearningRate,
        step,
        totalSteps,
        Math.ceil(schedule.warmupFraction * totalSteps),
      ),
    loss: (step) => {
      const epoch = Math.floor(step / stepsPerEpoch);
      const offset = (step % stepsPerEpoch) * schedule.finetuneBatch;
      const rows = rowsOf(epoch).slice(offset, offset + schedule.finetuneBatch);
      const { ids, length } = padSequences(rows.map((row) => train.sequences[row]!));
      const batchIds = tf.tensor2d(ids, [rows.length, length], 'int32');
      const logits = genericLogits(layers, batchIds, { training: true, dropoutSeed: step });
      const labels = rows.map((row) => train.labels[row]!);
      return weightedLogitLoss(logits, labels, classWeights);
    },
    afterStep: (step, loss) => {
      losses.push(loss);
      run.trace('finetuneTrace', step, loss, TRACE_EVERY);
      const sum = (run.notes.epochLossSum as number | undefined) ?? 0;
      run.notes.epochLossSum = sum + loss;
      if ((step + 1) % stepsPerEpoch !== 0) return false;

      const epoch = (step + 1) / stepsPerEpoch - 1;
      const valPrAuc = averagePrecision(genericProbabilities(layers, val.sequences), val.labels);
      const meanLoss = (run.notes.epochLossSum as number) / stepsPerEpoch;
      run.notes.epochLossSum = 0;
      const best = history.reduce((max, result) => Math.max(max, result.valPrAuc), -Infinity);
      history.push({ epoch, meanLoss, valPrAuc });
      run.notes.finetuneHistory = history;
      // The first epoch is always stored, even when val PR-AUC is NaN (val without positives).
      if (history.length === 1 || valPrAuc > best) run.saveSnapshot(BEST_SNAPSHOT);
      if (run.options.quiet !== true) {
        console.error(`transformer finetune: epoch ${epoch} val PR-AUC ${valPrAuc.toFixed(4)}`);
      }
      return true;
    },
  });

  run.restoreSnapshot(BEST_SNAPSHOT);
  return losses;
}
