import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import {
  findCounterfactuals,
  streamCounterfactuals,
  type CounterfactualResult,
} from '../../../src/core/explain/counterfactual.ts';
import { loadScorer } from '../../../src/core/model/scorer.ts';
import type { Scorer } from '../../../src/core/model/types.ts';
import { readBundleDir } from '../../../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../../src/node/tfBackend.ts';
import { abortAfter } from './abortTiming.ts';
import { loadHandBuiltScorer, SLEEP_BLOCK_DIFF } from './handBuiltBow.ts';

const LIST_VIEW_DIFF = readFileSync(
  new URL('../../fixtures/explain/list-view-cache.diff', import.meta.url),
  'utf8',
);

const SHIPPED_BOW_DIR = join(PROJECT_ROOT, 'models', 'bow');
const shippedBowMissing = !existsSync(join(SHIPPED_BOW_DIR, 'manifest.json'));

let scorer: Scorer;

beforeAll(async () => {
  await setupTfjsBackend();
  scorer = await loadHandBuiltScorer();
});

afterAll(() => scorer.dispose());

/** Edits as comparable strings: kind, line, span and replacement. */
function describeEdits(result: CounterfactualResult): string[][] {
  return result.counterfactuals.map((counterfactual) =>
    counterfactual.edits.map(({ kind, position, after }) =>
      [kind, position.patchLine, position.start, position.end, after].join(':'),
    ),
  );
}

describe('findCounterfactuals', () => {
  test('finds hand-computed token counterfactual', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    const result = await findCounterfactuals(scorer, patch, { kinds: ['delete-token'] });

    expect(result.counterfactuals).toHaveLength(1);
    const edits = result.counterfactuals[0]!.edits;
    expect(edits.map((edit) => edit.before)).toEqual(['sleep', 'block']);
    expect(edits.map((edit) => edit.position.patchLine)).toEqual([8, 9]);
    expect(result.counterfactuals[0]!.probabilityAfter).toBeLessThan(0.5);
    expect(result.stopReason).toBe('exhausted');
  });

  test('every operator needs both hot lines', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    const result = await findCounterfactuals(scorer, patch, { maxCounterfactuals: 1 });

    const edits = result.counterfactuals[0]!.edits;
    expect(edits).toHaveLength(2);
    expect(edits.map((edit) => edit.position.patchLine).sort()).toEqual([8, 9]);
  });

  test('counterfactual diffs parse and rescore', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);

    const result = await findCounterfactuals(scorer, patch, { maxCounterfactuals: 3, seed: 3 });

    expect(result.counterfactuals).toHaveLength(3);
    for (const counterfactual of result.counterfactuals) {
      const fresh = await scorer.score(parsePatch(counterfactual.diff));
      expect(fresh.probability).toBe(counterfactual.probabilityAfter);
      expect(fresh.flagged).toBe(counterfactual.flaggedAfter);
      expect(fresh.flagged).not.toBe(result.decision.flagged);
    }
    expect(result.rejected).toBe(0);
  });

  test('later counterfactuals are disjoint', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);

    const result = await findCounterfactuals(scorer, patch, { maxCounterfactuals: 3, seed: 3 });

    const spans = result.counterfactuals.flatMap((counterfactual) =>
      counterfactual.edits.map((edit) => `${edit.position.patchLine}:${edit.position.start}`),
    );
    expect(new Set(spans).size).toBe(spans.length);
  });

  test('same seed gives same result', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);

    const first = await findCounterfactuals(scorer, patch, { seed: 7 });
    const second = await findCounterfactuals(scorer, patch, { seed: 7 });

    expect(describeEdits(second)).toEqual(describeEdits(first));
    expect(second.counterfactuals.map((c) => c.probabilityAfter)).toEqual(
      first.counterfactuals.map((c) => c.probabilityAfter),
    );
  });

  test('abort settles within 100 ms', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);

    // Without replacements no edit can raise this diff's score, so the search never flips.
    const { result, settleMs } = await abortAfter(300, (signal) =>
      findCounterfactuals(scorer, patch, { replacements: null, signal, timeBudgetMs: 60_000 }),
    );

    expect(result.stopReason).toBe('aborted');
    expect(settleMs).toBeLessThan(100);
    console.log(`Search settled ${settleMs.toFixed(1)} ms after abort (${result.scored} scored).`);
  });

  test('time budget stops the search', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);

    const result = await findCounterfactuals(scorer, patch, {
      replacements: null,
      timeBudgetMs: 200,
    });

    expect(result.stopReason).toBe('time-budget');
    expect(result.elapsedMs).toBeLessThan(400);
  });

  test('stream yields counterfactuals and trace', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const events = streamCounterfactuals(scorer, patch, { seed: 1 });

    const kinds: string[] = [];
    let step = await events.next();
    while (step.done !== true) {
      kinds.push(step.value.type);
      step = await events.next();
    }
    const result = step.value;

    expect(kinds.filter((kind) => kind === 'counterfactual')).toHaveLength(
      result.counterfactuals.length,
    );
    expect(kinds.filter((kind) => kind === 'trace')).toHaveLength(result.trace.length);
    expect(result.trace.length).toBeGreaterThan(0);
  });

  test('tensor count stays flat', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    await findCounterfactuals(scorer, patch, { seed: 2 });
    const before = tf.memory().numTensors;

    for (let run = 0; run < 3; run++) await findCounterfactuals(scorer, patch, { seed: run });

    expect(tf.memory().numTensors).toBe(before);
  });

  test('invalid maxEdits names the value', async () => {
    const patch = parsePatch(SLEEP_BLOCK_DIFF);

    await expect(findCounterfactuals(scorer, patch, { maxEdits: 0 })).rejects.toThrow(
      'Invalid maxEdits 0',
    );
  });
});

describe.skipIf(shippedBowMissing)('findCounterfactuals on shipped BoW bundle', () => {
  let shipped: Scorer;

  beforeAll(async () => {
    shipped = await loadScorer(await readBundleDir(SHIPPED_BOW_DIR));
  });

  afterAll(() => shipped?.dispose());

  test('counterfactual diffs parse and rescore', async () => {
    const patch = parsePatch(LIST_VIEW_DIFF);

    const result = await findCounterfactuals(shipped, patch, { timeBudgetMs: 60_000 });

    expect(result.counterfactuals.length).toBeGreaterThan(0);
    for (const counterfactual of result.counterfactuals) {
      const fresh = await shipped.score(parsePatch(counterfactual.diff));
      expect(fresh.probability).toBe(counterfactual.probabilityAfter);
      expect(fresh.flagged).not.toBe(result.decision.flagged);
    }
  });
});

if (shippedBowMissing) {
  console.log(`Skipping shipped BoW search checks: no bundle at ${SHIPPED_BOW_DIR}.`);
}
