import { beforeEach, describe, expect, it } from 'vitest';

import { createMarkdownCell } from '../../../src/core/notebook/index.ts';
import { deleteCell, insertCell, updateCell } from '../../../renderer/notebook/cellOps.ts';
import {
  isDocumentDirty,
  useNotebookDocument,
} from '../../../renderer/notebook/documentStore.ts';

const store = () => useNotebookDocument.getState();
const ids = () => store().cells.map((cell) => cell.id);

describe('notebook document store', () => {
  beforeEach(() => {
    store().load([createMarkdownCell('a', 'a'), createMarkdownCell('b', 'b')], { dirty: false });
  });

  it('is clean after load', () => {
    expect(isDocumentDirty(store())).toBe(false);
  });

  it('undoes and redoes a delete', () => {
    store().change((cells) => deleteCell(cells, 'a'));
    expect(ids()).toEqual(['b']);
    store().undo();
    expect(ids()).toEqual(['a', 'b']);
    store().redo();
    expect(ids()).toEqual(['b']);
  });

  it('is clean again after undo', () => {
    store().change((cells) => deleteCell(cells, 'a'));
    expect(isDocumentDirty(store())).toBe(true);
    store().undo();
    expect(isDocumentDirty(store())).toBe(false);
  });

  it('coalesces typing into one undo step', () => {
    for (const source of ['a1', 'a12', 'a123']) {
      store().change((cells) => updateCell(cells, 'a', (cell) => ({ ...cell, source })), 'md:a');
    }
    expect(store().past).toHaveLength(1);
    store().undo();
    expect(store().cells[0]).toMatchObject({ source: 'a' });
  });

  it('clears redo after a new change', () => {
    store().change((cells) => deleteCell(cells, 'a'));
    store().undo();
    store().change((cells) => insertCell(cells, createMarkdownCell('c', 'c')));
    expect(store().future).toHaveLength(0);
  });

  it('marks saved cells clean', () => {
    store().change((cells) => deleteCell(cells, 'b'));
    store().markSaved();
    expect(isDocumentDirty(store())).toBe(false);
  });

  it('loads recovered cells as dirty', () => {
    store().load([createMarkdownCell('r', 'r')], { dirty: true });
    expect(isDocumentDirty(store())).toBe(true);
  });

  it('keeps a clean document clean on silent replace', () => {
    store().replaceSilently([...store().cells]);
    expect(isDocumentDirty(store())).toBe(false);
  });
});
