import { describe, expect, it } from 'vitest';

import type { SearchTracePoint } from '../../../src/core/explain/types.ts';
import type { SearchState } from '../../../renderer/explain/explainStore.ts';
import { searchSummaryText } from '../../../renderer/explain/searchSummary.ts';

const point: SearchTracePoint = {
  step: 40,
  editCount: 2,
  batchBestProbability: 0.4,
  bestProbability: 0.45,
  scored: 31_866,
  elapsedMs: 8_100,
};

const stopped: SearchState = {
  status: 'done',
  jobId: 3,
  diff: 'diff --git a/x.js b/x.js\n',
  budgetMs: 30_000,
  counterfactuals: [],
  trace: [point],
  stopReason: 'aborted',
  decision: null,
  sites: 412,
  rejected: 0,
  elapsedMs: 8_100,
  stopCause: 'user',
  error: null,
};

describe('counterfactual search summary', () => {
  it('names a stop by the user', () => {
    expect(searchSummaryText(stopped)).toBe(
      'Found 0 counterfactuals in 8.1 s · 31,866 candidates over 412 edit sites · stopped by you',
    );
  });

  it('names a diff that no longer parses', () => {
    const text = searchSummaryText({ ...stopped, stopCause: 'invalid-diff' });
    expect(text).toMatch(/stopped because the diff no longer parses$/);
    expect(text).not.toContain('stopped by you');
  });

  it('leaves out sites until reported', () => {
    const text = searchSummaryText({ ...stopped, sites: null });
    expect(text).toBe('Found 0 counterfactuals in 8.1 s · 31,866 candidates · stopped by you');
  });

  it('reports a search that ran out', () => {
    const text = searchSummaryText({ ...stopped, stopReason: 'time-budget', stopCause: null });
    expect(text).toMatch(/ · time budget used up$/);
  });
});
