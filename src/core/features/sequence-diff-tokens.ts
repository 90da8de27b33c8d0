/**
 * Maps the subword positions of the generic Transformer's input back to the diff. Each
 * position whose span lies in the text of a hunk line becomes a DiffToken of that line, so
 * attributions over the sequence can be drawn over the diff.
 */
import { lineTextSpans } from '../diff/serialize.ts';
import type { Patch } from '../diff/types.ts';
import type { DiffToken } from '../tokenize/diffTokens.ts';
import type { SubwordSequence } from './subword-sequence.ts';

/**
 * Returns, for every position of `sequence` (encoded from `serializePatch(patch)`), the diff
 * token it covers, or null for positions in headers, markers and line breaks. A subword that
 * also covers a line's marker, such as `+}` read as one word, keeps only its part in the line.
 */
export function sequenceDiffTokens(
  patch: Patch,
  sequence: Pick<SubwordSequence, 'starts' | 'ends'>,
): (DiffToken | null)[] {
  const spans = lineTextSpans(patch).filter((span) => span.kind !== 'no-newline');
  let cursor = 0;

  return sequence.starts.map((start, position) => {
    const end = sequence.ends[position]!;
    // Positions come in text order, so the cursor only moves forward.
    while (cursor < spans.length && spans[cursor]!.end <= start) cursor++;
    const span = spans[cursor];
    if (span === undefined || end <= span.start || start >= span.end) return null;

    const tokenStart = Math.max(start, span.start) - span.start;
    const tokenEnd = Math.min(end, span.end) - span.start;
    const { file, hunk, line, patchLine } = span;
    const lineText = patch.files[file]!.hunks[hunk]!.lines[line]!.text;
    return {
      text: lineText.slice(tokenStart, tokenEnd),
      start: tokenStart,
      end: tokenEnd,
      file,
      hunk,
      line,
      patchLine,
    };
  });
}
