/**
 * Applies a set of edits to a patch through the diff core's edit operations, which keep the
 * diff valid and recount hunk headers.
 */
import {
  deleteAddedLine,
  dropHunk,
  replaceInAddedLine,
  restoreRemovedLine,
} from '../diff/edit.ts';
import type { Patch } from '../diff/types.ts';
import type { Edit } from './types.ts';

/** Returns true for the error the diff core raises on an edit it cannot apply validly. */
export function isDiffEditError(error: unknown): boolean {
  return error instanceof Error && error.name === 'DiffEditError';
}

/**
 * Orders edits from the end of the patch to its start. An edit shifts only what comes after
 * it: later lines, hunks and files, and later offsets in its own line. So applying edits in
 * this order keeps the position of every edit still to apply valid.
 */
function compareFromEnd(a: Edit, b: Edit): number {
  const pa = a.position;
  const pb = b.position;
  return (
    pb.file - pa.file ||
    pb.hunk - pa.hunk ||
    (pb.line ?? -1) - (pa.line ?? -1) ||
    (pb.start ?? -1) - (pa.start ?? -1)
  );
}

/**
 * Returns true when the edit removes the only hunk left in the patch, which the diff core
 * rejects because an empty patch is no diff.
 */
function removesLastHunk(patch: Patch, edit: Edit): boolean {
  const onlyHunk = patch.files.length === 1 && patch.files[0]!.hunks.length === 1;
  if (!onlyHunk) return false;
  if (edit.kind === 'drop-hunk') return true;
  if (edit.kind !== 'delete-line') return false;

  const lines = patch.files[0]!.hunks[0]!.lines;
  const index = edit.position.line!;
  const markerFollows = lines[index + 1]?.kind === 'no-newline';
  return lines.length === (markerFollows ? 2 : 1);
}

/**
 * Applies one edit; positions refer to `patch`. An edit that removes the only hunk left
 * returns a patch with no files, which scorers take as an empty change and which no longer
 * serializes to a valid diff.
 */
export function applyEdit(patch: Patch, edit: Edit): Patch {
  const { file, hunk, line, start, end } = edit.position;
  if (removesLastHunk(patch, edit)) return { ...patch, files: [] };

  switch (edit.kind) {
    case 'drop-hunk':
      return dropHunk(patch, file, hunk);
    case 'delete-line':
      return deleteAddedLine(patch, file, hunk, line!);
    case 'restore-line':
      return restoreRemovedLine(patch, file, hunk, line!);
    case 'delete-token':
      return replaceInAddedLine(patch, file, hunk, line!, start!, end!, '');
    case 'replace-token':
      return replaceInAddedLine(patch, file, hunk, line!, start!, end!, edit.after);
  }
}

/**
 * Applies edits whose positions all refer to `patch` and which do not conflict with each other
 * (see `editsConflict`). Returns a new patch; `patch` is not changed. The result has no files
 * when the edits remove every hunk.
 */
export function applyEdits(patch: Patch, edits: readonly Edit[]): Patch {
  const ordered = [...edits].sort(compareFromEnd);
  let edited = patch;
  for (const edit of ordered) edited = applyEdit(edited, edit);
  return edited;
}
