/** CARD.md of the models without code features: the code-opaque model and the size baseline. */
import { markdownMetricsTable } from '../core/eval/format.ts';
import { bestF1Threshold } from '../core/eval/metrics.ts';
import { evaluateScores, type EvaluationReport } from '../core/eval/report.ts';
import { dataSection, machineDescription, sizeBandsTable, wrapText } from './card.ts';
import type { LabelledPatches } from './data.ts';
import { formatDuration } from './progress.ts';
import { metricsBySizeBand } from './sizeBands.ts';

export interface MetadataCardInput {
  title: string;
  summary: string;
  features: string[];
  architecture: string;
  train: LabelledPatches;
  val: LabelledPatches;
  report: EvaluationReport;
  valScores: Float32Array;
  /** Val scores of the size baseline to compare with; null for the size baseline itself. */
  sizeValScores: Float32Array | null;
  /** Choices val made besides being measured, such as "the epoch and the threshold". */
  valChose: string;
  /** Limits specific to the model, added to the shared ones. */
  limits: string[];
  command: string;
  seconds: number;
  cpus: number;
}

/** Renders the lift of a report over the size baseline's report. */
export function liftSection(report: EvaluationReport, size: EvaluationReport): string {
  const ratio = report.prAuc / size.prAuc;
  return [
    '## Lift over the size baseline',
    '',
    `PR-AUC ${report.prAuc.toFixed(3)} against ${size.prAuc.toFixed(3)} for size only ` +
      `(${ratio.toFixed(2)}x); ROC-AUC ${report.rocAuc.toFixed(3)} against ` +
      `${size.rocAuc.toFixed(3)} (${(report.rocAuc - size.rocAuc >= 0 ? '+' : '')}` +
      `${(report.rocAuc - size.rocAuc).toFixed(3)}).`,
  ].join('\n');
}

export function renderMetadataCard(input: MetadataCardInput): string {
  const { val, report } = input;
  const reports: Record<string, EvaluationReport> = { 'this model': report };
  const scoresByModel: Record<string, Float32Array> = { model: input.valScores };
  let lift = '';

  if (input.sizeValScores !== null) {
    const threshold = bestF1Threshold(input.sizeValScores, val.labels).threshold;
    const sizeReport = evaluateScores(input.sizeValScores, val.labels, threshold);
    reports['size only'] = sizeReport;
    scoresByModel.size = input.sizeValScores;
    lift = `\n${liftSection(report, sizeReport)}\n`;
  }
  const bands = metricsBySizeBand(val.patches, val.labels, scoresByModel);

  return `# ${input.title}

${wrapText(input.summary)}

${dataSection(input.train, val, input.valChose)}

## Features

${input.features.map((line) => wrapText(line, 96, '- ', '  ')).join('\n')}

## Architecture

${wrapText(input.architecture)}

The decision threshold is the one with the best F1 on val (placed halfway to the next lower
score), because F1 weighs precision and recall equally at a positive rate near 1%.

## Training

${wrapText(
  `\`${input.command}\` took ${formatDuration(input.seconds)} on ` +
    `${machineDescription(input.cpus)}.`,
)}

## Validation metrics

${markdownMetricsTable(reports)}
${lift}
## Within size bands

${sizeBandsTable(bands, Object.keys(scoresByModel))}

## Known limits

- Val has only ${report.positives} positives and chose ${input.valChose}, so these figures are
  optimistic and noisy.
- Labels come from SZZ blame of later perf fixes: a hand audit of 30 positives found about half
  plausible. Larger commits own more blamed lines, so size predicts the label partly because of
  how the labels were made, not because large changes are slower.
${input.limits.map((line) => wrapText(line, 96, '- ', '  ')).join('\n')}
`;
}
