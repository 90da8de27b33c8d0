/** Row model of the model comparison view: one row per installed model with a valid bundle. */
import type { ModelSummary } from '../../src/host/api.ts';
import { FAMILY_NAMES } from '../model-picker/familyNames.ts';
import type { ComparisonResult, ComparisonStatus } from './comparisonStore.ts';

/** Families whose features include the change metadata (author tenure, test files changed). */
export const METADATA_FAMILIES: ReadonlySet<string> = new Set(['opaque']);

export interface ComparisonRow {
  modelId: string;
  familyName: string;
  version: string;
  /** Threshold from the manifest; the score reply's threshold when a score exists. */
  threshold: number;
  status: ComparisonStatus;
  probability: number | null;
  /** Decision on the compared text; null without a score. */
  flagged: boolean | null;
  /** probability - threshold; positive when flagged. Null without a score. */
  margin: number | null;
  error: string | null;
  /** True for the model that scores the editor live. */
  active: boolean;
  usesMetadata: boolean;
}

/**
 * Returns one row per model with a valid manifest, in the host's order. A model without a
 * result yet is `pending`.
 */
export function comparisonRows(
  models: readonly ModelSummary[],
  results: Readonly<Record<string, ComparisonResult>>,
  activeModelId: string | null,
): ComparisonRow[] {
  const rows: ComparisonRow[] = [];
  for (const model of models) {
    const manifest = model.manifest;
    if (manifest === null) continue;

    const result = results[model.id];
    const probability = result?.probability ?? null;
    const threshold = result?.threshold ?? manifest.threshold;
    rows.push({
      modelId: model.id,
      familyName: FAMILY_NAMES[manifest.family] ?? manifest.family,
      version: manifest.version,
      threshold,
      status: result?.status ?? 'pending',
      probability,
      flagged: probability === null ? null : probability >= threshold,
      margin: probability === null ? null : probability - threshold,
      error: result?.error ?? null,
      active: model.id === activeModelId,
      usesMetadata: METADATA_FAMILIES.has(manifest.family),
    });
  }
  return rows;
}
