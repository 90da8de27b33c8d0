/**
 * Training checkpoints of the Transformer trainers: the model weights, the optimizer state,
 * the stage and step reached and the results of finished stages, in one folder. A run
 * started again with the same folder resumes where the checkpoint stopped.
 *
 * Files: `checkpoint.json` (metadata and the layout of the binary file) and `checkpoint.bin`
 * (float32 model weights, then the first and second Adam moments). Both are written to
 * temporary names first and renamed, so an interrupted save leaves the previous checkpoint.
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { AdamState } from './adam.ts';

export const CHECKPOINT_FORMAT_VERSION = 1;
const META_FILE = 'checkpoint.json';
const DATA_FILE = 'checkpoint.bin';

export interface TrainingCheckpoint {
  family: string;
  seed: number;
  /** Stage in progress, such as `pretrain` or `finetune`. */
  stage: string;
  /** Optimizer steps finished in that stage. */
  stageStep: number;
  /** Results of finished stages and anything else a trainer needs to resume, as JSON. */
  notes: Record<string, unknown>;
  modelWeights: Float32Array[];
  /** Optimizer state of the stage in progress, or null between stages. */
  optimizer: AdamState | null;
}

interface CheckpointMeta {
  formatVersion: number;
  family: string;
  seed: number;
  stage: string;
  stageStep: number;
  notes: Record<string, unknown>;
  weightLengths: number[];
  optimizer: { step: number; lengths: number[] } | null;
  savedAt: string;
}

/** Returns the model's weights as float32 arrays, in `model.weights` order. */
export function modelWeightArrays(model: tf.LayersModel): Float32Array[] {
  return model.weights.map((weight) => weight.read().dataSync() as Float32Array);
}

/** Sets the model's weights from arrays in `model.weights` order. */
export function setModelWeights(model: tf.LayersModel, arrays: readonly Float32Array[]): void {
  if (arrays.length !== model.weights.length) {
    throw new Error(
      `Checkpoint has ${arrays.length} weights, model ${model.name} has ` +
        `${model.weights.length}. The checkpoint comes from another architecture; start a new run.`,
    );
  }
  const tensors = model.weights.map((weight, i) =>
    tf.tensor(arrays[i]!, weight.shape as number[]),
  );
  model.setWeights(tensors);
  tensors.forEach((tensor) => tensor.dispose());
}

/** Writes a checkpoint into `dir`, replacing the previous one. */
export function saveCheckpoint(dir: string, checkpoint: TrainingCheckpoint): void {
  mkdirSync(dir, { recursive: true });
  const optimizer = checkpoint.optimizer;
  const optimizerArrays =
    optimizer === null ? [] : [...optimizer.firstMoments, ...optimizer.secondMoments];
  const arrays = [...checkpoint.modelWeights, ...optimizerArrays];

  const meta: CheckpointMeta = {
    formatVersion: CHECKPOINT_FORMAT_VERSION,
    family: checkpoint.family,
    seed: checkpoint.seed,
    stage: checkpoint.stage,
    stageStep: checkpoint.stageStep,
    notes: checkpoint.notes,
    weightLengths: checkpoint.modelWeights.map((array) => array.length),
    optimizer:
      optimizer === null
        ? null
        : { step: optimizer.step, lengths: optimizerArrays.map((array) => array.length) },
    savedAt: new Date().toISOString(),
  };

  const total = arrays.reduce((sum, array) => sum + array.length, 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const array of arrays) {
    data.set(array, offset);
    offset += array.length;
  }

  writeFileSync(join(dir, `${DATA_FILE}.tmp`), new Uint8Array(data.buffer));
  writeFileSync(join(dir, `${META_FILE}.tmp`), JSON.stringify(meta, null, 2) + '\n');
  renameSync(join(dir, `${DATA_FILE}.tmp`), join(dir, DATA_FILE));
  renameSync(join(dir, `${META_FILE}.tmp`), join(dir, META_FILE));
}

/** Reads the checkpoint in `dir`, or returns null when there is none. */
export function loadCheckpoint(dir: string): TrainingCheckpoint | null {
  const metaPath = join(dir, META_FILE);
  if (!existsSync(metaPath)) return null;

  const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as CheckpointMeta;
  if (meta.formatVersion !== CHECKPOINT_FORMAT_VERSION) {
    throw new Error(
      `Checkpoint ${metaPath} has format version ${meta.formatVersion}, expected ` +
        `${CHECKPOINT_FORMAT_VERSION}. Delete the folder to start a new run.`,
    );
  }

  const bytes = readFileSync(join(dir, DATA_FILE));
  const end = bytes.byteOffset + bytes.byteLength;
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, end));
  let offset = 0;
  const take = (length: number) => {
    const array = data.slice(offset, offset + length);
    offset += length;
    return array;
  };

  const modelWeights = meta.weightLengths.map(take);
  let optimizer: AdamState | null = null;
  if (meta.optimizer !== null) {
    const moments = meta.optimizer.lengths.map(take);
    const half = moments.length / 2;
    optimizer = {
      step: meta.optimizer.step,
      firstMoments: moments.slice(0, half),
      secondMoments: moments.slice(half),
    };
  }
  if (offset !== data.length) {
    throw new Error(
      `Checkpoint ${join(dir, DATA_FILE)} has ${data.length} values, its metadata describes ` +
        `${offset}. The files are from different saves; delete the folder to start a new run.`,
    );
  }

  return {
    family: meta.family,
    seed: meta.seed,
    stage: meta.stage,
    stageStep: meta.stageStep,
    notes: meta.notes,
    modelWeights,
    optimizer,
  };
}
