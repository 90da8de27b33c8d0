/**
 * A training run made of named stages (MLM pretraining, fine-tuning...) that checkpoints its
 * model, optimizer and notes every few steps and resumes from the last checkpoint.
 *
 * Every random choice of a step (batch, masking, dropout) must derive from the run seed, the
 * stage and the step index, never from state carried between steps. Then a resumed run
 * repeats the uninterrupted one exactly: the test of the resume path compares weights bit
 * for bit.
 */
import type * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';

import { Adam, DEFAULT_ADAM, type AdamConfig } from './adam.ts';
import {
  loadCheckpoint,
  modelWeightArrays,
  saveCheckpoint,
  setModelWeights,
  type TrainingCheckpoint,
} from './checkpoint.ts';
import { ProgressLine } from './progress.ts';

export interface StagedRunOptions {
  family: string;
  seed: number;
  /** Checkpoint folder, or null to keep no checkpoints. */
  checkpointDir: string | null;
  /** Optimizer steps between two checkpoints. */
  checkpointEvery: number;
  /** Stops the run (with StageInterrupted) after this many steps in this process; for tests. */
  stepBudget?: number;
  /** Prints no progress lines when true. */
  quiet?: boolean;
}

export interface StageSpec {
  name: string;
  totalSteps: number;
  variables: readonly tf.Variable[];
  learningRate: (step: number) => number;
  /** Builds the loss of step `step`; called inside the gradient tape. */
  loss: (step: number) => tf.Scalar;
  /** Called after each step with its loss; a returned true saves a checkpoint right away. */
  afterStep?: (step: number, loss: number) => Promise<boolean> | boolean;
  adam?: AdamConfig;
}

/** Raised when a run stops at its step budget. The checkpoint then contains the progress. */
export class StageInterrupted extends Error {
  override readonly name = 'StageInterrupted';

  constructor(
    readonly stage: string,
    readonly step: number,
  ) {
    super(`Training stopped at step ${step} of stage ${stage} (step budget reached).`);
  }
}

export class StagedRun {
  /** Results of finished stages and resume data, saved with every checkpoint. */
  notes: Record<string, unknown> = {};
  private resumeStage: string | null = null;
  private resumeStep = 0;
  private resumeOptimizer: TrainingCheckpoint['optimizer'] = null;
  private stepsThisRun = 0;
  private readonly snapshots = new Map<string, Float32Array[]>();
  private readonly startedAt = Date.now();
  private secondsBefore = 0;

  constructor(
    readonly model: tf.LayersModel,
    readonly options: StagedRunOptions,
  ) {
    if (options.checkpointDir === null) return;
    const checkpoint = loadCheckpoint(options.checkpointDir);
    if (checkpoint === null) return;

    if (checkpoint.family !== options.family || checkpoint.seed !== options.seed) {
      throw new Error(
        `Checkpoint in ${options.checkpointDir} is for ${checkpoint.family} with seed ` +
          `${checkpoint.seed}, not ${options.family} with seed ${options.seed}. Pass another ` +
          '--checkpoint-dir or delete that folder.',
      );
    }
    setModelWeights(model, checkpoint.modelWeights);
    this.notes = checkpoint.notes;
    this.secondsBefore = typeof this.notes.seconds === 'number' ? this.notes.seconds : 0;
    this.resumeStage = checkpoint.stage;
    this.resumeStep = checkpoint.stageStep;
    this.resumeOptimizer = checkpoint.optimizer;
    if (options.quiet !== true) {
      console.error(
        `${options.family}: resuming from ${options.checkpointDir} at stage ` +
          `${checkpoint.stage}, step ${checkpoint.stageStep}.`,
      );
    }
  }

  /**
   * Stores the current model weights under a name (such as the best epoch so far), in the
   * checkpoint folder when there is one, else in memory.
   */
  saveSnapshot(name: string): void {
    const weights = modelWeightArrays(this.model);
    if (this.options.checkpointDir === null) {
      this.snapshots.set(name, weights);
      return;
    }
    saveCheckpoint(join(this.options.checkpointDir, name), {
      family: this.options.family,
      seed: this.options.seed,
      stage: name,
      stageStep: 0,
      notes: {},
      modelWeights: weights,
      optimizer: null,
    });
  }

