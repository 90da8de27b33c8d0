/**
 * Bag of Words featurizer: BM25 weights of the diff's prefixed tokens (`+` added, `-` removed,
 * bare context) over the vocabulary stored in the bundle.
 */
import type { Patch } from '../diff/types.ts';
import { readBundleJson } from '../model/bundle.ts';
import { BundleError } from '../model/manifest.ts';
import type { Featurizer } from '../model/registry.ts';
import type { BundleBytes } from '../model/types.ts';
import { bowTokens } from '../tokenize/bow.ts';
import { diffTokens, PREFIX_BY_KIND } from '../tokenize/diffTokens.ts';
import { ContentCache } from '../contentCache.ts';
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

/**
 * Distinct lines whose prefixed tokens one featurizer caches. At an estimated 1 KB per line of
 * code (key, token strings, array) that is about 20 MB at most.
 */
const LINE_CACHE_ENTRIES = 20_000;

/** BM25 featurizer over a fixed vocabulary; also used by training so both share one code path. */
export class BowFeaturizer implements Featurizer {
  readonly inputSize: number;
  readonly weighter: Bm25Weighter;
  private readonly lineTokens = new ContentCache<readonly string[]>(LINE_CACHE_ENTRIES);

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

  /**
   * Returns the same token texts as `bowDocument`, tokenizing only lines whose kind and text
   * this featurizer has not seen before.
   */
  document(patch: Patch): string[] {
    const tokens: string[] = [];
    for (const fileDiff of patch.files) {
      for (const hunk of fileDiff.hunks) {
        for (const line of hunk.lines) {
          const prefix = PREFIX_BY_KIND[line.kind];
          if (prefix === null) continue;

          // Line texts contain no line break, so the key separates kind and text unambiguously.
          const key = `${line.kind}\n${line.text}`;
          const lineTokens = this.lineTokens.getOrCompute(key, () =>
            bowTokens(line.text).map((token) => prefix + token.text),
          );
          for (const token of lineTokens) tokens.push(token);
        }
      }
    }
    return tokens;
  }

  featurize(patches: readonly Patch[]): Float32Array {
    const matrix = new Float32Array(patches.length * this.inputSize);
    patches.forEach((patch, r) => {
      const row = this.sparseRow(this.document(patch));
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
