/**
 * Locates the first syntax error of a JSON text. `JSON.parse` error messages differ between
 * engines (V8 in Node 20 gives no position for a truncated text), so a failed parse is scanned
 * again here to report a line and column that do not depend on the engine.
 */

export interface JsonSyntaxError {
  /** 0-based offset in UTF-16 code units. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column in UTF-16 code units. */
  column: number;
  /** What was wrong, such as "unexpected end of input" or "expected ':'". */
  reason: string;
}

class ScanError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER_PATTERN = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** Scans `text` as JSON and returns its first syntax error, or null when it is valid JSON. */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  try {
    let offset = scanValue(text, skipWhitespace(text, 0));
    offset = skipWhitespace(text, offset);
    if (offset < text.length) throw new ScanError(offset, 'unexpected text after the JSON value');
    return null;
  } catch (error) {
    if (!(error instanceof ScanError)) throw error;
    return { offset: error.offset, ...lineAndColumn(text, error.offset), reason: error.reason };
  }
}

/** Converts a 0-based offset to a 1-based line and column. */
export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

function skipWhitespace(text: string, offset: number): number {
  while (offset < text.length && WHITESPACE.has(text[offset]!)) offset++;
  return offset;
}

function describeChar(text: string, offset: number): string {
  if (offset >= text.length) return 'unexpected end of input';
  return `unexpected character ${JSON.stringify(text[offset])}`;
}

/** Scans one value starting at `offset` (no leading whitespace) and returns the offset after it. */
function scanValue(text: string, offset: number): number {
  const char = text[offset];
  if (char === '{') return scanObject(text, offset);
  if (char === '[') return scanArray(text, offset);
  if (char === '"') return scanString(text, offset);

  for (const word of ['true', 'false', 'null']) {
    if (text.startsWith(word, offset)) return offset + word.length;
  }

  NUMBER_PATTERN.lastIndex = offset;
  if (NUMBER_PATTERN.exec(text) !== null) return NUMBER_PATTERN.lastIndex;

  throw new ScanError(offset, `${describeChar(text, offset)}, expected a JSON value`);
}

function scanObject(text: string, offset: number): number {
  offset = skipWhitespace(text, offset + 1);
  if (text[offset] === '}') return offset + 1;

  for (;;) {
    if (text[offset] !== '"') {
      throw new ScanError(offset, `${describeChar(text, offset)}, expected a property name`);
    }
    offset = skipWhitespace(text, scanString(text, offset));

    if (text[offset] !== ':') {
      throw new ScanError(offset, `${describeChar(text, offset)}, expected ':'`);
    }
    offset = skipWhitespace(text, offset + 1);
    offset = skipWhitespace(text, scanValue(text, offset));

    if (text[offset] === '}') return offset + 1;
    if (text[offset] !== ',') {
      throw new ScanError(offset, `${describeChar(text, offset)}, expected ',' or '}'`);
    }
    offset = skipWhitespace(text, offset + 1);
  }
}

function scanArray(text: string, offset: number): number {
  offset = skipWhitespace(text, offset + 1);
  if (text[offset] === ']') return offset + 1;

  for (;;) {
    offset = skipWhitespace(text, scanValue(text, offset));

    if (text[offset] === ']') return offset + 1;
    if (text[offset] !== ',') {
      throw new ScanError(offset, `${describeChar(text, offset)}, expected ',' or ']'`);
    }
    offset = skipWhitespace(text, offset + 1);
  }
}

function scanString(text: string, offset: number): number {
  offset++;

  while (offset < text.length) {
    const char = text[offset]!;
    if (char === '"') return offset + 1;
    if (char.charCodeAt(0) < 0x20) {
      throw new ScanError(offset, 'unescaped control character in string');
    }

    if (char === '\\') {
      const escape = text[offset + 1];
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(offset + 2, offset + 6))) {
        offset += 6;
        continue;
      }
      if (escape !== undefined && ESCAPES.has(escape)) {
        offset += 2;
        continue;
      }
      throw new ScanError(offset, 'invalid escape sequence in string');
    }

    offset++;
  }

  throw new ScanError(offset, 'unexpected end of input inside a string');
}
