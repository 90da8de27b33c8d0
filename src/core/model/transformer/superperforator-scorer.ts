
/**
 * Scorer of SuperPerforator bundles (family `superperforator`). Window encodings are cached by
 * window content, so re-scoring a diff after an edit runs the encoder only on the windows of
 * the hunks the edit changed. Pooling across windows and files always runs, because it is cheap.
 */
import * as tf from '@tensorflow/tfjs';

import type { Patch } from '../../diff/types.ts';
import {
  diffWindows,
  type DiffWindow,
  type DiffWindowSettings,
} from '../../features/diff-windows.ts';
import type { BpeTokenizer } from '../../tokenize/subword/bpe-tokenizer.ts';
import { ContentCache } from '../../contentCache.ts';
import { loadLayersModelFromBundle } from '../memoryModel.ts';
import { sha256Hex } from '../sha256.ts';
import { timedScore } from '../timedScore.ts';
import type {
  BundleBytes,
  BundleManifest,
  DifferentiableInput,
  DifferentiableScorer,
  ScoreResult,
} from '../types.ts';
import { featureInteger, readArchitecture, readTokenizer } from './bundle-settings.ts';
import { superPerforatorDifferentiableInput } from './embedding-gradients.ts';
import type { EncoderArchitecture } from './encoder.ts';
import { superPerforatorMlmReplacements, type MlmReplacementProvider } from './mlm-replacements.ts';
import {
  diffLogitsFromWindows,
  encodeWindows,
  superPerforatorLayersOf,
  type SuperPerforatorLayers,
} from './superperforator-model.ts';
import { groupWindows, packWindows } from './window-batch.ts';

/** Windows encoded per forward pass. */
const ENCODE_BATCH = 64;

/** Diffs pooled per call in scoreBatch. */
const SCORE_BATCH = 64;

/** Cached window encodings: 4096 x dim 64 floats is 1 MB. */
const CACHE_ENTRIES = 4096;

export class SuperPerforatorScorer implements DifferentiableScorer {
  /** Windows run through the encoder since loading; cache hits do not count. */
  encodedWindows = 0;
  private readonly layers: SuperPerforatorLayers;
  private provider: MlmReplacementProvider | null = null;
  private readonly cache = new ContentCache<Float32Array>(CACHE_ENTRIES);

  constructor(
    readonly manifest: BundleManifest,
    readonly bundleHash: string,
    private readonly model: tf.LayersModel,
    readonly architecture: EncoderArchitecture,
    readonly tokenizer: BpeTokenizer,
    readonly windowSettings: DiffWindowSettings,
  ) {
    this.layers = superPerforatorLayersOf(model, architecture);
  }

  /** Cuts a diff into the windows this model reads. */
  windowsOf(patch: Patch): DiffWindow[] {
    return diffWindows(patch, this.tokenizer, this.windowSettings);
  }

  score(patch: Patch): Promise<ScoreResult> {
    return timedScore(
      this.manifest.threshold,
      () => this.windowsOf(patch),
      (windows) => this.probabilities([windows])[0]!,
    );
  }

  async scoreBatch(patches: Patch[]): Promise<number[]> {
    const probabilities: number[] = [];
    for (let start = 0; start < patches.length; start += SCORE_BATCH) {
      const chunk = patches.slice(start, start + SCORE_BATCH);
      // Scoring reads only ids, kinds and keys, so the windows skip their per-token spans.
      const windows = chunk.map((patch) =>
        diffWindows(patch, this.tokenizer, this.windowSettings, false),
      );
      probabilities.push(...this.probabilities(windows));
    }
    return probabilities;
  }

