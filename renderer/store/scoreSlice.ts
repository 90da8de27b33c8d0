/**
 * Store slice for scores: the current and original score, the editing session's history, and
 * the latest-only guard that drops results of superseded requests.
 */
import type { StateCreator } from 'zustand';

import type { ScoreRecord } from '../../src/core/notebook/types.ts';
import type { ScoreReply } from '../workers/protocol.ts';
import { appendScore, recheckScore, type ScoreRecheck } from './scoreHistory.ts';
import type { WorkbenchState } from './store.ts';

export type ScoreView = Omit<ScoreReply, 'type'>;

export interface ScoreSlice {
  /** Last valid score of the editor text; it stays on screen while the text does not parse. */
  currentScore: ScoreView | null;
  /** Score of the original diff, the baseline of the delta. */
  originalScore: ScoreView | null;
  scoreHistory: ScoreRecord[];
  /** Id of the newest score request; results with any other id are superseded and dropped. */
  latestRequestId: number;
  /** True while the newest request has no result yet. */
  scorePending: boolean;
  scoreError: string | null;
  /** Saved record to compare with the first score after opening a notebook. */
  savedScoreToRecheck: ScoreRecord | null;
  recheck: ScoreRecheck | null;
  markScoreRequested: (requestId: number) => void;
  /** Applies a worker result when it is the newest; returns false when it was dropped. */
  acceptScore: (reply: ScoreView) => boolean;
  rejectScore: (requestId: number, message: string) => boolean;
  setOriginalScore: (score: ScoreView | null) => void;
  /** Starts a new session history, such as after opening a notebook or switching models. */
  resetScores: (history: ScoreRecord[], savedScoreToRecheck: ScoreRecord | null) => void;
}

export const createScoreSlice: StateCreator<WorkbenchState, [], [], ScoreSlice> = (set, get) => ({
  currentScore: null,
  originalScore: null,
  scoreHistory: [],
  latestRequestId: 0,
  scorePending: false,
  scoreError: null,
  savedScoreToRecheck: null,
  recheck: null,

  markScoreRequested: (requestId) => {
    set({ latestRequestId: requestId, scorePending: true });
  },

  acceptScore: (reply) => {
    const state = get();
    if (reply.requestId !== state.latestRequestId) {
      return false;
    }

    const record: ScoreRecord = {
      at: new Date().toISOString(),
      probability: reply.probability,
      threshold: reply.threshold,
      diffHash: reply.diffHash,
    };
    const saved = state.savedScoreToRecheck;
    set({
      currentScore: reply,
      scoreHistory: appendScore(state.scoreHistory, record),
      scorePending: false,
      scoreError: null,
      savedScoreToRecheck: null,
      recheck: saved === null ? state.recheck : recheckScore(saved, reply),
    });
    return true;
  },

  rejectScore: (requestId, message) => {
    if (requestId !== get().latestRequestId) {
      return false;
    }
    set({ scorePending: false, scoreError: message });
    return true;
  },

  setOriginalScore: (score) => {
    set({ originalScore: score });
  },

  resetScores: (history, savedScoreToRecheck) => {
    set({
      currentScore: null,
      originalScore: null,
      scoreHistory: history,
      scorePending: false,
      scoreError: null,
      savedScoreToRecheck,
      recheck: null,
    });
  },
});
