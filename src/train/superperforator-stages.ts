/**
 * Training stages of SuperPerforator: MLM pretraining on windows of the train and val diffs
 * (labels unused), then fine-tuning of the whole model on train labels with class weights,
 * keeping the epoch with the best val PR-AUC. During training each diff contributes at most
 * `trainWindowCap` windows, drawn per epoch; scoring reads every window.
 */
import * as tf from '@tensorflow/tfjs';

import { averagePrecision } from '../core/eval/metrics.ts';
import {
  layerVariables,
  runEncoder,
  type EncoderArchitecture,
} from '../core/model/transformer/encoder.ts';
import { packWindows } from '../core/model/transformer/window-batch.ts';
import {
  diffLogitsFromWindows,
  encodeWindows,
  type SuperPerforatorLayers,
} from '../core/model/transformer/superperforator-model.ts';
import { warmupLinearDecay } from './adam.ts';
import { balancedClassWeights } from './classWeights.ts';
import { weightedLogitLoss } from './logit-loss.ts';
import { maskTokens, mlmLoss, type MaskingOptions } from './mlm.ts';
import type { StagedRun } from './staged-run.ts';
import { pickWindows, windowBatch, type CompactDiff } from './superperforator-data.ts';
import { epochRows, epochSize, stepRandom } from './transformer-data.ts';
import type { EpochResult } from './transformer-stages.ts';

export interface WindowSchedule {
  pretrainSteps: number;
  /** Windows per MLM step. */
  pretrainBatch: number;
  pretrainLearningRate: number;
  finetuneEpochs: number;
  /** Diffs per fine-tuning step. */
  finetuneBatch: number;
  finetuneLearningRate: number;
  negativesPerPositive: number;
  /** Maximum windows per diff in a fine-tuning step (a random subset per epoch). */
  trainWindowCap: number;
  /** Maximum windows per diff (the first ones) when val chooses the epoch. */
  selectionWindowCap: number;
  warmupFraction: number;
}

export interface WindowData {
  diffs: CompactDiff[];
  labels: Uint8Array;
}

export interface WindowStageInput {
  run: StagedRun;
  layers: SuperPerforatorLayers;
  architecture: EncoderArchitecture;
  schedule: WindowSchedule;
  masking: MaskingOptions;
  seed: number;
}

const TRACE_EVERY = 10;

/** Returns every trainable variable of the encoder and the pooling and classifier layers. */
export function superPerforatorVariables(layers: SuperPerforatorLayers): tf.Variable[] {
  const encoder = layers.encoder;
  return [
    encoder.tokenEmbedding,
    encoder.lineKindEmbedding!,
    encoder.positionEmbedding,
    ...encoder.blocks,
    encoder.finalNorm,
    layers.tokenPooling,
    layers.filePooling,
    layers.diffPooling,
    layers.classifier,
  ].flatMap(layerVariables);
}

/** Runs MLM pretraining on windows drawn uniformly from `diffs`; returns this process's losses. */
export async function pretrainWindows(
  input: WindowStageInput,
  diffs: readonly CompactDiff[],
): Promise<number[]> {
  const { run, layers, schedule, masking, seed } = input;
  const windowRefs: [number, number][] = [];
  diffs.forEach((diff, d) => diff.ids.forEach((_, w) => windowRefs.push([d, w])));
  const losses: number[] = [];
  const encoder = layers.encoder;

  await run.runStage({
    name: 'pretrain',
    totalSteps: schedule.pretrainSteps,
    variables: [
      encoder.tokenEmbedding,
      encoder.lineKindEmbedding!,
      encoder.positionEmbedding,
      ...encoder.blocks,
      encoder.finalNorm,
      encoder.mlmHead,
    ].flatMap(layerVariables),
    learningRate: (step) =>
      warmupLinearDecay(
        schedule.pretrainLearningRate,
        step,
        schedule.pretrainSteps,
        Math.ceil(schedule.warmupFraction * schedule.pretrainSteps),
      ),
    loss: (step) => {
      const random = stepRandom(seed, 'window-pretrain', step);
      const picked = Array.from({ length: schedule.pretrainBatch }, () => {
        const [d, w] = windowRefs[Math.floor(random() * windowRefs.length)]!;
        return { ids: diffs[d]!.ids[w]!, kinds: diffs[d]!.kinds[w]! };
      });
      const { ids, kinds, length } = packWindows(picked);
      const masked = maskTokens(ids, masking, random);
      const shape: [number, number] = [picked.length, length];
      const { states } = runEncoder(
        encoder,
        tf.tensor2d(masked.inputIds, shape, 'int32'),
        tf.tensor2d(kinds, shape, 'int32'),
        { training: true, dropoutSeed: step },
      );
      return mlmLoss(encoder, states, masked, input.architecture.vocabSize);
    },
    afterStep: (step, loss) => {
      losses.push(loss);
      run.trace('pretrainTrace', step, loss, TRACE_EVERY);
      return false;
    },
  });
  return losses;
}

