/**
 * Metrics within diff size bands. Positives in perf-commits-v1 are much larger diffs than
 * negatives, so a model that only learned size looks good overall and weak within a band.
 */
import { averagePrecision, rocAuc } from '../core/eval/metrics.ts';
import { diffSize } from '../core/features/size.ts';
import type { Patch } from '../core/diff/types.ts';

/** Churn bands (added + removed lines), inclusive lower and upper bounds. */
export const CHURN_BANDS: ReadonlyArray<{ label: string; min: number; max: number }> = [
  { label: '0-10', min: 0, max: 10 },
  { label: '11-50', min: 11, max: 50 },
  { label: '51-200', min: 51, max: 200 },
  { label: '>200', min: 201, max: Number.POSITIVE_INFINITY },
];

export interface BandMetrics {
  band: string;
  rows: number;
  positives: number;
  /** PR-AUC and ROC-AUC of each named model within the band; NaN without both classes. */
  prAuc: Record<string, number>;
  rocAuc: Record<string, number>;
}

/** Computes PR-AUC and ROC-AUC of each model's scores within each churn band. */
export function metricsBySizeBand(
  patches: readonly Patch[],
  labels: ArrayLike<number>,
  scoresByModel: Record<string, ArrayLike<number>>,
): BandMetrics[] {
  const churn = patches.map((patch) => {
    const size = diffSize(patch);
    return size.added + size.removed;
  });

  return CHURN_BANDS.map(({ label, min, max }) => {
    const members = churn.flatMap((value, i) => (value >= min && value <= max ? [i] : []));
    const bandLabels = members.map((i) => labels[i]!);
    const metrics: BandMetrics = {
      band: label,
      rows: members.length,
      positives: bandLabels.filter((value) => value === 1).length,
      prAuc: {},
      rocAuc: {},
    };

    for (const [model, scores] of Object.entries(scoresByModel)) {
      const bandScores = members.map((i) => scores[i]!);
      metrics.prAuc[model] = averagePrecision(bandScores, bandLabels);
      metrics.rocAuc[model] = rocAuc(bandScores, bandLabels);
    }
    return metrics;
  });
}
