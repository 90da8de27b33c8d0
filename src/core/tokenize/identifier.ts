/**
 * Identifier splitting for snake_case, camelCase, PascalCase and acronyms:
 * `parseHTTPResponse_fast` becomes `parse`, `HTTP`, `Response`, `fast`.
 */
import type { Token } from './types.ts';

// One subword: an acronym that stops before a capitalized word (`HTTP` in `HTTPResponse`),
// a capitalized or lowercase word, an all-caps run, or a digit run.
const SUBWORD_PATTERN = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{L}+|\p{N}+/gu;

/**
 * Splits an identifier into subwords with spans shifted by `offset` (the identifier's position
 * in its line). Separators `_` and `$` are dropped; digit runs are kept as their own subwords.
 */
export function splitIdentifier(identifier: string, offset = 0): Token[] {
  const subwords: Token[] = [];

  for (const match of identifier.matchAll(SUBWORD_PATTERN)) {
    const start = offset + match.index;
    subwords.push({ text: match[0], start, end: start + match[0].length });
  }

  return subwords;
}
