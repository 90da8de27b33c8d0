/** Actions on notebook files: open, save, save as. Files are read and written by the host. */
import {
  NewerNotebookVersionError,
  parseNotebook,
  serializeNotebook,
  type DiffCell,
  type Notebook,
} from '../../src/core/notebook/index.ts';
import type { NotebookFileInfo } from '../../src/host/api.ts';
import { buildNotebook, notebookFileName } from '../notebook/diffCell.ts';
import { documentCellsOr, markDocumentSaved, showOpenedDocument } from '../notebook/documentSync.ts';
import { useWorkbench } from '../store/store.ts';
import { errorMessage, getServices } from './context.ts';
import { confirmBeforeReplacing, scoreEditorText, scoreOriginalDiff } from './editActions.ts';
import { logEvent } from './log.ts';
import { selectModel } from './modelActions.ts';

/** A notebook read from disk, with the flag for files from a newer PerfLens. */
interface LoadedNotebook {
  notebook: Notebook;
  readOnly: boolean;
}

/**
 * Parses notebook text. A file from a newer PerfLens opens read-only, on the assumption that its
 * diff cells keep the version 1 fields. Any other invalid file raises with the parser's message.
 */
function loadNotebookText(text: string, path: string): LoadedNotebook {
  try {
    return { notebook: parseNotebook(text), readOnly: false };
  } catch (error) {
    if (error instanceof NewerNotebookVersionError) {
      return { notebook: error.data as Notebook, readOnly: true };
    }
    throw new Error(`${path}: ${errorMessage(error)}`);
  }
}

/** Applies an opened notebook's diff cell to the store and re-computes its score. */
async function applyDiffCell(
  path: string,
  loaded: LoadedNotebook,
  cell: DiffCell,
): Promise<void> {
  const state = useWorkbench.getState();
  state.setNotebook({
    path,
    title: loaded.notebook.title,
    createdAt: loaded.notebook.createdAt,
    cellId: cell.id,
    snapshot: { diff: cell.diff, modelId: cell.model.id },
    readOnly: loaded.readOnly,
    base: loaded.readOnly ? null : loaded.notebook,
  });
  state.replaceDiff(cell.diff, cell.originalDiff);
  state.resetScores([...cell.scores], cell.scores[cell.scores.length - 1] ?? null);

  const known = state.models.some((model) => model.id === cell.model.id);
  if (!known) {
    state.showStatus('warning', `Notebook model '${cell.model.id}' is not installed; scoring `
      + `with '${state.activeModelId ?? 'none'}' instead.`);
  }
  const modelReady = state.activeModelId === cell.model.id && state.modelStatus === 'ready';
  const needsLoad = known && !modelReady;
  if (needsLoad) {
    await selectModel(cell.model.id, { resetHistory: false });
  } else {
    scoreEditorText();
    await scoreOriginalDiff();
  }

  reportBundleChange(cell);
}

/** Opens a notebook that has no diff cell: the editor starts empty with a new cell id. */
function applyNotebookWithoutDiffCell(path: string, loaded: LoadedNotebook): void {
  const state = useWorkbench.getState();
  state.setNotebook({
    path,
    title: loaded.notebook.title,
    createdAt: loaded.notebook.createdAt,
    cellId: globalThis.crypto.randomUUID(),
    snapshot: { diff: '', modelId: state.activeModelId },
    readOnly: loaded.readOnly,
    base: loaded.readOnly ? null : loaded.notebook,
  });
  state.replaceDiff('', '');
}

/** Warns when the notebook was scored by another build of the same model. */
function reportBundleChange(cell: DiffCell): void {
  const state = useWorkbench.getState();
  const hash = state.activeBundleHash;
  if (state.activeModelId !== cell.model.id || hash === null || hash === cell.model.bundleHash) {
    return;
  }
  const savedHash = cell.model.bundleHash.slice(0, 8);
  state.showStatus('warning', `Notebook was scored with bundle ${savedHash}, and `
    + `'${cell.model.id}' is now bundle ${hash.slice(0, 8)}. Scores are re-computed with it.`);
}

/** Opens a notebook file, asking first when the editor has unsaved edits. */
export function requestOpenNotebook(path: string): void {
  confirmBeforeReplacing('Opening another notebook', () => {
    void openNotebook(path);
  });
}

