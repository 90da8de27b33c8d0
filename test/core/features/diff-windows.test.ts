import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { diffWindows } from '../../../src/core/features/diff-windows.ts';
import { LINE_KIND_IDS } from '../../../src/core/model/layers/line-kind-embedding.ts';
import { TWO_HUNK_DIFF, tinyWindowTokenizer } from '../../train/tiny-transformers.ts';

const SETTINGS = {
  tokenizerFile: 'tokenizer.json',
  windowLength: 96,
  maxPathTokens: 8,
  maxSectionTokens: 6,
};

/** A diff with one hunk of 40 added lines, written for this test. */
const LONG_HUNK = [
  'diff --git a/src/table.js b/src/table.js',
  '--- a/src/table.js',
  '+++ b/src/table.js',
  '@@ -1,0 +1,40 @@',
  ...Array.from({ length: 40 }, (_, i) => `+const value${i} = table.get(key${i});`),
  '',
].join('\n');

describe('diffWindows', () => {
  const tokenizer = tinyWindowTokenizer();

  it('makes one window per short hunk', () => {
    const windows = diffWindows(parsePatch(TWO_HUNK_DIFF), tokenizer, SETTINGS);
    expect(windows.length).toBe(2);
  });

  it('starts every window with its file and hunk', () => {
    const windows = diffWindows(parsePatch(LONG_HUNK), tokenizer, SETTINGS);
    for (const window of windows) {
      expect(tokenizer.token(window.ids[0]!)).toBe('[FILE]');
      expect(window.ids).toContain(tokenizer.tokenId('[HUNK]'));
    }
  });

  it('splits a long hunk at line boundaries', () => {
    const windows = diffWindows(parsePatch(LONG_HUNK), tokenizer, SETTINGS);
    expect(windows.length).toBeGreaterThan(1);
    for (const window of windows) {
      expect(window.ids.length).toBeLessThanOrEqual(SETTINGS.windowLength);
      const firstBodyToken = window.ids.indexOf(tokenizer.tokenId('[HUNK]')) + 1;
      expect(tokenizer.token(window.ids[firstBodyToken]!)).toBe('[ADD]');
    }
  });

  it('marks tokens with their line kind', () => {
    const [first] = diffWindows(parsePatch(TWO_HUNK_DIFF), tokenizer, SETTINGS);
    const removedMarker = first!.ids.indexOf(tokenizer.tokenId('[DEL]'));
    expect(first!.kinds[removedMarker]).toBe(LINE_KIND_IDS.removed);
    expect(first!.kinds[0]).toBe(LINE_KIND_IDS.header);
  });

  it('spans point into the line text', () => {
    const patch = parsePatch(TWO_HUNK_DIFF);
    for (const window of diffWindows(patch, tokenizer, SETTINGS)) {
      for (const token of window.tokens) {
        if (token === null) continue;
        const line = patch.files[token.file]!.hunks[token.hunk]!.lines[token.line]!;
        expect(line.text.slice(token.start, token.end)).toBe(token.text);
      }
    }
  });

  it('windows of an unchanged hunk keep their key', () => {
    const before = diffWindows(parsePatch(TWO_HUNK_DIFF), tokenizer, SETTINGS);
    const edited = TWO_HUNK_DIFF.replace('table.clear();', 'table.clear(true);');
    const after = diffWindows(parsePatch(edited), tokenizer, SETTINGS);
    expect(after[0]!.key).toBe(before[0]!.key);
    expect(after[1]!.key).not.toBe(before[1]!.key);
  });
});
