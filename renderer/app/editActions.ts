/** Actions on the editor text: edits, paste of a new diff, reset, and hunk header repair. */
import { recountHunks, serializePatch } from '../../src/core/diff/index.ts';
import { newCellId } from '../../src/core/notebook/index.ts';
import { useNotebookDocument } from '../notebook/documentStore.ts';
import { selectDirty, useWorkbench } from '../store/store.ts';
import { errorMessage, getServices } from './context.ts';

/** Sends the editor text to the worker when it parses and a model is ready. */
export function scoreEditorText(): void {
  const state = useWorkbench.getState();
  if (state.parse.status !== 'ok' || state.modelStatus !== 'ready') {
    return;
  }

  const requestId = getServices().inference.scoreEditorText(state.diffText);
  state.markScoreRequested(requestId);
}

/** Scores the original diff, the baseline for the delta; failures only clear the baseline. */
export async function scoreOriginalDiff(): Promise<void> {
  const state = useWorkbench.getState();
  state.setOriginalScore(null);
  if (state.originalDiff.trim() === '' || state.modelStatus !== 'ready') {
    return;
  }

  const original = state.originalDiff;
  try {
    const score = await getServices().inference.scoreOnce(original);
    if (useWorkbench.getState().originalDiff === original) {
      useWorkbench.getState().setOriginalScore(score);
    }
  } catch (error) {
    useWorkbench.getState().showStatus(
      'warning',
      `The original diff could not be scored, so no delta is shown: ${errorMessage(error)}`,
    );
  }
}

/** Records a user edit and re-scores it. */
export function editDiff(text: string): void {
  useWorkbench.getState().editDiff(text);
  scoreEditorText();
}

/**
 * Runs an action that replaces the editor text, first asking the user when there are unsaved
 * edits. `what` completes the sentence "… will replace your unsaved edits".
 */
export function confirmBeforeReplacing(what: string, action: () => void): void {
  const state = useWorkbench.getState();
  if (!selectDirty(state)) {
    action();
    return;
  }

  state.openDialog({
    kind: 'confirm',
    request: {
      title: 'Discard unsaved edits?',
      message: `${what} will replace your unsaved edits. Save first (Ctrl+S) to keep them.`,
      confirmLabel: 'Discard edits',
      onConfirm: action,
    },
  });
}

/** Starts a new unsaved notebook holding a pasted diff, which becomes the original diff too. */
export function startNewDiff(text: string): void {
  const state = useWorkbench.getState();
  state.setNotebook({
    path: null,
    title: 'Untitled',
    createdAt: new Date().toISOString(),
    cellId: newCellId(),
    snapshot: null,
    readOnly: false,
    base: null,
  });
  useNotebookDocument.getState().load([], { dirty: false });
  state.replaceDiff(text, text);
  state.resetScores([], null);
  state.showStatus('info', 'New diff: edit it to see the score change, Ctrl+S to save.');
  scoreEditorText();
  void scoreOriginalDiff();
}

/** Puts the original diff back into the editor; the history keeps the session's scores. */
export function resetToOriginal(): void {
  const state = useWorkbench.getState();
  if (state.diffText === state.originalDiff) {
    state.showStatus('info', 'The editor already shows the original diff.');
    return;
  }

  const apply = () => {
    const current = useWorkbench.getState();
    current.replaceDiff(current.originalDiff, current.originalDiff, 'edit');
    current.showStatus('info', 'Reset to the original diff.');
    scoreEditorText();
  };
  confirmBeforeReplacing('Resetting to the original diff', apply);
}

/** Rewrites hunk headers so their line counts match the hunk bodies. */
export function fixHunkHeaders(): void {
  const state = useWorkbench.getState();
  if (state.parse.status !== 'ok') {
    state.showStatus('warning', 'Fix the parse error first; hunk headers can only be recounted '
      + 'in a diff that parses.');
    return;
  }

  const fixed = serializePatch(recountHunks(state.parse.patch));
  const count = state.parse.warnings.length;
  state.replaceDiff(fixed, state.originalDiff, 'edit');
  state.showStatus('info', `Fixed ${count} hunk ${count === 1 ? 'header' : 'headers'}.`);
  scoreEditorText();
}
