import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/index.ts';
import { styledLines } from '../../../renderer/diff-editor/lineKinds.ts';

const PATCH = [
  'diff --git a/a.js b/a.js',
  '--- a/a.js',
  '+++ b/a.js',
  '@@ -1,2 +1,2 @@',
  ' keep();',
  '-old();',
  '+new();',
  '\\ No newline at end of file',
].join('\n');

describe('styledLines', () => {
  it('styles every line of the patch by kind', () => {
    expect(styledLines(parsePatch(PATCH))).toEqual([
      { line: 1, kind: 'file-header' },
      { line: 2, kind: 'file-header' },
      { line: 3, kind: 'file-header' },
      { line: 4, kind: 'hunk-header' },
      { line: 6, kind: 'removed' },
      { line: 7, kind: 'added' },
      { line: 8, kind: 'marker' },
    ]);
  });
});
