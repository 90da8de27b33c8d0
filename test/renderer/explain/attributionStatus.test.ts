import { describe, expect, it } from 'vitest';

import {
  attributionStatus,
  withRunningTime,
} from '../../../renderer/explain/attributionStatus.ts';
import type { AttributionState } from '../../../renderer/explain/explainStore.ts';

const DIFF = 'diff --git a/x.js b/x.js\n';

const base: AttributionState = {
  status: 'done',
  jobId: 1,
  diff: DIFF,
  method: 'occlusion',
  items: [],
  scored: 0,
  total: 0,
  elapsedMs: 0,
  stopReason: 'complete',
  decision: null,
  completeness: null,
  error: null,
};

describe('attribution status text', () => {
  it('counts path points of running gradients', () => {
    const running = {
      ...base,
      status: 'running' as const,
      method: 'integrated-gradients' as const,
      scored: 16,
      total: 17,
      elapsedMs: 1200,
    };
    expect(attributionStatus(running, DIFF).text).toBe('path points 16 of 17 · 1.2 s');
  });

  it('labels aborted gradients by method', () => {
    const aborted = {
      ...base,
      method: 'integrated-gradients' as const,
      scored: 4,
      total: 17,
      elapsedMs: 2200,
      stopReason: 'aborted' as const,
    };
    const text = attributionStatus(aborted, DIFF).text;
    expect(text).toBe('integrated gradients stopped after 4 of 17 path points · 2.2 s');
    expect(text).not.toContain('occlusion');
  });

  it('counts finished occlusions', () => {
    const done = { ...base, scored: 40, elapsedMs: 140 };
    expect(attributionStatus(done, DIFF).text).toBe('40 occlusions · 140 ms');
  });

  it('warns when occlusion hits its budget', () => {
    const budget = { ...base, scored: 461, total: 9001, stopReason: 'time-budget' as const };
    const status = attributionStatus(budget, DIFF);
    expect(status.text).toBe('461 occlusions · 0 ms · stopped at its time budget');
    expect(status.warn).toBe(true);
  });

  it('marks results of an older text', () => {
    const done = { ...base, scored: 1 };
    expect(attributionStatus(done, 'other text').text).toBe('1 occlusion · 0 ms (older text)');
  });
});

describe('running time between progress reports', () => {
  const running = { ...base, status: 'running' as const, elapsedMs: 300 };

  it('advances with the clock', () => {
    expect(withRunningTime(running, 1000, 3500).elapsedMs).toBe(2500);
  });

  it('keeps a later reported time', () => {
    expect(withRunningTime({ ...running, elapsedMs: 4000 }, 1000, 3500).elapsedMs).toBe(4000);
  });

  it('leaves a finished job alone', () => {
    expect(withRunningTime(base, 1000, 3500)).toBe(base);
  });
});

