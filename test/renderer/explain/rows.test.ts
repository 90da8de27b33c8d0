import { describe, expect, it } from 'vitest';

import type { AttributionLevel, SearchTracePoint } from '../../../src/core/explain/types.ts';
import {
  formatDuration,
  rankingRows,
  searchProgressText,
  searchSeries,
} from '../../../renderer/explain/rows.ts';
import type { AttributionItem } from '../../../renderer/workers/explainProtocol.ts';

function item(
  level: AttributionLevel,
  patchLine: number,
  logit: number,
  text: string,
): AttributionItem {
  return {
    level,
    text,
    logit,
    probability: null,
    position: {
      file: 0,
      hunk: 0,
      line: level === 'hunk' ? null : patchLine - 6,
      patchLine,
      start: null,
      end: null,
      startColumn: null,
      endColumn: null,
      path: 'src/worker.js',
    },
  };
}

const ITEMS: AttributionItem[] = [
  item('token', 8, 3.1, 'sleep'),
  item('line', 8, 2.4, '  sleep(item);'),
  item('line', 9, -2.9, '  block(item);'),
  item('line', 10, 0, '  return item;'),
  item('hunk', 5, 4.2, '@@ -1,3 +1,5 @@'),
];

describe('rankingRows', () => {
  it('lists hunks before lines', () => {
    const levels = rankingRows(ITEMS).map((row) => row.level);

    expect(levels).toEqual(['hunk', 'line', 'line']);
  });

  it('orders lines by magnitude', () => {
    const lines = rankingRows(ITEMS).filter((row) => row.level === 'line');

    expect(lines.map((row) => row.patchLine)).toEqual([9, 8]);
  });

  it('drops zero attributions', () => {
    const lines = rankingRows(ITEMS).map((row) => row.patchLine);

    expect(lines).not.toContain(10);
  });

  it('ranks only lines and hunks', () => {
    expect(rankingRows(ITEMS)).toHaveLength(3);
  });

  it('labels rows by diff line', () => {
    const labels = rankingRows(ITEMS).map((row) => row.label);

    expect(labels).toEqual(['hunk L5', 'L9', 'L8']);
  });

  it('trims row text', () => {
    expect(rankingRows(ITEMS)[1]!.text).toBe('block(item);');
  });

  it('keeps at most the limit per level', () => {
    const many = Array.from({ length: 60 }, (_, i) => item('line', 10 + i, i + 1, `line ${i}`));

    expect(rankingRows(many, 25)).toHaveLength(25);
  });
});

function tracePoint(step: number, best: number, batchBest: number): SearchTracePoint {
  return {
    step,
    editCount: 1,
    batchBestProbability: batchBest,
    bestProbability: best,
    scored: (step + 1) * 4,
    elapsedMs: step * 40,
  };
}

describe('searchSeries', () => {
  const trace = [tracePoint(0, 0.62, 0.62), tracePoint(1, 0.58, 0.6), tracePoint(2, 0.55, 0.7)];

  it('ends at the best probability', () => {
    expect(searchSeries(trace, 0.7, 0.5, true).closest).toBe(0.55);
  });

  it('measures the gap of a flagged diff', () => {
    expect(searchSeries(trace, 0.7, 0.5, true).remainingGap).toBeCloseTo(0.05, 10);
  });

  it('measures the gap of an unflagged diff', () => {
    const rising = [tracePoint(0, 0.3, 0.3), tracePoint(1, 0.42, 0.42)];

    expect(searchSeries(rising, 0.2, 0.5, false).remainingGap).toBeCloseTo(0.08, 10);
  });

  it('starts at the unedited probability without points', () => {
    expect(searchSeries([], 0.7, 0.5, true).closest).toBe(0.7);
  });

  it('keeps every batch best', () => {
    const series = searchSeries(trace, 0.7, 0.5, true);

    expect(series.points.map((point) => point.batchBest)).toEqual([0.62, 0.6, 0.7]);
  });
});

describe('formatDuration', () => {
  it('shows milliseconds below a second', () => {
    expect(formatDuration(849.6)).toBe('850 ms');
  });

  it('shows seconds from a second on', () => {
    expect(formatDuration(4210)).toBe('4.2 s');
  });
});

describe('searchProgressText', () => {
  it('counts candidates against the budget', () => {
    const text = searchProgressText(1240, 2100, 10_000);

    expect(text).toBe('1,240 candidates scored · 2.1 s of 10.0 s');
  });

  it('uses the singular for one candidate', () => {
    expect(searchProgressText(1, 20, 5000)).toBe('1 candidate scored · 20 ms of 5.0 s');
  });
});
