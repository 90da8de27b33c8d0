import { describe, expect, it } from 'vitest';

import type { DiffLine, Patch } from '../../../src/core/diff/types.ts';
import { diffTokens } from '../../../src/core/tokenize/diffTokens.ts';

function line(kind: DiffLine['kind'], text: string, patchLine: number): DiffLine {
  return { kind, text, oldLine: null, newLine: null, eol: '\n', patchLine };
}

// A two-file patch built by hand, so the test does not depend on the diff parser.
const patch: Patch = {
  preamble: '',
  trailer: '',
  files: [
    {
      oldPath: 'src/cache.js',
      newPath: 'src/cache.js',
      status: 'modified',
      binary: false,
      oldMode: null,
      newMode: null,
      headerLines: [],
      patchLine: 1,
      hunks: [
        {
          oldStart: 1,
          oldCount: 2,
          newStart: 1,
          newCount: 2,
          section: '',
          header: '@@ -1,2 +1,2 @@',
          headerEol: '\n',
          patchLine: 4,
          lines: [
            line('context', 'function lookUp(key) {', 5),
            line('removed', '  return memoCache[key];', 6),
            line('added', '  return slowScan(key);', 7),
            line('no-newline', 'No newline at end of file', 8),
          ],
        },
      ],
    },
    {
      oldPath: null,
      newPath: 'src/new.js',
      status: 'added',
      binary: false,
      oldMode: null,
      newMode: '100644',
      headerLines: [],
      patchLine: 9,
      hunks: [
        {
          oldStart: 0,
          oldCount: 0,
          newStart: 1,
          newCount: 1,
          section: '',
          header: '@@ -0,0 +1 @@',
          headerEol: '\n',
          patchLine: 13,
          lines: [line('added', 'export const x = 1;', 14)],
        },
      ],
    },
  ],
};

describe('diffTokens', () => {
  const tokens = diffTokens(patch);

  it('prefixes added and removed tokens', () => {
    expect(tokens.map((token) => token.text)).toEqual([
      'function',
      'look',
      'up',
      'key',
      '-return',
      '-memo',
      '-cache',
      '-key',
      '+return',
      '+slow',
      '+scan',
      '+key',
      '+export',
      '+const',
      '+x',
    ]);
  });

  it('records file, hunk and line indexes', () => {
    const slow = tokens.find((token) => token.text === '+slow');
    expect(slow).toMatchObject({ file: 0, hunk: 0, line: 2, patchLine: 7, start: 9, end: 13 });
    const exported = tokens.find((token) => token.text === '+export');
    expect(exported).toMatchObject({ file: 1, hunk: 0, line: 0, patchLine: 14 });
  });

  it('skips no-newline markers', () => {
    expect(tokens.some((token) => token.patchLine === 8)).toBe(false);
  });
});
