import { describe, expect, it } from 'vitest';

import {
  deleteAddedLine,
  DiffEditError,
  dropHunk,
  parsePatch,
  patchStats,
  replaceInAddedLine,
  restoreRemovedLine,
  serializePatch,
  type Patch,
} from '../../../src/core/diff/index.ts';
import { diffText, readFixture, TWO_HUNKS } from './diffFixtures.ts';

/** Returns the hunk header lines of a serialized patch. */
function hunkHeaders(patch: Patch): string[] {
  return serializePatch(patch).split('\n').filter((line) => line.startsWith('@@'));
}

/** Asserts that a strict parse of an edited patch's serialization gives the same patch. */
function expectValid(patch: Patch): void {
  const text = serializePatch(patch);
  expect(parsePatch(text)).toEqual(patch);
  expect(serializePatch(parsePatch(text))).toBe(text);
}

describe('deleteAddedLine', () => {
  const patch = parsePatch(TWO_HUNKS);

  it('removes the line and recounts', () => {
    const edited = deleteAddedLine(patch, 0, 0, 2);
    expect(hunkHeaders(edited)).toEqual([
      '@@ -2,4 +2,4 @@ export class Queue {',
      '@@ -20,3 +20,2 @@ export class Queue {',
    ]);
    expectValid(edited);
  });

  it('removes the no-newline marker after it', () => {
    const text = diffText('--- a.txt', '+++ a.txt', '@@ -1,2 +1,3 @@', ' keep', '-old', '+new',
      '+last', '\\ No newline at end of file');
    const edited = deleteAddedLine(parsePatch(text), 0, 0, 3);
    expect(serializePatch(edited)).toBe(diffText('--- a.txt', '+++ a.txt', '@@ -1,2 +1,2 @@',
      ' keep', '-old', '+new'));
  });

  it('removes a file left without changes', () => {
    const text = diffText(
      'diff --git a/a.js b/a.js', '--- a/a.js', '+++ b/a.js', '@@ -0,0 +1 @@', '+a',
      'diff --git a/b.js b/b.js', '--- a/b.js', '+++ b/b.js', '@@ -1 +1 @@', '-b', '+c',
    );
    const edited = deleteAddedLine(parsePatch(text), 0, 0, 0);
    expect(edited.files.map((file) => file.newPath)).toEqual(['b.js']);
    expect(edited.files[0]!.patchLine).toBe(1);
    expectValid(edited);
  });

  it('rejects a context line', () => {
    expect(() => deleteAddedLine(patch, 0, 0, 0)).toThrow(DiffEditError);
    expect(() => deleteAddedLine(patch, 0, 0, 0)).toThrow(
      'Line 0 of hunk 0 in file 0 (src/queue.js) is a context line, but deleteAddedLine ' +
        "needs an added line. Pick an index whose line kind is 'added'.",
    );
  });

  it('rejects indexes out of range', () => {
    expect(() => deleteAddedLine(patch, 1, 0, 0)).toThrow(
      'File index 1 is out of range: the patch has 1 file, so valid indexes are 0 to 0.',
    );
    expect(() => deleteAddedLine(patch, 0, 2, 0)).toThrow(RangeError);
    expect(() => deleteAddedLine(patch, 0, 0, 9)).toThrow(RangeError);
    expect(() => deleteAddedLine(patch, 0, 0, -1)).toThrow(RangeError);
  });
});

describe('restoreRemovedLine', () => {
  const patch = parsePatch(TWO_HUNKS);

  it('turns the line into context', () => {
    const edited = restoreRemovedLine(patch, 0, 0, 1);
    expect(edited.files[0]!.hunks[0]!.lines[1]!.kind).toBe('context');
    expect(edited.files[0]!.hunks[0]!.lines[1]!.newLine).toBe(3);
    expectValid(edited);
  });

  it('shifts new starts of later hunks', () => {
    expect(hunkHeaders(restoreRemovedLine(patch, 0, 0, 1))).toEqual([
      '@@ -2,4 +2,6 @@ export class Queue {',
      '@@ -20,3 +22,2 @@ export class Queue {',
    ]);
  });

  it('rejects an added line', () => {
    expect(() => restoreRemovedLine(patch, 0, 0, 2)).toThrow(DiffEditError);
  });

  it('rejects a line of a deleted file', () => {
    const deleted = parsePatch(readFixture('deleted-file'));
    expect(() => restoreRemovedLine(deleted, 1, 0, 0)).toThrow(
      'Cannot restore line 0 of hunk 0 in src/format.ts: the file is deleted',
    );
  });
});

