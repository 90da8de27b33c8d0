/**
 * Model bundle manifest and the Scorer interface shared by Node, the inference worker and the
 * CLI. A bundle is one folder: `manifest.json`, tfjs `model.json` with its weight file(s),
 * feature files named by the manifest (vocabulary and so on) and `CARD.md`.
 */
import type { Tensor } from '@tensorflow/tfjs';

import type { Patch } from '../diff/types.ts';
import type { DiffToken } from '../tokenize/diffTokens.ts';

/** The model families of the SuperPerforator study, plus the size baseline. */
export type ModelFamily = 'bow' | 'opaque' | 'size-baseline' | 'transformer' | 'superperforator';

/** Bundle format version written into every manifest; bump on incompatible changes. */
export const MANIFEST_FORMAT_VERSION = 1;

export interface ClassificationMetrics {
  prAuc: number;
  rocAuc: number;
  f1: number;
  precision: number;
  recall: number;
  /** Recall when the top k% of diffs by score are flagged, keyed by percent (1, 5, 10). */
  recallAtBudget: Record<string, number>;
  rows: number;
  positives: number;
}

export interface BundleManifest {
  formatVersion: number;
  /** Stable id such as `bow`; also the folder name under `models/`. */
  id: string;
  family: ModelFamily;
  /** Model version, semver. */
  version: string;
  description: string;
  /** Decision threshold on the probability, chosen on the val split. */
  threshold: number;
  /** Family-specific featurizer settings (BM25 k1/b, vocabulary file, sequence length...). */
  features: Record<string, unknown>;
  /** Name of the tfjs model file inside the bundle, normally `model.json`. */
  modelFile: string;
  training: {
    dataset: string;
    splits: string[];
    command: string;
    seed: number;
    trainedAt: string;
    seconds: number;
  };
  metrics: { val: ClassificationMetrics; [split: string]: ClassificationMetrics };
  /** sha256 (lowercase hex) of every file of the bundle except `manifest.json`, by file name. */
  files: Record<string, string>;
}

/** A bundle read into memory: the parsed manifest and the bytes of every other file. */
export interface BundleBytes {
  manifest: BundleManifest;
  files: Map<string, Uint8Array>;
  /** sha256 (lowercase hex) of the manifest bytes, set by verifyBundle. */
  manifestSha256?: string;
}

/**
 * Change metadata that a diff alone cannot give. The code-opaque model uses it; a value of
 * null means unknown and is featurized as the training set's most common value.
 */
export interface ChangeMetadata {
  authorTenure: string | null;
  testFilesChanged: number | null;
}

export interface ScoreTimings {
  featurizeMs: number;
  inferMs: number;
  totalMs: number;
}

export interface ScoreResult {
  /** Probability in [0, 1] that the change introduces a performance regression. */
  probability: number;
  threshold: number;
  /** True when probability >= threshold. */
  flagged: boolean;
  timings: ScoreTimings;
}

/** The part of a diff a model reads; a model with a length limit reads only a prefix. */
export interface InputCoverage {
  /** True when the model ignores the end of the diff. */
  truncated: boolean;
  /** Last patch line (1-based) the model reads, in whole or in part; null when it reads all. */
  lastReadPatchLine: number | null;
}

/** A loaded model that scores parsed diffs. Implementations own tfjs tensors: call dispose(). */
export interface Scorer {
  readonly manifest: BundleManifest;
  /** sha256 of the manifest bytes, identifying the exact bundle that produced a score. */
  readonly bundleHash: string;
  score(patch: Patch, metadata?: ChangeMetadata): Promise<ScoreResult>;
  /** Scores many diffs in one batch; the result order matches the input order. */
  scoreBatch(patches: Patch[], metadata?: ChangeMetadata[]): Promise<number[]>;
  /** Returns the part of the diff the model reads; absent on models that read all of it. */
  inputCoverage?(patch: Patch): InputCoverage;
  dispose(): void;
}

/** Returns the part of a diff that a scorer reads: all of it unless the scorer reports less. */
export function inputCoverage(scorer: Scorer, patch: Patch): InputCoverage {
  return scorer.inputCoverage?.(patch) ?? { truncated: false, lastReadPatchLine: null };
}

/**
 * Model input of one diff for gradient attributions (integrated gradients). Units lie along
 * axis 1: one BM25 feature per unit for Bag of Words, one sequence position of the embedding
 * output for a Transformer. Owns its tensors: call dispose().
 */
export interface DifferentiableInput {
  /** Input of shape [1, units, ...]. */
  input: Tensor;
  /** Reference input of the same shape, such as the input of an empty diff. */
  baseline: Tensor;
  /** Maps a batch of inputs [n, units, ...] to logits [n]; must be differentiable in `inputs`. */
  forward(inputs: Tensor): Tensor;
  /**
   * Returns the gradient of the summed logits with respect to `inputs`, when the model computes
   * it in a cheaper or smaller way than differentiating `forward` (for example in chunks).
   */
  gradient?(inputs: Tensor): Tensor;
  /**
   * Interpolated inputs per gradient call that keep memory bounded for this input; integrated
   * gradients use it unless the caller sets a batch size.
   */
  preferredBatchSize?: number;
  /** Returns the diff tokens behind a unit, or [] for one with none (padding, special tokens). */
  tokensOfUnit(unit: number): DiffToken[];
  dispose(): void;
}

/** A Scorer that also exposes its model input and a logit function for gradient attributions. */
export interface DifferentiableScorer extends Scorer {
  differentiableInput(patch: Patch, metadata?: ChangeMetadata): DifferentiableInput;
}
