/**
 * Reads the perf-commits-v1 dataset (gzip-compressed JSON Lines) that sits beside the project
 * at `../shared/datasets/perf-commits-v1`, or where `PERFLENS_DATASET_DIR` points.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export interface DatasetFileStat {
  path: string;
  added: number;
  deleted: number;
}

/** One row of the dataset; field meanings follow the dataset's datasheet. */
export interface DatasetRow {
  id: string;
  repo: string;
  sha: string;
  time: string;
  split: 'train' | 'val' | 'test';
  label: 0 | 1;
  label_source: string;
  fix_sha: string | null;
  is_perf_fix: boolean;
  diff: string;
  diff_truncated: boolean;
  files: DatasetFileStat[];
  test_files_changed: number;
  author_tenure: string;
}

export type DatasetSplit = 'train' | 'val' | 'inverse-fixes';

/** Project root: the folder holding package.json, two levels above this file. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Returns the dataset folder, or null when it is missing (a user's fresh clone has none). */
export function findDatasetDir(): string | null {
  const fromEnv = process.env.PERFLENS_DATASET_DIR;
  const candidate = fromEnv
    ? resolve(fromEnv)
    : join(PROJECT_ROOT, '..', 'shared', 'datasets', 'perf-commits-v1');
  return existsSync(join(candidate, 'train.jsonl.gz')) ? candidate : null;
}

/** Message for tests and commands that need the dataset when it is missing. */
export const DATASET_MISSING_MESSAGE =
  'Dataset perf-commits-v1 not found at ../shared/datasets/perf-commits-v1. ' +
  'Place it there or set PERFLENS_DATASET_DIR to its folder.';

/** Parses JSON Lines text, naming the file and line of any invalid row. */
export function parseJsonl<T>(text: string, fileName: string): T[] {
  const rows: T[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    try {
      rows.push(JSON.parse(line) as T);
    } catch (error) {
      throw new Error(`Invalid JSON in ${fileName} at line ${i + 1}: ${(error as Error).message}`);
    }
  }
  return rows;
}

/** Reads a file of dataset rows: `.jsonl.gz` (gzip-compressed) or plain `.jsonl`. */
export function readDatasetFile(path: string): DatasetRow[] {
  if (!existsSync(path)) {
    throw new Error(`Dataset file not found: ${path}. Pass a .jsonl or .jsonl.gz file of rows.`);
  }
  const bytes = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return parseJsonl<DatasetRow>(text, path);
}

/** Reads one split of the dataset; throws DATASET_MISSING_MESSAGE when it is missing. */
export function readSplit(split: DatasetSplit): DatasetRow[] {
  const dir = findDatasetDir();
  if (dir === null) throw new Error(DATASET_MISSING_MESSAGE);
  return readDatasetFile(join(dir, `${split}.jsonl.gz`));
}
