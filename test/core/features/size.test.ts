import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import {
  columnStats,
  diffSize,
  rawSizeFeatures,
  SizeFeaturizer,
} from '../../../src/core/features/size.ts';

const patch = parsePatch(
  readFileSync(new URL('../../fixtures/model/slow-lookup.diff', import.meta.url), 'utf8'),
);

describe('size features', () => {
  it('count added and removed lines', () => {
    expect(diffSize(patch)).toEqual({ added: 4, removed: 6, files: 1 });
  });

  it('take logs of churn and files', () => {
    expect(rawSizeFeatures({ added: 4, removed: 6, files: 1 })).toEqual([
      Math.log1p(10),
      Math.log1p(1),
    ]);
  });

  it('standardize with stored statistics', () => {
    const featurizer = new SizeFeaturizer({
      inputSize: 2,
      names: ['log1p_churn', 'log1p_files'],
      mean: [1, 0.5],
      std: [2, 0.25],
    });
    const row = featurizer.featurize([patch]);
    expect(row[0]).toBeCloseTo((Math.log1p(10) - 1) / 2, 6);
    expect(row[1]).toBeCloseTo((Math.log1p(1) - 0.5) / 0.25, 6);
  });

  it('keep unit std for constant columns', () => {
    const stats = columnStats([
      [1, 5],
      [3, 5],
    ]);
    expect(stats.mean).toEqual([2, 5]);
    expect(stats.std).toEqual([1, 1]);
  });
});
