/**
 * Re-check of a notebook's results on open: every stored score is computed again with the
 * installed model, and results that no longer reproduce are flagged instead of shown as current.
 */
import { sha256Hex } from '../model/sha256.ts';
import { joinPath } from './schema.ts';
import type { Cell, ModelRef, Notebook } from './types.ts';

/**
 * Outcome for one stored result:
 * - `reproduced`: the installed model gives the stored probability (within the tolerance);
 * - `changed`: it gives another probability, so the stored number is stale;
 * - `model-missing`: no model with that id is installed;
 * - `failed`: scoring raised, for example because the diff no longer parses;
 * - `stale-text`: the stored score is of an earlier text of the diff, not of the cell's diff;
 * - `bundle-changed`: an evaluation whose model bundle differs from the installed one;
 * - `not-rescored`: an evaluation with the same bundle, whose rows the notebook does not store.
 */
export type RecheckStatus =
  | 'reproduced'
  | 'changed'
  | 'model-missing'
  | 'failed'
  | 'stale-text'
  | 'bundle-changed'
  | 'not-rescored';

export interface RecheckFinding {
  cellId: string;
  /** Path of the result inside the file, such as `cells[3].results[1]`. */
  path: string;
  modelId: string;
  status: RecheckStatus;
  storedProbability: number | null;
  /** Probability from the installed model, or null when it was not computed. */
  currentProbability: number | null;
  /** Sentence for the UI naming the result, what was found and what to do. */
  message: string;
}

/** Scores diffs with installed models; implemented by the inference worker or a Node loader. */
export interface RecheckScorer {
  /** Returns the installed bundle's sha256, or null when no model has this id. */
  bundleHash(modelId: string): Promise<string | null>;
  /** Scores a diff with the installed model; raises when the diff cannot be scored. */
  score(modelId: string, diff: string): Promise<number>;
}

export interface RecheckOptions {
  /**
   * Largest absolute probability difference that still counts as reproduced. The default 1e-4
   * allows float32 differences between tfjs backends, which are below 1e-5 for the BoW model
   * (measured by the bundle parity test).
   */
  tolerance?: number;
}

/** A result to re-score: which model, which diff, and the probability stored for it. */
interface StoredResult {
  path: string;
  model: ModelRef;
  diff: string;
  probability: number;
  /** sha256 of the text that was scored. */
  diffHash: string;
}

/** Re-scores every result of the notebook and returns one finding per result, in file order. */
export async function recheckNotebook(
  notebook: Notebook,
  scorer: RecheckScorer,
  options: RecheckOptions = {},
): Promise<RecheckFinding[]> {
  const tolerance = options.tolerance ?? 1e-4;
  const findings: RecheckFinding[] = [];

  for (const [index, cell] of notebook.cells.entries()) {
    const cellPath = joinPath('cells', index);

    if (cell.type === 'evaluation') {
      findings.push(await recheckEvaluation(cell, cellPath, scorer));
      continue;
    }

    for (const stored of storedResults(cell, cellPath)) {
      findings.push(await recheckResult(cell.id, stored, scorer, tolerance));
    }
  }

  return findings;
}

/** Lists the scored results of a cell; markdown and evaluation cells have none to re-score. */
function storedResults(cell: Cell, cellPath: string): StoredResult[] {
  switch (cell.type) {
    case 'diff': {
      const last = cell.scores.at(-1);
      if (last === undefined) return [];
      const path = joinPath(joinPath(cellPath, 'scores'), cell.scores.length - 1);
      return [{ path, model: cell.model, diff: cell.diff, ...last }];
    }
    case 'explanation':
      return [{ path: joinPath(cellPath, 'result'), diff: cell.diff, ...cell.result }];
    case 'comparison':
      return cell.results.map((result, index) => ({
        path: joinPath(joinPath(cellPath, 'results'), index),
        diff: cell.diff,
        ...result,
      }));
    default:
      return [];
  }
}

async function recheckResult(
  cellId: string,
  stored: StoredResult,
  scorer: RecheckScorer,
  tolerance: number,
): Promise<RecheckFinding> {
  const modelId = stored.model.id;
  const base = { cellId, path: stored.path, modelId, storedProbability: stored.probability };
  const shown = formatProbability(stored.probability);

  const textHash = await sha256Hex(new TextEncoder().encode(stored.diff));
  if (textHash !== stored.diffHash) {
    return {
      ...base,
      status: 'stale-text',
      currentProbability: null,
      message:
        `${stored.path}: the stored score ${shown} is of an earlier text of the diff; ` +
        'score the diff again to record its current score.',
    };
  }

  if ((await scorer.bundleHash(modelId)) === null) {
    return {
      ...base,
      status: 'model-missing',
      currentProbability: null,
      message:
        `${stored.path}: model '${modelId}' is not installed, so the score ${shown} cannot be ` +
        `re-checked. Install the bundle under models/${modelId} or recompute with another model.`,
    };
  }

  let current: number;
  try {
    current = await scorer.score(modelId, stored.diff);
  } catch (error) {
    return {
      ...base,
      status: 'failed',
      currentProbability: null,
      message: `${stored.path}: re-scoring with '${modelId}' failed: ${errorText(error)}`,
    };
  }

  const reproduced = Math.abs(current - stored.probability) <= tolerance;
  return {
    ...base,
    status: reproduced ? 'reproduced' : 'changed',
    currentProbability: current,
    message: reproduced
      ? `${stored.path}: '${modelId}' reproduces the score ${shown}.`
      : `${stored.path}: '${modelId}' now scores ${formatProbability(current)}, not the ` +
        `stored ${shown}. The model or runtime changed; recompute the cell to update it.`,
  };
}

async function recheckEvaluation(
  cell: Extract<Cell, { type: 'evaluation' }>,
  cellPath: string,
  scorer: RecheckScorer,
): Promise<RecheckFinding> {
  const modelId = cell.model.id;
  const path = joinPath(cellPath, 'model');
  const base = { cellId: cell.id, path, modelId, storedProbability: null, currentProbability: null };
  const installed = await scorer.bundleHash(modelId);

  if (installed === null) {
    return {
      ...base,
      status: 'model-missing',
      message: `${path}: model '${modelId}' is not installed, so the evaluation cannot be re-run.`,
    };
  }
  if (installed !== cell.model.bundleHash) {
    return {
      ...base,
      status: 'bundle-changed',
      message:
        `${path}: '${modelId}' is now bundle ${installed.slice(0, 8)}, not the evaluated ` +
        `${cell.model.bundleHash.slice(0, 8)}. Re-run the evaluation on ${cell.dataset.name}.`,
    };
  }
  return {
    ...base,
    status: 'not-rescored',
    message:
      `${path}: same bundle as evaluated. The notebook stores scores, not the rows of ` +
      `${cell.dataset.name}, so re-run the evaluation with that file to re-score it.`,
  };
}

/** Returns whether a finding means the stored number must not be shown as current. */
export function isStale(finding: RecheckFinding): boolean {
  return finding.status !== 'reproduced' && finding.status !== 'not-rescored';
}

function formatProbability(value: number): string {
  return value.toFixed(4);
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
