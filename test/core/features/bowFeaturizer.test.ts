import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import type { Patch } from '../../../src/core/diff/types.ts';
import { buildVocabulary } from '../../../src/core/features/bm25.ts';
import { BowFeaturizer, bowDocument } from '../../../src/core/features/bowFeaturizer.ts';
import { applyEdits } from '../../../src/core/explain/applyEdits.ts';
import { enumerateEditSites } from '../../../src/core/explain/sites.ts';
import { PROJECT_ROOT } from '../../../src/node/dataset.ts';

const DIFF = readFileSync(join(PROJECT_ROOT, 'test/fixtures/explain/list-view-cache.diff'), 'utf8');

/** A diff in which one text appears as an added, a removed and a context line. */
const SAME_TEXT_DIFF = [
  'diff --git a/src/pool.js b/src/pool.js',
  '--- a/src/pool.js',
  '+++ b/src/pool.js',
  '@@ -1,2 +1,2 @@',
  ' const buffer = pool.acquire(size);',
  '-const buffer = pool.acquire(size);',
  '+const buffer = pool.acquire(size);',
  '',
].join('\n');

function featurizerFor(patches: Patch[], normalize: 'none' | 'l2'): BowFeaturizer {
  const vocabulary = buildVocabulary(patches.map(bowDocument), {
    minDf: 1,
    maxDfRatio: 1,
    maxSize: 500,
  });
  return new BowFeaturizer(vocabulary, {
    inputSize: vocabulary.terms.length,
    vocabularyFile: 'vocabulary.json',
    k1: 1.2,
    b: 0.75,
    normalize,
  });
}

/** Featurizes one diff the uncached way: bowDocument, then sparseRow into a dense row. */
function uncachedRow(featurizer: BowFeaturizer, patch: Patch): Float32Array {
  const dense = new Float32Array(featurizer.inputSize);
  const row = featurizer.sparseRow(bowDocument(patch));
  row.indices.forEach((i, j) => (dense[i] = row.values[j]!));
  return dense;
}

/** Copies of the diff with one edit site applied each, as the counterfactual search makes them. */
function editedCopies(patch: Patch): Patch[] {
  return enumerateEditSites(patch).map((site) => applyEdits(patch, [site]));
}

describe('BowFeaturizer line cache', () => {
  const patch = parsePatch(DIFF);

  it('document matches bowDocument', () => {
    const featurizer = featurizerFor([patch], 'none');
    expect(featurizer.document(patch)).toEqual(bowDocument(patch));
    expect(featurizer.document(patch)).toEqual(bowDocument(patch));
  });

  it('keeps line kinds apart', () => {
    const sameText = parsePatch(SAME_TEXT_DIFF);
    const featurizer = featurizerFor([sameText], 'none');
    expect(featurizer.document(sameText)).toEqual(bowDocument(sameText));
  });

  it.each(['none', 'l2'] as const)('featurize matches uncached rows (%s)', (normalize) => {
    const copies = editedCopies(patch);
    const featurizer = featurizerFor([patch], normalize);
    featurizer.featurize([patch]);

    const matrix = featurizer.featurize(copies);
    expect(copies.length).toBeGreaterThan(10);
    copies.forEach((copy, r) => {
      const row = matrix.subarray(r * featurizer.inputSize, (r + 1) * featurizer.inputSize);
      expect(Array.from(row)).toEqual(Array.from(uncachedRow(featurizer, copy)));
    });
  });
});
