/**
 * Bag of Words tokenization after the SuperPerforator study's BoW baseline: numbers and symbols
 * are dropped, lines are split on whitespace and syntax characters, identifiers are split on
 * case and underscores, and every subword is lowercased.
 */
import { splitIdentifier } from './identifier.ts';
import { lexLine } from './lexer.ts';
import type { Token } from './types.ts';

const DIGITS_ONLY = /^\p{N}+$/u;

/** Tokenizes one line into lowercase subwords, each with its own span in the line. */
export function bowTokens(line: string): Token[] {
  const tokens: Token[] = [];

  for (const lexeme of lexLine(line)) {
    if (lexeme.kind !== 'word') continue;

    for (const subword of splitIdentifier(lexeme.text, lexeme.start)) {
      if (DIGITS_ONLY.test(subword.text)) continue;
      tokens.push({ ...subword, text: subword.text.toLowerCase() });
    }
  }

  return tokens;
}
