import { describe, expect, it } from 'vitest';

import type { ScoreRecord } from '../../../src/core/notebook/types.ts';
import {
  appendScore,
  formatDelta,
  recheckScore,
  scoreDelta,
} from '../../../renderer/store/scoreHistory.ts';

const HASH_A = 'a'.repeat(64);
const HASH_B = 'b'.repeat(64);

function record(probability: number, diffHash = HASH_A, threshold = 0.5): ScoreRecord {
  return { at: '2026-12-04T10:00:00.000Z', probability, threshold, diffHash };
}

describe('appendScore', () => {
  it('appends a new score at the end', () => {
    const history = appendScore([record(0.2)], record(0.3, HASH_B));

    expect(history.map((entry) => entry.probability)).toEqual([0.2, 0.3]);
  });

  it('skips a repeat of the last score', () => {
    const history = appendScore([record(0.2)], record(0.2 + 1e-9));

    expect(history).toHaveLength(1);
  });

  it('keeps same text with another probability', () => {
    const history = appendScore([record(0.2)], record(0.25));

    expect(history).toHaveLength(2);
  });

  it('keeps same probability of other text', () => {
    const history = appendScore([record(0.2)], record(0.2, HASH_B));

    expect(history).toHaveLength(2);
  });

  it('drops the oldest scores beyond max', () => {
    const start = [record(0.1, HASH_A), record(0.2, HASH_B), record(0.3, HASH_A)];
    const history = appendScore(start, record(0.4, HASH_B), 3);

    expect(history.map((entry) => entry.probability)).toEqual([0.2, 0.3, 0.4]);
  });

  it('leaves the input history unchanged', () => {
    const start = [record(0.1)];
    appendScore(start, record(0.4, HASH_B));

    expect(start).toHaveLength(1);
  });
});

describe('scoreDelta and formatDelta', () => {
  it('subtracts the original probability', () => {
    expect(scoreDelta(0.75, 0.5)).toBeCloseTo(0.25, 12);
  });

  it('returns null without an original score', () => {
    expect(scoreDelta(0.75, null)).toBeNull();
  });

  it.each([
    [0.0421, '+0.042'],
    [-0.13, '-0.130'],
    [0.0004, '±0.000'],
    [-0.0004, '±0.000'],
    [null, 'n/a'],
  ])('formats %s as %s', (delta, expected) => {
    expect(formatDelta(delta)).toBe(expected);
  });
});

describe('recheckScore', () => {
  it('matches an equal re-computed score', () => {
    const result = recheckScore(record(0.42), { probability: 0.42001, diffHash: HASH_A });

    expect(result?.matches).toBe(true);
  });

  it('reports a changed re-computed score', () => {
    const result = recheckScore(record(0.42), { probability: 0.5, diffHash: HASH_A });

    expect(result?.matches).toBe(false);
  });

  it('skips a record of other text', () => {
    expect(recheckScore(record(0.42), { probability: 0.42, diffHash: HASH_B })).toBeNull();
  });

  it('skips an empty history', () => {
    expect(recheckScore(undefined, { probability: 0.42, diffHash: HASH_A })).toBeNull();
  });
});
