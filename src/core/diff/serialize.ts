/**
 * Serializer for parsed or edited patches.
 */
import type { DiffLine, LineKind, Patch } from './types.ts';

/** The prefix a line has in a hunk body; an empty context line may have lost its space. */
export function linePrefix(line: DiffLine): string {
  switch (line.kind) {
    case 'added':
      return '+';
    case 'removed':
      return '-';
    case 'no-newline':
      return '\\';
    case 'context':
      return line.missingPrefix === true ? '' : ' ';
  }
}

/**
 * Writes a patch back to unified diff text. For a parsed patch the result equals the parsed
 * text byte for byte, because every piece keeps its raw text and line endings.
 */
export function serializePatch(patch: Patch): string {
  const parts: string[] = [patch.preamble];
  for (const file of patch.files) {
    for (const headerLine of file.headerLines) parts.push(headerLine);

    for (const hunk of file.hunks) {
      parts.push(hunk.header, hunk.headerEol);
      for (const line of hunk.lines) parts.push(linePrefix(line), line.text, line.eol);
    }
  }
  parts.push(patch.trailer);
  return parts.join('');
}

/** Span of one hunk line's text (without its prefix and line ending) in `serializePatch`. */
export interface LineTextSpan {
  file: number;
  hunk: number;
  line: number;
  kind: LineKind;
  patchLine: number;
  /** UTF-16 offset of the first character after the line's `+`/`-`/space prefix. */
  start: number;
  end: number;
}

/** Returns the text span of every hunk line in `serializePatch(patch)`, in text order. */
export function lineTextSpans(patch: Patch): LineTextSpan[] {
  const spans: LineTextSpan[] = [];
  let offset = patch.preamble.length;

  patch.files.forEach((fileDiff, file) => {
    for (const headerLine of fileDiff.headerLines) offset += headerLine.length;

    fileDiff.hunks.forEach((hunkDiff, hunk) => {
      offset += hunkDiff.header.length + hunkDiff.headerEol.length;
      hunkDiff.lines.forEach((diffLine, line) => {
        const start = offset + linePrefix(diffLine).length;
        const end = start + diffLine.text.length;
        const { kind, patchLine } = diffLine;
        spans.push({ file, hunk, line, kind, patchLine, start, end });
        offset = end + diffLine.eol.length;
      });
    });
  });
  return spans;
}
