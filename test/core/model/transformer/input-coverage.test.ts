import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, test } from 'vitest';

import { parsePatch } from '../../../../src/core/diff/parse.ts';
import { applyEdit } from '../../../../src/core/explain/applyEdits.ts';
import { occlusionAttributions } from '../../../../src/core/explain/occlusion.ts';
import { enumerateEditSites } from '../../../../src/core/explain/sites.ts';
import type { EditSite } from '../../../../src/core/explain/types.ts';
import { loadScorer } from '../../../../src/core/model/scorer.ts';
import { inputCoverage, type Scorer } from '../../../../src/core/model/types.ts';
import { readBundleDir } from '../../../../src/node/bundleFiles.ts';
import { PROJECT_ROOT } from '../../../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../../../src/node/tfBackend.ts';

function readFixture(name: string): string {
  return readFileSync(new URL(`../../../fixtures/explain/${name}`, import.meta.url), 'utf8');
}

/** Longer than the generic Transformer's 256 subwords. */
const LONG_DIFF = readFixture('list-view-cache.diff');
/** Shorter than 256 subwords. */
const SHORT_DIFF = readFixture('search-results-loop.diff');

let generic: Scorer;
let bow: Scorer;

beforeAll(async () => {
  await setupTfjsBackend('wasm');
  generic = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', 'transformer')));
  bow = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', 'bow')));
});

afterAll(() => {
  generic?.dispose();
  bow?.dispose();
});

describe('input coverage', () => {
  test('short diff is read whole', () => {
    expect(inputCoverage(generic, parsePatch(SHORT_DIFF))).toEqual({
      truncated: false,
      lastReadPatchLine: null,
    });
  });

  test('bag of words reads everything', () => {
    expect(inputCoverage(bow, parsePatch(LONG_DIFF)).truncated).toBe(false);
  });

  test('edits of unread hunks leave the score', async () => {
    const patch = parsePatch(LONG_DIFF);
    const { lastReadPatchLine } = inputCoverage(generic, patch);
    const hunkHeaderLine = (edit: EditSite) =>
      patch.files[edit.position.file]!.hunks[edit.position.hunk]!.patchLine;
    const lineEdits = enumerateEditSites(patch, { kinds: ['delete-line'] });
    const unread = lineEdits.filter((edit) => hunkHeaderLine(edit) > lastReadPatchLine!);
    const read = lineEdits.filter((edit) => edit.position.patchLine <= lastReadPatchLine!);

    const before = (await generic.score(patch)).probability;
    const afterUnread = await generic.scoreBatch(unread.map((edit) => applyEdit(patch, edit)));
    const afterLastRead = (await generic.score(applyEdit(patch, read.at(-1)!))).probability;

    expect(unread.length).toBeGreaterThan(10);
    expect(afterUnread.every((probability) => probability === before)).toBe(true);
    expect(afterLastRead).not.toBe(before);
  });

  test('sites stop at the last read line', () => {
    const patch = parsePatch(LONG_DIFF);
    const { lastReadPatchLine } = inputCoverage(generic, patch);

    const sites = enumerateEditSites(patch, { lastPatchLine: lastReadPatchLine });

    const lines = sites.map((site) => site.position.patchLine);
    expect(lines.length).toBeGreaterThan(0);
    expect(Math.max(...lines)).toBeLessThanOrEqual(lastReadPatchLine!);
  });

  test('occlusion skips unread lines', async () => {
    const patch = parsePatch(LONG_DIFF);
    const { lastReadPatchLine } = inputCoverage(generic, patch);

    const result = await occlusionAttributions(generic, patch, { levels: ['line'] });

    const lines = result.attributions.map(({ edit }) => edit.position.patchLine);
    expect(lines.length).toBeGreaterThan(0);
    expect(Math.max(...lines)).toBeLessThanOrEqual(lastReadPatchLine!);
  });
});
