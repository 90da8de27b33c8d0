/**
 * Actions on notebook cells: add, delete, move, collapse, compute and recompute. Structural
 * changes are one undo step each; computations mark the cell busy while the worker runs.
 */
import { newCellId } from '../../src/core/notebook/create.ts';
import { createEvaluationCell, parseLabelledDiffs } from '../../src/core/notebook/evaluation.ts';
import type {
  Cell,
  ComparisonCell,
  DiffCell,
  EvaluationCell,
  ExplanationCell,
} from '../../src/core/notebook/types.ts';
import { sha256Hex } from '../../src/core/model/sha256.ts';
import { useWorkbench } from '../store/store.ts';
import { deleteCell, insertCell, moveCell, neighbourAfterDelete, toggleCollapsed, updateCell } from './cellOps.ts';
import {
  computeEvaluation,
  computeExplanation,
  computeScore,
} from './computeClient.ts';
import { useNotebookDocument } from './documentStore.ts';

function document() {
  return useNotebookDocument.getState();
}

function report(kind: 'info' | 'warning' | 'error', text: string): void {
  useWorkbench.getState().showStatus(kind, text);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Inserts a cell at `index` and selects it. */
export function addCell(cell: Cell, index: number): void {
  document().change((cells) => insertCell(cells, cell, index));
  document().select(cell.id);
}

export function removeCell(id: string): void {
  const next = neighbourAfterDelete(document().cells, id);
  document().change((cells) => deleteCell(cells, id));
  document().select(next);
}

export function shiftCell(id: string, offset: number): void {
  document().change((cells) => moveCell(cells, id, offset));
}

export function flipCollapsed(id: string): void {
  document().change((cells) => toggleCollapsed(cells, id));
}

export function editMarkdown(id: string, source: string): void {
  document().change(
    (cells) => updateCell(cells, id, (cell) => ({ ...cell, source })),
    `markdown:${id}`,
  );
}

export function setEvaluationThreshold(id: string, threshold: number): void {
  document().change(
    (cells) => updateCell<EvaluationCell>(cells, id, (cell) => ({ ...cell, threshold })),
    `threshold:${id}`,
  );
}

export function setTargetRecall(id: string, targetRecall: number): void {
  document().change((cells) =>
    updateCell<EvaluationCell>(cells, id, (cell) => ({ ...cell, targetRecall })),
  );
}

/** Drops the re-check findings of a cell whose results were just computed again. */
function forgetFindings(cellId: string): void {
  const { findings, setFindings } = document();
  setFindings(findings.filter((finding) => finding.cellId !== cellId));
}

/** Message of the last failed computation, for the composer that started it. */
export let lastFailure = '';

/** Runs `task` with the cell marked busy; errors go to the status bar and change nothing. */
async function withBusy<T>(cellId: string, label: string, task: () => Promise<T>): Promise<T | null> {
  document().setBusy(cellId, label);
  try {
    return await task();
  } catch (error) {
    lastFailure = `${label} failed: ${errorText(error)}`;
    report('error', lastFailure);
    return null;
  } finally {
    document().setBusy(cellId, null);
  }
}

/** Scores `diff` with `modelId` and inserts a new diff cell holding that score. */
export async function createDiffCellFrom(
  diff: string,
  modelId: string,
  index: number,
): Promise<boolean> {
  const id = newCellId();
  const result = await withBusy(id, `Scoring with ${modelId}`, () => computeScore(modelId, diff));
  if (result === null) return false;

  const { model, ...score } = result;
  const cell: DiffCell = {
    id,
    type: 'diff',
    collapsed: false,
    diff,
    originalDiff: diff,
    model,
    scores: [score],
  };
  addCell(cell, index);
  return true;
}

/** Adds a fresh score of the cell's diff with its own model to its score list. */
export async function rescoreDiffCell(cell: DiffCell): Promise<void> {
  const result = await withBusy(cell.id, `Scoring with ${cell.model.id}`, () =>
    computeScore(cell.model.id, cell.diff),
  );
  if (result === null) return;

  const { model, ...score } = result;
  forgetFindings(cell.id);
  document().change((cells) =>
    updateCell<DiffCell>(cells, cell.id, (current) => ({
      ...current,
      model,
      scores: [...current.scores, score],
    })),
  );
}

/** Explains `diff` with `modelId`; replaces cell `replaceId` or inserts a new cell at `index`. */
export async function explainInto(
  diff: string,
  modelId: string,
  target: { replaceId: string } | { index: number },
): Promise<boolean> {
  const id = 'replaceId' in target ? target.replaceId : newCellId();
  const fields = await withBusy(id, `Explaining with ${modelId}`, () =>
    computeExplanation(modelId, diff),
  );
  if (fields === null) return false;

  if ('replaceId' in target) {
    forgetFindings(id);
    document().change((cells) =>
      updateCell<ExplanationCell>(cells, id, (cell) => ({ ...cell, diff, ...fields })),
    );
    return true;
  }
  addCell({ id, type: 'explanation', collapsed: false, diff, ...fields }, target.index);
  return true;
}

/** Scores the comparison's diff with each model in `modelIds`, replacing earlier results. */
export async function compareModels(
  diff: string,
  modelIds: string[],
  target: { replaceId: string } | { index: number },
): Promise<boolean> {
  const id = 'replaceId' in target ? target.replaceId : newCellId();
  const results = await withBusy(id, `Scoring with ${modelIds.join(', ')}`, async () => {
    const scored = [];
    for (const modelId of modelIds) scored.push(await computeScore(modelId, diff));
    return scored;
  });
  if (results === null) return false;

  const cell: ComparisonCell = { id, type: 'comparison', collapsed: false, diff, results };
  if ('replaceId' in target) {
    forgetFindings(id);
    document().change((cells) =>
      updateCell<ComparisonCell>(cells, id, (current) => ({ ...current, diff, results })),
    );
    return true;
  }
  addCell(cell, target.index);
  return true;
}

/** Reads a dataset file as text; `.gz` files are decompressed with the browser's gzip stream. */
async function readDatasetText(file: File): Promise<{ text: string; sha256: string }> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const sha256 = await sha256Hex(bytes);
  if (!file.name.endsWith('.gz')) return { text: new TextDecoder().decode(bytes), sha256 };

  const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
  return { text: await new Response(stream).text(), sha256 };
}

