import { beforeEach, describe, expect, it } from 'vitest';

import type { SearchTracePoint } from '../../../src/core/explain/types.ts';
import { useExplain } from '../../../renderer/explain/explainStore.ts';
import type { SearchDone } from '../../../renderer/workers/explainProtocol.ts';

const DIFF = 'diff --git a/x.js b/x.js\n';

function tracePoint(step: number, elapsedMs: number): SearchTracePoint {
  return {
    step,
    editCount: 1,
    batchBestProbability: 0.3,
    bestProbability: 0.3,
    scored: (step + 1) * 64,
    elapsedMs,
  };
}

function doneReply(jobId: number): SearchDone {
  return {
    type: 'search-done',
    jobId,
    decision: { probability: 0.3, logit: -0.85, threshold: 0.5, flagged: false },
    stopReason: 'aborted',
    sites: 412,
    scored: 192,
    rejected: 0,
    elapsedMs: 2_450,
    trace: [tracePoint(0, 800), tracePoint(1, 1_600), tracePoint(2, 2_400)],
  };
}

describe('explanation store search stop', () => {
  beforeEach(() => {
    useExplain.getState().startSearch(7, DIFF, 30_000);
    useExplain.getState().addTracePoints([tracePoint(0, 800), tracePoint(1, 1_600)]);
  });

  it('keeps elapsed time after stop', () => {
    useExplain.getState().stopJob('search', 'user');
    const search = useExplain.getState().search;
    expect(search.status).toBe('done');
    expect(search.elapsedMs).toBe(1_600);
    expect(search.stopCause).toBe('user');
  });

  it('records an invalid diff as cause', () => {
    useExplain.getState().stopJob('search', 'invalid-diff');
    expect(useExplain.getState().search.stopCause).toBe('invalid-diff');
  });

  it('takes sites from the late reply', () => {
    useExplain.getState().stopJob('search', 'user');
    useExplain.getState().completeStoppedSearch(doneReply(7));
    const search = useExplain.getState().search;
    expect(search.sites).toBe(412);
    expect(search.elapsedMs).toBe(2_450);
    expect(search.trace).toHaveLength(3);
    expect(search.stopCause).toBe('user');
  });

  it('ignores a late reply of another job', () => {
    useExplain.getState().stopJob('search', 'user');
    useExplain.getState().completeStoppedSearch(doneReply(6));
    expect(useExplain.getState().search.sites).toBeNull();
  });
});

describe('explanation store attributions', () => {
  it('takes the method from the done reply', () => {
    useExplain.getState().startAttributions(9, DIFF, 'occlusion');
    useExplain.getState().finishAttributions({
      type: 'attributions-done',
      jobId: 9,
      method: 'integrated-gradients',
      decision: { probability: 0.3, logit: -0.85, threshold: 0.5, flagged: false },
      items: [],
      stopReason: 'aborted',
      scored: 0,
      elapsedMs: 0,
      completeness: null,
    });
    expect(useExplain.getState().attributions.method).toBe('integrated-gradients');
  });
});
