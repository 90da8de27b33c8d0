/**
 * Edits of a parsed patch that keep it a valid diff, for counterfactual search: every result
 * has header counts that match the bodies, shifted new-side starts and line numbers, and
 * patch line numbers that match its serialized text. Inputs are never mutated.
 */
import { recountFileHunks } from './counts.ts';
import { DiffEditError } from './errors.ts';
import type { DiffLine, FileDiff, Hunk, LineKind, Patch } from './types.ts';

/** Returns a patch without one added line (and the no-newline marker that follows it). */
export function deleteAddedLine(
  patch: Patch,
  fileIndex: number,
  hunkIndex: number,
  lineIndex: number,
): Patch {
  const { hunk } = locateLine(patch, fileIndex, hunkIndex, lineIndex, 'added', 'deleteAddedLine');

  const followedByMarker = hunk.lines[lineIndex + 1]?.kind === 'no-newline';
  const lines = hunk.lines.filter(
    (_, k) => k !== lineIndex && !(followedByMarker && k === lineIndex + 1),
  );
  return replaceHunk(patch, fileIndex, hunkIndex, { ...hunk, lines });
}

/**
 * Returns a patch where one removed line is kept: it becomes a context line, so the new side
 * gains a line and the new-side line numbers after it shift by one. Raises DiffEditError for a
 * line of a deleted file.
 */
export function restoreRemovedLine(
  patch: Patch,
  fileIndex: number,
  hunkIndex: number,
  lineIndex: number,
): Patch {
  const { file, hunk, line } =
    locateLine(patch, fileIndex, hunkIndex, lineIndex, 'removed', 'restoreRemovedLine');
  if (file.status === 'deleted') {
    throw new DiffEditError(
      `Cannot restore line ${lineIndex} of hunk ${hunkIndex} in ${file.oldPath}: the file is ` +
        'deleted, and a deleted-file header cannot keep content. Use dropHunk to undo the ' +
        'deletion instead.',
    );
  }

  // NOTE: a `\ No newline` marker after the restored line stays, so it claims that the new
  // side ends there too. git apply rejects such a patch when added lines follow in the hunk.
  const lines = hunk.lines.map((current, k): DiffLine =>
    k === lineIndex ? { ...line, kind: 'context' } : current);
  return replaceHunk(patch, fileIndex, hunkIndex, { ...hunk, lines });
}

/**
 * Returns a patch without one hunk, so its change is undone: the new-side starts of later hunks
 * in the file shift back, and a file left with no hunks is removed from the patch.
 */
export function dropHunk(patch: Patch, fileIndex: number, hunkIndex: number): Patch {
  const { hunk } = locateHunk(patch, fileIndex, hunkIndex);

  // Undoing the hunk leaves its old lines on both sides. Recounting that stand-in shifts the
  // later hunks, and then the stand-in is dropped.
  const unchanged = hunk.lines
    .filter((line) => line.kind === 'context' || line.kind === 'removed')
    .map((line): DiffLine => ({ ...line, kind: 'context' }));
  return replaceHunk(patch, fileIndex, hunkIndex, { ...hunk, lines: unchanged }, true);
}

/**
 * Returns a patch where the characters `start` (inclusive) to `end` (exclusive) of an added
 * line's text, in UTF-16 code units, are replaced by `replacement`.
 */
export function replaceInAddedLine(
  patch: Patch,
  fileIndex: number,
  hunkIndex: number,
  lineIndex: number,
  start: number,
  end: number,
  replacement: string,
): Patch {
  const { hunk, line } =
    locateLine(patch, fileIndex, hunkIndex, lineIndex, 'added', 'replaceInAddedLine');

  const validRange =
    Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end &&
    end <= line.text.length;
  if (!validRange) {
    throw new RangeError(
      `Character range ${start} to ${end} is invalid for line ${lineIndex} of hunk ` +
        `${hunkIndex} in file ${fileIndex}, whose text has ${line.text.length} characters. ` +
        `Pass integers with 0 <= start <= end <= ${line.text.length}.`,
    );
  }
  if (/[\r\n]/.test(replacement)) {
    throw new DiffEditError(
      `Replacement ${JSON.stringify(replacement)} contains a line break, which would split ` +
        'the added line. Pass text without \\n or \\r.',
    );
  }

  const text = line.text.slice(0, start) + replacement + line.text.slice(end);
  const lines = hunk.lines.map((current, k) => (k === lineIndex ? { ...line, text } : current));
  return replaceHunk(patch, fileIndex, hunkIndex, { ...hunk, lines });
}

