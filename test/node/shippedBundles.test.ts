import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { parsePatch } from '../../src/core/diff/parse.ts';
import { loadScorer } from '../../src/core/model/scorer.ts';
import { readBundleDir } from '../../src/node/bundleFiles.ts';
import {
  DATASET_MISSING_MESSAGE,
  findDatasetDir,
  PROJECT_ROOT,
  readSplit,
  type DatasetRow,
} from '../../src/node/dataset.ts';
import { setupTfjsBackend } from '../../src/node/tfBackend.ts';

const datasetMissing = findDatasetDir() === null;
if (datasetMissing) console.warn(`Skipping shipped bundle tests: ${DATASET_MISSING_MESSAGE}`);

/** Bundles committed under models/. */
const SHIPPED = ['bow', 'opaque', 'size-baseline', 'transformer', 'superperforator'];

describe.skipIf(datasetMissing)('shipped bundles', () => {
  let rows: DatasetRow[];

  beforeAll(async () => {
    await setupTfjsBackend();
    rows = readSplit('val');
  });

  for (const id of SHIPPED) {
    it(`${id} scores a real val diff`, async () => {
      const scorer = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', id)));
      const positive = rows.find((row) => row.label === 1)!;
      const metadata = {
        authorTenure: positive.author_tenure,
        testFilesChanged: positive.test_files_changed,
      };
      const result = await scorer.score(parsePatch(positive.diff, { lenient: true }), metadata);
      expect(result.probability).toBeGreaterThanOrEqual(0);
      expect(result.probability).toBeLessThanOrEqual(1);
      expect(result.threshold).toBe(scorer.manifest.threshold);
      expect(scorer.manifest.id).toBe(id);
      scorer.dispose();
    });
  }

  it('opaque reads change metadata', async () => {
    const scorer = await loadScorer(await readBundleDir(join(PROJECT_ROOT, 'models', 'opaque')));
    const patch = parsePatch(rows[0]!.diff, { lenient: true });
    const newcomer = await scorer.score(patch, { authorTenure: '0', testFilesChanged: 0 });
    const veteran = await scorer.score(patch, { authorTenure: '>500', testFilesChanged: 9 });
    expect(newcomer.probability).not.toBe(veteran.probability);
    scorer.dispose();
  });
});
