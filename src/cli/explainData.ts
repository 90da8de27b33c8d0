/**
 * `perflens explain --data FILE`: counterfactual quality over the predicted positives of a
 * labelled dataset file. Progress goes to stderr, the figures to stdout.
 */
import {
  findCounterfactuals,
  type CounterfactualOptions,
} from '../core/explain/counterfactual.ts';
import { ADAPTIVE_STEPS, integratedGradients } from '../core/explain/integratedGradients.ts';
import {
  distribution,
  summarizeExplanations,
  type Distribution,
  type ExplainedDiff,
  type ExplanationSummary,
} from '../core/explain/summary.ts';
import { asDifferentiableScorer } from '../core/model/bowGradients.ts';
import type { Scorer } from '../core/model/types.ts';
import type { LabelledPatches } from '../train/data.ts';
import { scoreRows } from '../train/evaluate.ts';
import { formatDuration } from '../train/progress.ts';

/** Integrated gradients completeness over the explained diffs, for differentiable models. */
export interface CompletenessFigures {
  /** |sum of attributions - (logit(input) - logit(baseline))| per diff, in logits. */
  absoluteError: Distribution;
  maxAbsoluteError: number;
  passed: number;
  checked: number;
}

export interface DatasetExplanation {
  rows: number;
  predictedPositives: number;
  summary: ExplanationSummary;
  /** Null for models without gradient access. */
  completeness: CompletenessFigures | null;
}

/** Minimum milliseconds between two progress lines. */
const PROGRESS_INTERVAL_MS = 2000;

/**
 * Scores every row, then searches counterfactuals for the first `limit` predicted positives
 * in file order, one diff after another.
 */
export async function explainDataset(
  scorer: Scorer,
  data: LabelledPatches,
  limit: number,
  options: CounterfactualOptions,
): Promise<DatasetExplanation> {
  const scores = await scoreRows(scorer, data);
  const threshold = scorer.manifest.threshold;
  const positives: number[] = [];
  scores.forEach((score, index) => {
    if (score >= threshold) positives.push(index);
  });
  const selected = positives.slice(0, limit);
  console.error(
    `explain: ${data.rows.length} rows, ${positives.length} predicted positives, ` +
      `explaining ${selected.length}.`,
  );

  const explained: ExplainedDiff[] = [];
  const differentiable = asDifferentiableScorer(scorer);
  const completenessErrors: number[] = [];
  let completenessPassed = 0;
  const started = performance.now();
  let lastPrinted = 0;
  for (const index of selected) {
    const row = data.rows[index]!;
    const result = await findCounterfactuals(scorer, data.patches[index]!, {
      ...options,
      metadata: data.metadata[index],
    });
    explained.push({ id: row.id, label: row.label, result });
    if (differentiable !== null) {
      const patch = data.patches[index]!;
      const gradients = await integratedGradients(differentiable, patch, ADAPTIVE_STEPS);
      completenessErrors.push(gradients.completeness.absoluteError);
      if (gradients.completeness.passed) completenessPassed++;
    }

    const now = performance.now();
    if (now - lastPrinted >= PROGRESS_INTERVAL_MS || explained.length === selected.length) {
      lastPrinted = now;
      const elapsed = (now - started) / 1000;
      const eta = (elapsed / explained.length) * (selected.length - explained.length);
      const found = explained.filter((item) => item.result.counterfactuals.length > 0).length;
      console.error(
        `explain: ${explained.length}/${selected.length} diffs, ${found} with a counterfactual, ` +
          `elapsed ${formatDuration(elapsed)}, eta ${formatDuration(eta)}`,
      );
    }
  }

  const completeness =
    differentiable === null
      ? null
      : {
          absoluteError: distribution(completenessErrors),
          maxAbsoluteError: Math.max(0, ...completenessErrors),
          passed: completenessPassed,
          checked: completenessErrors.length,
        };
  return {
    rows: data.rows.length,
    predictedPositives: positives.length,
    summary: summarizeExplanations(explained),
    completeness,
  };
}

function percent(part: number, total: number): string {
  return total === 0 ? 'n/a' : `${((100 * part) / total).toFixed(1)}%`;
}

function formatDistribution(values: Distribution, digits: number): string {
  if (values.count === 0) return 'none';
  return (
    `mean ${values.mean.toFixed(digits)}, median ${values.median.toFixed(digits)}, ` +
    `p90 ${values.p90.toFixed(digits)} (n = ${values.count})`
  );
}

/** Formats the dataset figures as text lines; `top` limits the token table. */
export function formatDatasetExplanation(explanation: DatasetExplanation, top: number): string[] {
  const { summary } = explanation;
  const [positiveFound, positiveTotal] = summary.withCounterfactualByLabel.positive;
  const [negativeFound, negativeTotal] = summary.withCounterfactualByLabel.negative;
  const lines = [
    `rows ${explanation.rows}, predicted positives ${explanation.predictedPositives}, ` +
      `explained ${summary.explained}`,
    `with a counterfactual: ${summary.withCounterfactual}/${summary.explained} ` +
      `(${percent(summary.withCounterfactual, summary.explained)}); labelled 1: ` +
      `${positiveFound}/${positiveTotal}, labelled 0: ${negativeFound}/${negativeTotal}`,
    `edits per counterfactual: ${formatDistribution(summary.edits, 2)}`,
    `ms to first counterfactual: ${formatDistribution(summary.firstCounterfactualMs, 0)}`,
    `ms per search: ${formatDistribution(summary.searchMs, 0)}`,
    'stop reasons: ' +
      Object.entries(summary.stopReasons)
        .map(([reason, count]) => `${reason} ${count}`)
        .join(', '),
    'edits by kind: ' +
      Object.entries(summary.editKinds)
        .map(([kind, count]) => `${kind} ${count}`)
        .join(', '),
  ];
  const { completeness } = explanation;
  if (completeness !== null) {
    lines.push(
      `integrated gradients completeness: ${completeness.passed}/${completeness.checked} ` +
        `passed, max error ${completeness.maxAbsoluteError.toExponential(2)} logits, median ` +
        `${completeness.absoluteError.median.toExponential(2)}`,
    );
  }
  lines.push(
    '',
    `tokens that counterfactuals change most often (top ${Math.min(top, summary.tokens.length)}):`,
    '  token                 diffs  token edits  line edits',
  );
  for (const { token, tokenEdits, lineEdits, diffs } of summary.tokens.slice(0, top)) {
    const counts =
      `${String(diffs).padStart(5)}  ${String(tokenEdits).padStart(11)}  ` +
      String(lineEdits).padStart(10);
    lines.push(`  ${token.padEnd(20)}  ${counts}`);
  }
  return lines;
}
