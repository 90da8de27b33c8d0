/**
 * Old and new fragments of one file, as the side-by-side view shows them.
 */
import { bodyCounts } from './counts.ts';
import { firstLineNumber } from './hunkBody.ts';
import { languageForPath } from './language.ts';
import type { FileDiff, Hunk } from './types.ts';

export interface FileSides {
  /** Context and removed lines of every hunk, joined with `\n`. */
  oldText: string;
  /** Context and added lines of every hunk, joined with `\n`. */
  newText: string;
  /** Monaco language id from the file extension (new path, else old path). */
  language: string;
  /** File line number of each line of `oldText`; null for a gap line between hunks. */
  oldLineNumbers: (number | null)[];
  /** File line number of each line of `newText`; null for a gap line between hunks. */
  newLineNumbers: (number | null)[];
}

/**
 * Rebuilds the old and new fragments that the hunks of a file show. Between two hunks both
 * sides get one gap line such as `⋯ 12 unchanged lines ⋯`, so each hunk starts after the same
 * number of gap lines on both sides. Line endings and no-newline markers are left out. A binary
 * file or a file without hunks gives two empty texts.
 */
export function fileSides(file: FileDiff): FileSides {
  const oldLines: string[] = [];
  const newLines: string[] = [];
  const oldLineNumbers: (number | null)[] = [];
  const newLineNumbers: (number | null)[] = [];

  file.hunks.forEach((hunk, index) => {
    if (index > 0) {
      const gap = gapLine(file.hunks[index - 1]!, hunk);
      oldLines.push(gap);
      newLines.push(gap);
      oldLineNumbers.push(null);
      newLineNumbers.push(null);
    }

    for (const line of hunk.lines) {
      if (line.kind === 'context' || line.kind === 'removed') {
        oldLines.push(line.text);
        oldLineNumbers.push(line.oldLine);
      }
      if (line.kind === 'context' || line.kind === 'added') {
        newLines.push(line.text);
        newLineNumbers.push(line.newLine);
      }
    }
  });

  return {
    oldText: oldLines.join('\n'),
    newText: newLines.join('\n'),
    language: languageForPath(file.newPath ?? file.oldPath),
    oldLineNumbers,
    newLineNumbers,
  };
}

/**
 * Describes the unchanged old-side lines between two hunks. Hunks of an edited diff may touch
 * or overlap, which leaves no count to show.
 */
function gapLine(previous: Hunk, next: Hunk): string {
  const previousCount = bodyCounts(previous).old;
  const previousEnd = firstLineNumber(previous.oldStart, previous.oldCount ?? 1) + previousCount;
  const gap = firstLineNumber(next.oldStart, next.oldCount ?? 1) - previousEnd;

  if (gap <= 0) return '⋯';
  return `⋯ ${gap} unchanged ${gap === 1 ? 'line' : 'lines'} ⋯`;
}
