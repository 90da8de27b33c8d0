import { describe, expect, test } from 'vitest';

import type { CounterfactualResult } from '../../../src/core/explain/counterfactual.ts';
import { distribution, summarizeExplanations } from '../../../src/core/explain/summary.ts';
import type { Counterfactual, Edit, EditKind } from '../../../src/core/explain/types.ts';

function edit(kind: EditKind, before: string): Edit {
  const position = {
    file: 0,
    hunk: 0,
    line: 0,
    patchLine: 1,
    start: 0,
    end: before.length,
    startColumn: 2,
    endColumn: before.length + 2,
    path: 'a.js',
  };
  return { kind, position, before, after: '' };
}

function result(edits: Edit[][], elapsedMs: number): CounterfactualResult {
  const counterfactuals = edits.map(
    (set, index): Counterfactual => ({
      edits: set,
      diff: '',
      probabilityBefore: 0.9,
      probabilityAfter: 0.1,
      logitBefore: 2.2,
      logitAfter: -2.2,
      flaggedAfter: false,
      elapsedMs: 10 * (index + 1),
      scoredCandidates: 1,
    }),
  );
  return {
    decision: { probability: 0.9, logit: 2.2, threshold: 0.5, flagged: true },
    counterfactuals,
    trace: [],
    stopReason: counterfactuals.length > 0 ? 'complete' : 'time-budget',
    sites: 10,
    scored: 10,
    rejected: 0,
    elapsedMs,
  };
}

describe('distribution', () => {
  test('interpolates median and p90', () => {
    const values = distribution([4, 1, 3, 2]);

    expect(values.count).toBe(4);
    expect(values.mean).toBe(2.5);
    expect(values.median).toBe(2.5);
    expect(values.p90).toBeCloseTo(3.7, 12);
  });

  test('empty list gives NaN', () => {
    expect(distribution([]).median).toBeNaN();
  });
});

describe('summarizeExplanations', () => {
  const summary = summarizeExplanations([
    { id: 'a', label: 1, result: result([[edit('delete-token', 'Cache')]], 50) },
    {
      id: 'b',
      label: 0,
      result: result([[edit('replace-token', 'cache'), edit('delete-line', 'x();')]], 70),
    },
    { id: 'c', label: 0, result: result([], 5000) },
  ]);

  test('counts diffs with counterfactuals', () => {
    expect(summary.explained).toBe(3);
    expect(summary.withCounterfactual).toBe(2);
    expect(summary.withCounterfactualByLabel.positive).toEqual([1, 1]);
    expect(summary.withCounterfactualByLabel.negative).toEqual([1, 2]);
  });

  test('edit and time distributions', () => {
    expect(summary.edits.mean).toBe(1.5);
    expect(summary.firstCounterfactualMs.median).toBe(10);
    expect(summary.searchMs.median).toBe(70);
    expect(summary.stopReasons['time-budget']).toBe(1);
  });

  test('token table merges letter case', () => {
    expect(summary.tokens[0]).toEqual({ token: '+cache', tokenEdits: 2, lineEdits: 0, diffs: 2 });
    expect(summary.editKinds['delete-line']).toBe(1);
  });

  test('line edits count their tokens', () => {
    expect(summary.tokens[1]).toEqual({ token: '+x', tokenEdits: 0, lineEdits: 1, diffs: 1 });
    expect(summary.tokens).toHaveLength(2);
  });
});
