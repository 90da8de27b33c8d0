import { describe, expect, it } from 'vitest';

import { createMarkdownCell } from '../../../src/core/notebook/index.ts';
import {
  deleteCell,
  insertCell,
  moveCell,
  neighbourAfterDelete,
  toggleCollapsed,
} from '../../../renderer/notebook/cellOps.ts';

const cells = ['a', 'b', 'c'].map((id) => createMarkdownCell(`# ${id}`, id));
const ids = (list: Array<{ id: string }>) => list.map((cell) => cell.id);

describe('cellOps', () => {
  it('inserts at an index', () => {
    expect(ids(insertCell(cells, createMarkdownCell('', 'x'), 1))).toEqual(['a', 'x', 'b', 'c']);
  });

  it('appends without an index', () => {
    expect(ids(insertCell(cells, createMarkdownCell('', 'x')))).toEqual(['a', 'b', 'c', 'x']);
  });

  it('moves a cell up and down', () => {
    expect(ids(moveCell(cells, 'c', -1))).toEqual(['a', 'c', 'b']);
    expect(ids(moveCell(cells, 'a', 2))).toEqual(['b', 'c', 'a']);
  });

  it('ignores a move past the end', () => {
    expect(ids(moveCell(cells, 'a', -1))).toEqual(['a', 'b', 'c']);
  });

  it('deletes by id', () => {
    expect(ids(deleteCell(cells, 'b'))).toEqual(['a', 'c']);
  });

  it('toggles collapsed on one cell', () => {
    const next = toggleCollapsed(cells, 'b');
    expect(next.map((cell) => cell.collapsed)).toEqual([false, true, false]);
  });

  it('leaves its input unchanged', () => {
    moveCell(cells, 'c', -2);
    toggleCollapsed(cells, 'a');
    expect(ids(cells)).toEqual(['a', 'b', 'c']);
    expect(cells[0]!.collapsed).toBe(false);
  });

  it('selects the neighbour after delete', () => {
    expect(neighbourAfterDelete(cells, 'b')).toBe('c');
    expect(neighbourAfterDelete(cells, 'c')).toBe('b');
  });
});
