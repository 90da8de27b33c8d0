/**
 * Store of the model comparison view: the change metadata that the code-opaque model reads
 * (also sent with live scores and explanation jobs), and every installed model's score of the
 * editor text.
 */
import { create } from 'zustand';

import type { ChangeMetadata } from '../../src/core/model/types.ts';

export type ComparisonStatus = 'pending' | 'ok' | 'error';

/** One model's score of the compared text. */
export interface ComparisonResult {
  status: ComparisonStatus;
  probability: number | null;
  threshold: number | null;
  error: string | null;
}

export interface ComparisonState {
  /** Metadata of the change; null fields are unknown and featurized as the training mode. */
  metadata: ChangeMetadata;
  /** Results by model id, for the text in `scoredDiff`. */
  results: Record<string, ComparisonResult>;
  /** Editor text the results belong to; null before the first comparison. */
  scoredDiff: string | null;
  running: boolean;
  setMetadata: (patch: Partial<ChangeMetadata>) => void;
  startComparison: (diff: string, modelIds: readonly string[]) => void;
  setResult: (modelId: string, result: ComparisonResult) => void;
  finishComparison: () => void;
}

export const useComparison = create<ComparisonState>()((set) => ({
  metadata: { authorTenure: null, testFilesChanged: null },
  results: {},
  scoredDiff: null,
  running: false,

  setMetadata: (patch) => set((state) => ({ metadata: { ...state.metadata, ...patch } })),

  startComparison: (diff, modelIds) =>
    set((state) => {
      // Earlier results stay on screen, marked pending, until the new ones arrive.
      const results: Record<string, ComparisonResult> = {};
      for (const id of modelIds) {
        const previous = state.results[id];
        results[id] = {
          status: 'pending',
          probability: previous?.probability ?? null,
          threshold: previous?.threshold ?? null,
          error: null,
        };
      }
      return { results, scoredDiff: diff, running: true };
    }),

  setResult: (modelId, result) =>
    set((state) => ({ results: { ...state.results, [modelId]: result } })),

  finishComparison: () => set({ running: false }),
}));
