import { beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../../../src/core/diff/parse.ts';
import { BundleError } from '../../../../src/core/model/manifest.ts';
import { loadScorer } from '../../../../src/core/model/scorer.ts';
import { setupTfjsBackend } from '../../../../src/node/tfBackend.ts';
import { TWO_HUNK_DIFF, TWO_HUNK_DIFF_EDITED } from '../../../train/tiny-transformers.ts';
import { tinyGenericBundle } from './tiny-bundles.ts';

describe('generic Transformer scorer', () => {
  beforeAll(async () => {
    await setupTfjsBackend('wasm');
  });

  it('scores a diff in [0, 1]', async () => {
    const scorer = await loadScorer(await tinyGenericBundle());
    const { probability } = await scorer.score(parsePatch(TWO_HUNK_DIFF));
    expect(probability).toBeGreaterThanOrEqual(0);
    expect(probability).toBeLessThanOrEqual(1);
    scorer.dispose();
  });

  it('batch scores match single scores', async () => {
    const scorer = await loadScorer(await tinyGenericBundle());
    // Different lengths, so the shorter diff is padded inside the batch.
    const shortened = TWO_HUNK_DIFF_EDITED.slice(0, 200);
    const patches = [parsePatch(TWO_HUNK_DIFF), parsePatch(shortened, { lenient: true })];
    const batch = await scorer.scoreBatch(patches);
    for (let i = 0; i < patches.length; i++) {
      const single = await scorer.score(patches[i]!);
      expect(batch[i], `patch ${i}`).toBeCloseTo(single.probability, 5);
    }
    scorer.dispose();
  });

  it('rejects a tokenizer of another size', async () => {
    const bundle = await tinyGenericBundle();
    const architecture = bundle.manifest.features.architecture as { vocabSize: number };
    const manifest = {
      ...bundle.manifest,
      features: {
        ...bundle.manifest.features,
        architecture: { ...architecture, vocabSize: architecture.vocabSize + 1 },
      },
    };
    const load = loadScorer({ ...bundle, manifest });
    await expect(load).rejects.toBeInstanceOf(BundleError);
    await expect(load).rejects.toThrow(/tokenizer\.json has \d+ tokens/);
  });
});
