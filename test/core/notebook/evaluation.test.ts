import { describe, expect, it } from 'vitest';

import {
  createEvaluationCell,
  parseLabelledDiffs,
  summarizeEvaluation,
} from '../../../src/core/notebook/index.ts';

const MODEL = { id: 'bow', bundleHash: 'a'.repeat(64), tfjsVersion: '4.22.0', backend: 'cpu' };

describe('parseLabelledDiffs', () => {
  it('reads diff and label rows', () => {
    const rows = parseLabelledDiffs('{"diff":"d1","label":1,"id":"x"}\n\n{"diff":"d2","label":0}\n', 'f');
    expect(rows).toEqual([{ diff: 'd1', label: 1 }, { diff: 'd2', label: 0 }]);
  });

  it('names the line of invalid JSON', () => {
    expect(() => parseLabelledDiffs('{"diff":"a","label":1}\n{oops', 'val.jsonl')).toThrow(
      /^val\.jsonl line 2 is not valid JSON/,
    );
  });

  it('rejects a label other than 0 or 1', () => {
    expect(() => parseLabelledDiffs('{"diff":"a","label":"yes"}', 'val.jsonl')).toThrow(
      'val.jsonl line 1: field "label" must be 0 or 1, found "yes".',
    );
  });

  it('rejects a row without a diff', () => {
    expect(() => parseLabelledDiffs('{"label":1}', 'val.jsonl')).toThrow(/field "diff"/);
  });

  it('rejects an empty file', () => {
    expect(() => parseLabelledDiffs('\n\n', 'empty.jsonl')).toThrow(/empty\.jsonl has no rows/);
  });
});

describe('summarizeEvaluation', () => {
  const cell = createEvaluationCell({
    id: 'e',
    dataset: { name: 'set.jsonl', sha256: 'b'.repeat(64) },
    model: MODEL,
    scores: [0.9, 0.8, 0.4, 0.3, 0.2, 0.1],
    labels: [1, 0, 1, 0, 0, 0],
    threshold: 0.5,
    targetRecall: 1,
  });

  it('counts positives into the dataset', () => {
    expect(cell.dataset).toEqual({ name: 'set.jsonl', sha256: 'b'.repeat(64), rows: 6, positives: 2 });
  });

  it('computes confusion counts at the threshold', () => {
    const counts = summarizeEvaluation(cell).atThreshold;
    expect([counts.truePositives, counts.falsePositives]).toEqual([1, 1]);
    expect([counts.falseNegatives, counts.trueNegatives]).toEqual([1, 3]);
  });

  it('moves counts with another threshold', () => {
    expect(summarizeEvaluation(cell, 0.35).atThreshold.truePositives).toBe(2);
  });

  it('reports the skipped share at full recall', () => {
    expect(summarizeEvaluation(cell).skip?.skipShare).toBeCloseTo(0.5);
  });

  it('rejects scores and labels of different lengths', () => {
    expect(() =>
      createEvaluationCell({ ...cell, dataset: cell.dataset, scores: [0.1], labels: [], model: MODEL }),
    ).toThrow('Got 1 scores for 0 labels; score every row.');
  });
});
