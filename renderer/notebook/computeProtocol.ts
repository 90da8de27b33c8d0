/**
 * Messages between the page and the notebook compute worker, which scores, explains and
 * evaluates diffs for notebook cells with any number of loaded models. It is separate from the
 * editor's inference worker, so a long explanation never delays live scoring.
 */
import type {
  AttributionRecord,
  CounterfactualRecord,
  ResultRecord,
} from '../../src/core/notebook/types.ts';
import type { ChangeMetadata } from '../../src/core/model/types.ts';
import type { BackendName } from '../workers/protocol.ts';

export type ComputeRequest =
  | { type: 'init'; id: number; preferredBackend: BackendName | null }
  | {
      type: 'load-model';
      id: number;
      modelId: string;
      manifestBytes: Uint8Array;
      files: Record<string, Uint8Array>;
    }
  | {
      type: 'score';
      id: number;
      modelId: string;
      diff: string;
      /** Change metadata for models that use it (code-opaque); absent means unknown. */
      metadata?: ChangeMetadata;
    }
  | { type: 'explain'; id: number; modelId: string; diff: string; timeBudgetMs: number }
  | { type: 'evaluate'; id: number; modelId: string; diffs: string[] };

/** Value of a successful reply, by request type. */
export interface ComputeValues {
  init: { backend: BackendName; tfjsVersion: string };
  'load-model': { bundleHash: string };
  score: ResultRecord;
  explain: {
    result: ResultRecord;
    attributions: AttributionRecord[];
    counterfactuals: CounterfactualRecord[];
  };
  /** Probability per diff, or null for a diff that could not be parsed even leniently. */
  evaluate: { scores: Array<number | null>; threshold: number; model: ResultRecord['model'] };
}

export type ComputeReply =
  | { type: 'done'; id: number; value: ComputeValues[keyof ComputeValues] }
  | { type: 'failed'; id: number; message: string }
  | { type: 'progress'; id: number; done: number; total: number };
