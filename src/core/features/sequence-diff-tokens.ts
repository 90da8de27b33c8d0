/**
 * Maps the subword positions of the generic Transformer's input back to the diff. Each
 * position whose span lies in the text of a hunk line becomes a DiffToken of that line, so
 * attributions over the sequence can be drawn over the diff.
 */
import { linePrefix } from '../diff/serialize.ts';
import type { Patch } from '../diff/types.ts';
import type { DiffToken } from '../tokenize/diffTokens.ts';
import type { SubwordSequence } from './subword-sequence.ts';

/** Span of one hunk line's text in `serializePatch(patch)`, with the line's indices. */
interface LineSpan {
  /** Offset of the first character after the `+`/`-`/space marker. */
  textStart: number;
  textEnd: number;
  file: number;
  hunk: number;
  line: number;
  patchLine: number;
}

/** Returns the text spans of every added, removed and context line, in text order. */
function hunkLineSpans(patch: Patch): LineSpan[] {
  const spans: LineSpan[] = [];
  let offset = patch.preamble.length;

  patch.files.forEach((fileDiff, file) => {
    for (const headerLine of fileDiff.headerLines) offset += headerLine.length;

    fileDiff.hunks.forEach((hunkDiff, hunk) => {
      offset += hunkDiff.header.length + hunkDiff.headerEol.length;
      hunkDiff.lines.forEach((diffLine, line) => {
        const textStart = offset + linePrefix(diffLine).length;
        const textEnd = textStart + diffLine.text.length;
        if (diffLine.kind !== 'no-newline') {
          spans.push({ textStart, textEnd, file, hunk, line, patchLine: diffLine.patchLine });
        }
        offset = textEnd + diffLine.eol.length;
      });
    });
  });
  return spans;
}

/**
 * Returns, for every position of `sequence` (encoded from `serializePatch(patch)`), the diff
 * token it covers, or null for positions in headers, markers and line breaks. A subword that
 * also covers a line's marker, such as `+}` read as one word, keeps only its part in the line.
 */
export function sequenceDiffTokens(
  patch: Patch,
  sequence: Pick<SubwordSequence, 'starts' | 'ends'>,
): (DiffToken | null)[] {
  const spans = hunkLineSpans(patch);
  const text = (span: LineSpan) => patch.files[span.file]!.hunks[span.hunk]!.lines[span.line]!;
  let cursor = 0;

  return sequence.starts.map((start, position) => {
    const end = sequence.ends[position]!;
    // Positions come in text order, so the cursor only moves forward.
    while (cursor < spans.length && spans[cursor]!.textEnd <= start) cursor++;
    const span = spans[cursor];
    if (span === undefined || end <= span.textStart || start >= span.textEnd) return null;

    const tokenStart = Math.max(start, span.textStart) - span.textStart;
    const tokenEnd = Math.min(end, span.textEnd) - span.textStart;
    const { file, hunk, line, patchLine } = span;
    return {
      text: text(span).text.slice(tokenStart, tokenEnd),
      start: tokenStart,
      end: tokenEnd,
      file,
      hunk,
      line,
      patchLine,
    };
  });
}
