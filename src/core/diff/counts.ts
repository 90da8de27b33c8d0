/**
 * Hunk header counts against hunk bodies: warnings for mismatches, and rewriting headers so
 * that they match (shifting the new-side start of later hunks in the same file).
 */
import { DiffParseError } from './errors.ts';
import { firstLineNumber } from './hunkBody.ts';
import { rangeColumn, rewriteHunkHeader } from './hunkHeader.ts';
import type { DiffLine, Hunk, Patch } from './types.ts';

/** Old-side lines (context and removed) and new-side lines (context and added) of a body. */
export function bodyCounts(hunk: Hunk): { old: number; new: number } {
  let oldCount = 0;
  let newCount = 0;
  for (const line of hunk.lines) {
    if (line.kind === 'context' || line.kind === 'removed') oldCount++;
    if (line.kind === 'context' || line.kind === 'added') newCount++;
  }
  return { old: oldCount, new: newCount };
}

/**
 * Lists every hunk whose header counts differ from its body, as warnings located at the first
 * wrong count in the header. Only a lenient parse can produce such hunks.
 */
export function findHunkCountMismatches(patch: Patch): DiffParseError[] {
  const warnings: DiffParseError[] = [];
  for (const file of patch.files) {
    for (const hunk of file.hunks) {
      const body = bodyCounts(hunk);
      const oldDeclared = hunk.oldCount ?? 1;
      const newDeclared = hunk.newCount ?? 1;
      if (body.old === oldDeclared && body.new === newDeclared) continue;

      const side = body.old !== oldDeclared ? 'old' : 'new';
      const path = file.newPath ?? file.oldPath ?? `the file at line ${file.patchLine}`;
      warnings.push(new DiffParseError(
        `hunk header counts do not match the body in ${path}: the header declares ` +
          `${oldDeclared} old and ${newDeclared} new lines, but the body has ` +
          `${body.old} and ${body.new}`,
        hunk.patchLine,
        rangeColumn(hunk.header, side),
        `'-${hunk.oldStart},${body.old} +${hunk.newStart},${body.new}' (recount the hunk headers)`,
      ));
    }
  }
  return warnings;
}

/**
 * Rewrites hunk headers whose counts differ from their bodies, keeping the section text. The
 * new-side start of each later hunk in the same file shifts by the lines gained or lost
 * before it. Hunks that already match keep their header byte for byte.
 */
export function recountHunks(patch: Patch): Patch {
  let changed = false;
  const files = patch.files.map((file) => {
    const hunks = recountFileHunks(file.hunks);
    if (hunks.every((hunk, k) => hunk === file.hunks[k])) return file;
    changed = true;
    return { ...file, hunks };
  });
  return changed ? { ...patch, files } : patch;
}

/** Recounts the hunks of one file; unchanged hunks are returned as the same objects. */
export function recountFileHunks(hunks: readonly Hunk[]): Hunk[] {
  let shift = 0;
  return hunks.map((hunk) => {
    const body = bodyCounts(hunk);
    const oldDeclared = hunk.oldCount ?? 1;
    const newDeclared = hunk.newCount ?? 1;

    const oldStart = moveStart(hunk.oldStart, oldDeclared, body.old, 0);
    const newStart = moveStart(hunk.newStart, newDeclared, body.new, shift);
    shift += body.new - body.old - (newDeclared - oldDeclared);

    const same =
      body.old === oldDeclared &&
      body.new === newDeclared &&
      oldStart === hunk.oldStart &&
      newStart === hunk.newStart;
    if (same) return hunk;
    return rebuildHunk(hunk, { oldStart, oldCount: body.old, newStart, newCount: body.new });
  });
}

/**
 * Moves a start by `shift` lines and re-applies git's rule that a side with a count of 0
 * names the line before the hunk, in case the count crossed 0.
 */
function moveStart(start: number, declared: number, actual: number, shift: number): number {
  const first = firstLineNumber(start, declared) + shift;
  return actual === 0 ? first - 1 : first;
}

/**
 * Returns a copy of a hunk with new ranges: the header is rewritten (an omitted count of 1
 * stays omitted) and the old and new line numbers of its lines are renumbered.
 */
export function rebuildHunk(
  hunk: Hunk,
  range: { oldStart: number; oldCount: number; newStart: number; newCount: number },
): Hunk {
  const omitted = {
    old: hunk.oldCount === null && range.oldCount === 1,
    new: hunk.newCount === null && range.newCount === 1,
  };

  let oldLine = firstLineNumber(range.oldStart, range.oldCount);
  let newLine = firstLineNumber(range.newStart, range.newCount);
  const lines = hunk.lines.map((line): DiffLine => {
    const hasOld = line.kind === 'context' || line.kind === 'removed';
    const hasNew = line.kind === 'context' || line.kind === 'added';
    const numbered = {
      ...line,
      oldLine: hasOld ? oldLine++ : null,
      newLine: hasNew ? newLine++ : null,
    };
    return numbered;
  });

  return {
    ...hunk,
    oldStart: range.oldStart,
    oldCount: omitted.old ? null : range.oldCount,
    newStart: range.newStart,
    newCount: omitted.new ? null : range.newCount,
    header: rewriteHunkHeader(hunk.header, range, omitted),
    lines,
  };
}
