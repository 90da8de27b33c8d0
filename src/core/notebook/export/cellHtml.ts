/**
 * HTML of each cell type, shared by the HTML export and the app's read-only views. Every piece
 * of user text passes through escapeHtml or the Markdown renderer, which escapes too.
 */
import { summarizeEvaluation } from '../evaluation.ts';
import { renderMarkdown } from '../markdown.ts';
import { isStale, type RecheckFinding } from '../recheck.ts';
import type {
  Cell,
  ComparisonCell,
  DiffCell,
  EvaluationCell,
  ExplanationCell,
  ModelRef,
  ResultRecord,
} from '../types.ts';
import { renderDiffHtml } from './diffHtml.ts';
import { escapeHtml } from './escape.ts';
import { attributionBarsSvg, prCurveSvg, rocCurveSvg, scoreBarsSvg } from './svgCharts.ts';

/** Human title of each cell type. */
export const CELL_TYPE_TITLES: Record<Cell['type'], string> = {
  markdown: 'Notes',
  diff: 'Diff',
  explanation: 'Explanation',
  comparison: 'Model comparison',
  evaluation: 'Evaluation',
};

function probabilityText(value: number): string {
  return value.toFixed(3);
}

function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)}%` : '-';
}

/** Describes a model reference in one line: id, bundle prefix, tfjs version and backend. */
export function modelRefText(model: ModelRef): string {
  return (
    `${model.id} (bundle ${model.bundleHash.slice(0, 8)}, tfjs ${model.tfjsVersion}, ` +
    `${model.backend})`
  );
}

function decisionBadge(probability: number, threshold: number): string {
  const flagged = probability >= threshold;
  const text = flagged ? 'regression predicted' : 'no regression predicted';
  return `<span class="pl-badge ${flagged ? 'pl-flagged' : 'pl-clear'}">${text}</span>`;
}

/** Renders the re-check findings of a cell that did not reproduce, or '' when all did. */
export function findingsHtml(findings: RecheckFinding[]): string {
  const stale = findings.filter(isStale);
  if (stale.length === 0) {
    if (findings.length === 0) return '';
    return '<p class="pl-recheck pl-recheck-ok">Re-checked: every result reproduces.</p>';
  }

  const items = stale.map((finding) => `<li>${escapeHtml(finding.message)}</li>`).join('');
  return (
    '<div class="pl-recheck pl-recheck-stale" role="alert"><strong>Not reproduced.</strong> ' +
    `These stored numbers are not current:<ul>${items}</ul></div>`
  );
}

function resultLine(result: ResultRecord, stale: boolean): string {
  const staleMark = stale ? ' <span class="pl-badge pl-stale">not reproduced</span>' : '';
  return (
    `<p class="pl-result"><span class="pl-probability">${probabilityText(result.probability)}` +
    `</span> against threshold ${probabilityText(result.threshold)} ` +
    `${decisionBadge(result.probability, result.threshold)}${staleMark}<br>` +
    `<span class="pl-model">${escapeHtml(modelRefText(result.model))}, ` +
    `${escapeHtml(result.at)}</span></p>`
  );
}

function diffCellBody(cell: DiffCell, staleResult: boolean): string {
  const last = cell.scores.at(-1);
  const score =
    last === undefined
      ? '<p class="pl-result">Not scored yet.</p>'
      : resultLine({ model: cell.model, ...last }, staleResult);
  const first = cell.scores[0];
  const change =
    first !== undefined && last !== undefined && cell.scores.length > 1
      ? `<p class="pl-history">Score went from ${probabilityText(first.probability)} to ` +
        `${probabilityText(last.probability)} over ${cell.scores.length} edits.</p>`
      : '';
  return score + change + renderDiffHtml(cell.diff);
}

function explanationBody(cell: ExplanationCell, staleResult: boolean): string {
  const tokens = cell.attributions.filter((item) => item.level === 'token');
  const bars = (tokens.length > 0 ? tokens : cell.attributions).map((item) => ({
    label: item.text,
    value: item.attribution,
  }));

  const counterfactuals = cell.counterfactuals.map((counterfactual, index) => {
    const edits = counterfactual.edits
      .map((edit) => {
        const replacement = edit.after === '' ? '' : ` \u2192 <code>${escapeHtml(edit.after)}</code>`;
        return (
          `<li><span class="pl-edit-kind">${escapeHtml(edit.kind)}</span> line ${edit.patchLine}: ` +
          `<code>${escapeHtml(edit.before.trim())}</code>${replacement}</li>`
        );
      })
      .join('');
    const after = counterfactual.flaggedAfter ? 'flagged' : 'not flagged';
    return (
      `<li class="pl-counterfactual"><strong>Counterfactual ${index + 1}</strong>: ` +
      `${counterfactual.edits.length} edit${counterfactual.edits.length === 1 ? '' : 's'} ` +
      `move the probability to ${probabilityText(counterfactual.probabilityAfter)} ` +
      `(${after}).<ul>${edits}</ul></li>`
    );
  });

  const counterfactualList =
    counterfactuals.length === 0
      ? '<p>No counterfactual was found within the search budget.</p>'
      : `<ol class="pl-counterfactuals">${counterfactuals.join('')}</ol>`;

  return (
    resultLine(cell.result, staleResult) +
    '<h4>Attributions</h4>' +
    '<p class="pl-caption">Probability change when the token or line is removed: red raises ' +
    'the score, green lowers it.</p>' +
    (bars.length > 0 ? attributionBarsSvg(bars) : '<p>No attributions.</p>') +
    renderDiffHtml(cell.diff, cell.attributions) +
    '<h4>Counterfactuals</h4>' +
    counterfactualList
  );
}

function comparisonBody(cell: ComparisonCell, findings: RecheckFinding[]): string {
  const staleIndexes = new Set(
    findings
      .filter(isStale)
      .map((finding) => Number(/results\[(\d+)\]$/.exec(finding.path)?.[1] ?? -1)),
  );
  const bars = cell.results.map((result, index) => ({
    label: result.model.id,
    probability: result.probability,
    threshold: result.threshold,
    stale: staleIndexes.has(index),
  }));

  const rows = cell.results
    .map((result, index) => {
      const stale = staleIndexes.has(index)
        ? ' <span class="pl-badge pl-stale">not reproduced</span>'
        : '';
      return (
        `<tr><td>${escapeHtml(result.model.id)}</td><td>${probabilityText(result.probability)}` +
        `</td><td>${probabilityText(result.threshold)}</td>` +
        `<td>${decisionBadge(result.probability, result.threshold)}${stale}</td>` +
        `<td class="pl-model">${escapeHtml(modelRefText(result.model))}</td></tr>`
      );
    })
    .join('');

  const table =
    cell.results.length === 0
      ? '<p>No model has scored this diff yet.</p>'
      : scoreBarsSvg(bars) +
        '<table class="pl-table"><thead><tr><th>Model</th><th>Probability</th>' +
        `<th>Threshold</th><th>Decision</th><th>Runtime</th></tr></thead><tbody>${rows}` +
        '</tbody></table>';
  return table + renderDiffHtml(cell.diff);
}

/** Renders the metrics table of an evaluation at `threshold`; the export's script updates it. */
export function evaluationMetricsHtml(cell: EvaluationCell, threshold: number): string {
  const summary = summarizeEvaluation(cell, threshold);
  const counts = summary.atThreshold;
  const skip = summary.skip;
  const field = (name: string, value: string): string =>
    `<td data-field="${name}">${value}</td>`;

  return (
    '<table class="pl-table pl-metrics"><tbody>' +
    `<tr><th>Threshold</th>${field('threshold', threshold.toFixed(3))}` +
    `<th>PR-AUC (average precision)</th><td>${summary.averagePrecision.toFixed(3)}</td></tr>` +
    `<tr><th>True positives</th>${field('tp', String(counts.truePositives))}` +
    `<th>ROC-AUC</th><td>${summary.rocAuc.toFixed(3)}</td></tr>` +
    `<tr><th>False positives</th>${field('fp', String(counts.falsePositives))}` +
    `<th>Precision</th>${field('precision', percent(counts.precision))}</tr>` +
    `<tr><th>False negatives</th>${field('fn', String(counts.falseNegatives))}` +
    `<th>Recall</th>${field('recall', percent(counts.recall))}</tr>` +
    `<tr><th>True negatives</th>${field('tn', String(counts.trueNegatives))}` +
    `<th>Diffs skipped at ${percent(cell.targetRecall)} recall</th>` +
    `<td>${skip === null ? '-' : `${percent(skip.skipShare)} (random: ${percent(skip.randomSkipShare)})`}` +
    '</td></tr></tbody></table>'
  );
}

/** Renders the charts of an evaluation with markers at `threshold`. */
export function evaluationChartsHtml(cell: EvaluationCell, threshold: number): string {
  const summary = summarizeEvaluation(cell, threshold);
  const counts = summary.atThreshold;
  const negatives = counts.falsePositives + counts.trueNegatives;
  const prMarker = Number.isNaN(counts.recall)
    ? null
    : { recall: counts.recall, precision: counts.truePositives === 0 ? 1 : counts.precision };
  const rocMarker =
    Number.isNaN(counts.recall) || negatives === 0
      ? null
      : { falsePositiveRate: counts.falsePositives / negatives, truePositiveRate: counts.recall };

  return (
    '<div class="pl-charts">' +
    prCurveSvg(summary.prCurve, prMarker) +
    rocCurveSvg(summary.rocCurve, rocMarker) +
    '</div>'
  );
}

function evaluationBody(cell: EvaluationCell): string {
  const dataset = cell.dataset;
  return (
    `<p class="pl-model">${escapeHtml(modelRefText(cell.model))} on ` +
    `<strong>${escapeHtml(dataset.name)}</strong>: ${dataset.rows} diffs, ${dataset.positives} ` +
    `labelled regressions (sha256 ${dataset.sha256.slice(0, 12)}), evaluated ` +
    `${escapeHtml(cell.at)}.</p>` +
    evaluationChartsHtml(cell, cell.threshold) +
    evaluationMetricsHtml(cell, cell.threshold)
  );
}

/** Renders the body of a cell; `findings` are the cell's re-check findings, if any. */
export function renderCellBody(cell: Cell, findings: RecheckFinding[] = []): string {
  const staleAny = findings.some(isStale);
  switch (cell.type) {
    case 'markdown':
      return `<div class="pl-markdown">${renderMarkdown(cell.source)}</div>`;
    case 'diff':
      return findingsHtml(findings) + diffCellBody(cell, staleAny);
    case 'explanation':
      return findingsHtml(findings) + explanationBody(cell, staleAny);
    case 'comparison':
      return findingsHtml(findings) + comparisonBody(cell, findings);
    case 'evaluation':
      return findingsHtml(findings) + evaluationBody(cell);
  }
}

/** Returns a one-line summary of a cell for its header, such as a markdown heading. */
export function cellSummary(cell: Cell): string {
  switch (cell.type) {
    case 'markdown': {
      const first = cell.source.split('\n').find((line) => line.trim() !== '') ?? '';
      return first.replace(/^#+\s*/, '').slice(0, 80);
    }
    case 'diff':
      return `${cell.model.id}, ${cell.scores.length} score${cell.scores.length === 1 ? '' : 's'}`;
    case 'explanation': {
      const count = cell.counterfactuals.length;
      return `${cell.result.model.id}, ${count} counterfactual${count === 1 ? '' : 's'}`;
    }
    case 'comparison':
      return cell.results.map((result) => result.model.id).join(', ');
    case 'evaluation':
      return `${cell.model.id} on ${cell.dataset.name}`;
  }
}
