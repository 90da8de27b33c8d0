/**
 * Bag of Words featurizer: BM25 weights of the diff's prefixed tokens (`+` added, `-` removed,
 * bare context) over the vocabulary stored in the bundle.
 */
import type { Patch } from '../diff/types.ts';
import { readBundleJson } from '../model/bundle.ts';
import { BundleError } from '../model/manifest.ts';
import type { Featurizer } from '../model/registry.ts';
import type { BundleBytes } from '../model/types.ts';
import { diffTokens } from '../tokenize/diffTokens.ts';
import { Bm25Weighter, type Bm25Vocabulary, type SparseVector } from './bm25.ts';

/** Settings stored in the manifest's `features` for the `bow` family. */
export interface BowFeatureSettings {
  inputSize: number;
  /** Bundle file with the Bm25Vocabulary as JSON. */
  vocabularyFile: string;
  k1: number;
  b: number;
  /** `l2` scales each row to unit length, so the weights no longer grow with diff size. */
  normalize: 'none' | 'l2';
}

/** Returns the token texts of a diff: its BM25 document. */
export function bowDocument(patch: Patch): string[] {
  return diffTokens(patch).map((token) => token.text);
}

/** BM25 featurizer over a fixed vocabulary; also used by training so both share one code path. */
export class BowFeaturizer implements Featurizer {
  readonly inputSize: number;
  readonly weighter: Bm25Weighter;

  constructor(
    vocabulary: Bm25Vocabulary,
    readonly settings: BowFeatureSettings,
  ) {
    this.weighter = new Bm25Weighter(vocabulary, { k1: settings.k1, b: settings.b });
    this.inputSize = this.weighter.size;
  }

  /** Weighs one token document as a sparse row, normalized as the settings specify. */
  sparseRow(tokens: readonly string[]): SparseVector {
    const row = this.weighter.weighSparse(tokens);
    if (this.settings.normalize === 'l2') {
      let squares = 0;
      for (const value of row.values) squares += value * value;
      const norm = Math.sqrt(squares);
      if (norm > 0) row.values.forEach((value, j) => (row.values[j] = value / norm));
    }
    return row;
  }

  featurize(patches: readonly Patch[]): Float32Array {
    const matrix = new Float32Array(patches.length * this.inputSize);
    patches.forEach((patch, r) => {
      const row = this.sparseRow(bowDocument(patch));
      row.indices.forEach((i, j) => {
        matrix[r * this.inputSize + i] = row.values[j]!;
      });
    });
    return matrix;
  }
}

/** Creates the BoW featurizer from a bundle's manifest settings and vocabulary file. */
export function createBowFeaturizer(bundle: BundleBytes): BowFeaturizer {
  const settings = bundle.manifest.features as unknown as BowFeatureSettings;
  const vocabulary = readBundleJson(bundle, settings.vocabularyFile) as Bm25Vocabulary;
  if (!Array.isArray(vocabulary.terms) || vocabulary.terms.length !== settings.inputSize) {
    throw new BundleError(
      bundle.manifest.id,
      `${settings.vocabularyFile} has ${vocabulary.terms?.length ?? 'no'} terms, but the ` +
        `manifest's features.inputSize is ${settings.inputSize}. Retrain the bundle.`,
    );
  }
  return new BowFeaturizer(vocabulary, settings);
}
