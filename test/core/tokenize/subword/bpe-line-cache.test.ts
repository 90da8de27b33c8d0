import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parsePatch } from '../../../../src/core/diff/parse.ts';
import { diffWindows } from '../../../../src/core/features/diff-windows.ts';
import { lineWords } from '../../../../src/core/tokenize/subword/index.ts';
import { PROJECT_ROOT } from '../../../../src/node/dataset.ts';
import { tinyWindowTokenizer } from '../../../train/tiny-transformers.ts';

const DIFF = readFileSync(join(PROJECT_ROOT, 'test/fixtures/explain/list-view-cache.diff'), 'utf8');

const SETTINGS = {
  tokenizerFile: 'tokenizer.json',
  windowLength: 96,
  maxPathTokens: 8,
  maxSectionTokens: 6,
};

describe('BpeTokenizer.encodeLine', () => {
  const lines = DIFF.split('\n').map((line) => line.slice(1));

  it('matches encodeWords on every line', () => {
    const cached = tinyWindowTokenizer();
    const uncached = tinyWindowTokenizer();
    for (const line of [...lines, ...lines]) {
      expect(cached.encodeLine(line)).toEqual(uncached.encodeWords(lineWords(line)));
    }
  });

  it('returns the cached encoding again', () => {
    const tokenizer = tinyWindowTokenizer();
    const first = tokenizer.encodeLine('  for (const row of rows) {');
    expect(tokenizer.encodeLine('  for (const row of rows) {')).toBe(first);
  });
});

describe('diffWindows with a warm line cache', () => {
  it('matches windows from a fresh tokenizer', () => {
    const warm = tinyWindowTokenizer();
    const patch = parsePatch(DIFF);
    diffWindows(patch, warm, SETTINGS);

    const edited = parsePatch(DIFF.replace('const copy = deepClone(items);', 'const copy = items;'));
    for (const withTokens of [true, false]) {
      const fresh = diffWindows(edited, tinyWindowTokenizer(), SETTINGS, withTokens);
      expect(diffWindows(edited, warm, SETTINGS, withTokens)).toEqual(fresh);
    }
  });
});
