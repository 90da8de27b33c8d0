import { describe, expect, it } from 'vitest';

import { bowTokens } from '../../../src/core/tokenize/bow.ts';
import { splitIdentifier } from '../../../src/core/tokenize/identifier.ts';
import { lexLine } from '../../../src/core/tokenize/lexer.ts';

const texts = (line: string) => bowTokens(line).map((token) => token.text);

describe('bowTokens', () => {
  it('splits camel, Pascal and snake case', () => {
    expect(texts('parseHTTPResponse_fast')).toEqual(['parse', 'http', 'response', 'fast']);
    expect(texts('XMLHttpRequest')).toEqual(['xml', 'http', 'request']);
    expect(texts('MAX_RETRY_COUNT')).toEqual(['max', 'retry', 'count']);
    expect(texts('getX')).toEqual(['get', 'x']);
  });

  it('drops numbers and symbols', () => {
    expect(texts('for (let i = 0; i < 1e5; i += 0x1F) {}')).toEqual(['for', 'let', 'i', 'i', 'i']);
    expect(texts('cache2 = utf8Decode($el)')).toEqual(['cache', 'utf', 'decode', 'el']);
  });

  it('keeps subword spans inside the line', () => {
    const line = '  a.parseHTTPResponse_fast()';
    const tokens = bowTokens(line);
    for (const token of tokens) {
      expect(line.slice(token.start, token.end).toLowerCase()).toBe(token.text);
    }
    expect(tokens.map((token) => [token.start, token.end])).toEqual([
      [2, 3],
      [4, 9],
      [9, 13],
      [13, 21],
      [22, 26],
    ]);
  });

  it('lowercases non-ASCII identifiers', () => {
    expect(texts('größeÄnderung')).toEqual(['größe', 'änderung']);
  });

  it('returns nothing for blank lines', () => {
    expect(bowTokens('')).toEqual([]);
    expect(bowTokens('   \t  ')).toEqual([]);
  });
});

describe('splitIdentifier', () => {
  it('offsets spans by the identifier position', () => {
    expect(splitIdentifier('fooBar', 10)).toEqual([
      { text: 'foo', start: 10, end: 13 },
      { text: 'Bar', start: 13, end: 16 },
    ]);
  });
});

describe('lexLine', () => {
  it('covers the line without gaps', () => {
    const line = 'x = a?.b(1.5, "s") // ok';
    const lexemes = lexLine(line);
    expect(lexemes.map((lexeme) => lexeme.text).join('')).toBe(line);
    lexemes.forEach((lexeme, i) => {
      expect(lexeme.start).toBe(i === 0 ? 0 : lexemes[i - 1]!.end);
    });
  });

  it('classifies words, numbers, symbols and spaces', () => {
    expect(lexLine('f(10) $x').map((lexeme) => lexeme.kind)).toEqual([
      'word',
      'symbol',
      'number',
      'symbol',
      'space',
      'word',
    ]);
  });

  it('counts spans in UTF-16 units after astral characters', () => {
    const lexemes = lexLine('"😀" done');
    const done = lexemes.find((lexeme) => lexeme.text === 'done');
    expect(done?.start).toBe(5);
  });
});
