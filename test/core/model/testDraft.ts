/** Manifest drafts of bundles built inside tests, with empty training and metric records. */
import { MANIFEST_FORMAT_VERSION } from '../../../src/core/model/types.ts';
import type { BundleDraft } from '../../../src/node/bundleFiles.ts';

/** Returns a draft with the given identity, threshold and features, at version 0.0.1. */
export function testBundleDraft(
  fields: Pick<BundleDraft, 'id' | 'family' | 'description' | 'threshold' | 'features'>,
): BundleDraft {
  const zero = { prAuc: 0, rocAuc: 0, f1: 0, precision: 0, recall: 0, rows: 0, positives: 0 };
  return {
    formatVersion: MANIFEST_FORMAT_VERSION,
    version: '0.0.1',
    ...fields,
    training: {
      dataset: 'none',
      splits: [],
      command: 'test',
      seed: 0,
      trainedAt: '2026-01-01T00:00:00.000Z',
      seconds: 0,
    },
    metrics: { val: { ...zero, recallAtBudget: {} } },
  };
}
