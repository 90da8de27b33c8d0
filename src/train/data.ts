/** Labelled, parsed diffs of one dataset split for training and evaluation. */
import { parsePatch } from '../core/diff/parse.ts';
import type { Patch } from '../core/diff/types.ts';
import type { ChangeMetadata } from '../core/model/types.ts';
import { readDatasetFile, readSplit, type DatasetRow, type DatasetSplit } from '../node/dataset.ts';

export interface LabelledPatches {
  rows: DatasetRow[];
  patches: Patch[];
  labels: Uint8Array;
  metadata: ChangeMetadata[];
}

/**
 * Parses every row's diff in lenient mode, because rows cut at 100,000 characters
 * (`diff_truncated`) can end inside a hunk whose header counts more lines.
 */
export function parseRows(rows: DatasetRow[]): LabelledPatches {
  const patches = rows.map((row) => {
    try {
      return parsePatch(row.diff, { lenient: true });
    } catch (error) {
      throw new Error(`Dataset row ${row.id}: ${(error as Error).message}`);
    }
  });

  return {
    rows,
    patches,
    labels: Uint8Array.from(rows, (row) => row.label),
    metadata: rows.map((row) => ({
      authorTenure: row.author_tenure,
      testFilesChanged: row.test_files_changed,
    })),
  };
}

/** Reads and parses one split of the dataset found by findDatasetDir. */
export function loadSplit(split: DatasetSplit): LabelledPatches {
  return parseRows(readSplit(split));
}

/** Reads and parses a .jsonl or .jsonl.gz file of dataset rows. */
export function loadRowsFile(path: string): LabelledPatches {
  return parseRows(readDatasetFile(path));
}

/** Selects rows by index, keeping rows, patches, labels and metadata aligned. */
export function selectRows(data: LabelledPatches, indices: readonly number[]): LabelledPatches {
  return {
    rows: indices.map((i) => data.rows[i]!),
    patches: indices.map((i) => data.patches[i]!),
    labels: Uint8Array.from(indices, (i) => data.labels[i]!),
    metadata: indices.map((i) => data.metadata[i]!),
  };
}
