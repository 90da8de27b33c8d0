import { describe, expect, it } from 'vitest';

import {
  countNoun,
  formatLocalTime,
  recoverySummary,
} from '../../../renderer/notebook/recoveryText.ts';
import { sampleNotebook } from '../../core/notebook/sampleNotebook.ts';

const record = {
  savedAt: '2026-12-04T10:05:00.000Z',
  notebookPath: null,
  editorCellId: 'cell-1',
  notebook: sampleNotebook(),
};

describe('recovery dialog text', () => {
  it('formats the time in the given zone', () => {
    expect(formatLocalTime(record.savedAt, 'en-GB', 'Europe/Berlin')).toBe('4 Dec 2026, 11:05');
  });

  it('keeps an invalid time as stored', () => {
    expect(formatLocalTime('yesterday', 'en-GB', 'UTC')).toBe('yesterday');
  });

  it('counts one cell in the singular', () => {
    expect(countNoun(1, 'cell')).toBe('1 cell');
  });

  it('counts other cells in the plural', () => {
    expect(countNoun(0, 'cell')).toBe('0 cells');
    expect(countNoun(3, 'cell')).toBe('3 cells');
  });

  it('names the time, cells and notebook', () => {
    const cells = [record.notebook.cells[0]!];
    const singleCell = { ...record, notebook: { ...record.notebook, cells } };
    const text = recoverySummary(singleCell, 'en-GB', 'UTC');
    expect(text).toBe('PerfLens found unsaved work from 4 Dec 2026, 10:05: 1 cell of an '
      + 'untitled notebook.');
    expect(text).not.toContain('T10:05:00');
  });
});
