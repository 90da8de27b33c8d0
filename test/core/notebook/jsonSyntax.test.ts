import { describe, expect, it } from 'vitest';

import { findJsonSyntaxError } from '../../../src/core/notebook/jsonSyntax.ts';

describe('findJsonSyntaxError', () => {
  const validTexts = [
    '{}',
    ' [1, -2.5e3, "a\\u00e9\\n", true, false, null, {"k": []}] ',
    '"just a string"',
    '0',
  ];

  for (const text of validTexts) {
    it(`accepts ${JSON.stringify(text)}`, () => {
      expect(findJsonSyntaxError(text)).toBeNull();
    });
  }

  const invalidCases: Array<[string, number, number, string]> = [
    ['{"a": 1,}', 1, 9, 'unexpected character "}", expected a property name'],
    ['[1 2]', 1, 4, "unexpected character \"2\", expected ',' or ']'"],
    ['{\n  "a": tru\n}', 2, 8, 'unexpected character "t", expected a JSON value'],
    ['{"a": "b', 1, 9, 'unexpected end of input inside a string'],
    ['{"a": "\\x"}', 1, 8, 'invalid escape sequence in string'],
    ['{} {}', 1, 4, 'unexpected text after the JSON value'],
    ['', 1, 1, 'unexpected end of input, expected a JSON value'],
  ];

  for (const [text, line, column, reason] of invalidCases) {
    it(`locates the error in ${JSON.stringify(text)}`, () => {
      const error = findJsonSyntaxError(text);
      expect(error?.line).toBe(line);
      expect(error?.column).toBe(column);
      expect(error?.reason).toBe(reason);
    });
  }

  it('agrees with JSON.parse on validity', () => {
    const texts = [...validTexts, ...invalidCases.map(([text]) => text), '[01]', '{"a":1}x'];
    for (const text of texts) {
      let parses = true;
      try {
        JSON.parse(text);
      } catch {
        parses = false;
      }
      expect(findJsonSyntaxError(text) === null, text).toBe(parses);
    }
  });
});
