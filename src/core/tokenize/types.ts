/** Token types shared by the code lexer, the Bag of Words tokenizer and diff tokenization. */

/** A piece of a line with its span: UTF-16 offsets into the line, as Monaco columns count. */
export interface Token {
  text: string;
  /** Offset of the first character, 0-based. */
  start: number;
  /** Offset after the last character (exclusive). */
  end: number;
}

/**
 * Lexeme kind: `word` is an identifier or keyword run (letters, digits, `_`, `$`, starting with
 * a non-digit), `number` a numeric literal, `symbol` one punctuation or operator character,
 * `space` a whitespace run.
 */
export type LexemeKind = 'word' | 'number' | 'symbol' | 'space';

export interface Lexeme extends Token {
  kind: LexemeKind;
}
