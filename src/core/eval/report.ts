/** One evaluation report with every metric the model cards and `perflens eval` print. */
import type { ClassificationMetrics } from '../model/types.ts';
import {
  averagePrecision,
  bestF1Threshold,
  metricsAtThreshold,
  recallAtBudget,
  rocAuc,
  skipAtRecall,
  type SkipAtRecall,
  type ThresholdMetrics,
} from './metrics.ts';

/** Flag budgets, in percent of diffs, reported as recall at budget. */
export const BUDGET_PERCENTS = [1, 5, 10] as const;

/** Recall targets, in [0, 1], reported as the share of diffs a filter can skip. */
export const SKIP_RECALLS = [1, 0.9] as const;

export interface EvaluationReport extends ClassificationMetrics {
  threshold: number;
  atThreshold: ThresholdMetrics;
  /** Best F1 over all thresholds on the same rows: an upper bound, not a held-out figure. */
  bestF1: ThresholdMetrics;
  /** Skip share at each recall target of SKIP_RECALLS, keyed by percent ("100", "90"). */
  skip: Record<string, SkipAtRecall | null>;
}

/** Evaluates scores against labels with the model's decision threshold. */
export function evaluateScores(
  scores: ArrayLike<number>,
  labels: ArrayLike<number>,
  threshold: number,
): EvaluationReport {
  const atThreshold = metricsAtThreshold(scores, labels, threshold);

  const recallByBudget: Record<string, number> = {};
  for (const percent of BUDGET_PERCENTS) {
    recallByBudget[String(percent)] = recallAtBudget(scores, labels, percent);
  }

  const skip: Record<string, SkipAtRecall | null> = {};
  for (const recall of SKIP_RECALLS) {
    skip[String(Math.round(recall * 100))] = skipAtRecall(scores, labels, recall);
  }

  return {
    prAuc: averagePrecision(scores, labels),
    rocAuc: rocAuc(scores, labels),
    f1: atThreshold.f1,
    precision: atThreshold.precision,
    recall: atThreshold.recall,
    recallAtBudget: recallByBudget,
    rows: scores.length,
    positives: atThreshold.truePositives + atThreshold.falseNegatives,
    threshold,
    atThreshold,
    bestF1: bestF1Threshold(scores, labels),
    skip,
  };
}
