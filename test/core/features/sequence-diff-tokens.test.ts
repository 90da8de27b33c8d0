import { describe, expect, test } from 'vitest';

import { parsePatch } from '../../../src/core/diff/parse.ts';
import { sequenceDiffTokens } from '../../../src/core/features/sequence-diff-tokens.ts';

const DIFF = [
  'diff --git a/src/pool.ts b/src/pool.ts',
  '--- a/src/pool.ts',
  '+++ b/src/pool.ts',
  '@@ -1,2 +1,2 @@ class Pool',
  ' const size = 4;',
  '-}',
  '+}}',
  '',
].join('\r\n');

/** Offsets of `needle`'s nth occurrence in the patch text, as a subword span. */
function spanOf(text: string, needle: string, nth = 0): { start: number; end: number } {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(needle, start + 1);
  return { start, end: start + needle.length };
}

function tokensAt(spans: { start: number; end: number }[]) {
  const patch = parsePatch(DIFF);
  return sequenceDiffTokens(patch, {
    starts: spans.map((span) => span.start),
    ends: spans.map((span) => span.end),
  });
}

describe('sequenceDiffTokens', () => {
  test('maps a context token to its line', () => {
    const [token] = tokensAt([spanOf(DIFF, 'size')]);

    expect(token).toMatchObject({ text: 'size', start: 6, end: 10, hunk: 0, line: 0 });
    expect(token?.patchLine).toBe(5);
  });

  test('header tokens map to null', () => {
    expect(tokensAt([spanOf(DIFF, 'pool'), spanOf(DIFF, 'Pool')])).toEqual([null, null]);
  });

  test('subword covering the marker keeps its line part', () => {
    const [token] = tokensAt([spanOf(DIFF, '+}}')]);

    expect(token).toMatchObject({ text: '}}', start: 0, end: 2, line: 2, patchLine: 7 });
  });

  test('lone marker and line break map to null', () => {
    const removedMarker = spanOf(DIFF, '-}');
    const marker = { start: removedMarker.start, end: removedMarker.start + 1 };
    const lineBreak = spanOf(DIFF, '\r\n', 4);

    expect(tokensAt([marker, lineBreak])).toEqual([null, null]);
  });
});