/** Evaluates `modelId` on a labelled JSON Lines file and inserts or replaces the cell. */
export async function evaluateInto(
  file: File,
  modelId: string,
  target: { replaceId: string } | { index: number },
): Promise<boolean> {
  const id = 'replaceId' in target ? target.replaceId : newCellId();
  const cell = await withBusy(id, `Evaluating ${modelId} on ${file.name}`, async () => {
    const { text, sha256 } = await readDatasetText(file);
    const rows = parseLabelledDiffs(text, file.name);
    const evaluation = await computeEvaluation(
      modelId,
      rows.map((row) => row.diff),
      (done, total) => document().setBusy(id, `Evaluating ${modelId}: ${done} of ${total} diffs`),
    );

    const kept = rows.flatMap((row, index) => {
      const score = evaluation.scores[index];
      return score === null || score === undefined ? [] : [{ label: row.label, score }];
    });
    if (kept.length < rows.length) {
      report('warning', `${rows.length - kept.length} rows of ${file.name} did not parse as diffs `
        + 'and were left out of the evaluation.');
    }

    return createEvaluationCell({
      id,
      dataset: { name: file.name, sha256 },
      model: evaluation.model,
      scores: kept.map((row) => row.score),
      labels: kept.map((row) => row.label),
      threshold: evaluation.threshold,
    });
  });
  if (cell === null) return false;

  if ('replaceId' in target) {
    forgetFindings(id);
    document().change((cells) =>
      updateCell<EvaluationCell>(cells, id, (current) => ({
        ...cell,
        collapsed: current.collapsed,
        targetRecall: current.targetRecall,
      })),
    );
    return true;
  }
  addCell(cell, target.index);
  return true;
}
