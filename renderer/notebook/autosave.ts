/**
 * Autosave and crash recovery. While the notebook has unsaved changes (in the editor or in the
 * notebook view), the whole notebook is written to the host's recovery file two seconds after
 * the last change, and at least every ten seconds while changes keep coming. The file is
 * removed once the changes are saved. On the next start, a
 * recovery file is offered back before anything else replaces the editor's content.
 */
import { logEvent } from '../app/log.ts';
import { scoreEditorText, scoreOriginalDiff } from '../app/editActions.ts';
import { selectModel } from '../app/modelActions.ts';
import { getHost } from '../host/client.ts';
import { selectDirty, useWorkbench } from '../store/store.ts';
import { useNotebookDocument } from './documentStore.ts';
import { mergeWorkbenchCell, workbenchDiffCell } from './documentSync.ts';
import {
  AUTOSAVE_DELAY_MS,
  AUTOSAVE_MAX_WAIT_MS,
  parseRecovery,
  serializeRecovery,
  type RecoveryRecord,
} from './recoveryRecord.ts';
import { NOTEBOOK_FORMAT, NOTEBOOK_VERSION } from '../../src/core/notebook/types.ts';

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Builds the record of the current unsaved state without changing either store. */
export function currentRecovery(): RecoveryRecord {
  const state = useWorkbench.getState();
  const cells = mergeWorkbenchCell(useNotebookDocument.getState().cells, workbenchDiffCell());
  const now = new Date().toISOString();
  return {
    savedAt: now,
    notebookPath: state.notebookPath,
    editorCellId: state.cellId,
    notebook: {
      format: NOTEBOOK_FORMAT,
      version: NOTEBOOK_VERSION,
      title: state.notebookTitle,
      createdAt: state.notebookCreatedAt,
      modifiedAt: now,
      cells,
    },
  };
}

/** Starts autosaving; returns a function that stops it. */
export function startAutosave(): () => void {
  const host = getHost();
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** Time of the first change not yet autosaved, or null when none is pending. */
  let pendingSince: number | null = null;
  /** True while a recovery file may exist: one was written, or one was found at start-up. */
  let recoveryMayExist = true;
  let failed = false;

  const write = async () => {
    timer = null;
    pendingSince = null;
    const state = useWorkbench.getState();
    if (state.readOnly || !selectDirty(state)) return;
    try {
      await host.writeRecovery(serializeRecovery(currentRecovery()));
      recoveryMayExist = true;
      failed = false;
    } catch (error) {
      // One status message per failure streak; every failure is logged.
      logEvent('warn', `Autosave failed: ${errorText(error)}`, 'autosave-failed');
      if (!failed) {
        state.showStatus('warning', `Autosave failed, so save with Ctrl+S: ${errorText(error)}`);
      }
      failed = true;
    }
  };

  const onChange = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;

    if (selectDirty(useWorkbench.getState())) {
      // Steady edits postpone the autosave by AUTOSAVE_DELAY_MS each, up to AUTOSAVE_MAX_WAIT_MS.
      const now = Date.now();
      pendingSince ??= now;
      const latest = pendingSince + AUTOSAVE_MAX_WAIT_MS - now;
      timer = setTimeout(() => void write(), Math.max(0, Math.min(AUTOSAVE_DELAY_MS, latest)));
    } else if (recoveryMayExist) {
      pendingSince = null;
      recoveryMayExist = false;
      host.discardRecovery().catch((error: unknown) => {
        logEvent('warn', `Removing the recovery file failed: ${errorText(error)}`);
      });
    }
  };

  const stopWorkbench = useWorkbench.subscribe((state, previous) => {
    const relevant = state.diffText !== previous.diffText
      || state.savedSnapshot !== previous.savedSnapshot
      || state.activeModelId !== previous.activeModelId
      || state.scoreHistory !== previous.scoreHistory;
    if (relevant) onChange();
  });
  const stopDocument = useNotebookDocument.subscribe((state, previous) => {
    if (state.cells !== previous.cells || state.savedCells !== previous.savedCells) onChange();
  });

  return () => {
    stopWorkbench();
    stopDocument();
    if (timer !== null) clearTimeout(timer);
  };
}

/** Reads the recovery file; an invalid one is logged, removed and treated as absent. */
export async function readRecovery(): Promise<RecoveryRecord | null> {
  const host = getHost();
  try {
    const text = await host.readRecovery();
    return text === null ? null : parseRecovery(text);
  } catch (error) {
    logEvent('warn', `Ignoring the recovery file: ${errorText(error)}`);
    useWorkbench.getState().showStatus('warning',
      `Unsaved work could not be recovered: ${errorText(error)}`);
    await host.discardRecovery().catch(() => undefined);
    return null;
  }
}

/** Puts recovered work back: every cell into the notebook view, the diff cell into the editor. */
export async function restoreRecovery(record: RecoveryRecord): Promise<void> {
  const { notebook } = record;
  const editorCell = notebook.cells.find(
    (cell) => cell.id === record.editorCellId && cell.type === 'diff',
  );
  const state = useWorkbench.getState();

  state.setNotebook({
    path: record.notebookPath,
    title: notebook.title,
    createdAt: notebook.createdAt,
    cellId: editorCell?.id ?? globalThis.crypto.randomUUID(),
    snapshot: null,
    readOnly: false,
    base: null,
  });
  useNotebookDocument.getState().load(notebook.cells, { dirty: true });
  useNotebookDocument.getState().setView('notebook');

  if (editorCell === undefined || editorCell.type !== 'diff') {
    state.replaceDiff('', '');
  } else {
    state.replaceDiff(editorCell.diff, editorCell.originalDiff);
    state.resetScores([...editorCell.scores], editorCell.scores.at(-1) ?? null);
  }
  state.showStatus('info', `Restored unsaved work from ${record.savedAt}. Save with Ctrl+S.`);
  logEvent('info', `Restored ${notebook.cells.length} cells autosaved at ${record.savedAt}.`);

  if (editorCell === undefined || editorCell.type !== 'diff') return;
  const installed = state.models.some((model) => model.id === editorCell.model.id);
  if (installed && editorCell.model.id !== state.activeModelId) {
    await selectModel(editorCell.model.id, { resetHistory: false });
    return;
  }
  scoreEditorText();
  await scoreOriginalDiff();
}

/** Removes the recovery file after the user declined it. */
export async function discardRecovery(): Promise<void> {
  try {
    await getHost().discardRecovery();
  } catch (error) {
    logEvent('warn', `Removing the recovery file failed: ${errorText(error)}`);
  }
}