function locateHunk(patch: Patch, fileIndex: number, hunkIndex: number): {
  file: FileDiff;
  hunk: Hunk;
} {
  checkIndex('File', fileIndex, patch.files.length, 'the patch');
  const file = patch.files[fileIndex]!;
  const path = file.newPath ?? file.oldPath;
  checkIndex('Hunk', hunkIndex, file.hunks.length, `file ${fileIndex} (${path})`);
  return { file, hunk: file.hunks[hunkIndex]! };
}

function locateLine(
  patch: Patch,
  fileIndex: number,
  hunkIndex: number,
  lineIndex: number,
  kind: LineKind,
  operation: string,
): { file: FileDiff; hunk: Hunk; line: DiffLine } {
  const { file, hunk } = locateHunk(patch, fileIndex, hunkIndex);
  checkIndex('Line', lineIndex, hunk.lines.length, `hunk ${hunkIndex} of file ${fileIndex}`);

  const line = hunk.lines[lineIndex]!;
  if (line.kind !== kind) {
    throw new DiffEditError(
      `Line ${lineIndex} of hunk ${hunkIndex} in file ${fileIndex} ` +
        `(${file.newPath ?? file.oldPath}) is ${describeKind(line.kind)}, but ${operation} ` +
        `needs ${describeKind(kind)}. Pick an index whose line kind is '${kind}'.`,
    );
  }
  return { file, hunk, line };
}

function describeKind(kind: LineKind): string {
  if (kind === 'no-newline') return 'a no-newline marker';
  return kind === 'added' ? 'an added line' : `a ${kind} line`;
}

function checkIndex(item: string, index: number, count: number, owner: string): void {
  if (Number.isInteger(index) && index >= 0 && index < count) return;

  const valid = count === 0 ? 'it has none' : `valid indexes are 0 to ${count - 1}`;
  throw new RangeError(
    `${item} index ${index} is out of range: ${owner} has ${count} ` +
      `${item.toLowerCase()}${count === 1 ? '' : 's'}, so ${valid}.`,
  );
}

/**
 * Puts an edited hunk in place, recounts the file's hunks, drops the hunk when it was
 * dropped or left empty, removes a file left without hunks, and renumbers patch lines.
 */
function replaceHunk(
  patch: Patch,
  fileIndex: number,
  hunkIndex: number,
  edited: Hunk,
  drop = false,
): Patch {
  const file = patch.files[fileIndex]!;
  const hunks = file.hunks.map((hunk, k) => (k === hunkIndex ? edited : hunk));
  const recounted = recountFileHunks(hunks).filter(
    (hunk, k) => !(k === hunkIndex && (drop || hunk.lines.length === 0)),
  );

  const files = recounted.length === 0
    ? patch.files.filter((_, k) => k !== fileIndex)
    : patch.files.map((current, k) => (k === fileIndex ? { ...file, hunks: recounted } : current));
  if (files.length === 0) {
    throw new DiffEditError(
      `The edit removes the last hunk of ${file.newPath ?? file.oldPath}, the only file ` +
        'with changes, which would leave an empty patch. Keep at least one hunk.',
    );
  }
  return renumberPatchLines({ ...patch, files });
}

/** Sets the patchLine of every file, hunk and line to its line in the serialized patch. */
export function renumberPatchLines(patch: Patch): Patch {
  let next = 1 + countLineEndings(patch.preamble);

  const files = patch.files.map((file): FileDiff => {
    const patchLine = next;
    next += file.headerLines.length;

    const hunks = file.hunks.map((hunk): Hunk => {
      const hunkLine = next++;
      const lines = hunk.lines.map((line) => {
        const lineNumber = next++;
        return line.patchLine === lineNumber ? line : { ...line, patchLine: lineNumber };
      });
      return { ...hunk, patchLine: hunkLine, lines };
    });
    return { ...file, patchLine, hunks };
  });
  return { ...patch, files };
}

function countLineEndings(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
