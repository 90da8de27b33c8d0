/** Actions of the explanation views on the editor: reveal a line, apply a counterfactual. */
import type * as Monaco from 'monaco-editor';

import { scoreEditorText } from '../app/editActions.ts';
import { revealDiffLine, watchDiffEditor } from '../monaco/editorRegistry.ts';
import { useWorkbench } from '../store/store.ts';
import { useExplain } from './explainStore.ts';

/**
 * Puts a counterfactual's diff into the editor as one undoable edit, so Ctrl+Z in the editor
 * takes it back, and re-scores it. Returns false, with a status message, when the search
 * explained an older text or the notebook is read-only.
 */
export function applyCounterfactual(index: number): boolean {
  const { search, setPreview } = useExplain.getState();
  const workbench = useWorkbench.getState();
  const counterfactual = search.counterfactuals[index];

  if (counterfactual === undefined) {
    workbench.showStatus('warning', `Counterfactual #${index + 1} is gone; run the search again.`);
    return false;
  }
  if (search.diff !== workbench.diffText) {
    workbench.showStatus('warning', 'The diff changed since this search, so its counterfactuals '
      + 'no longer apply. Wait for the new search to finish.');
    return false;
  }
  if (workbench.readOnly) {
    workbench.showStatus('warning', 'This notebook is read-only; save a copy (Ctrl+Shift+S) to '
      + 'edit its diff.');
    return false;
  }

  workbench.replaceDiff(counterfactual.diff, workbench.originalDiff, 'edit');
  setPreview(null);
  const count = counterfactual.edits.length;
  workbench.showStatus('info', `Applied counterfactual #${index + 1} (${count} `
    + `${count === 1 ? 'edit' : 'edits'}). Ctrl+Z in the editor undoes it.`);
  scoreEditorText();

  revealAfterNextEdit(counterfactual.edits.map((edit) => edit.position.patchLine));
  return true;
}

/**
 * Focuses the editor at the first edited line once the editor view has put the new text in,
 * which happens in a React effect after this call returns. Focus is what lets the next Ctrl+Z
 * reach Monaco's undo stack.
 */
function revealAfterNextEdit(lines: readonly number[]): void {
  const model = diffEditor?.getModel();
  if (model === null || model === undefined) return;

  const subscription = model.onDidChangeContent(() => {
    subscription.dispose();
    queueMicrotask(() => {
      const first = Math.min(...lines);
      revealDiffLine(Math.max(1, Math.min(first, model.getLineCount())));
    });
  });
  // The editor view applies the text within a frame; a later change is the user's own edit.
  setTimeout(() => subscription.dispose(), 1000);
}

let diffEditor: Monaco.editor.IStandaloneCodeEditor | null = null;
watchDiffEditor((editor) => {
  diffEditor = editor;
});
