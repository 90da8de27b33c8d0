import { describe, expect, it } from 'vitest';

import { Bm25Weighter, buildVocabulary, densifyRows } from '../../../src/core/features/bm25.ts';

const documents = [['a', 'b', 'a'], ['b', 'c'], ['a']];
const wide = { minDf: 1, maxDfRatio: 1, maxSize: 10 };

describe('buildVocabulary', () => {
  it('orders terms by document frequency', () => {
    const vocabulary = buildVocabulary(documents, wide);
    expect(vocabulary.terms).toEqual(['a', 'b', 'c']);
    expect(vocabulary.df).toEqual([2, 2, 1]);
    expect(vocabulary.documents).toBe(3);
    expect(vocabulary.avgDocLength).toBe(2);
  });

  it('applies df cut-offs and the size cap', () => {
    expect(buildVocabulary(documents, { ...wide, minDf: 2 }).terms).toEqual(['a', 'b']);
    expect(buildVocabulary(documents, { ...wide, maxDfRatio: 0.5 }).terms).toEqual(['c']);
    expect(buildVocabulary(documents, { ...wide, maxSize: 1 }).terms).toEqual(['a']);
  });

  it('rejects an empty corpus', () => {
    expect(() => buildVocabulary([], wide)).toThrow('0 documents');
  });
});

describe('Bm25Weighter', () => {
  const weighter = new Bm25Weighter(buildVocabulary(documents, wide), { k1: 1.2, b: 0.75 });

  it('matches a hand computation', () => {
    // |d| = 3, avgdl = 2: k1 (1 - b + b |d| / avgdl) = 1.2 x 1.375 = 1.65.
    const idfAB = Math.log(1 + (3 - 2 + 0.5) / (2 + 0.5));
    const row = weighter.weighSparse(['a', 'b', 'a']);
    expect(Array.from(row.indices)).toEqual([0, 1]);
    expect(row.values[0]).toBeCloseTo((idfAB * 2 * 2.2) / (2 + 1.65), 6);
    expect(row.values[1]).toBeCloseTo((idfAB * 1 * 2.2) / (1 + 1.65), 6);
  });

  it('weighs rare terms higher', () => {
    const row = weighter.weighDense(['b', 'c']);
    expect(row[2]).toBeGreaterThan(row[1]!);
    expect(row[2]).toBeCloseTo((Math.log(1 + 2.5 / 1.5) * 2.2) / (1 + 1.2), 6);
  });

  it('ignores out-of-vocabulary tokens', () => {
    expect(Array.from(weighter.weighDense(['zzz']))).toEqual([0, 0, 0]);
  });

  it('densifies sparse rows', () => {
    const rows = [weighter.weighSparse(['c']), weighter.weighSparse(['a'])];
    const matrix = densifyRows(rows, 3);
    expect(matrix[2]).toBe(rows[0]!.values[0]);
    expect(matrix[3]).toBe(rows[1]!.values[0]);
    expect(matrix.filter((value) => value !== 0).length).toBe(2);
  });
});
