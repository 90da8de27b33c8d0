/**
 * Kind of every styled line of a parsed patch, by 1-based line number in the editor text. Pure,
 * so the mapping from the parser's line numbers to decorations can be tested without Monaco.
 */
import type { Patch } from '../../src/core/diff/types.ts';

export type StyledLineKind = 'file-header' | 'hunk-header' | 'added' | 'removed' | 'marker';

export interface StyledLine {
  line: number;
  kind: StyledLineKind;
}

export function styledLines(patch: Patch): StyledLine[] {
  const lines: StyledLine[] = [];

  for (const file of patch.files) {
    for (let i = 0; i < file.headerLines.length; i++) {
      lines.push({ line: file.patchLine + i, kind: 'file-header' });
    }

    for (const hunk of file.hunks) {
      lines.push({ line: hunk.patchLine, kind: 'hunk-header' });
      for (const diffLine of hunk.lines) {
        if (diffLine.kind === 'added') {
          lines.push({ line: diffLine.patchLine, kind: 'added' });
        } else if (diffLine.kind === 'removed') {
          lines.push({ line: diffLine.patchLine, kind: 'removed' });
        } else if (diffLine.kind === 'no-newline') {
          lines.push({ line: diffLine.patchLine, kind: 'marker' });
        }
      }
    }
  }

  return lines;
}
