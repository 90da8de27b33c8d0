/**
 * Classification metrics for rare-positive ranking: PR-AUC as average precision, ROC-AUC,
 * precision/recall/F1 at a threshold, recall at a flag budget, the best-F1 threshold and the
 * share of diffs a filter can skip at a target recall. Ties between equal scores are handled
 * exactly. A diff is flagged when its score is >= the threshold.
 */
import { rankScores, type Ranking } from './ranking.ts';

export interface ThresholdMetrics {
  threshold: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  /** tp / (tp + fp); 0 when nothing is flagged. */
  precision: number;
  /** tp / positives; NaN without positives. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
}

/**
 * Computes average precision, the step-wise area under the precision-recall curve:
 * the sum over distinct thresholds of (recall gain) x (precision), as scikit-learn's
 * `average_precision_score` defines it. NaN without positives.
 */
export function averagePrecision(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const ranking = rankScores(scores, labels);
  if (ranking.positives === 0) return Number.NaN;

  let truePositives = 0;
  let flagged = 0;
  let sum = 0;
  for (const group of ranking.groups) {
    truePositives += group.positives;
    flagged += group.positives + group.negatives;
    sum += (group.positives / ranking.positives) * (truePositives / flagged);
  }
  return sum;
}

/**
 * Computes ROC-AUC: the probability that a random positive scores above a random negative,
 * counting a tie as one half (the Mann-Whitney U statistic). NaN unless both classes occur.
 */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const ranking = rankScores(scores, labels);
  if (ranking.positives === 0 || ranking.negatives === 0) return Number.NaN;

  let positivesAbove = 0;
  let pairsWon = 0;
  for (const group of ranking.groups) {
    pairsWon += group.negatives * (positivesAbove + group.positives / 2);
    positivesAbove += group.positives;
  }
  return pairsWon / (ranking.positives * ranking.negatives);
}

/** Computes the confusion counts, precision, recall and F1 when scores >= threshold are flagged. */
export function metricsAtThreshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): ThresholdMetrics {
  const ranking = rankScores(scores, labels);
  let truePositives = 0;
  let falsePositives = 0;
  for (const group of ranking.groups) {
    if (group.score < threshold) break;
    truePositives += group.positives;
    falsePositives += group.negatives;
  }
  return thresholdMetrics(ranking, threshold, truePositives, falsePositives);
}

function thresholdMetrics(
  ranking: Ranking,
  threshold: number,
  truePositives: number,
  falsePositives: number,
): ThresholdMetrics {
  const flagged = truePositives + falsePositives;
  const precision = flagged === 0 ? 0 : truePositives / flagged;
  const recall = ranking.positives === 0 ? Number.NaN : truePositives / ranking.positives;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;

  return {
    threshold,
    truePositives,
    falsePositives,
    falseNegatives: ranking.positives - truePositives,
    trueNegatives: ranking.negatives - falsePositives,
    precision,
    recall,
    f1,
  };
}

/**
 * Computes the recall when the top `percent`% of diffs by score are flagged: ceil(rows x
 * percent / 100) diffs. When the cut falls inside a group of tied scores, the group counts
 * with the expected recall of breaking the tie at random, so the value never depends on
 * input order.
 */
export function recallAtBudget(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  percent: number,
): number {
  const ranking = rankScores(scores, labels);
  if (ranking.positives === 0) return Number.NaN;

  // The epsilon keeps float noise such as 100 * 7 / 100 = 7.000000000000001 from adding a slot.
  let slots = Math.ceil((ranking.rows * percent) / 100 - 1e-9);
  let truePositives = 0;
  for (const group of ranking.groups) {
    if (slots <= 0) break;
    const size = group.positives + group.negatives;
    const taken = Math.min(slots, size);
    truePositives += (group.positives * taken) / size;
    slots -= taken;
  }
  return truePositives / ranking.positives;
}

/**
 * Finds the threshold with the highest F1 among the distinct scores, preferring the higher
 * threshold on equal F1. The returned threshold lies halfway between the chosen score and the
 * next lower score, so tiny numeric differences between backends do not flip decisions at the
 * boundary; it flags exactly the same diffs as the chosen score.
 */
export function bestF1Threshold(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
): ThresholdMetrics {
  const ranking = rankScores(scores, labels);
  if (ranking.groups.length === 0) {
    throw new Error('Cannot choose a threshold without scores; pass at least one scored diff.');
  }

  let best = thresholdMetrics(ranking, Number.POSITIVE_INFINITY, 0, 0);
  let bestIndex = -1;
  let truePositives = 0;
  let falsePositives = 0;
  for (let index = 0; index < ranking.groups.length; index++) {
    const group = ranking.groups[index]!;
    truePositives += group.positives;
    falsePositives += group.negatives;
    const candidate = thresholdMetrics(ranking, group.score, truePositives, falsePositives);
    if (bestIndex === -1 || candidate.f1 > best.f1) {
      best = candidate;
      bestIndex = index;
    }
  }

  const nextLower = ranking.groups[bestIndex + 1]?.score;
  const threshold = nextLower === undefined ? best.threshold : (best.threshold + nextLower) / 2;
  return { ...best, threshold };
}

export interface SkipAtRecall {
  /** Recall the filter must keep, in [0, 1]. */
  targetRecall: number;
  /** Threshold of the filter: the score of the last positive it must keep. */
  threshold: number;
  /** Share of diffs with a score below the threshold, which the filter skips. */
  skipShare: number;
  /**
   * Expected share a random filter skips at the same recall: it reviews diffs in random order
   * until it has seen the m-th positive, whose expected position is m(n + 1)/(P + 1).
   */
  randomSkipShare: number;
  /** skipShare / randomSkipShare; Infinity when the random filter skips nothing. */
  ratioToRandom: number;
}

/**
 * Computes how many diffs a filter that flags scores >= a threshold can skip while keeping
 * at least `targetRecall` of the positives. Tied scores are flagged together, so a tie at the
 * cut counts against the model. Returns null without positives.
 */
export function skipAtRecall(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  targetRecall: number,
): SkipAtRecall | null {
  const ranking = rankScores(scores, labels);
  if (ranking.positives === 0) return null;

  const needed = Math.max(1, Math.ceil(targetRecall * ranking.positives - 1e-9));
  let truePositives = 0;
  let flagged = 0;
  let threshold = Number.NaN;
  for (const group of ranking.groups) {
    truePositives += group.positives;
    flagged += group.positives + group.negatives;
    threshold = group.score;
    if (truePositives >= needed) break;
  }

  const rows = ranking.rows;
  const skipShare = (rows - flagged) / rows;
  const randomSkipShare = 1 - (needed * (rows + 1)) / ((ranking.positives + 1) * rows);
  const ratioToRandom =
    randomSkipShare > 0 ? skipShare / randomSkipShare : Number.POSITIVE_INFINITY;
  return { targetRecall, threshold, skipShare, randomSkipShare, ratioToRandom };
}
