/**
 * Pre-tokenization for the subword tokenizer: splits text into words that BPE merges never
 * cross. Words come from the code lexer (identifiers, numbers), plus runs of adjacent symbol
 * characters (so `===` or `});` can become one subword) and one word per line break.
 * Whitespace inside a line separates words and produces no token.
 */
import { lexLine } from '../lexer.ts';

/** A word with its span: UTF-16 offsets into the text that was pre-tokenized. */
export interface Word {
  text: string;
  start: number;
  end: number;
}

/** Text of the word that represents a line break. */
export const LINE_BREAK_WORD = '\n';

/**
 * Maximum word length in UTF-16 code units. Longer words (minified code, base64, long
 * separators) are cut into pieces of this length so BPE work per word stays bounded.
 */
export const MAX_WORD_LENGTH = 48;

function pushWord(words: Word[], text: string, start: number): void {
  for (let offset = 0; offset < text.length; offset += MAX_WORD_LENGTH) {
    const piece = text.slice(offset, offset + MAX_WORD_LENGTH);
    words.push({ text: piece, start: start + offset, end: start + offset + piece.length });
  }
}

/** Splits one line (without its line ending) into words, adding `offset` to every span. */
export function lineWords(line: string, offset = 0): Word[] {
  const words: Word[] = [];
  let symbolRun = '';
  let symbolStart = 0;

  const flushSymbols = () => {
    if (symbolRun !== '') pushWord(words, symbolRun, offset + symbolStart);
    symbolRun = '';
  };

  for (const lexeme of lexLine(line)) {
    if (lexeme.kind === 'symbol') {
      if (symbolRun === '') symbolStart = lexeme.start;
      symbolRun += lexeme.text;
      continue;
    }

    flushSymbols();
    if (lexeme.kind !== 'space') pushWord(words, lexeme.text, offset + lexeme.start);
  }

  flushSymbols();
  return words;
}

/** Splits multi-line text into words, with a LINE_BREAK_WORD at every `\n`. */
export function textWords(text: string): Word[] {
  const words: Word[] = [];
  let lineStart = 0;

  while (lineStart <= text.length) {
    const lineEnd = text.indexOf('\n', lineStart);
    const end = lineEnd === -1 ? text.length : lineEnd;
    words.push(...lineWords(text.slice(lineStart, end), lineStart));
    if (lineEnd === -1) break;

    words.push({ text: LINE_BREAK_WORD, start: lineEnd, end: lineEnd + 1 });
    lineStart = lineEnd + 1;
  }

  return words;
}
