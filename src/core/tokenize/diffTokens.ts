/**
 * Tokens of a parsed diff for Bag of Words features and for drawing attributions: added-line
 * tokens are prefixed `+`, removed-line tokens `-`, context tokens stay bare.
 */
import type { DiffLine, Patch } from '../diff/types.ts';
import { bowTokens } from './bow.ts';
import type { Token } from './types.ts';

export interface DiffToken extends Token {
  /** Index of the file in `patch.files`. */
  file: number;
  /** Index of the hunk in its file's `hunks`. */
  hunk: number;
  /** Index of the line in its hunk's `lines`. */
  line: number;
  /** 1-based line number inside the whole patch text, where Monaco draws the token. */
  patchLine: number;
}

/** A line tokenizer, such as `bowTokens`; spans are offsets into the line text. */
export type LineTokenizer = (line: string) => Token[];

/** Prefix of each line kind's token texts, or null for lines that yield no tokens. */
export const PREFIX_BY_KIND: Record<DiffLine['kind'], string | null> = {
  added: '+',
  removed: '-',
  context: '',
  'no-newline': null,
};

/**
 * Tokenizes every added, removed and context line of a patch. Spans stay relative to the line
 * text (without its `+`/`-`/space marker), so the marker prefix in `text` has no span of its own.
 * File headers, hunk headers and `\ No newline` markers yield no tokens.
 */
export function diffTokens(patch: Patch, tokenizeLine: LineTokenizer = bowTokens): DiffToken[] {
  const tokens: DiffToken[] = [];

  patch.files.forEach((fileDiff, file) => {
    fileDiff.hunks.forEach((hunkDiff, hunk) => {
      hunkDiff.lines.forEach((diffLine, line) => {
        const prefix = PREFIX_BY_KIND[diffLine.kind];
        if (prefix === null) return;

        for (const token of tokenizeLine(diffLine.text)) {
          tokens.push({
            text: prefix + token.text,
            start: token.start,
            end: token.end,
            file,
            hunk,
            line,
            patchLine: diffLine.patchLine,
          });
        }
      });
    });
  });

  return tokens;
}
