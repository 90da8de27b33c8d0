/** Precision-recall and ROC curve points for charts, one point per distinct score. */
import { rankScores } from './ranking.ts';

export interface PrPoint {
  threshold: number;
  recall: number;
  precision: number;
}

export interface RocPoint {
  threshold: number;
  falsePositiveRate: number;
  truePositiveRate: number;
}

/**
 * Computes the precision-recall curve from the highest threshold down, starting at
 * (recall 0, precision 1) with threshold Infinity. Empty without positives.
 */
export function prCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): PrPoint[] {
  const ranking = rankScores(scores, labels);
  if (ranking.positives === 0) return [];

  const points: PrPoint[] = [{ threshold: Number.POSITIVE_INFINITY, recall: 0, precision: 1 }];
  let truePositives = 0;
  let flagged = 0;
  for (const group of ranking.groups) {
    truePositives += group.positives;
    flagged += group.positives + group.negatives;
    points.push({
      threshold: group.score,
      recall: truePositives / ranking.positives,
      precision: truePositives / flagged,
    });
  }
  return points;
}

/**
 * Computes the ROC curve from (0, 0) at threshold Infinity to (1, 1) at the lowest score.
 * Empty unless both classes occur.
 */
export function rocCurve(scores: ArrayLike<number>, labels: ArrayLike<number>): RocPoint[] {
  const ranking = rankScores(scores, labels);
  if (ranking.positives === 0 || ranking.negatives === 0) return [];

  const points: RocPoint[] = [
    { threshold: Number.POSITIVE_INFINITY, falsePositiveRate: 0, truePositiveRate: 0 },
  ];
  let truePositives = 0;
  let falsePositives = 0;
  for (const group of ranking.groups) {
    truePositives += group.positives;
    falsePositives += group.negatives;
    points.push({
      threshold: group.score,
      falsePositiveRate: falsePositives / ranking.negatives,
      truePositiveRate: truePositives / ranking.positives,
    });
  }
  return points;
}
