/**
 * Size of a patch, as the file list and the size baselines report it.
 */
import type { Patch } from './types.ts';

export interface PatchStats {
  files: number;
  hunks: number;
  addedLines: number;
  removedLines: number;
}

/** Counts the files, hunks, added lines and removed lines of a patch. */
export function patchStats(patch: Patch): PatchStats {
  const stats: PatchStats = { files: patch.files.length, hunks: 0, addedLines: 0, removedLines: 0 };
  for (const file of patch.files) {
    stats.hunks += file.hunks.length;
    for (const hunk of file.hunks) {
      for (const line of hunk.lines) {
        if (line.kind === 'added') stats.addedLines++;
        if (line.kind === 'removed') stats.removedLines++;
      }
    }
  }
  return stats;
}
