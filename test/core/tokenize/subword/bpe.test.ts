import { describe, expect, it } from 'vitest';

import {
  BpeTokenizer,
  countWords,
  learnBpe,
  lineWords,
  MAX_WORD_LENGTH,
  parseBpeTokenizer,
  textWords,
  WORD_START,
} from '../../../../src/core/tokenize/subword/index.ts';

// A small hand-written diff corpus; real dataset rows never go into fixtures.
const CORPUS = [
  'diff --git a/src/cache.js b/src/cache.js\n@@ -1,3 +1,4 @@\n' +
    ' function getCachedValue(key) {\n-  return cache.get(key);\n' +
    '+  if (cache.has(key)) return cache.get(key);\n+  return computeValue(key);\n }\n',
  'const cachedValue = getCachedValue(key);\nif (cachedValue === undefined) return null;\n',
  'for (const key of keys) {\n  cache.set(key, computeValue(key));\n}\n',
];

const OPTIONS = {
  vocabSize: 90,
  specialTokens: ['[PAD]', '[UNK]', '[MASK]'],
  unknownToken: '[UNK]',
  minCharCount: 1,
};

function trainTokenizer(): BpeTokenizer {
  return new BpeTokenizer(learnBpe(countWords(CORPUS, textWords), OPTIONS));
}

describe('subword pre-tokenization', () => {
  it('joins adjacent symbols into one word', () => {
    const words = lineWords('if (a === b) {});').map((word) => word.text);
    expect(words).toEqual(['if', '(', 'a', '===', 'b', ')', '{});']);
  });

  it('keeps spans into the line', () => {
    const words = lineWords('  foo.bar(1)', 10);
    expect(words.map((word) => [word.start, word.end])).toEqual([
      [12, 15],
      [15, 16],
      [16, 19],
      [19, 20],
      [20, 21],
      [21, 22],
    ]);
  });

  it('emits a word per line break', () => {
    const words = textWords('a\n\nb').map((word) => word.text);
    expect(words).toEqual(['a', '\n', '\n', 'b']);
  });

  it('cuts long words into pieces', () => {
    const long = 'x'.repeat(MAX_WORD_LENGTH * 2 + 5);
    const lengths = lineWords(long).map((word) => word.text.length);
    expect(lengths).toEqual([MAX_WORD_LENGTH, MAX_WORD_LENGTH, 5]);
  });
});

describe('BPE tokenizer', () => {
  it('learns the same vocabulary twice', () => {
    const first = learnBpe(countWords(CORPUS, textWords), OPTIONS);
    const second = learnBpe(countWords([...CORPUS].reverse(), textWords), OPTIONS);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });

  it('reaches the requested vocabulary size', () => {
    expect(trainTokenizer().vocabSize).toBe(OPTIONS.vocabSize);
  });

  it('merges frequent words into one token', () => {
    const tokenizer = trainTokenizer();
    const encoded = tokenizer.encodeText('cache');
    expect(encoded.ids.map((id) => tokenizer.token(id))).toEqual([`${WORD_START}cache`]);
  });

  it('spans cover the text of each token', () => {
    const tokenizer = trainTokenizer();
    const text = '+  if (cachedValue) return computeValue(key);\n';
    const encoded = tokenizer.encodeText(text);
    for (let i = 0; i < encoded.ids.length; i++) {
      const tokenText = tokenizer.token(encoded.ids[i]!).replace(WORD_START, '');
      expect(text.slice(encoded.starts[i], encoded.ends[i]), `token ${i}`).toBe(tokenText);
    }
  });

  it('encodes unseen characters as unknown', () => {
    const tokenizer = trainTokenizer();
    const encoded = tokenizer.encodeText('key§');
    expect(encoded.ids[encoded.ids.length - 1]).toBe(tokenizer.unknownId);
    expect(encoded.starts[encoded.ids.length - 1]).toBe(3);
  });

  it('survives a JSON round trip', () => {
    const tokenizer = trainTokenizer();
    const restored = parseBpeTokenizer(JSON.stringify(tokenizer.json), 'tokenizer.json');
    const text = CORPUS.join('');
    expect(restored.encodeText(text)).toEqual(tokenizer.encodeText(text));
  });

  it('rejects a file without merges', () => {
    const text = JSON.stringify({ format: 'perflens-bpe', version: 1, tokens: [] });
    expect(() => parseBpeTokenizer(text, 'bad.json')).toThrow(/bad\.json lacks tokens, merges/);
  });
});
