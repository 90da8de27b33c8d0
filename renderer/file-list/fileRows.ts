/** Rows of the file list, derived from a parsed patch. Pure, so it is tested under Node. */
import type { FileDiff, FileStatus, Patch } from '../../src/core/diff/types.ts';

export interface FileRow {
  index: number;
  /** The new path, or the old one for a deleted file. */
  path: string;
  /** Old path of a renamed or copied file, else null. */
  fromPath: string | null;
  status: FileStatus;
  binary: boolean;
  added: number;
  removed: number;
  /** 1-based line of the file's first header line in the editor text. */
  patchLine: number;
}

/** One-letter status, as `git status --short` writes it. */
export const STATUS_LETTER: Record<FileStatus, string> = {
  modified: 'M',
  added: 'A',
  deleted: 'D',
  renamed: 'R',
  copied: 'C',
  'mode-changed': 'T',
};

function countLines(file: FileDiff): { added: number; removed: number } {
  let added = 0;
  let removed = 0;
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      if (line.kind === 'added') {
        added += 1;
      } else if (line.kind === 'removed') {
        removed += 1;
      }
    }
  }
  return { added, removed };
}

export function fileRows(patch: Patch): FileRow[] {
  return patch.files.map((file, index) => {
    const path = file.newPath ?? file.oldPath ?? '(unnamed file)';
    const moved = file.status === 'renamed' || file.status === 'copied';
    return {
      index,
      path,
      fromPath: moved ? file.oldPath : null,
      status: file.status,
      binary: file.binary,
      ...countLines(file),
      patchLine: file.patchLine,
    };
  });
}
