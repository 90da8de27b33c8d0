/**
 * Typed messages between the page and the inference worker. The page owns the host API, so it
 * fetches bundle bytes and hands them over; the worker owns tfjs and the loaded scorer.
 * The explanation jobs' messages are in explainProtocol.ts.
 */
import type {
  ChangeMetadata,
  InputCoverage,
  ScoreTimings,
} from '../../src/core/model/types.ts';
import type { ExplainReply, ExplainRequest } from './explainProtocol.ts';

export type BackendName = 'webgl' | 'wasm' | 'cpu';

/**
 * Order in which the worker tries backends when none is requested, unless WebGL is
 * software-rendered, where wasm comes first (backendOrder.ts).
 */
export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** A backend that could not be used, with the reason for the status bar tooltip. */
export interface BackendFailure {
  backend: BackendName;
  reason: string;
}

export type WorkerRequest =
  | {
      type: 'init';
      /** Backend to use; null tries BACKEND_ORDER and keeps the first that verifies. */
      preferredBackend: BackendName | null;
    }
  | {
      type: 'load-model';
      loadId: number;
      modelId: string;
      manifestBytes: Uint8Array;
      /** Every bundle file listed in the manifest, by file name. */
      files: Record<string, Uint8Array>;
    }
  | {
      type: 'score';
      requestId: number;
      diff: string;
      /** Change metadata for models that use it (code-opaque). Null or absent means unknown. */
      metadata?: ChangeMetadata | null;
    }
  | ExplainRequest;

export interface ScoreReply {
  type: 'score-result';
  requestId: number;
  probability: number;
  threshold: number;
  flagged: boolean;
  timings: ScoreTimings;
  backend: BackendName;
  /** sha256 (lowercase hex) of the scored diff text, stored with the record in the notebook. */
  diffHash: string;
  /** The part of the diff the model reads; absent from workers built before it was added. */
  coverage?: InputCoverage;
}

export type WorkerReply =
  | {
      type: 'ready';
      backend: BackendName;
      failures: BackendFailure[];
      /** Reason the automatic order put the active backend first, or null for the usual order. */
      reason: string | null;
      tfjsVersion: string;
    }
  | { type: 'init-error'; message: string; failures: BackendFailure[] }
  | { type: 'model-loaded'; loadId: number; modelId: string; bundleHash: string }
  | { type: 'model-error'; loadId: number; modelId: string; message: string }
  | ScoreReply
  | { type: 'score-error'; requestId: number; message: string }
  | ExplainReply;
