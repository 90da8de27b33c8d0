/** Moves a diff cell between the notebook view and the workbench editor. */
import type { DiffCell } from '../../src/core/notebook/types.ts';
import { scoreEditorText, scoreOriginalDiff } from '../app/editActions.ts';
import { selectModel } from '../app/modelActions.ts';
import { selectDirty, useWorkbench } from '../store/store.ts';
import { useNotebookDocument } from './documentStore.ts';
import { mergeWorkbenchCell, workbenchDiffCell } from './documentSync.ts';

/**
 * Shows `cell` in the workbench editor. The editor's current cell is written into the document
 * first, as an undoable change when it has unsaved edits, so that switching keeps those edits.
 */
export async function openCellInEditor(cell: DiffCell): Promise<void> {
  const workbench = useWorkbench.getState();
  const document = useNotebookDocument.getState();
  const current = workbenchDiffCell();
  if (current !== null && current.id !== cell.id) {
    if (selectDirty(workbench)) document.change((cells) => mergeWorkbenchCell(cells, current));
    else document.replaceSilently(mergeWorkbenchCell(document.cells, current));
  }

  workbench.setNotebook({
    path: workbench.notebookPath,
    title: workbench.notebookTitle,
    createdAt: workbench.notebookCreatedAt,
    cellId: cell.id,
    snapshot: { diff: cell.diff, modelId: cell.model.id },
    readOnly: workbench.readOnly,
    base: workbench.baseNotebook,
  });
  workbench.replaceDiff(cell.diff, cell.originalDiff);
  workbench.resetScores([...cell.scores], cell.scores.at(-1) ?? null);
  useNotebookDocument.getState().setView('workbench');

  const state = useWorkbench.getState();
  const installed = state.models.some((model) => model.id === cell.model.id);
  if (installed && state.activeModelId !== cell.model.id) {
    await selectModel(cell.model.id, { resetHistory: false });
    return;
  }
  scoreEditorText();
  await scoreOriginalDiff();
}
