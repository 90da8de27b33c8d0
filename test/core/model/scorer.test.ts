import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { Bm25Weighter, type Bm25Vocabulary } from '../../../src/core/features/bm25.ts';
import { bowDocument } from '../../../src/core/features/bowFeaturizer.ts';
import { loadScorer } from '../../../src/core/model/scorer.ts';
import type { BundleBytes } from '../../../src/core/model/types.ts';
import { buildTinyBundle, TINY_BIAS, TINY_WEIGHTS } from './tinyBundle.ts';

const fixture = (name: string) =>
  parsePatch(readFileSync(new URL(`../../fixtures/model/${name}`, import.meta.url), 'utf8'));

let bundle: BundleBytes;

beforeAll(async () => {
  bundle = await buildTinyBundle();
});

/** Computes the tiny model's probability by hand from BM25 weights and the known kernel. */
function handScore(tokens: string[]): number {
  const vocabulary = JSON.parse(
    new TextDecoder().decode(bundle.files.get('vocabulary.json')),
  ) as Bm25Vocabulary;
  const row = new Bm25Weighter(vocabulary, { k1: 1.2, b: 0.75 }).weighDense(tokens);
  let logit = TINY_BIAS;
  vocabulary.terms.forEach((term, i) => (logit += row[i]! * (TINY_WEIGHTS[term] ?? 0)));
  return 1 / (1 + Math.exp(-logit));
}

describe('loadScorer', () => {
  it('scores a diff like a hand computation', async () => {
    const scorer = await loadScorer(bundle);
    const patch = fixture('slow-lookup.diff');
    const result = await scorer.score(patch);
    expect(result.probability).toBeCloseTo(handScore(bowDocument(patch)), 5);
    expect(result.threshold).toBe(0.5);
    expect(result.flagged).toBe(result.probability >= 0.5);
    expect(result.timings.totalMs).toBeGreaterThanOrEqual(result.timings.inferMs);
    scorer.dispose();
  });

  it('keeps batch order', async () => {
    const scorer = await loadScorer(bundle);
    const patches = [fixture('slow-lookup.diff'), fixture('rename-variable.diff')];
    const batch = await scorer.scoreBatch(patches);
    const single = [];
    for (const patch of patches) single.push((await scorer.score(patch)).probability);
    expect(batch[0]).toBeCloseTo(single[0]!, 6);
    expect(batch[1]).toBeCloseTo(single[1]!, 6);
    expect(batch[0]).not.toBeCloseTo(batch[1]!, 3);
    scorer.dispose();
  });

  it('rejects an unknown family', async () => {
    const unknown = { ...bundle, manifest: { ...bundle.manifest, family: 'nope' as 'bow' } };
    await expect(loadScorer(unknown)).rejects.toThrow(
      "Model bundle 'tiny-bow': family 'nope' has no featurizer in this PerfLens",
    );
  });

  it('rejects a vocabulary of another size', async () => {
    const vocabulary = JSON.parse(new TextDecoder().decode(bundle.files.get('vocabulary.json')));
    vocabulary.terms.pop();
    vocabulary.df.pop();
    const files = new Map(bundle.files);
    files.set('vocabulary.json', new TextEncoder().encode(JSON.stringify(vocabulary)));
    await expect(loadScorer({ ...bundle, files })).rejects.toThrow(
      "Model bundle 'tiny-bow': vocabulary.json has 7 terms, but the manifest's " +
        'features.inputSize is 8.',
    );
  });
});
