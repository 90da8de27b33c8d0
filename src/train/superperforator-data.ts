/**
 * Training data of SuperPerforator: the windows of every diff in compact typed arrays, batches
 * of diffs with at most a fixed number of windows each, and the tokenizer corpus.
 */
import * as tf from '@tensorflow/tfjs';

import type { Patch } from '../core/diff/types.ts';
import { diffWindows, type DiffWindowSettings } from '../core/features/diff-windows.ts';
import { groupWindows, packWindows } from '../core/model/transformer/window-batch.ts';
import type { WindowGrouping } from '../core/model/transformer/superperforator-model.ts';
import type { BpeTokenizer } from '../core/tokenize/subword/bpe-tokenizer.ts';

/** The windows of one diff: token ids, line kinds and the file index of each window. */
export interface CompactDiff {
  ids: Int32Array[];
  kinds: Uint8Array[];
  files: Int32Array;
}

/** Cuts a diff into windows, keeping only ids, kinds and files. */
export function compactDiff(
  patch: Patch,
  tokenizer: BpeTokenizer,
  settings: DiffWindowSettings,
): CompactDiff {
  const windows = diffWindows(patch, tokenizer, settings, false);
  return {
    ids: windows.map((window) => Int32Array.from(window.ids)),
    kinds: windows.map((window) => Uint8Array.from(window.kinds)),
    files: Int32Array.from(windows.map((window) => window.file)),
  };
}

/** Yields the texts the SuperPerforator tokenizer reads: paths, hunk sections and lines. */
export function* windowTexts(patches: readonly Patch[]): Generator<string> {
  for (const patch of patches) {
    for (const file of patch.files) {
      yield file.newPath ?? file.oldPath ?? '';
      for (const hunk of file.hunks) {
        yield hunk.section;
        for (const line of hunk.lines) {
          if (line.kind !== 'no-newline') yield line.text;
        }
      }
    }
  }
}

/**
 * Returns up to `cap` window indexes of a diff in their original order: all of them when the
 * diff has at most `cap`, else a random subset drawn with `random` (or the first `cap`
 * windows when `random` is null).
 */
export function pickWindows(count: number, cap: number, random: (() => number) | null): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (count <= cap) return all;
  if (random === null) return all.slice(0, cap);

  for (let i = 0; i < cap; i++) {
    const j = i + Math.floor(random() * (count - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, cap).sort((a, b) => a - b);
}

/** A batch of diffs as encoder inputs and the window-to-diff grouping. */
export interface WindowBatch {
  ids: tf.Tensor2D;
  kinds: tf.Tensor2D;
  grouping: WindowGrouping;
}

/** Packs the chosen windows of several diffs into tensors; the caller disposes them. */
export function windowBatch(
  diffs: readonly CompactDiff[],
  choose: (diff: CompactDiff, index: number) => number[],
): WindowBatch {
  const windowsByDiff = diffs.map((diff, index) =>
    choose(diff, index).map((w) => ({
      ids: diff.ids[w]!,
      kinds: diff.kinds[w]!,
      file: diff.files[w]!,
    })),
  );
  const flat = windowsByDiff.flat();
  const packed = packWindows(flat);
  return {
    ids: tf.tensor2d(packed.ids, [flat.length, packed.length], 'int32'),
    kinds: tf.tensor2d(packed.kinds, [flat.length, packed.length], 'int32'),
    grouping: groupWindows(windowsByDiff),
  };
}
