/**
 * The notebook file (`*.perflens.json`): versioned JSON holding a researcher's cells. Version 1
 * had diff cells only. Version 2 adds markdown, explanation, comparison and evaluation cells and
 * a `collapsed` flag on every cell. docs/notebook-format.md describes every field.
 */

/** Value of the `format` field, so that other JSON files are rejected with a clear error. */
export const NOTEBOOK_FORMAT = 'perflens-notebook';
export const NOTEBOOK_VERSION = 2;

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

/** A frozen score of one diff by one model, with the model and runtime that computed it. */
export interface ResultRecord {
  model: ModelRef;
  /** ISO 8601 time of the score. */
  at: string;
  probability: number;
  /** The model's decision threshold when it scored. */
  threshold: number;
  /** sha256 of the scored diff text. */
  diffHash: string;
}

/** Fields that every cell has. */
interface CellFields {
  /** Unique within the notebook; it names the cell across edits and exports. */
  id: string;
  /** True when the UI shows only the cell's header. */
  collapsed: boolean;
}

export interface MarkdownCell extends CellFields {
  type: 'markdown';
  /** Markdown text: headings, paragraphs, lists, emphasis, code and links. */
  source: string;
}

export interface DiffCell extends CellFields {
  type: 'diff';
  /** The diff as the user last edited it, verbatim. */
  diff: string;
  /** The diff as first loaded, against which the score change is shown. */
  originalDiff: string;
  model: ModelRef;
  /** Scores of this editing session, oldest first; the last one is the current score. */
  scores: ScoreRecord[];
}

/** Granularity of an occlusion attribution. */
export type AttributionLevelName = 'token' | 'line' | 'hunk';

/** How much one token, line or hunk of the explained diff pushes the probability. */
export interface AttributionRecord {
  level: AttributionLevelName;
  /** 1-based line in the diff text (the hunk header for a hunk). */
  patchLine: number;
  /** 1-based start column in the diff text, marker counted; null for a line or hunk. */
  startColumn: number | null;
  /** End column, exclusive; null for a line or hunk. */
  endColumn: number | null;
  /** The token, line or hunk header. */
  text: string;
  /** Probability of the diff minus the probability with this part removed. */
  attribution: number;
}

/** One edit of a counterfactual, located in the explained diff. */
export interface CounterfactualEditRecord {
  /** Edit operator: delete-token, replace-token, delete-line, restore-line or drop-hunk. */
  kind: string;
  /** 1-based line in the explained diff. */
  patchLine: number;
  before: string;
  /** Replacement text of a replace-token edit, else the empty string. */
  after: string;
}

/** A set of edits that moves the model's decision across its threshold. */
export interface CounterfactualRecord {
  edits: CounterfactualEditRecord[];
  /** The edited diff. */
  diff: string;
  probabilityAfter: number;
  flaggedAfter: boolean;
}

/** Attributions and counterfactuals of one diff, frozen as computed. */
export interface ExplanationCell extends CellFields {
  type: 'explanation';
  diff: string;
  /** The explained score; attributions and counterfactuals came from the same model. */
  result: ResultRecord;
  attributions: AttributionRecord[];
  counterfactuals: CounterfactualRecord[];
}

/** One diff scored by several models. */
export interface ComparisonCell extends CellFields {
  type: 'comparison';
  diff: string;
  /** One result per model, in the order the user added them. */
  results: ResultRecord[];
}

/** A labelled dataset file, identified by its bytes. */
export interface DatasetRef {
  /** File name as the user picked it, such as "val.jsonl.gz". */
  name: string;
  /** sha256 of the file bytes, lowercase hex. */
  sha256: string;
  rows: number;
  positives: number;
}

/** A model evaluated on a labelled dataset file: curves, threshold and confusion counts. */
export interface EvaluationCell extends CellFields {
  type: 'evaluation';
  dataset: DatasetRef;
  model: ModelRef;
  /** ISO 8601 time of the evaluation. */
  at: string;
  /** Probability of each row, in file order. */
  scores: number[];
  /** Label of each row (0 or 1), in file order. */
  labels: number[];
  /** Threshold chosen with the slider. */
  threshold: number;
  /** Recall at which the share of skipped diffs is reported, in (0, 1]. */
  targetRecall: number;
}

export type Cell = MarkdownCell | DiffCell | ExplanationCell | ComparisonCell | EvaluationCell;

export type CellType = Cell['type'];

export const CELL_TYPES: readonly CellType[] = [
  'markdown',
  'diff',
  'explanation',
  'comparison',
  'evaluation',
];

export interface Notebook {
  format: typeof NOTEBOOK_FORMAT;
  version: number;
  title: string;
  createdAt: string;
  modifiedAt: string;
  cells: Cell[];
}
