/**
 * Evaluation cells: reading a labelled dataset file, building the cell from scores, and the
 * numbers and curves a cell shows at its threshold.
 */
import { prCurve, rocCurve, type PrPoint, type RocPoint } from '../eval/curves.ts';
import {
  averagePrecision,
  metricsAtThreshold,
  rocAuc,
  skipAtRecall,
  type SkipAtRecall,
  type ThresholdMetrics,
} from '../eval/metrics.ts';
import { newCellId } from './create.ts';
import type { DatasetRef, EvaluationCell, ModelRef } from './types.ts';

/** One labelled diff of a dataset file. */
export interface LabelledDiff {
  diff: string;
  label: 0 | 1;
}

/**
 * Parses a JSON Lines dataset file: one object per line with a `diff` string and a `label` of
 * 0 or 1 (the perf-commits-v1 row format; other fields are ignored). Raises naming the file, line
 * and field of the first invalid row.
 */
export function parseLabelledDiffs(text: string, fileName: string): LabelledDiff[] {
  const rows: LabelledDiff[] = [];
  const lines = text.split('\n');

  for (const [index, line] of lines.entries()) {
    if (line.trim() === '') continue;
    const where = `${fileName} line ${index + 1}`;

    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch (error) {
      throw new Error(`${where} is not valid JSON (${(error as Error).message}).`);
    }

    const { diff, label } = (row ?? {}) as { diff?: unknown; label?: unknown };
    if (typeof diff !== 'string') {
      throw new Error(`${where}: field "diff" must be a string; each row needs a diff and label.`);
    }
    if (label !== 0 && label !== 1) {
      throw new Error(`${where}: field "label" must be 0 or 1, found ${JSON.stringify(label)}.`);
    }
    rows.push({ diff, label });
  }

  if (rows.length === 0) {
    throw new Error(`${fileName} has no rows; pick a JSON Lines file with diff and label fields.`);
  }
  return rows;
}

export interface CreateEvaluationOptions {
  dataset: Omit<DatasetRef, 'rows' | 'positives'>;
  model: ModelRef;
  scores: number[];
  labels: number[];
  /** Starting threshold, normally the model's own. */
  threshold: number;
  /** Recall at which the skipped share is reported; defaults to 0.9. */
  targetRecall?: number;
  now?: Date;
  id?: string;
}

/** Creates an evaluation cell; raises when scores and labels differ in length. */
export function createEvaluationCell(options: CreateEvaluationOptions): EvaluationCell {
  const { scores, labels } = options;
  if (scores.length !== labels.length) {
    throw new Error(`Got ${scores.length} scores for ${labels.length} labels; score every row.`);
  }

  return {
    id: options.id ?? newCellId(),
    type: 'evaluation',
    collapsed: false,
    dataset: {
      ...options.dataset,
      rows: scores.length,
      positives: labels.filter((label) => label === 1).length,
    },
    model: options.model,
    at: (options.now ?? new Date()).toISOString(),
    scores: [...scores],
    labels: [...labels],
    threshold: options.threshold,
    targetRecall: options.targetRecall ?? 0.9,
  };
}

/** What an evaluation cell shows: curves, areas, counts at its threshold and skip share. */
export interface EvaluationSummary {
  prCurve: PrPoint[];
  rocCurve: RocPoint[];
  averagePrecision: number;
  rocAuc: number;
  atThreshold: ThresholdMetrics;
  /** Share of diffs skipped at the target recall, or null without positives. */
  skip: SkipAtRecall | null;
}

/** Computes the summary of an evaluation cell at `threshold` (defaults to the cell's). */
export function summarizeEvaluation(
  cell: Pick<EvaluationCell, 'scores' | 'labels' | 'threshold' | 'targetRecall'>,
  threshold: number = cell.threshold,
): EvaluationSummary {
  return {
    prCurve: prCurve(cell.scores, cell.labels),
    rocCurve: rocCurve(cell.scores, cell.labels),
    averagePrecision: averagePrecision(cell.scores, cell.labels),
    rocAuc: rocAuc(cell.scores, cell.labels),
    atThreshold: metricsAtThreshold(cell.scores, cell.labels, threshold),
    skip: skipAtRecall(cell.scores, cell.labels, cell.targetRecall),
  };
}
