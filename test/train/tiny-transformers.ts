/** Tiny Transformer models and hand-written diffs for fast training and scorer tests. */
import { WINDOW_SPECIAL_TOKENS } from '../../src/core/features/diff-windows.ts';
import { SEQUENCE_SPECIAL_TOKENS } from '../../src/core/features/subword-sequence.ts';
import type { EncoderArchitecture } from '../../src/core/model/transformer/encoder.ts';
import { BpeTokenizer } from '../../src/core/tokenize/subword/bpe-tokenizer.ts';
import { lineWords, textWords } from '../../src/core/tokenize/subword/pretokenize.ts';
import { learnTokenizer } from '../../src/train/transformer-data.ts';

/** A diff with two hunks in one file, written for these tests. */
export const TWO_HUNK_DIFF = [
  'diff --git a/src/cache.js b/src/cache.js',
  'index 1111111..2222222 100644',
  '--- a/src/cache.js',
  '+++ b/src/cache.js',
  '@@ -1,3 +1,4 @@ function lookup(key) {',
  ' function lookup(key) {',
  '-  return table.get(key);',
  '+  if (table.has(key)) return table.get(key);',
  '+  return computeValue(key);',
  ' }',
  '@@ -20,3 +21,3 @@ function clear() {',
  ' function clear() {',
  '-  table.clear();',
  '+  table = new Map();',
  ' }',
  '',
].join('\n');

/** The same diff with one line of the second hunk edited. */
export const TWO_HUNK_DIFF_EDITED = TWO_HUNK_DIFF.replace(
  '+  table = new Map();',
  '+  table = new WeakMap();',
);

/** Hand-written lines that make up the tokenizer corpus of the tiny models. */
export const CORPUS = [
  TWO_HUNK_DIFF,
  'for (const item of items) {\n  cache.set(item.key, computeValue(item));\n}\n',
  'if (cache.has(key)) {\n  return cache.get(key);\n}\nconst value = slowLookup(key);\n',
  'function computeValue(key) {\n  return table.get(key) ?? fallback(key);\n}\n',
];

export function tinyArchitecture(lineKinds: boolean, vocabSize: number): EncoderArchitecture {
  return {
    vocabSize,
    dim: 16,
    heads: 2,
    feedForwardDim: 32,
    blocks: 1,
    maxLength: 48,
    dropoutRate: 0.1,
    lineKinds,
  };
}

/** Returns a small BPE tokenizer for the generic model, learned on CORPUS. */
export function tinySequenceTokenizer(): BpeTokenizer {
  return new BpeTokenizer(learnTokenizer(CORPUS, textWords, SEQUENCE_SPECIAL_TOKENS, 120, 1));
}

/** Returns a small BPE tokenizer for SuperPerforator windows, learned on the lines of CORPUS. */
export function tinyWindowTokenizer(): BpeTokenizer {
  const lines = CORPUS.flatMap((text) => text.split('\n'));
  return new BpeTokenizer(learnTokenizer(lines, lineWords, WINDOW_SPECIAL_TOKENS, 120, 1));
}
