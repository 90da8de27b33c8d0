/** Packing of SuperPerforator windows into batches: padded id and kind rows, and grouping. */
import { WINDOW_PAD_ID } from '../../features/diff-windows.ts';
import type { WindowGrouping } from './superperforator-model.ts';

/** Groups the windows of several diffs into file rows and diff rows. */
export function groupWindows(
  windowsByDiff: readonly (readonly { file: number }[])[],
): WindowGrouping {
  const windowFile: number[] = [];
  const fileDiff: number[] = [];
  windowsByDiff.forEach((windows, diff) => {
    const fileRows = new Map<number, number>();
    for (const window of windows) {
      let row = fileRows.get(window.file);
      if (row === undefined) {
        row = fileDiff.length;
        fileRows.set(window.file, row);
        fileDiff.push(diff);
      }
      windowFile.push(row);
    }
  });
  return {
    windowFile: Int32Array.from(windowFile),
    fileDiff: Int32Array.from(fileDiff),
    diffCount: windowsByDiff.length,
  };
}

/** Packs windows into padded row-major ids and kinds. */
export function packWindows(
  windows: readonly { ids: ArrayLike<number>; kinds: ArrayLike<number> }[],
): {
  ids: Int32Array;
  kinds: Int32Array;
  length: number;
} {
  const length = Math.max(1, ...windows.map((window) => window.ids.length));
  const ids = new Int32Array(windows.length * length).fill(WINDOW_PAD_ID);
  const kinds = new Int32Array(windows.length * length);
  windows.forEach((window, row) => {
    ids.set(window.ids, row * length);
    kinds.set(window.kinds, row * length);
  });
  return { ids, kinds, length };
}
