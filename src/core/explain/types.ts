/**
 * Types shared by the explanation engine: edit sites, edits, attributions and counterfactuals.
 * Positions refer to the explained diff, never to an edited copy, so the UI can draw every
 * result over the text in the editor.
 */

/** Edit operators. Each one keeps the diff valid and its hunk headers recounted. */
export type EditKind =
  | 'delete-token'
  | 'replace-token'
  | 'delete-line'
  | 'restore-line'
  | 'drop-hunk';

/** Position of an edit or attribution in the explained diff. */
export interface DiffPosition {
  /** Index of the file in `patch.files`. */
  file: number;
  /** Index of the hunk in its file's `hunks`. */
  hunk: number;
  /** Index of the line in its hunk's `lines`; null for a whole hunk. */
  line: number | null;
  /** 1-based line number inside the whole patch text (the hunk header for a whole hunk). */
  patchLine: number;
  /**
   * Token span as UTF-16 offsets into the line text, without its `+`/`-` marker. Null for
   * lines and hunks.
   */
  start: number | null;
  end: number | null;
  /**
   * Monaco columns of the token in the patch text: 1-based, the marker counted, end exclusive
   * (`start + 2` and `end + 2`). Null for lines and hunks.
   */
  startColumn: number | null;
  endColumn: number | null;
  /** Path of the file after the change, or before it for a deleted file. */
  path: string;
}

/** One edit of the diff. */
export interface Edit {
  kind: EditKind;
  position: DiffPosition;
  /** The token, line text or hunk header that the edit removes, restores or replaces. */
  before: string;
  /** Replacement text of a `replace-token` edit; the empty string for every other kind. */
  after: string;
}

/** An edit the search may apply, with a stable id: its index in the site list. */
export interface EditSite extends Edit {
  id: number;
}

/** Keeps or rejects an edit site; receives the line text (or hunk header) it edits. */
export type EditSitePredicate = (site: Edit, lineText: string) => boolean;

/** Granularity of an occlusion attribution. */
export type AttributionLevel = 'token' | 'line' | 'hunk';

/** Reason a cancellable job stopped. */
export type StopReason =
  /** Every requested item or counterfactual was produced. */
  | 'complete'
  /** The search space ran out before the requested number of counterfactuals was found. */
  | 'exhausted'
  | 'time-budget'
  | 'aborted';

/** A model decision: probability, its logit and the side of the threshold it falls on. */
export interface Decision {
  probability: number;
  logit: number;
  threshold: number;
  /** True when probability >= threshold. */
  flagged: boolean;
}

/** A set of edits that moves the model's decision across its threshold. */
export interface Counterfactual {
  edits: Edit[];
  /** The edited diff; it parses in strict mode. */
  diff: string;
  /** Probability of the explained diff. */
  probabilityBefore: number;
  /** Probability of `diff`, from a fresh parse and score of that text. */
  probabilityAfter: number;
  logitBefore: number;
  logitAfter: number;
  /** The decision on `diff`, which is the opposite of the decision on the explained diff. */
  flaggedAfter: boolean;
  /** Milliseconds from the start of the search until this counterfactual was found. */
  elapsedMs: number;
  /** Edit sets scored from the start of the search until this counterfactual was found. */
  scoredCandidates: number;
}

/** One point of the search trace: the state after one scored batch. */
export interface SearchTracePoint {
  /** 0-based index of the scored batch. */
  step: number;
  /** Number of edits in each edit set of this batch. */
  editCount: number;
  /** Probability of the edit set of this batch that came closest to the threshold. */
  batchBestProbability: number;
  /** Probability closest to (or furthest across) the threshold over all batches so far. */
  bestProbability: number;
  /** Edit sets scored so far. */
  scored: number;
  elapsedMs: number;
}