  /** Restores the model weights stored by `saveSnapshot`, raising when there are none. */
  restoreSnapshot(name: string): void {
    const weights =
      this.options.checkpointDir === null
        ? this.snapshots.get(name)
        : loadCheckpoint(join(this.options.checkpointDir, name))?.modelWeights;
    if (weights === undefined) {
      throw new Error(
        `No saved weights named ${name} for ${this.options.family}; the stage that stores ` +
          'them did not finish. Delete the checkpoint folder and train again.',
      );
    }
    setModelWeights(this.model, weights);
  }

  /** True when a checkpoint saved inside the stage exists (the stage began in some run). */
  isStarted(stage: string): boolean {
    return this.notes[`started:${stage}`] === true;
  }

  /** True when the stage finished in this run or in the run the checkpoint came from. */
  isDone(stage: string): boolean {
    return this.notes[`done:${stage}`] === true;
  }

  /** Seconds of training so far, in this process and in the runs the checkpoint came from. */
  elapsedSeconds(): number {
    return this.secondsBefore + (Date.now() - this.startedAt) / 1000;
  }

  /** Records `value` in the list `notes[key]` every `every` steps, for loss curves in cards. */
  trace(key: string, step: number, value: number, every: number): void {
    if (step % every !== 0) return;
    const list = (this.notes[key] as [number, number][] | undefined) ?? [];
    list.push([step, value]);
    this.notes[key] = list;
  }

  /** Saves a checkpoint of the model and notes, with an optimizer state when given. */
  save(stage: string, stageStep: number, optimizer: Adam | null): void {
    this.notes.seconds = this.elapsedSeconds();
    if (this.options.checkpointDir === null) return;
    saveCheckpoint(this.options.checkpointDir, {
      family: this.options.family,
      seed: this.options.seed,
      stage,
      stageStep,
      notes: this.notes,
      modelWeights: modelWeightArrays(this.model),
      optimizer: optimizer === null ? null : optimizer.exportState(),
    });
  }

  /** Runs the remaining steps of a stage, unless it is done; marks it done at the end. */
  async runStage(spec: StageSpec): Promise<void> {
    if (this.isDone(spec.name)) return;

    const optimizer = new Adam(spec.variables, spec.adam ?? DEFAULT_ADAM);
    let firstStep = 0;
    if (this.resumeStage === spec.name && this.resumeOptimizer !== null) {
      optimizer.importState(this.resumeOptimizer);
      firstStep = this.resumeStep;
    }
    this.resumeOptimizer = null;

    this.notes[`started:${spec.name}`] = true;
    const quiet = this.options.quiet === true;
    const progress = new ProgressLine(`${this.options.family} ${spec.name}`, spec.totalSteps);
    try {
      for (let step = firstStep; step < spec.totalSteps; step++) {
        if (this.options.stepBudget !== undefined && this.stepsThisRun >= this.options.stepBudget) {
          throw new StageInterrupted(spec.name, step);
        }

        const { loss } = optimizer.minimize(() => spec.loss(step), spec.learningRate(step));
        this.stepsThisRun += 1;
        if (!Number.isFinite(loss)) {
          throw new Error(
            `Loss became ${loss} at step ${step} of stage ${spec.name}. Lower the learning ` +
              'rate or check the input batch.',
          );
        }
        if (!quiet) progress.update(step + 1, loss);

        const saveNow = (await spec.afterStep?.(step, loss)) === true;
        const finished = step + 1;
        if (saveNow || finished % this.options.checkpointEvery === 0) {
          this.save(spec.name, finished, optimizer);
        }
      }
    } finally {
      optimizer.dispose();
    }

    this.notes[`done:${spec.name}`] = true;
    this.save(`${spec.name}:done`, spec.totalSteps, null);
  }
}
