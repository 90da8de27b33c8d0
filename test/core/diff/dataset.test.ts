/**
 * Parses every diff of the train, val and inverse-fixes splits: each must parse and serialize
 * back byte for byte.
 *
 * Rows with `diff_truncated` true were cut at the last line break before 100,000 characters, so
 * their last hunk (or last file header) may be incomplete. Those rows alone are parsed in
 * lenient mode, and only their last hunk may have counts that differ from its body. Every
 * other row must parse in strict mode and give the same patch as lenient mode.
 */
import { isDeepStrictEqual } from 'node:util';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  findHunkCountMismatches,
  parsePatch,
  serializePatch,
  type Patch,
} from '../../../src/core/diff/index.ts';
import {
  DATASET_MISSING_MESSAGE,
  findDatasetDir,
  readSplit,
  type DatasetRow,
} from '../../../src/node/dataset.ts';

const datasetMissing = findDatasetDir() === null;
if (datasetMissing) console.warn(`Skipping the dataset diff tests. ${DATASET_MISSING_MESSAGE}`);

/** Parses a row the way the test documents: lenient only for truncated rows. */
function parseRow(row: DatasetRow): Patch {
  return parsePatch(row.diff, { lenient: row.diff_truncated });
}

describe.skipIf(datasetMissing)('parsePatch on the dataset', () => {
  let rows: DatasetRow[] = [];
  const patches = new Map<string, Patch>();
  const failures: string[] = [];

  beforeAll(() => {
    rows = [...readSplit('train'), ...readSplit('val'), ...readSplit('inverse-fixes')];

    const started = performance.now();
    for (const row of rows) {
      try {
        patches.set(row.id, parseRow(row));
      } catch (error) {
        failures.push(`${row.id}: ${(error as Error).message}`);
      }
    }
    const elapsed = performance.now() - started;
    const megabytes = rows.reduce((total, row) => total + row.diff.length, 0) / 1e6;
    console.log(
      `Parsed ${rows.length} dataset diffs (${megabytes.toFixed(1)} M characters) in ` +
        `${elapsed.toFixed(0)} ms, ${((elapsed * 1000) / rows.length).toFixed(0)} µs per diff.`,
    );
  });

  it('reads about 15,000 rows', () => {
    expect(rows.length).toBeGreaterThan(14_000);
  });

  it('parses every row', () => {
    expect(failures).toEqual([]);
  });

  it('round-trips every row byte for byte', () => {
    const changed = rows.filter((row) => {
      const patch = patches.get(row.id);
      return patch !== undefined && serializePatch(patch) !== row.diff;
    });
    expect(changed.map((row) => row.id)).toEqual([]);
  });

  it('finds files in every row', () => {
    const empty = rows.filter((row) => (patches.get(row.id)?.files.length ?? 0) === 0);
    expect(empty.map((row) => row.id)).toEqual([]);
  });

  it('limits truncated rows to one cut hunk', () => {
    const truncated = rows.filter((row) => row.diff_truncated);
    const tooMany = truncated.filter((row) => {
      const patch = patches.get(row.id);
      return patch === undefined || findHunkCountMismatches(patch).length > 1;
    });
    expect(truncated.length).toBeGreaterThan(0);
    expect(tooMany.map((row) => row.id)).toEqual([]);
  });

  it('matches lenient parsing on full rows', () => {
    const different = rows.filter((row) => {
      if (row.diff_truncated) return false;
      return !isDeepStrictEqual(patches.get(row.id), parsePatch(row.diff, { lenient: true }));
    });
    expect(different.map((row) => row.id)).toEqual([]);
  });
});
