/** The workbench store: one zustand store composed of a slice per concern. */
import { create } from 'zustand';

import { isDocumentDirty, useNotebookDocument } from '../notebook/documentStore.ts';
import { createDiffSlice, type DiffSlice } from './diffSlice.ts';
import { createModelSlice, type ModelSlice } from './modelSlice.ts';
import { createNotebookSlice, isDirty, type NotebookSlice } from './notebookSlice.ts';
import { createScoreSlice, type ScoreSlice } from './scoreSlice.ts';
import { createUiSlice, type UiSlice } from './uiSlice.ts';

export type WorkbenchState = DiffSlice & ScoreSlice & ModelSlice & NotebookSlice & UiSlice;

export const useWorkbench = create<WorkbenchState>()((...args) => ({
  ...createDiffSlice(...args),
  ...createScoreSlice(...args),
  ...createModelSlice(...args),
  ...createNotebookSlice(...args),
  ...createUiSlice(...args),
}));

/** True when the editor or the notebook view has changes that the notebook file lacks. */
export function selectDirty(state: WorkbenchState): boolean {
  const editorDirty = isDirty(state.diffText, state.activeModelId, state.savedSnapshot);
  return editorDirty || isDocumentDirty(useNotebookDocument.getState());
}