/** Reads, validates and shows a notebook; errors go to the status bar and change nothing. */
export async function openNotebook(path: string): Promise<void> {
  const { host } = getServices();
  try {
    const text = await host.readNotebook(path);
    const loaded = loadNotebookText(text, path);
    const cell = loaded.notebook.cells.find((candidate) => candidate.type === 'diff');
    if (cell === undefined) {
      applyNotebookWithoutDiffCell(path, loaded);
    } else {
      await applyDiffCell(path, loaded, cell);
    }
    showOpenedDocument(loaded.notebook, loaded.readOnly);

    const state = useWorkbench.getState();
    const others = loaded.notebook.cells.length - 1;
    if (loaded.readOnly) {
      state.showStatus('warning', `${path} is from a newer PerfLens, so it is open read-only.`);
    } else if (state.statusMessage?.kind !== 'warning') {
      const cellWord = others === 1 ? 'cell' : 'cells';
      const inView = others === 0 ? '' : ` ${others} more ${cellWord} in the Notebook view.`;
      state.showStatus('info', `Opened ${path}.${inView}`);
    }
  } catch (error) {
    logEvent('warn', `Open of notebook ${path} failed: ${errorMessage(error)}`);
    useWorkbench.getState().showStatus('error', `Open failed: ${errorMessage(error)}`);
  }
}

/** Lists the notebooks the host can open, newest first. */
export async function listNotebooks(): Promise<NotebookFileInfo[]> {
  const files = await getServices().host.listNotebooks();
  return [...files].sort((a, b) => b.modifiedMs - a.modifiedMs);
}

/**
 * Builds the notebook to write: the cells of the notebook view with the editor's diff cell in
 * place. Raises when the editor has a diff but no model has scored it yet.
 */
function currentNotebook(title: string): Notebook {
  const state = useWorkbench.getState();
  const base = documentCellsOr(state.baseNotebook, title, state.notebookCreatedAt);
  if (state.diffText.trim() === '' && base !== null) {
    return { ...base, modifiedAt: new Date().toISOString() };
  }
  if (state.activeModelId === null || state.activeBundleHash === null || state.backend === null) {
    throw new Error('No model is loaded, so the notebook cannot record which model scored it. '
      + 'Pick a model, then save again.');
  }

  return buildNotebook({
    title,
    createdAt: state.notebookCreatedAt,
    cellId: state.cellId,
    diff: state.diffText,
    originalDiff: state.originalDiff,
    model: {
      id: state.activeModelId,
      bundleHash: state.activeBundleHash,
      tfjsVersion: state.tfjsVersion ?? 'unknown',
      backend: state.backend,
    },
    scores: state.scoreHistory,
  }, new Date().toISOString(), base);
}

async function writeNotebook(path: string, title: string): Promise<void> {
  const state = useWorkbench.getState();
  if (state.readOnly) {
    state.showStatus('error', 'This notebook is from a newer PerfLens and is read-only. '
      + 'Update PerfLens to save it.');
    return;
  }

  const snapshot = { diff: state.diffText, modelId: state.activeModelId };
  state.setSaveStatus('saving');
  try {
    const notebook = currentNotebook(title);
    const info = await getServices().host.writeNotebook(path, serializeNotebook(notebook));
    useWorkbench.getState().markSaved(info.path, notebook, snapshot);
    markDocumentSaved(notebook);
    useWorkbench.getState().showStatus('info', `Saved ${info.path}`);
  } catch (error) {
    logEvent('warn', `Save of notebook ${path} failed: ${errorMessage(error)}`);
    useWorkbench.getState().setSaveStatus('error');
    useWorkbench.getState().showStatus('error', `Save failed: ${errorMessage(error)}`);
  }
}

/** Saves to the open notebook's file, or opens the Save As dialog when it was never saved. */
export async function saveNotebook(): Promise<void> {
  const state = useWorkbench.getState();
  if (state.notebookPath === null) {
    state.openDialog({ kind: 'save-as' });
    return;
  }
  await writeNotebook(state.notebookPath, state.notebookTitle);
}

/** Saves under a new file name in `folder`; the name gets the `.perflens.json` suffix. */
export async function saveNotebookAs(folder: string, name: string): Promise<void> {
  const fileName = notebookFileName(name);
  const path = joinPath(folder, fileName);
  await writeNotebook(path, fileName.replace(/\.perflens\.json$/, ''));
}

/** Joins a folder and a file name with the folder's own separator (POSIX or Windows). */
export function joinPath(folder: string, fileName: string): string {
  const separator = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  const trimmed = folder.endsWith(separator) ? folder.slice(0, -1) : folder;
  return `${trimmed}${separator}${fileName}`;
}

/** Folder part of a path, or null for a bare file name. */
export function folderOf(path: string): string | null {
  const index = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return index < 0 ? null : path.slice(0, index);
}