/** Returns the probability of each diff, reading at most `windowCap` windows (the first ones). */
export function windowProbabilities(
  layers: SuperPerforatorLayers,
  diffs: readonly CompactDiff[],
  windowCap: number,
  batchSize = 16,
): Float32Array {
  const probabilities = new Float32Array(diffs.length);
  for (let start = 0; start < diffs.length; start += batchSize) {
    const chunk = diffs.slice(start, start + batchSize);
    const output = tf.tidy(() => {
      const batch = windowBatch(chunk, (diff) => pickWindows(diff.ids.length, windowCap, null));
      const vectors = encodeWindows(layers, batch.ids, batch.kinds);
      return tf.sigmoid(diffLogitsFromWindows(layers, vectors, batch.grouping));
    });
    probabilities.set(output.dataSync(), start);
    output.dispose();
  }
  return probabilities;
}

/**
 * Fine-tunes the whole model on labels and leaves it at the epoch with the best val PR-AUC
 * (stored as snapshot `${stage}-best`). Returns this process's losses.
 */
export async function finetuneWindows(
  input: WindowStageInput,
  train: WindowData,
  val: WindowData | null,
  stage = 'finetune',
): Promise<number[]> {
  const { run, layers, schedule, seed } = input;
  const rowsPerEpoch = epochSize(train.labels, schedule.negativesPerPositive);
  const stepsPerEpoch = Math.max(1, Math.floor(rowsPerEpoch / schedule.finetuneBatch));
  const totalSteps = stepsPerEpoch * schedule.finetuneEpochs;
  const historyKey = `${stage}History`;
  const history = (run.notes[historyKey] as EpochResult[] | undefined) ?? [];
  const losses: number[] = [];
  const orders = new Map<number, number[]>();
  const rowsOf = (epoch: number) => {
    if (!orders.has(epoch)) {
      orders.clear();
      orders.set(epoch, epochRows(train.labels, schedule.negativesPerPositive, seed, epoch));
    }
    return orders.get(epoch)!;
  };
  const classWeights = balancedClassWeights(rowsOf(0).map((row) => train.labels[row]!));

  await run.runStage({
    name: stage,
    totalSteps,
    variables: superPerforatorVariables(layers),
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
      const diffs = rows.map((row) => train.diffs[row]!);
      const batch = windowBatch(diffs, (diff, index) =>
        pickWindows(
          diff.ids.length,
          schedule.trainWindowCap,
          stepRandom(seed, `${stage}-windows-${epoch}`, rows[index]!),
        ),
      );
      const kwargs = { training: true, dropoutSeed: step };
      const vectors = encodeWindows(layers, batch.ids, batch.kinds, kwargs);
      const logits = diffLogitsFromWindows(layers, vectors, batch.grouping, kwargs);
      return weightedLogitLoss(logits, rows.map((row) => train.labels[row]!), classWeights);
    },
    afterStep: (step, loss) => {
      losses.push(loss);
      run.trace(`${stage}Trace`, step, loss, TRACE_EVERY);
      const sumKey = `${stage}EpochLossSum`;
      run.notes[sumKey] = ((run.notes[sumKey] as number | undefined) ?? 0) + loss;
      if ((step + 1) % stepsPerEpoch !== 0) return false;

      const epoch = (step + 1) / stepsPerEpoch - 1;
      const meanLoss = (run.notes[sumKey] as number) / stepsPerEpoch;
      run.notes[sumKey] = 0;
      const valPrAuc =
        val === null
          ? NaN
          : averagePrecision(
              windowProbabilities(layers, val.diffs, schedule.selectionWindowCap),
              val.labels,
            );
      const best = history.reduce((max, result) => Math.max(max, result.valPrAuc), -Infinity);
      history.push({ epoch, meanLoss, valPrAuc });
      run.notes[historyKey] = history;
      // Without val, or with NaN PR-AUC, the last epoch is kept.
      if (history.length === 1 || !(valPrAuc <= best)) run.saveSnapshot(`${stage}-best`);
      if (run.options.quiet !== true) {
        console.error(
          `superperforator ${stage}: epoch ${epoch} loss ${meanLoss.toFixed(4)} ` +
            `val PR-AUC ${valPrAuc.toFixed(4)}`,
        );
      }
      return true;
    },
  });

  run.restoreSnapshot(`${stage}-best`);
  return losses;
}
