import { readFileSync } from 'node:fs';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { occlusionAttributions } from '../../../src/core/explain/occlusion.ts';
import type { Scorer } from '../../../src/core/model/types.ts';
import { setupTfjsBackend } from '../../../src/node/tfBackend.ts';
import { loadHandBuiltScorer, SLEEP_BLOCK_DIFF } from './handBuiltBow.ts';

const LIST_VIEW_DIFF = readFileSync(
  new URL('../../fixtures/explain/list-view-cache.diff', import.meta.url),
  'utf8',
);

let scorer: Scorer;

beforeAll(async () => {
  await setupTfjsBackend();
  scorer = await loadHandBuiltScorer();
});

afterAll(() => scorer.dispose());

describe('occlusionAttributions', () => {
  test('hot tokens rank first', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    const result = await occlusionAttributions(scorer, patch, { levels: ['token'] });

    const top = result.attributions.slice(0, 2).map((item) => item.edit.before);
    expect(top.sort()).toEqual(['block', 'sleep']);
    expect(result.attributions[0]!.rank).toBe(1);
    expect(result.attributions[0]!.logitAttribution).toBeGreaterThan(1);
  });

  test('attribution equals score difference', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    const result = await occlusionAttributions(scorer, patch, { levels: ['line'] });

    for (const item of result.attributions) {
      expect(item.attribution).toBeCloseTo(
        result.decision.probability - item.occludedProbability,
        12,
      );
    }
  });

  test('levels cover lines and hunks', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    const result = await occlusionAttributions(scorer, patch);

    const kinds = result.attributions.map((item) => item.edit.kind);
    expect(kinds.filter((kind) => kind === 'delete-line')).toHaveLength(3);
    expect(kinds.filter((kind) => kind === 'restore-line')).toHaveLength(1);
    expect(kinds.filter((kind) => kind === 'drop-hunk')).toHaveLength(1);
    expect(result.stopReason).toBe('complete');
  });

  test('single hunk drop scores empty change', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    const result = await occlusionAttributions(scorer, patch, { levels: ['hunk'] });

    // An empty change has the zero BM25 vector, so its probability is sigmoid(bias -1.5).
    expect(result.attributions[0]!.occludedProbability).toBeCloseTo(1 / (1 + Math.exp(1.5)), 6);
  });

  test('token positions give Monaco columns', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    const result = await occlusionAttributions(scorer, patch, { levels: ['token'] });

    const sleep = result.attributions.find((item) => item.edit.before === 'sleep')!;
    expect(sleep.edit.position.patchLine).toBe(8);
    expect(sleep.edit.position.startColumn).toBe(4);
    expect(sleep.edit.position.endColumn).toBe(9);
  });

  test('abort returns partial attributions', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const controller = new AbortController();
    let batches = 0;

    const result = await occlusionAttributions(scorer, patch, {
      signal: controller.signal,
      onAttributions: () => {
        batches++;
        if (batches === 2) controller.abort();
      },
    });

    expect(result.stopReason).toBe('aborted');
    expect(result.attributions.length).toBeGreaterThan(0);
  });
});
