import { beforeEach, describe, expect, it } from 'vitest';

import type { ScoreView } from '../../../renderer/store/scoreSlice.ts';
import { useWorkbench } from '../../../renderer/store/store.ts';

function score(requestId: number, probability: number): ScoreView {
  return {
    requestId,
    probability,
    threshold: 0.5,
    flagged: probability >= 0.5,
    timings: { featurizeMs: 0.1, inferMs: 0.2, totalMs: 0.3 },
    backend: 'cpu',
    diffHash: String(requestId).repeat(64).slice(0, 64),
  };
}

describe('score slice latest-only guard', () => {
  beforeEach(() => {
    useWorkbench.getState().resetScores([], null);
  });

  it('applies the result of the newest request', () => {
    const state = useWorkbench.getState();
    state.markScoreRequested(1);

    expect(state.acceptScore(score(1, 0.7))).toBe(true);
    expect(useWorkbench.getState().currentScore?.probability).toBe(0.7);
  });

  it('drops the result of a superseded request', () => {
    const state = useWorkbench.getState();
    state.markScoreRequested(2);
    state.markScoreRequested(3);

    expect(state.acceptScore(score(2, 0.9))).toBe(false);
    expect(useWorkbench.getState().currentScore).toBeNull();
    expect(useWorkbench.getState().scoreHistory).toHaveLength(0);
  });

  it('records each accepted score in the history', () => {
    const state = useWorkbench.getState();
    state.markScoreRequested(4);
    state.acceptScore(score(4, 0.2));
    state.markScoreRequested(5);
    state.acceptScore(score(5, 0.6));

    const history = useWorkbench.getState().scoreHistory;
    expect(history.map((entry) => entry.probability)).toEqual([0.2, 0.6]);
  });

  it('ignores errors of superseded requests', () => {
    const state = useWorkbench.getState();
    state.markScoreRequested(6);
    state.markScoreRequested(7);

    expect(state.rejectScore(6, 'boom')).toBe(false);
    expect(useWorkbench.getState().scoreError).toBeNull();
  });

  it('re-checks the first score after open', () => {
    const record = {
      at: '2026-12-04T10:00:00.000Z',
      probability: 0.31,
      threshold: 0.5,
      diffHash: score(8, 0.31).diffHash,
    };
    useWorkbench.getState().resetScores([record], record);
    useWorkbench.getState().markScoreRequested(8);
    useWorkbench.getState().acceptScore(score(8, 0.31));

    expect(useWorkbench.getState().recheck?.matches).toBe(true);
    expect(useWorkbench.getState().scoreHistory).toHaveLength(1);
  });
});
