import { describe, expect, it } from 'vitest';

import { balancedClassWeights } from '../../src/train/classWeights.ts';
import { formatDuration } from '../../src/train/progress.ts';
import { seededRandom, shuffleInPlace } from '../../src/train/random.ts';

describe('balancedClassWeights', () => {
  it('gives both classes equal total weight', () => {
    const weights = balancedClassWeights([1, 0, 0, 0]);
    expect(weights.positive).toBe(2);
    expect(weights.negative).toBeCloseTo(2 / 3, 12);
    expect(weights.positive * 1).toBeCloseTo(weights.negative * 3, 12);
  });

  it('rejects a single class', () => {
    expect(() => balancedClassWeights([0, 0])).toThrow('with 0 positives and 2 negatives');
  });
});

describe('seededRandom', () => {
  it('repeats for the same seed', () => {
    const first = seededRandom(42);
    const second = seededRandom(42);
    for (let i = 0; i < 5; i++) expect(first()).toBe(second());
  });

  it('differs between seeds', () => {
    expect(seededRandom(1)()).not.toBe(seededRandom(2)());
  });

  it('shuffles deterministically', () => {
    const once = shuffleInPlace([1, 2, 3, 4, 5, 6], seededRandom(7));
    const again = shuffleInPlace([1, 2, 3, 4, 5, 6], seededRandom(7));
    expect(once).toEqual(again);
    expect([...once].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('formatDuration', () => {
  it('formats minutes and hours', () => {
    expect(formatDuration(5)).toBe('0:05');
    expect(formatDuration(125.4)).toBe('2:05');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
