import { describe, expect, it } from 'vitest';

import {
  formatScale,
  attributionColor,
  attributionStyleSheet,
  binAlpha,
  binClassName,
  binOf,
  BINS,
  DOWN_RGB,
  NEUTRAL_SHARE,
  scaleMax,
  UP_RGB,
} from '../../../renderer/explain/colorScale.ts';

describe('binOf', () => {
  it('puts the maximum in the last bin', () => {
    expect(binOf(2, 2)).toBe(BINS);
  });

  it('mirrors negative values', () => {
    expect(binOf(-2, 2)).toBe(-BINS);
  });

  it('clamps values beyond the maximum', () => {
    expect(binOf(9, 2)).toBe(BINS);
  });

  it('leaves small values neutral', () => {
    expect(binOf(NEUTRAL_SHARE * 0.9, 1)).toBe(0);
  });

  it('colours values just above neutral weakly', () => {
    expect(binOf(NEUTRAL_SHARE * 1.01, 1)).toBe(1);
  });

  it('grows with the value', () => {
    const bins = [0.1, 0.3, 0.5, 0.7, 0.9].map((value) => binOf(value, 1));

    expect([...bins].sort((a, b) => a - b)).toEqual(bins);
    expect(new Set(bins).size).toBe(bins.length);
  });

  it('treats a zero scale as neutral', () => {
    expect(binOf(1, 0)).toBe(0);
  });

  it('treats non-finite values as neutral', () => {
    expect(binOf(Number.NaN, 1)).toBe(0);
  });
});

describe('attributionColor', () => {
  it('uses the up colour for pushes up', () => {
    expect(attributionColor(1, 1)).toMatch(new RegExp(`^rgba\\(${UP_RGB.join(', ')}, `));
  });

  it('uses the down colour for pushes down', () => {
    expect(attributionColor(-1, 1)).toMatch(new RegExp(`^rgba\\(${DOWN_RGB.join(', ')}, `));
  });

  it('makes neutral values transparent', () => {
    expect(attributionColor(0, 1)).toMatch(/, 0\.000\)$/);
  });

  it('makes stronger bins more opaque', () => {
    expect(binAlpha(BINS)).toBeGreaterThan(binAlpha(1));
  });
});

describe('binClassName', () => {
  it('names token bins by direction', () => {
    expect(binClassName('token', -3)).toBe('pl-attr-token-down-3');
  });

  it('gives neutral bins no class', () => {
    expect(binClassName('line', 0)).toBeNull();
  });
});

describe('attributionStyleSheet', () => {
  it('has one rule per class', () => {
    const sheet = attributionStyleSheet();

    for (const target of ['token', 'line'] as const) {
      for (let bin = -BINS; bin <= BINS; bin++) {
        const name = binClassName(target, bin);
        if (name === null) continue;
        expect(sheet).toContain(`.${name} {`);
      }
    }
    expect(sheet.split('\n')).toHaveLength(4 * BINS);
  });
});

describe('scaleMax', () => {
  it('returns the largest magnitude', () => {
    expect(scaleMax([0.2, -1.5, 0.7])).toBe(1.5);
  });

  it('returns 1 for all zeros', () => {
    expect(scaleMax([0, 0])).toBe(1);
  });

  it('ignores non-finite values', () => {
    expect(scaleMax([Number.POSITIVE_INFINITY, 0.4])).toBe(0.4);
  });
});

describe('formatScale', () => {
  it('keeps two decimals for large scales', () => {
    expect(formatScale(0.25)).toBe('0.25');
  });

  it('keeps two digits for small scales', () => {
    expect(formatScale(0.0031)).toBe('0.0031');
  });
});
