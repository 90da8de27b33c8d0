import { describe, expect, it } from 'vitest';

import { parseNotebook, serializeNotebook } from '../../../src/core/notebook/index.ts';
import {
  buildNotebook,
  firstDiffCell,
  notebookFileName,
  titleFromFileName,
  type DiffCellSource,
} from '../../../renderer/notebook/diffCell.ts';

const DIFF = [
  'diff --git a/lib/sort.js b/lib/sort.js',
  '--- a/lib/sort.js',
  '+++ b/lib/sort.js',
  '@@ -1,3 +1,3 @@',
  ' export function top(items) {',
  '-  return items[0];',
  '+  return [...items].sort(byRank)[0];',
  ' }',
  '',
].join('\n');

const SOURCE: DiffCellSource = {
  title: 'sort-in-top',
  createdAt: '2026-12-04T09:00:00.000Z',
  cellId: 'cell-1',
  diff: DIFF.replace('[0]', '.at(0)'),
  originalDiff: DIFF,
  model: { id: 'bow', bundleHash: 'c'.repeat(64), tfjsVersion: '4.22.0', backend: 'wasm' },
  scores: [
    { at: '2026-12-04T09:01:00.000Z', probability: 0.41, threshold: 0.5, diffHash: 'd'.repeat(64) },
    { at: '2026-12-04T09:02:00.000Z', probability: 0.63, threshold: 0.5, diffHash: 'e'.repeat(64) },
  ],
};

describe('buildNotebook', () => {
  it('round-trips through the notebook file format', () => {
    const notebook = buildNotebook(SOURCE, '2026-12-04T09:03:00.000Z');
    const reopened = parseNotebook(serializeNotebook(notebook));

    expect(reopened).toEqual(notebook);
  });

  it('keeps the diff text verbatim', () => {
    const notebook = buildNotebook(SOURCE, '2026-12-04T09:03:00.000Z');
    const cell = firstDiffCell(parseNotebook(serializeNotebook(notebook)), 'x.perflens.json');

    expect(cell.diff).toBe(SOURCE.diff);
    expect(cell.originalDiff).toBe(SOURCE.originalDiff);
  });

  it('keeps the score history in order', () => {
    const notebook = buildNotebook(SOURCE, '2026-12-04T09:03:00.000Z');
    const cell = firstDiffCell(notebook, 'x.perflens.json');

    expect(cell.scores.map((record) => record.probability)).toEqual([0.41, 0.63]);
  });
});

describe('buildNotebook with an opened notebook', () => {
  const note = { id: 'note-1', type: 'markdown' as const, collapsed: true, source: '# Why' };
  const opened = {
    ...buildNotebook(SOURCE, '2026-12-04T09:03:00.000Z'),
    cells: [note, { ...firstDiffCell(buildNotebook(SOURCE, 'x'), 'x'), collapsed: true }],
  };

  it('keeps the other cells in place', () => {
    const saved = buildNotebook({ ...SOURCE, diff: DIFF }, '2026-12-04T09:04:00.000Z', opened);

    expect(saved.cells.map((cell) => cell.id)).toEqual(['note-1', 'cell-1']);
    expect(saved.cells[0]).toEqual(note);
  });

  it('replaces the edited diff cell', () => {
    const saved = buildNotebook({ ...SOURCE, diff: DIFF }, '2026-12-04T09:04:00.000Z', opened);

    expect(firstDiffCell(saved, 'x.perflens.json').diff).toBe(DIFF);
  });

  it('keeps the collapsed flag of the cell', () => {
    const saved = buildNotebook(SOURCE, '2026-12-04T09:04:00.000Z', opened);

    expect(saved.cells[1]?.collapsed).toBe(true);
  });

  it('appends the cell when the base lacks it', () => {
    const source = { ...SOURCE, cellId: 'cell-2' };
    const saved = buildNotebook(source, '2026-12-04T09:04:00.000Z', opened);

    expect(saved.cells.map((cell) => cell.id)).toEqual(['note-1', 'cell-1', 'cell-2']);
  });
});

describe('firstDiffCell', () => {
  it('names the file when no cell exists', () => {
    const notebook = { ...buildNotebook(SOURCE, '2026-12-04T09:03:00.000Z'), cells: [] };

    expect(() => firstDiffCell(notebook, 'empty.perflens.json')).toThrow(/empty\.perflens\.json/);
  });
});

describe('notebookFileName', () => {
  it('adds the notebook suffix', () => {
    expect(notebookFileName(' loop-regression ')).toBe('loop-regression.perflens.json');
  });

  it('keeps an existing suffix', () => {
    expect(notebookFileName('a.perflens.json')).toBe('a.perflens.json');
  });

  it('rejects an empty name', () => {
    expect(() => notebookFileName('  ')).toThrow(/empty/);
  });

  it('rejects path separators', () => {
    expect(() => notebookFileName('../escape')).toThrow(/path separator/);
  });

  it('derives the title from a file name', () => {
    expect(titleFromFileName('loop.perflens.json')).toBe('loop');
  });
});
