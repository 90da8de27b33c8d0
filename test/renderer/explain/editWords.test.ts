import { describe, expect, it } from 'vitest';

import type { Edit, EditKind } from '../../../src/core/explain/types.ts';
import {
  describeEdit,
  describeEdits,
  editPhrase,
  MAX_CODE_LENGTH,
  shortenCode,
} from '../../../renderer/explain/editWords.ts';

/** Builds an edit at diff text line `line`. A token edit spans the token from column 3. */
function edit(kind: EditKind, before: string, line: number, after = ''): Edit {
  const token = kind === 'delete-token' || kind === 'replace-token';
  return {
    kind,
    before,
    after,
    position: {
      file: 0,
      hunk: 0,
      line: kind === 'drop-hunk' ? null : 2,
      patchLine: line,
      start: token ? 1 : null,
      end: token ? 1 + before.length : null,
      startColumn: token ? 3 : null,
      endColumn: token ? 3 + before.length : null,
      path: 'src/sync/merge.js',
    },
  };
}

describe('describeEdit', () => {
  it('names deleted added lines', () => {
    const text = describeEdit(edit('delete-line', '  const copy = JSON.parse(raw);', 12));

    expect(text).toBe('delete added line 12 `const copy = JSON.parse(raw);`');
  });

  it('names restored removed lines', () => {
    const text = describeEdit(edit('restore-line', 'return cache.get(key);', 7));

    expect(text).toBe('restore removed line 7 `return cache.get(key);`');
  });

  it('names deleted tokens', () => {
    expect(describeEdit(edit('delete-token', 'sleep', 8))).toBe('delete `sleep` on line 8');
  });

  it('names token replacements', () => {
    const text = describeEdit(edit('replace-token', 'sort', 24, 'slice'));

    expect(text).toBe('replace `sort` with `slice` on line 24');
  });

  it('names dropped hunks', () => {
    const text = describeEdit(edit('drop-hunk', '@@ -8,15 +8,20 @@', 5));

    expect(text).toBe('drop the hunk at line 5 `@@ -8,15 +8,20 @@`');
  });

  it('names blank lines in words', () => {
    const parts = editPhrase(edit('delete-line', '   ', 3));

    expect(parts[1]).toEqual({ text: '(blank)', code: false });
  });

  it('joins several edits with semicolons', () => {
    const edits = [edit('delete-token', 'sleep', 8), edit('delete-token', 'block', 9)];

    expect(describeEdits(edits)).toBe('delete `sleep` on line 8; delete `block` on line 9');
  });
});

describe('shortenCode', () => {
  it('keeps short code whole', () => {
    expect(shortenCode('  items.sort(byRank);  ')).toBe('items.sort(byRank);');
  });

  it('cuts long code with an ellipsis', () => {
    const long = `const settings = ${'x'.repeat(80)};`;

    const short = shortenCode(long);

    expect(short).toHaveLength(MAX_CODE_LENGTH);
    expect(short.endsWith('…')).toBe(true);
    expect(long.startsWith(short.slice(0, -1))).toBe(true);
  });
});
