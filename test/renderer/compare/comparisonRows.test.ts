import { describe, expect, it } from 'vitest';

import type { BundleManifest } from '../../../src/core/model/types.ts';
import type { ModelSummary } from '../../../src/host/api.ts';
import { comparisonRows } from '../../../renderer/compare/comparisonRows.ts';
import { handBuiltBundle } from '../../core/explain/handBuiltBow.ts';

async function summary(id: string, family: BundleManifest['family'], threshold: number) {
  const { manifest } = await handBuiltBundle(threshold);
  const model: ModelSummary = {
    id,
    manifest: { ...manifest, id, family },
    bundleHash: `${id}-hash`,
  };
  return model;
}

describe('comparisonRows', async () => {
  const models: ModelSummary[] = [
    await summary('bow', 'bow', 0.5),
    { id: 'broken', manifest: null, bundleHash: '', error: 'manifest.json is not valid JSON' },
    await summary('opaque', 'opaque', 0.9),
  ];
  const results = {
    bow: { status: 'ok' as const, probability: 0.62, threshold: 0.5, error: null },
    opaque: { status: 'error' as const, probability: null, threshold: null, error: 'failed' },
  };

  it('skips models without a manifest', () => {
    const rows = comparisonRows(models, results, 'bow');

    expect(rows.map((row) => row.modelId)).toEqual(['bow', 'opaque']);
  });

  it('decides against the threshold', () => {
    const [bow] = comparisonRows(models, results, 'bow');

    expect(bow!.flagged).toBe(true);
    expect(bow!.margin).toBeCloseTo(0.12, 10);
  });

  it('keeps errors without a decision', () => {
    const opaque = comparisonRows(models, results, 'bow')[1]!;

    expect(opaque.status).toBe('error');
    expect(opaque.flagged).toBeNull();
  });

  it('falls back to the manifest threshold', () => {
    const opaque = comparisonRows(models, results, 'bow')[1]!;

    expect(opaque.threshold).toBe(0.9);
  });

  it('marks pending models without results', () => {
    const rows = comparisonRows(models, {}, null);

    expect(rows.map((row) => row.status)).toEqual(['pending', 'pending']);
  });

  it('marks the live model', () => {
    const rows = comparisonRows(models, results, 'opaque');

    expect(rows.map((row) => row.active)).toEqual([false, true]);
  });

  it('marks models that read metadata', () => {
    const rows = comparisonRows(models, results, 'bow');

    expect(rows.map((row) => row.usesMetadata)).toEqual([false, true]);
  });

  it('names families for people', () => {
    const rows = comparisonRows(models, results, 'bow');

    expect(rows.map((row) => row.familyName)).toEqual(['Bag of Words', 'Code-opaque metadata']);
  });
});
