/**
 * Line splitting and the shared read state of the diff parser.
 */
import { DiffParseError } from './errors.ts';

/** The input split into lines: text without line ending, and the ending itself. */
export interface SourceLines {
  texts: string[];
  /** `'\n'`, `'\r\n'`, or `''` for a last line that has no line ending. */
  eols: string[];
}

/** Parser input and mode, shared by the header and hunk readers. */
export interface ParseContext extends SourceLines {
  lenient: boolean;
  /** Index of the last line that is not empty, or -1; later lines are all empty. */
  lastNonEmpty: number;
}

/**
 * Splits text into lines, keeping each line ending so the input can be rebuilt byte for byte.
 * Only `\n` ends a line. A `\r` right before it belongs to the ending, any other `\r` to the text.
 */
export function splitLines(text: string): SourceLines {
  const pieces = text.split('\n');
  const texts: string[] = [];
  const eols: string[] = [];

  const last = pieces.length - 1;
  for (let i = 0; i < last; i++) {
    const piece = pieces[i]!;
    if (piece.length > 0 && piece.charCodeAt(piece.length - 1) === 13) {
      texts.push(piece.slice(0, -1));
      eols.push('\r\n');
    } else {
      texts.push(piece);
      eols.push('\n');
    }
  }

  // split() yields a final empty piece when the text ends with a line ending.
  const tail = pieces[last]!;
  if (tail !== '') {
    texts.push(tail);
    eols.push('');
  }
  return { texts, eols };
}

export function createContext(text: string, lenient: boolean): ParseContext {
  const { texts, eols } = splitLines(text);
  let lastNonEmpty = texts.length - 1;
  while (lastNonEmpty >= 0 && texts[lastNonEmpty] === '') lastNonEmpty--;
  return { texts, eols, lenient, lastNonEmpty };
}

/** Rebuilds the raw text of lines `start` (inclusive) to `end` (exclusive). */
export function joinRaw(ctx: SourceLines, start: number, end: number): string {
  let out = '';
  for (let i = start; i < end; i++) out += ctx.texts[i]! + ctx.eols[i]!;
  return out;
}

/**
 * True for a line that starts with `@`: a hunk header, or a malformed one that readHunk
 * reports with its column.
 */
export function isHunkHeaderLike(text: string): boolean {
  return text.charCodeAt(0) === 64;
}

/** Raw text of one line with its ending. */
export function rawLine(ctx: SourceLines, index: number): string {
  return ctx.texts[index]! + ctx.eols[index]!;
}

/**
 * Builds an error at a 0-based line index and 1-based column. An index past the last line
 * points just after the end of the text, which is where a missing line was expected.
 */
export function errorAt(
  ctx: SourceLines,
  index: number,
  column: number,
  reason: string,
  expected: string,
): DiffParseError {
  const count = ctx.texts.length;
  if (index < count) return new DiffParseError(reason, index + 1, column, expected);

  if (count > 0 && ctx.eols[count - 1] === '') {
    return new DiffParseError(reason, count, ctx.texts[count - 1]!.length + 1, expected);
  }
  return new DiffParseError(reason, count + 1, 1, expected);
}
