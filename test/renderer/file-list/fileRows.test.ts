import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/index.ts';
import { fileRows } from '../../../renderer/file-list/fileRows.ts';

const PATCH = [
  'diff --git a/src/old-name.js b/src/new-name.js',
  'similarity index 90%',
  'rename from src/old-name.js',
  'rename to src/new-name.js',
  '--- a/src/old-name.js',
  '+++ b/src/new-name.js',
  '@@ -1,2 +1,3 @@',
  ' a();',
  '-b();',
  '+b(1);',
  '+c();',
  'diff --git a/src/gone.js b/src/gone.js',
  'deleted file mode 100644',
  'index 1234567..0000000',
  '--- a/src/gone.js',
  '+++ /dev/null',
  '@@ -1 +0,0 @@',
  '-gone();',
  '',
].join('\n');

describe('fileRows', () => {
  const rows = fileRows(parsePatch(PATCH));

  it('lists one row per file', () => {
    expect(rows.map((row) => row.path)).toEqual(['src/new-name.js', 'src/gone.js']);
  });

  it('keeps the old path of a rename', () => {
    expect(rows[0]?.fromPath).toBe('src/old-name.js');
  });

  it('counts added and removed lines', () => {
    expect(rows[0]).toMatchObject({ added: 2, removed: 1 });
    expect(rows[1]).toMatchObject({ added: 0, removed: 1 });
  });

  it('reports each status', () => {
    expect(rows.map((row) => row.status)).toEqual(['renamed', 'deleted']);
  });

  it('points at the header line of each file', () => {
    expect(rows.map((row) => row.patchLine)).toEqual([1, 12]);
  });
});