describe('dropHunk', () => {
  const patch = parsePatch(TWO_HUNKS);

  it('undoes the first hunk', () => {
    const edited = dropHunk(patch, 0, 0);
    expect(hunkHeaders(edited)).toEqual(['@@ -20,3 +20,2 @@ export class Queue {']);
    expect(edited.files[0]!.hunks[0]!.patchLine).toBe(5);
    expectValid(edited);
  });

  it('undoes the last hunk', () => {
    const edited = dropHunk(patch, 0, 1);
    expect(hunkHeaders(edited)).toEqual(['@@ -2,4 +2,5 @@ export class Queue {']);
    expectValid(edited);
  });

  it('removes a file left without hunks', () => {
    const twoFiles = parsePatch(readFixture('deleted-file'));
    const edited = dropHunk(twoFiles, 0, 0);
    expect(edited.files.map((file) => file.oldPath)).toEqual(['src/format.ts']);
    expectValid(edited);
  });

  it('rejects dropping the only change', () => {
    const single = dropHunk(patch, 0, 1);
    expect(() => dropHunk(single, 0, 0)).toThrow(DiffEditError);
  });

  it('rejects a hunk index out of range', () => {
    expect(() => dropHunk(patch, 0, 2)).toThrow(
      'Hunk index 2 is out of range: file 0 (src/queue.js) has 2 hunks, so valid indexes ' +
        'are 0 to 1.',
    );
  });
});

describe('replaceInAddedLine', () => {
  const patch = parsePatch(TWO_HUNKS);

  it('replaces a character range', () => {
    const edited = replaceInAddedLine(patch, 0, 0, 2, 17, 30, '[]');
    expect(edited.files[0]!.hunks[0]!.lines[2]!.text).toBe('    this.items = [];');
    expectValid(edited);
  });

  it('inserts at an empty range', () => {
    const edited = replaceInAddedLine(patch, 0, 0, 3, 4, 4, 'const x = 1; ');
    expect(edited.files[0]!.hunks[0]!.lines[3]!.text).toBe('    const x = 1; this.head = 0;');
  });

  it('rejects an invalid range', () => {
    expect(() => replaceInAddedLine(patch, 0, 0, 2, 5, 99, 'x')).toThrow(RangeError);
    expect(() => replaceInAddedLine(patch, 0, 0, 2, 6, 5, 'x')).toThrow(RangeError);
  });

  it('rejects a line break', () => {
    expect(() => replaceInAddedLine(patch, 0, 0, 2, 0, 0, 'a\nb')).toThrow(DiffEditError);
    expect(() => replaceInAddedLine(patch, 0, 0, 2, 0, 0, 'a\rb')).toThrow(DiffEditError);
  });

  it('rejects a removed line', () => {
    expect(() => replaceInAddedLine(patch, 0, 0, 1, 0, 0, 'x')).toThrow(DiffEditError);
  });
});

describe('diff edits on fixtures', () => {
  const names = ['git-statuses', 'format-patch', 'deleted-file', 'plain-recursive'];

  it.each(names)('keep every edit of %s valid', (name) => {
    const text = readFixture(name);
    const patch = parsePatch(text);
    const frozen = structuredClone(patch);
    let edits = 0;

    patch.files.forEach((file, f) => {
      file.hunks.forEach((hunk, h) => {
        if (patch.files.length > 1 || file.hunks.length > 1) {
          expectValid(dropHunk(patch, f, h));
          edits++;
        }
        hunk.lines.forEach((line, l) => {
          if (line.kind === 'added') {
            const end = Math.min(2, line.text.length);
            expectValid(replaceInAddedLine(patch, f, h, l, 0, end, '∆'));
            const deletable = patch.files.length > 1 || hunk.lines.length > 1;
            if (deletable) expectValid(deleteAddedLine(patch, f, h, l));
            edits++;
          }
          if (line.kind === 'removed' && file.status !== 'deleted') {
            expectValid(restoreRemovedLine(patch, f, h, l));
            edits++;
          }
        });
      });
    });

    expect(edits).toBeGreaterThan(3);
    expect(patch).toEqual(frozen);
    expect(serializePatch(patch)).toBe(text);
  });
});

describe('patchStats', () => {
  it('counts files, hunks and lines', () => {
    expect(patchStats(parsePatch(readFixture('git-statuses')))).toEqual({
      files: 9,
      hunks: 9,
      addedLines: 16,
      removedLines: 12,
    });
  });
});
