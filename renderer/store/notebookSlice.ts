/** Store slice for the notebook file: its path, what was last saved, and the save state. */
import type { StateCreator } from 'zustand';

import type { Notebook } from '../../src/core/notebook/types.ts';

import type { WorkbenchState } from './store.ts';

/** Content of the notebook file as of the last save or open. */
export interface SavedSnapshot {
  diff: string;
  modelId: string | null;
}

export type SaveStatus = 'idle' | 'saving' | 'saved' | 'error';

export interface NotebookSlice {
  /** Path of the open notebook file, or null for a notebook never saved. */
  notebookPath: string | null;
  notebookTitle: string;
  notebookCreatedAt: string;
  cellId: string;
  savedSnapshot: SavedSnapshot | null;
  saveStatus: SaveStatus;
  /** True for a notebook from a newer PerfLens: it is shown, but saving it is disabled. */
  readOnly: boolean;
  /** The notebook as last opened or saved, whose other cells a save writes back unchanged. */
  baseNotebook: Notebook | null;
  setNotebook: (fields: {
    path: string | null;
    title: string;
    createdAt: string;
    cellId: string;
    snapshot: SavedSnapshot | null;
    readOnly: boolean;
    base: Notebook | null;
  }) => void;
  setSaveStatus: (status: SaveStatus) => void;
  markSaved: (path: string, notebook: Notebook, snapshot: SavedSnapshot) => void;
}

export const createNotebookSlice: StateCreator<WorkbenchState, [], [], NotebookSlice> = (set) => ({
  notebookPath: null,
  notebookTitle: 'Untitled',
  notebookCreatedAt: new Date().toISOString(),
  cellId: 'cell-1',
  savedSnapshot: null,
  saveStatus: 'idle',
  readOnly: false,
  baseNotebook: null,

  setNotebook: (fields) => {
    set({
      notebookPath: fields.path,
      notebookTitle: fields.title,
      notebookCreatedAt: fields.createdAt,
      cellId: fields.cellId,
      savedSnapshot: fields.snapshot,
      saveStatus: 'idle',
      readOnly: fields.readOnly,
      baseNotebook: fields.base,
    });
  },

  setSaveStatus: (status) => {
    set({ saveStatus: status });
  },

  markSaved: (path, notebook, snapshot) => {
    set({
      notebookPath: path,
      notebookTitle: notebook.title,
      savedSnapshot: snapshot,
      saveStatus: 'saved',
      baseNotebook: notebook,
    });
  },
});

/**
 * Returns true when the editor has changes that the notebook file lacks. These are edits since
 * the last save or open, a model switch, or any text in a notebook never saved.
 */
export function isDirty(
  diffText: string,
  modelId: string | null,
  snapshot: SavedSnapshot | null,
): boolean {
  if (snapshot === null) {
    return diffText.trim() !== '';
  }
  return diffText !== snapshot.diff || modelId !== snapshot.modelId;
}
