import { describe, expect, it } from 'vitest';

import { prCurve, rocCurve } from '../../../src/core/eval/curves.ts';
import {
  averagePrecision,
  bestF1Threshold,
  metricsAtThreshold,
  recallAtBudget,
  rocAuc,
  skipAtRecall,
} from '../../../src/core/eval/metrics.ts';
import { evaluateScores } from '../../../src/core/eval/report.ts';

// Five diffs; positives rank 1st and 3rd. Every expected value below is computed by hand.
const scores = [0.9, 0.8, 0.7, 0.6, 0.5];
const labels = [1, 0, 1, 0, 0];

// Two tied groups with one positive each.
const tiedScores = [0.8, 0.8, 0.5, 0.5];
const tiedLabels = [1, 0, 1, 0];

describe('averagePrecision', () => {
  it('sums precision at each recall step', () => {
    // 1/2 x 1 + 1/2 x 2/3
    expect(averagePrecision(scores, labels)).toBeCloseTo(5 / 6, 12);
  });

  it('scores tied groups as one step', () => {
    // 1/2 x 1/2 + 1/2 x 2/4
    expect(averagePrecision(tiedScores, tiedLabels)).toBeCloseTo(0.5, 12);
  });

  it('is NaN without positives', () => {
    expect(averagePrecision([0.2, 0.1], [0, 0])).toBeNaN();
  });
});

describe('rocAuc', () => {
  it('counts positive-negative pairs won', () => {
    // 0.9 beats 3 negatives, 0.7 beats 2 of 3: 5 of 6 pairs.
    expect(rocAuc(scores, labels)).toBeCloseTo(5 / 6, 12);
  });

  it('counts ties as half a pair', () => {
    // tie (1/2) + win (1) + loss (0) + tie (1/2) over 4 pairs.
    expect(rocAuc(tiedScores, tiedLabels)).toBeCloseTo(0.5, 12);
  });

  it('rejects mismatched lengths', () => {
    expect(() => rocAuc([0.1], [0, 1])).toThrow('Got 1 scores and 2 labels');
  });
});

describe('metricsAtThreshold', () => {
  it('flags scores at or above the threshold', () => {
    const metrics = metricsAtThreshold(scores, labels, 0.7);
    expect(metrics.truePositives).toBe(2);
    expect(metrics.falsePositives).toBe(1);
    expect(metrics.trueNegatives).toBe(2);
    expect(metrics.falseNegatives).toBe(0);
    expect(metrics.precision).toBeCloseTo(2 / 3, 12);
    expect(metrics.recall).toBe(1);
    expect(metrics.f1).toBeCloseTo(0.8, 12);
  });

  it('gives zero precision when nothing is flagged', () => {
    const metrics = metricsAtThreshold(scores, labels, 0.95);
    expect(metrics.precision).toBe(0);
    expect(metrics.f1).toBe(0);
  });
});

describe('recallAtBudget', () => {
  it('flags the top share of diffs', () => {
    expect(recallAtBudget(scores, labels, 20)).toBe(0.5);
    expect(recallAtBudget(scores, labels, 40)).toBe(0.5);
    expect(recallAtBudget(scores, labels, 60)).toBe(1);
  });

  it('rounds the flag count up', () => {
    // 1% of 5 diffs rounds up to one flagged diff.
    expect(recallAtBudget(scores, labels, 1)).toBe(0.5);
  });

  it('breaks a tie at the cut in expectation', () => {
    // One slot inside a tied pair holding one of two positives: 1/2 expected hit of 2.
    expect(recallAtBudget(tiedScores, tiedLabels, 25)).toBe(0.25);
  });
});

describe('bestF1Threshold', () => {
  it('picks the best F1 and a midpoint threshold', () => {
    const best = bestF1Threshold(scores, labels);
    expect(best.f1).toBeCloseTo(0.8, 12);
    expect(best.threshold).toBeCloseTo(0.65, 12);
    expect(metricsAtThreshold(scores, labels, best.threshold).f1).toBeCloseTo(0.8, 12);
  });
});

describe('skipAtRecall', () => {
  it('skips diffs below the last needed positive', () => {
    const full = skipAtRecall(scores, labels, 1)!;
    expect(full.threshold).toBe(0.7);
    expect(full.skipShare).toBeCloseTo(0.4, 12);
    // A random order reaches the 2nd of 2 positives at position 2 x 6 / 3 = 4 of 5.
    expect(full.randomSkipShare).toBeCloseTo(0.2, 12);
    expect(full.ratioToRandom).toBeCloseTo(2, 12);
  });

  it('needs fewer positives at lower recall', () => {
    const half = skipAtRecall(scores, labels, 0.5)!;
    expect(half.skipShare).toBeCloseTo(0.8, 12);
    expect(half.randomSkipShare).toBeCloseTo(0.6, 12);
  });

  it('is null without positives', () => {
    expect(skipAtRecall([0.3], [0], 1)).toBeNull();
  });
});

describe('curves', () => {
  it('walks the PR curve from the top score', () => {
    expect(prCurve(scores, labels).map((point) => [point.recall, point.precision])).toEqual([
      [0, 1],
      [0.5, 1],
      [0.5, 0.5],
      [1, 2 / 3],
      [1, 0.5],
      [1, 0.4],
    ]);
  });

  it('walks the ROC curve from the origin', () => {
    const points = rocCurve(tiedScores, tiedLabels);
    expect(points.map((point) => [point.falsePositiveRate, point.truePositiveRate])).toEqual([
      [0, 0],
      [0.5, 0.5],
      [1, 1],
    ]);
  });
});

describe('evaluateScores', () => {
  it('reports every metric at the threshold', () => {
    const report = evaluateScores(scores, labels, 0.7);
    expect(report.rows).toBe(5);
    expect(report.positives).toBe(2);
    expect(report.f1).toBeCloseTo(0.8, 12);
    expect(report.recallAtBudget['1']).toBe(0.5);
    expect(report.skip['100']?.skipShare).toBeCloseTo(0.4, 12);
    expect(report.skip['90']?.skipShare).toBeCloseTo(0.4, 12);
  });
});
