/** Rows of labelled, formatted metric values, shared by `perflens eval` and the model cards. */
import type { EvaluationReport } from './report.ts';

export interface MetricRow {
  metric: string;
  value: (report: EvaluationReport) => string;
}

/** Formats a number with `digits` decimals, or `n/a` for NaN and missing values. */
export function formatNumber(value: number | undefined, digits = 3): string {
  return value === undefined || Number.isNaN(value) ? 'n/a' : value.toFixed(digits);
}

function formatSkip(report: EvaluationReport, key: string): string {
  const skip = report.skip[key];
  if (skip === null || skip === undefined) return 'n/a';
  const ratio = Number.isFinite(skip.ratioToRandom) ? `${skip.ratioToRandom.toFixed(1)}x` : 'inf';
  return (
    `${(skip.skipShare * 100).toFixed(1)}% (random ${(skip.randomSkipShare * 100).toFixed(1)}%, ` +
    `${ratio})`
  );
}

/** The metrics of an evaluation report in print order. */
export const METRIC_ROWS: MetricRow[] = [
  { metric: 'rows', value: (r) => String(r.rows) },
  { metric: 'positives', value: (r) => String(r.positives) },
  { metric: 'PR-AUC (average precision)', value: (r) => formatNumber(r.prAuc) },
  { metric: 'ROC-AUC', value: (r) => formatNumber(r.rocAuc) },
  { metric: 'threshold', value: (r) => formatNumber(r.threshold, 4) },
  { metric: 'F1 at threshold', value: (r) => formatNumber(r.f1) },
  { metric: 'precision at threshold', value: (r) => formatNumber(r.precision) },
  { metric: 'recall at threshold', value: (r) => formatNumber(r.recall) },
  {
    metric: 'flagged at threshold',
    value: (r) => String(r.atThreshold.truePositives + r.atThreshold.falsePositives),
  },
  { metric: 'recall, top 1% flagged', value: (r) => formatNumber(r.recallAtBudget['1']) },
  { metric: 'recall, top 5% flagged', value: (r) => formatNumber(r.recallAtBudget['5']) },
  { metric: 'recall, top 10% flagged', value: (r) => formatNumber(r.recallAtBudget['10']) },
  { metric: 'skipped at 100% recall', value: (r) => formatSkip(r, '100') },
  { metric: 'skipped at 90% recall', value: (r) => formatSkip(r, '90') },
  {
    metric: 'best F1 on these rows (upper bound)',
    value: (r) => `${formatNumber(r.bestF1.f1)} at ${formatNumber(r.bestF1.threshold, 4)}`,
  },
];

/** Renders reports side by side as a Markdown table, one column per named report. */
export function markdownMetricsTable(reports: Record<string, EvaluationReport>): string {
  const names = Object.keys(reports);
  const lines = [
    `| metric | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---:').join('|')}|`,
  ];
  for (const row of METRIC_ROWS) {
    lines.push(`| ${row.metric} | ${names.map((name) => row.value(reports[name]!)).join(' | ')} |`);
  }
  return lines.join('\n');
}
