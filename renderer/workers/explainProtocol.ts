/**
 * Messages of the explanation jobs that run in the inference worker beside live scoring:
 * attributions (occlusion or integrated gradients) and the counterfactual search. A job streams
 * partial results and ends with exactly one `*-done` or `explain-error` reply, unless the page
 * cancelled it before it started, in which case the worker replies nothing.
 */
import type { CompletenessCheck } from '../../src/core/explain/integratedGradients.ts';
import type {
  AttributionLevel,
  Counterfactual,
  Decision,
  DiffPosition,
  SearchTracePoint,
  StopReason,
} from '../../src/core/explain/types.ts';
import type { ChangeMetadata } from '../../src/core/model/types.ts';

export type AttributionMethod = 'occlusion' | 'integrated-gradients';

/** Edit sites the counterfactual search may use. */
export type EditSiteScope = 'all' | 'calls-imports';

export interface AttributionJobOptions {
  method: AttributionMethod;
  /** Occlusion levels to score; integrated gradients always attributes tokens. */
  levels: AttributionLevel[];
  /** Time budget of an occlusion job in ms; integrated gradients ignores it. */
  timeBudgetMs: number;
}

export interface CounterfactualJobOptions {
  maxEdits: number;
  maxCounterfactuals: number;
  timeBudgetMs: number;
  siteScope: EditSiteScope;
  /** Seed of the tie-breaking order of edit sites. */
  seed: number;
}

export type ExplainJob =
  | { kind: 'attributions'; options: AttributionJobOptions }
  | { kind: 'counterfactuals'; options: CounterfactualJobOptions };

export type ExplainJobKind = ExplainJob['kind'];

/**
 * One attribution as the page draws it. Values are in logits, so that occlusion and integrated
 * gradients share one colour scale: positive pushes the score up (towards flagged).
 */
export interface AttributionItem {
  level: AttributionLevel;
  position: DiffPosition;
  /** The token, line text (without its marker) or hunk header. */
  text: string;
  /** Change of the logit that the item causes. */
  logit: number;
  /** Change of the probability; null for integrated gradients, which works in logits only. */
  probability: number | null;
}

export type ExplainRequest =
  | {
      type: 'explain-start';
      jobId: number;
      diff: string;
      metadata: ChangeMetadata | null;
      job: ExplainJob;
    }
  | { type: 'explain-cancel'; jobId: number }
  | { type: 'memory'; requestId: number };

export interface AttributionsDone {
  type: 'attributions-done';
  jobId: number;
  method: AttributionMethod;
  decision: Decision;
  /** Every attribution, ordered by level, then by |logit|. */
  items: AttributionItem[];
  stopReason: StopReason;
  /** Edited diffs scored (occlusion) or gradient path points (integrated gradients). */
  scored: number;
  elapsedMs: number;
  /** The completeness check of integrated gradients; null for occlusion. */
  completeness: CompletenessCheck | null;
}

export interface SearchDone {
  type: 'search-done';
  jobId: number;
  decision: Decision;
  stopReason: StopReason;
  /** Edit sites the search could use. */
  sites: number;
  /** Edit sets scored. */
  scored: number;
  /** Flipping edit sets dropped by verification (see CounterfactualResult.rejected). */
  rejected: number;
  elapsedMs: number;
  /** The whole search trace, one point per scored batch. */
  trace: SearchTracePoint[];
}

export type ExplainReply =
  | {
      type: 'attributions-partial';
      jobId: number;
      /** Attributions of the batches scored since the previous partial reply. */
      items: AttributionItem[];
      /** Items scored so far and the number of items the job will score when it completes. */
      scored: number;
      total: number;
      elapsedMs: number;
    }
  | AttributionsDone
  | { type: 'counterfactual-found'; jobId: number; counterfactual: Counterfactual }
  | {
      type: 'search-progress';
      jobId: number;
      /** Trace points of the batches scored since the previous progress reply. */
      points: SearchTracePoint[];
    }
  | SearchDone
  | { type: 'explain-error'; jobId: number; message: string }
  | {
      type: 'memory-result';
      requestId: number;
      /** `tf.memory()` of the worker's active backend. */
      numTensors: number;
      numBytes: number;
    };

/** Reply types that belong to an explanation job, for routing on the page. */
export const EXPLAIN_REPLY_TYPES: ReadonlySet<string> = new Set([
  'attributions-partial',
  'attributions-done',
  'counterfactual-found',
  'search-progress',
  'search-done',
  'explain-error',
  'memory-result',
]);
