/**
 * BM25 term weights over a vocabulary learned from training documents (Robertson and Zaragoza,
 * "The Probabilistic Relevance Framework: BM25 and Beyond", 2009). A document is the token list
 * of one diff; the weight of term t in document d is
 *
 *   idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * |d| / avgdl))
 *
 * with idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5)), the form Lucene uses, which stays positive
 * for terms in more than half of the documents.
 */

export interface VocabularyOptions {
  /** Minimum number of training documents a term must occur in. */
  minDf: number;
  /** Maximum share of training documents a term may occur in, in (0, 1]. */
  maxDfRatio: number;
  /** Maximum vocabulary size; the most frequent terms by document frequency are kept. */
  maxSize: number;
}

/** Vocabulary and statistics learned from the training documents; stored in the bundle. */
export interface Bm25Vocabulary {
  terms: string[];
  /** Document frequency of each term, by index. */
  df: number[];
  /** Number of training documents (N). */
  documents: number;
  /** Mean token count of the training documents, out-of-vocabulary tokens included. */
  avgDocLength: number;
}

export interface Bm25Params {
  k1: number;
  b: number;
}

/** Standard BM25 settings: k1 in [1.2, 2.0] and b = 0.75 are the usual defaults. */
export const DEFAULT_BM25_PARAMS: Bm25Params = { k1: 1.2, b: 0.75 };

/** A sparse vector: sorted feature indices and their values. */
export interface SparseVector {
  indices: Int32Array;
  values: Float32Array;
}

/** Learns the vocabulary from training documents (token lists); ties in df sort by term. */
export function buildVocabulary(documents: string[][], options: VocabularyOptions): Bm25Vocabulary {
  if (documents.length === 0) {
    throw new Error('Cannot build a BM25 vocabulary from 0 documents; pass the train split.');
  }

  const documentFrequency = new Map<string, number>();
  let totalLength = 0;
  for (const tokens of documents) {
    totalLength += tokens.length;
    for (const term of new Set(tokens)) {
      documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
    }
  }

  const maxDf = Math.floor(options.maxDfRatio * documents.length);
  const kept = [...documentFrequency]
    .filter(([, df]) => df >= options.minDf && df <= maxDf)
    .sort(compareByFrequencyThenTerm)
    .slice(0, options.maxSize);

  return {
    terms: kept.map(([term]) => term),
    df: kept.map(([, df]) => df),
    documents: documents.length,
    avgDocLength: totalLength / documents.length,
  };
}

/** Computes the BM25 idf of every vocabulary term. */
export function inverseDocumentFrequencies(vocabulary: Bm25Vocabulary): Float32Array {
  const n = vocabulary.documents;
  return Float32Array.from(vocabulary.df, (df) => Math.log(1 + (n - df + 0.5) / (df + 0.5)));
}

/** A ready BM25 weighter: vocabulary index, idf and parameters. */
export class Bm25Weighter {
  readonly size: number;
  private readonly index: Map<string, number>;
  private readonly idf: Float32Array;

  constructor(
    readonly vocabulary: Bm25Vocabulary,
    readonly params: Bm25Params,
  ) {
    if (vocabulary.avgDocLength <= 0) {
      throw new Error(
        `BM25 avgDocLength is ${vocabulary.avgDocLength}; it must be > 0. Rebuild the vocabulary.`,
      );
    }
    this.size = vocabulary.terms.length;
    this.index = new Map(vocabulary.terms.map((term, i) => [term, i]));
    this.idf = inverseDocumentFrequencies(vocabulary);
  }

  /** Returns the vocabulary index of a term, or undefined when it is out of vocabulary. */
  indexOf(term: string): number | undefined {
    return this.index.get(term);
  }

  /** Weighs one document (its tokens) as a sparse vector over the vocabulary. */
  weighSparse(tokens: readonly string[]): SparseVector {
    const termFrequency = new Map<number, number>();
    for (const token of tokens) {
      const i = this.index.get(token);
      if (i !== undefined) termFrequency.set(i, (termFrequency.get(i) ?? 0) + 1);
    }

    const { k1, b } = this.params;
    const lengthNorm = k1 * (1 - b + (b * tokens.length) / this.vocabulary.avgDocLength);
    const indices = Int32Array.from([...termFrequency.keys()].sort((x, y) => x - y));
    const values = new Float32Array(indices.length);
    indices.forEach((i, j) => {
      const tf = termFrequency.get(i)!;
      values[j] = (this.idf[i]! * tf * (k1 + 1)) / (tf + lengthNorm);
    });
    return { indices, values };
  }

  /** Weighs one document as a dense vector of length `size`. */
  weighDense(tokens: readonly string[]): Float32Array {
    const dense = new Float32Array(this.size);
    const sparse = this.weighSparse(tokens);
    sparse.indices.forEach((i, j) => {
      dense[i] = sparse.values[j]!;
    });
    return dense;
  }
}

/** Writes sparse rows into one row-major dense matrix of rows x size. */
export function densifyRows(rows: readonly SparseVector[], size: number): Float32Array {
  const matrix = new Float32Array(rows.length * size);
  rows.forEach((row, r) => {
    row.indices.forEach((i, j) => {
      matrix[r * size + i] = row.values[j]!;
    });
  });
  return matrix;
}

/** Orders terms by descending document frequency, then by term, so the vocabulary is stable. */
function compareByFrequencyThenTerm(a: [string, number], b: [string, number]): number {
  if (a[1] !== b[1]) return b[1] - a[1];
  if (a[0] < b[0]) return -1;
  if (a[0] > b[0]) return 1;
  return 0;
}