  /** Returns the probability of each diff, given its windows. */
  probabilities(windowsByDiff: readonly DiffWindow[][]): number[] {
    const windows = windowsByDiff.flat();
    const vectorsByKey = this.windowVectors(windows);

    const dim = this.architecture.dim;
    const vectors = new Float32Array(windows.length * dim);
    windows.forEach((window, i) => vectors.set(vectorsByKey.get(window.key)!, i * dim));

    const grouping = groupWindows(windowsByDiff);
    const probabilities = tf.tidy(() => {
      const windowVectors = tf.tensor2d(vectors, [windows.length, dim]);
      return tf.sigmoid(diffLogitsFromWindows(this.layers, windowVectors, grouping));
    });
    const values = Array.from(probabilities.dataSync());
    probabilities.dispose();
    return values;
  }

  /**
   * Returns the encoding of every window by key. Windows whose content is not cached are
   * encoded, shortest first, in batches, and added to the cache.
   */
  private windowVectors(windows: readonly DiffWindow[]): Map<string, Float32Array> {
    const vectors = new Map<string, Float32Array>();
    const missing = new Map<string, DiffWindow>();
    for (const window of windows) {
      if (vectors.has(window.key) || missing.has(window.key)) continue;
      const cached = this.cache.get(window.key);
      if (cached === undefined) missing.set(window.key, window);
      else vectors.set(window.key, cached);
    }
    const ordered = [...missing.values()].sort((a, b) => a.ids.length - b.ids.length);

    for (let start = 0; start < ordered.length; start += ENCODE_BATCH) {
      const batch = ordered.slice(start, start + ENCODE_BATCH);
      const { ids, kinds, length } = packWindows(batch);
      const encoded = tf.tidy(() =>
        encodeWindows(
          this.layers,
          tf.tensor2d(ids, [batch.length, length], 'int32'),
          tf.tensor2d(kinds, [batch.length, length], 'int32'),
        ),
      );
      const values = encoded.dataSync() as Float32Array;
      encoded.dispose();

      const dim = this.architecture.dim;
      batch.forEach((window, row) => {
        const vector = values.slice(row * dim, (row + 1) * dim);
        vectors.set(window.key, vector);
        this.cache.set(window.key, vector);
      });
      this.encodedWindows += batch.length;
    }
    return vectors;
  }

  /** Gradient access over the token embeddings of every window of the diff. */
  differentiableInput(patch: Patch): DifferentiableInput {
    const maskId = this.tokenizer.tokenId('[MASK]');
    return superPerforatorDifferentiableInput(this.layers, this.windowsOf(patch), maskId);
  }

  /** Suggests `replace-token` words from the masked-language-model head. */
  /** Returns the MLM replacement provider, one per scorer so that its cache lasts. */
  replacementProvider(): MlmReplacementProvider {
    const windowsOf = (patch: Patch) => this.windowsOf(patch);
    const { tokenizer, layers } = this;
    this.provider ??= superPerforatorMlmReplacements(tokenizer, layers.encoder, windowsOf);
    return this.provider;
  }

  dispose(): void {
    this.cache.clear();
    this.model.dispose();
  }
}

/** Reads the window settings of a SuperPerforator bundle. */
export function readWindowSettings(bundle: BundleBytes): DiffWindowSettings {
  return {
    tokenizerFile: String(bundle.manifest.features.tokenizerFile),
    windowLength: featureInteger(bundle, 'windowLength'),
    maxPathTokens: featureInteger(bundle, 'maxPathTokens'),
    maxSectionTokens: featureInteger(bundle, 'maxSectionTokens'),
  };
}

/** Loads a `superperforator` bundle; registered as the family's scorer factory. */
export async function loadSuperPerforatorScorer(
  bundle: BundleBytes,
): Promise<SuperPerforatorScorer> {
  const architecture = readArchitecture(bundle);
  const tokenizer = readTokenizer(bundle, architecture);
  const settings = readWindowSettings(bundle);
  const model = await loadLayersModelFromBundle(bundle);
  const bundleHash =
    bundle.manifestSha256 ??
    (await sha256Hex(new TextEncoder().encode(JSON.stringify(bundle.manifest))));
  return new SuperPerforatorScorer(
    bundle.manifest,
    bundleHash,
    model,
    architecture,
    tokenizer,
    settings,
  );
}
