/**
 * Serializer for parsed or edited patches.
 */
import type { DiffLine, Patch } from './types.ts';

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
