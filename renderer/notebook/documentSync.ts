/**
 * Keeps the notebook document and the workbench editor in step. The workbench edits one diff
 * cell, the one with its `cellId`. This module writes that cell into the document before a save,
 * an export or a switch to the notebook view, and builds the notebook to write.
 */
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION } from '../../src/core/notebook/types.ts';
import type { Cell, DiffCell, Notebook } from '../../src/core/notebook/types.ts';
import { useWorkbench } from '../store/store.ts';
import { useNotebookDocument } from './documentStore.ts';

/**
 * Returns the workbench's diff cell, or null when it has nothing to keep: no diff text, or no
 * model loaded to record which model scored it.
 */
export function workbenchDiffCell(): DiffCell | null {
  const state = useWorkbench.getState();
  if (state.diffText.trim() === '') return null;
  if (state.activeModelId === null || state.activeBundleHash === null || state.backend === null) {
    return null;
  }

  const existing = useNotebookDocument.getState().cells.find((cell) => cell.id === state.cellId);
  return {
    id: state.cellId,
    type: 'diff',
    collapsed: existing?.collapsed ?? false,
    diff: state.diffText,
    originalDiff: state.originalDiff,
    model: {
      id: state.activeModelId,
      bundleHash: state.activeBundleHash,
      tfjsVersion: state.tfjsVersion ?? 'unknown',
      backend: state.backend,
    },
    scores: state.scoreHistory.map((record) => ({ ...record })),
  };
}

/** Returns `cells` with the workbench's diff cell in place, or appended when it is new. */
export function mergeWorkbenchCell(cells: readonly Cell[], cell: DiffCell | null): Cell[] {
  if (cell === null) return [...cells];
  const index = cells.findIndex((candidate) => candidate.id === cell.id);
  if (index < 0) return [...cells, cell];
  return cells.map((candidate, position) => (position === index ? cell : candidate));
}

/** Writes the workbench's diff cell into the document without an undo step. */
export function syncWorkbenchCell(): void {
  const document = useNotebookDocument.getState();
  const cell = workbenchDiffCell();
  if (cell === null) return;

  const current = document.cells.find((candidate) => candidate.id === cell.id);
  if (current !== undefined && JSON.stringify(current) === JSON.stringify(cell)) return;
  document.replaceSilently(mergeWorkbenchCell(document.cells, cell));
}

/** Builds the notebook to save from the document and the workbench; `now` is modifiedAt. */
export function currentNotebook(title: string, now: string = new Date().toISOString()): Notebook {
  syncWorkbenchCell();
  const state = useWorkbench.getState();

  return {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    title,
    createdAt: state.notebookCreatedAt,
    modifiedAt: now,
    cells: useNotebookDocument.getState().cells,
  };
}

/**
 * Returns the notebook that a save builds on: the cells of the notebook view, or `base` while
 * the view has none. Null when there is neither.
 */
export function documentCellsOr(
  base: Notebook | null,
  title: string,
  createdAt: string,
): Notebook | null {
  const cells = useNotebookDocument.getState().cells;
  if (cells.length === 0) return base;

  return {
    format: NOTEBOOK_FORMAT,
    version: NOTEBOOK_VERSION,
    title,
    createdAt,
    modifiedAt: createdAt,
    cells,
  };
}

/** Marks the document clean after a save wrote `notebook`. */
export function markDocumentSaved(notebook: Notebook): void {
  const document = useNotebookDocument.getState();
  document.replaceSilently(notebook.cells);
  useNotebookDocument.getState().markSaved();
}

/** Callback run after a notebook opens, such as the re-check of its results. */
type OpenedListener = (notebook: Notebook, readOnly: boolean) => void;
const openedListeners: OpenedListener[] = [];

/** Registers a function to run after each notebook opens. */
export function onNotebookOpened(listener: OpenedListener): void {
  openedListeners.push(listener);
}

/** Shows an opened notebook's cells in the notebook view and runs the opened listeners. */
export function showOpenedDocument(notebook: Notebook, readOnly: boolean): void {
  useNotebookDocument.getState().load(notebook.cells, { dirty: false });
  for (const listener of openedListeners) listener(notebook, readOnly);
}
