/**
 * The notebook file (`*.perflens.json`): versioned JSON holding a researcher's cells. Version 1
 * has diff cells; later versions add markdown, explanation, comparison and evaluation cells.
 */

/** Value of the `format` field, so that other JSON files are rejected with a clear error. */
export const NOTEBOOK_FORMAT = 'perflens-notebook';
export const NOTEBOOK_VERSION = 1;

/** The exact model and runtime that produced a result, so a reopened notebook can re-check it. */
export interface ModelRef {
  id: string;
  /** sha256 of the bundle's manifest.json, lowercase hex. */
  bundleHash: string;
  tfjsVersion: string;
  /** tfjs backend that computed the result: webgl, wasm or cpu. */
  backend: string;
}

/** One score computed during editing. */
export interface ScoreRecord {
  /** ISO 8601 time of the score. */
  at: string;
  probability: number;
  threshold: number;
  /** sha256 of the scored diff text, so a result can be matched to the text it scored. */
  diffHash: string;
}

export interface DiffCell {
  id: string;
  type: 'diff';
  /** The diff as the user last edited it, verbatim. */
  diff: string;
  /** The diff as first loaded, against which the score change is shown. */
  originalDiff: string;
  model: ModelRef;
  /** Scores of this editing session, oldest first; the last one is the current score. */
  scores: ScoreRecord[];
}

export type Cell = DiffCell;

export interface Notebook {
  format: typeof NOTEBOOK_FORMAT;
  version: number;
  title: string;
  createdAt: string;
  modifiedAt: string;
  cells: Cell[];
}
