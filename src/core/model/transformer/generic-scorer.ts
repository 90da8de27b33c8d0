
/** Scorer of the generic Transformer bundle (family `transformer`). */
import * as tf from '@tensorflow/tfjs';

import { serializePatch } from '../../diff/serialize.ts';
import type { Patch } from '../../diff/types.ts';
import { sequenceDiffTokens } from '../../features/sequence-diff-tokens.ts';
import { encodePatchSequence, padSequences } from '../../features/subword-sequence.ts';
import type { BpeTokenizer } from '../../tokenize/subword/bpe-tokenizer.ts';
import { loadLayersModelFromBundle } from '../memoryModel.ts';
import { sha256Hex } from '../sha256.ts';
import { timedScore } from '../timedScore.ts';
import type {
  BundleBytes,
  BundleManifest,
  DifferentiableInput,
  DifferentiableScorer,
  InputCoverage,
  ScoreResult,
} from '../types.ts';
import { featureInteger, readArchitecture, readTokenizer } from './bundle-settings.ts';
import type { EncoderArchitecture } from './encoder.ts';
import { genericDifferentiableInput } from './embedding-gradients.ts';
import { genericLayersOf, genericLogits, type GenericLayers } from './generic-model.ts';
import { genericMlmReplacements, type MlmReplacementProvider } from './mlm-replacements.ts';

/** Diffs scored per forward pass in scoreBatch. */
const BATCH_SIZE = 32;

export class GenericTransformerScorer implements DifferentiableScorer {
  private readonly layers: GenericLayers;
  private provider: MlmReplacementProvider | null = null;

  constructor(
    readonly manifest: BundleManifest,
    readonly bundleHash: string,
    private readonly model: tf.LayersModel,
    architecture: EncoderArchitecture,
    readonly tokenizer: BpeTokenizer,
    readonly maxLength: number,
  ) {
    this.layers = genericLayersOf(model, architecture);
  }

  score(patch: Patch): Promise<ScoreResult> {
    return timedScore(
      this.manifest.threshold,
      () => encodePatchSequence(this.tokenizer, patch, this.maxLength),
      async (sequence) => (await this.predict([sequence]))[0]!,
    );
  }

  async scoreBatch(patches: Patch[]): Promise<number[]> {
    const sequences = patches.map((patch) =>
      encodePatchSequence(this.tokenizer, patch, this.maxLength),
    );
    const probabilities: number[] = [];
    for (let start = 0; start < sequences.length; start += BATCH_SIZE) {
      probabilities.push(...(await this.predict(sequences.slice(start, start + BATCH_SIZE))));
    }
    return probabilities;
  }

  /** Returns the probability of each token sequence. */
  async predict(sequences: readonly { ids: readonly number[] }[]): Promise<number[]> {
    const { ids, length } = padSequences(sequences);
    const output = tf.tidy(() => {
      const input = tf.tensor2d(ids, [sequences.length, length], 'int32');
      return tf.sigmoid(genericLogits(this.layers, input));
    });
    try {
      return Array.from(await output.data());
    } finally {
      output.dispose();
    }
  }

  /** Returns the patch lines the model reads: those up to the end of its last kept subword. */
  inputCoverage(patch: Patch): InputCoverage {
    const sequence = encodePatchSequence(this.tokenizer, patch, this.maxLength);
    if (!sequence.truncated) return { truncated: false, lastReadPatchLine: null };

    const keptEnd = sequence.ends[sequence.ends.length - 1] ?? 0;
    const readText = serializePatch(patch).slice(0, Math.max(0, keptEnd - 1));
    const lastReadPatchLine = readText.split('\n').length;
    return { truncated: true, lastReadPatchLine };
  }

  /** Gradient access over the token embeddings of the diff's subword sequence. */
  differentiableInput(patch: Patch): DifferentiableInput {
    const sequence = encodePatchSequence(this.tokenizer, patch, this.maxLength);
    return genericDifferentiableInput(this.layers, {
      ids: Int32Array.from(sequence.ids),
      rows: 1,
      length: sequence.ids.length,
      tokens: sequenceDiffTokens(patch, sequence),
      maskId: this.tokenizer.tokenId('[MASK]'),
    });
  }

  /** Suggests `replace-token` words from the masked-language-model head. */
  /** Returns the MLM replacement provider, one per scorer so that its cache lasts. */
  replacementProvider(): MlmReplacementProvider {
    this.provider ??= genericMlmReplacements(this.tokenizer, this.layers.encoder, this.maxLength);
    return this.provider;
  }

  dispose(): void {
    this.model.dispose();
  }
}

/** Loads a `transformer` bundle; registered as the family's scorer factory. */
export async function loadGenericTransformerScorer(
  bundle: BundleBytes,
): Promise<GenericTransformerScorer> {
  const architecture = readArchitecture(bundle);
  const tokenizer = readTokenizer(bundle, architecture);
  const maxLength = featureInteger(bundle, 'maxLength');
  const model = await loadLayersModelFromBundle(bundle);
  const bundleHash =
    bundle.manifestSha256 ??
    (await sha256Hex(new TextEncoder().encode(JSON.stringify(bundle.manifest))));
  return new GenericTransformerScorer(
    bundle.manifest,
    bundleHash,
    model,
    architecture,
    tokenizer,
    maxLength,
  );
}
