/** The workbench store: one zustand store composed of a slice per concern. */
import { create } from 'zustand';

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

export function selectDirty(state: WorkbenchState): boolean {
  return isDirty(state.diffText, state.activeModelId, state.savedSnapshot);
}
