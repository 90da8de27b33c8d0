/**
 * Generic code lexer: splits one line of source into words, numbers, symbols and whitespace,
 * with spans. It has no language grammar, so string and comment contents are lexed like code.
 * The Bag of Words tokenizer keeps only words; a subword tokenizer can use every lexeme.
 */
import type { Lexeme, LexemeKind } from './types.ts';

// Words start with a letter, `_` or `$`; numbers start with a digit or `.digit` and take the
// letters that follow (hex `0x1F`, exponent `1e-5` without its sign, suffix `10n`).
const LEXEME_PATTERN = /([\p{L}_$][\p{L}\p{N}_$]*)|(\.?\p{N}[\p{L}\p{N}_.]*)|(\s+)|(.)/gsu;

/** Splits a line into lexemes that cover it without gaps, in order. */
export function lexLine(line: string): Lexeme[] {
  const lexemes: Lexeme[] = [];

  for (const match of line.matchAll(LEXEME_PATTERN)) {
    const start = match.index;
    const text = match[0];
    let kind: LexemeKind = 'symbol';
    if (match[1] !== undefined) kind = 'word';
    else if (match[2] !== undefined) kind = 'number';
    else if (match[3] !== undefined) kind = 'space';
    lexemes.push({ kind, text, start, end: start + text.length });
  }

  return lexemes;
}
