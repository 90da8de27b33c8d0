/**
 * Edit sites of a diff: every place where an edit operator applies. Tokens are edited on added
 * lines only, because removed and context lines must match the old file for the diff to stay
 * valid. A removed line can still be restored as a whole.
 */
import type { FileDiff, Hunk, Patch } from '../diff/types.ts';
import { bowTokens } from '../tokenize/bow.ts';
import type { LineTokenizer } from '../tokenize/diffTokens.ts';
import type { DiffPosition, Edit, EditKind, EditSite, EditSitePredicate } from './types.ts';

/** Edit kinds that need no replacement text. */
export const STRUCTURAL_EDIT_KINDS: readonly EditKind[] = [
  'delete-token',
  'delete-line',
  'restore-line',
  'drop-hunk',
];

export interface EditSiteOptions {
  /** Edit kinds to enumerate; default STRUCTURAL_EDIT_KINDS (`replace-token` needs a provider). */
  kinds?: readonly EditKind[];
  /** Splits an added line into tokens; default `bowTokens` (lowercased subwords, spans kept). */
  tokenizeLine?: LineTokenizer;
  /** Keeps only the sites it accepts. */
  predicate?: EditSitePredicate;
  /**
   * Drops the sites after this patch line, such as text that a length-limited model never
   * reads. A hunk drop stays when the model reads the hunk's header. An edit past the line
   * recounts that header too, but it moves a score only through the line counts.
   */
  lastPatchLine?: number | null;
}

/** Returns the path shown for a file: the new path, or the old one for a deleted file. */
export function filePath(file: FileDiff): string {
  return file.newPath ?? file.oldPath ?? '';
}

/** Builds the position of a whole hunk, a line (`line` set) or a token (`start`/`end` set). */
export function diffPosition(
  patch: Patch,
  file: number,
  hunk: number,
  line: number | null = null,
  span: { start: number; end: number } | null = null,
): DiffPosition {
  const fileDiff = patch.files[file]!;
  const hunkDiff = fileDiff.hunks[hunk]!;
  const patchLine = line === null ? hunkDiff.patchLine : hunkDiff.lines[line]!.patchLine;

  return {
    file,
    hunk,
    line,
    patchLine,
    start: span?.start ?? null,
    end: span?.end ?? null,
    startColumn: span === null ? null : span.start + 2,
    endColumn: span === null ? null : span.end + 2,
    path: filePath(fileDiff),
  };
}

/** Returns the text passed to an edit's predicate: the line text, or a whole hunk's header. */
export function siteLineText(patch: Patch, position: DiffPosition): string {
  const hunk = patch.files[position.file]!.hunks[position.hunk]!;
  return position.line === null ? hunk.header : hunk.lines[position.line]!.text;
}

function hunkHasChanges(hunk: Hunk): boolean {
  return hunk.lines.some((line) => line.kind === 'added' || line.kind === 'removed');
}

/**
 * Lists the edit sites of a patch in document order: per hunk, first the hunk drop, then per
 * line the line edit followed by its token edits. Site ids are indexes into the returned list.
 */
export function enumerateEditSites(patch: Patch, options: EditSiteOptions = {}): EditSite[] {
  const kinds = new Set(options.kinds ?? STRUCTURAL_EDIT_KINDS);
  const tokenizeLine = options.tokenizeLine ?? bowTokens;
  const edits: Edit[] = [];

  patch.files.forEach((fileDiff, file) => {
    fileDiff.hunks.forEach((hunkDiff, hunk) => {
      if (kinds.has('drop-hunk') && hunkHasChanges(hunkDiff)) {
        const position = diffPosition(patch, file, hunk);
        edits.push({ kind: 'drop-hunk', position, before: hunkDiff.header, after: '' });
      }

      hunkDiff.lines.forEach((diffLine, line) => {
        // A deleted file's header cannot keep content, so its lines are only undone by a drop.
        const restorable = fileDiff.status !== 'deleted';
        if (diffLine.kind === 'removed' && restorable && kinds.has('restore-line')) {
          const position = diffPosition(patch, file, hunk, line);
          edits.push({ kind: 'restore-line', position, before: diffLine.text, after: '' });
        }
        if (diffLine.kind !== 'added') return;

        if (kinds.has('delete-line')) {
          const position = diffPosition(patch, file, hunk, line);
          edits.push({ kind: 'delete-line', position, before: diffLine.text, after: '' });
        }
        if (!kinds.has('delete-token')) return;

        for (const token of tokenizeLine(diffLine.text)) {
          const position = diffPosition(patch, file, hunk, line, token);
          const before = diffLine.text.slice(token.start, token.end);
          edits.push({ kind: 'delete-token', position, before, after: '' });
        }
      });
    });
  });

  const predicate = options.predicate;
  const lastPatchLine = options.lastPatchLine ?? Number.POSITIVE_INFINITY;
  const accepted = edits.filter((edit) => {
    if (edit.position.patchLine > lastPatchLine) return false;
    return predicate === undefined || predicate(edit, siteLineText(patch, edit.position));
  });
  return accepted.map((edit, id) => ({ ...edit, id }));
}

/** Returns true when two edits touch the same text, so they cannot be applied together. */
export function editsConflict(a: Edit, b: Edit): boolean {
  const pa = a.position;
  const pb = b.position;
  if (pa.file !== pb.file || pa.hunk !== pb.hunk) return false;
  if (a.kind === 'drop-hunk' || b.kind === 'drop-hunk') return true;
  if (pa.line !== pb.line) return false;

  const aIsToken = pa.start !== null && pa.end !== null;
  const bIsToken = pb.start !== null && pb.end !== null;
  if (!aIsToken || !bIsToken) return true;
  return pa.start! < pb.end! && pb.start! < pa.end!;
}
