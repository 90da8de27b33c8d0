import { beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../../../src/core/diff/parse.ts';
import { loadScorer } from '../../../../src/core/model/scorer.ts';
import {
  SuperPerforatorScorer,
} from '../../../../src/core/model/transformer/superperforator-scorer.ts';
import { setupTfjsBackend } from '../../../../src/node/tfBackend.ts';
import { TWO_HUNK_DIFF, TWO_HUNK_DIFF_EDITED } from '../../../train/tiny-transformers.ts';
import { tinySuperPerforatorBundle } from './tiny-bundles.ts';

async function loadTinyScorer(): Promise<SuperPerforatorScorer> {
  const scorer = await loadScorer(await tinySuperPerforatorBundle());
  if (!(scorer instanceof SuperPerforatorScorer)) {
    throw new Error('loadScorer did not return a SuperPerforatorScorer.');
  }
  return scorer;
}

describe('SuperPerforator scorer', () => {
  beforeAll(async () => {
    await setupTfjsBackend('wasm');
  });

  it('scores a diff in [0, 1]', async () => {
    const scorer = await loadTinyScorer();
    const { probability } = await scorer.score(parsePatch(TWO_HUNK_DIFF));
    expect(probability).toBeGreaterThanOrEqual(0);
    expect(probability).toBeLessThanOrEqual(1);
    scorer.dispose();
  });

  it('encodes every window once', async () => {
    const scorer = await loadTinyScorer();
    const patch = parsePatch(TWO_HUNK_DIFF);
    await scorer.score(patch);
    expect(scorer.encodedWindows).toBe(scorer.windowsOf(patch).length);
    scorer.dispose();
  });

  it('re-scoring the same diff encodes nothing', async () => {
    const scorer = await loadTinyScorer();
    await scorer.score(parsePatch(TWO_HUNK_DIFF));
    const before = scorer.encodedWindows;
    await scorer.score(parsePatch(TWO_HUNK_DIFF));
    expect(scorer.encodedWindows).toBe(before);
    scorer.dispose();
  });

  it('an edit re-encodes only its hunk', async () => {
    const scorer = await loadTinyScorer();
    const original = parsePatch(TWO_HUNK_DIFF);
    const edited = parsePatch(TWO_HUNK_DIFF_EDITED);
    await scorer.score(original);
    const before = scorer.encodedWindows;

    const first = await scorer.score(original);
    const second = await scorer.score(edited);
    const editedHunkWindows = scorer.windowsOf(edited).filter((window) =>
      window.tokens.some((token) => token !== null && token.hunk === 1),
    ).length;
    expect(editedHunkWindows).toBeGreaterThan(0);
    expect(scorer.encodedWindows - before).toBe(editedHunkWindows);
    expect(second.probability).not.toBe(first.probability);
    scorer.dispose();
  });

  it('batch scores match single scores', async () => {
    const scorer = await loadTinyScorer();
    const patches = [parsePatch(TWO_HUNK_DIFF), parsePatch(TWO_HUNK_DIFF_EDITED)];
    const batch = await scorer.scoreBatch(patches);
    for (let i = 0; i < patches.length; i++) {
      const single = await scorer.score(patches[i]!);
      expect(batch[i], `patch ${i}`).toBeCloseTo(single.probability, 6);
    }
    scorer.dispose();
  });
});
