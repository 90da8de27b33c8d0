import { readFileSync } from 'node:fs';

import { describe, expect, test } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { serializePatch } from '../../../src/core/diff/serialize.ts';
import { applyEdits } from '../../../src/core/explain/applyEdits.ts';
import { editsConflict, enumerateEditSites } from '../../../src/core/explain/sites.ts';
import type { EditSite } from '../../../src/core/explain/types.ts';

const LIST_VIEW_DIFF = readFileSync(
  new URL('../../fixtures/explain/list-view-cache.diff', import.meta.url),
  'utf8',
);

/** Picks every `step`-th site that conflicts with none picked before. */
function pickCompatible(sites: EditSite[], step: number): EditSite[] {
  const picked: EditSite[] = [];
  for (let i = 0; i < sites.length; i += step) {
    const site = sites[i]!;
    if (!picked.some((other) => editsConflict(other, site))) picked.push(site);
  }
  return picked;
}

describe('applyEdits', () => {
  test('combined edits parse in strict mode', () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const sites = enumerateEditSites(patch);

    for (const step of [3, 7, 11, 17]) {
      const edits = pickCompatible(sites, step);
      const text = serializePatch(applyEdits(patch, edits));
      expect(() => parsePatch(text)).not.toThrow();
    }
  });

  test('token edits keep the rest of the line', () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const sites = enumerateEditSites(patch, { kinds: ['delete-token'] });
    const tokens = sites.filter((site) => site.before === 'deep' || site.before === 'Clone');

    const edited = applyEdits(patch, tokens);

    expect(serializePatch(edited)).toContain('+      const copy = (items);\n');
  });

  test('line edits shift later lines', () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const lines = enumerateEditSites(patch, { kinds: ['delete-line'] }).slice(0, 4);

    const edited = parsePatch(serializePatch(applyEdits(patch, lines)));

    const added = edited.files[0]!.hunks.flatMap((hunk) => hunk.lines).filter(
      (line) => line.kind === 'added',
    );
    // The first four added lines (two imports, two loop lines) are gone.
    expect(added[0]!.text).toBe('      const copy = deepClone(items);');
  });

  test('dropping every hunk leaves no files', () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const hunks = enumerateEditSites(patch, { kinds: ['drop-hunk'] });

    const edited = applyEdits(patch, hunks);

    expect(edited.files).toHaveLength(0);
  });
});

const DELETED_FILE_DIFF = [
  'diff --git a/src/legacy.js b/src/legacy.js',
  'deleted file mode 100644',
  'index 5e6f7a8..0000000',
  '--- a/src/legacy.js',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '-export const legacy = true;',
  '-export function run() {}',
  'diff --git a/src/app.js b/src/app.js',
  'index 1a2b3c4..4d5e6f7 100644',
  '--- a/src/app.js',
  '+++ b/src/app.js',
  '@@ -1 +1 @@',
  '-run();',
  '+start();',
  '',
].join('\n');

describe('enumerateEditSites', () => {
  test('deleted file lines are not restorable', () => {
    const patch = parsePatch(DELETED_FILE_DIFF);

    const sites = enumerateEditSites(patch);

    const restores = sites.filter((site) => site.kind === 'restore-line');
    expect(restores.map((site) => site.position.path)).toEqual(['src/app.js']);
    expect(sites.filter((site) => site.kind === 'drop-hunk')).toHaveLength(2);
  });

  test('every site applies to valid diff', () => {
    const patch = parsePatch(DELETED_FILE_DIFF);

    for (const site of enumerateEditSites(patch)) {
      const text = serializePatch(applyEdits(patch, [site]));
      expect(() => parsePatch(text)).not.toThrow();
    }
  });
});

describe('editsConflict', () => {
  test('hunk drop conflicts with its lines', () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const sites = enumerateEditSites(patch);
    const drop = sites.find((site) => site.kind === 'drop-hunk')!;
    const line = sites.find((site) => site.kind === 'delete-line')!;

    expect(editsConflict(drop, line)).toBe(true);
  });

  test('tokens of one line do not conflict', () => {
    const patch = parsePatch(LIST_VIEW_DIFF);
    const tokens = enumerateEditSites(patch, { kinds: ['delete-token'] });

    expect(editsConflict(tokens[0]!, tokens[1]!)).toBe(false);
  });
});
