import { useEffect, useState } from 'react';

import { errorMessage } from '../app/context.ts';
import { folderOf, listNotebooks, saveNotebookAs } from '../app/notebookActions.ts';
import { notebookFileName } from '../notebook/diffCell.ts';
import { useWorkbench } from '../store/store.ts';
import { Modal } from './Modal.tsx';

/** Folder of the project's notebooks, relative to the project root where the host resolves it. */
const PROJECT_NOTEBOOKS = 'notebooks';

/**
 * Folders offered for saving: the workspace, the open notebook's folder, and the folders of the
 * notebooks the host lists. The host rejects folders outside its notebook roots.
 */
function useFolderChoices(): string[] {
  const workspaceDir = useWorkbench((state) => state.workspaceDir);
  const path = useWorkbench((state) => state.notebookPath);
  const [listed, setListed] = useState<string[]>([]);

  useEffect(() => {
    listNotebooks().then(
      (files) => setListed(files.map((file) => folderOf(file.path)).filter((f) => f !== null)),
      () => setListed([]),
    );
  }, []);

  const current = path === null ? null : folderOf(path);
  const all = [workspaceDir, current, ...listed, PROJECT_NOTEBOOKS];
  return [...new Set(all.filter((folder): folder is string => folder !== null))];
}

/**
 * Saves under a new name. The folder field suggests known notebook folders and takes any other
 * path too, but the host rejects paths outside its notebook roots.
 */
export function SaveAsDialog() {
  const closeDialog = useWorkbench((state) => state.closeDialog);
  const title = useWorkbench((state) => state.notebookTitle);
  const folders = useFolderChoices();
  const [name, setName] = useState(title === 'Untitled' ? '' : `${title}-copy`);
  const [folder, setFolder] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const chosenFolder = folder ?? folders[0] ?? PROJECT_NOTEBOOKS;

  let preview = '';
  let nameError: string | null = null;
  if (name.trim() !== '') {
    try {
      preview = notebookFileName(name);
    } catch (reason) {
      nameError = errorMessage(reason);
    }
  }
  const shownError = nameError ?? error;

  const save = async () => {
    try {
      notebookFileName(name);
    } catch (reason) {
      setError(errorMessage(reason));
      return;
    }
    if (chosenFolder.trim() === '') {
      setError('Folder is empty. Pick one of the suggested folders or type a path.');
      return;
    }
    closeDialog();
    await saveNotebookAs(chosenFolder.trim(), name);
  };

  return (
    <Modal title="Save notebook as" testId="save-as-dialog">
      <label className="pl-field">
        <span>Name</span>
        <input
          className="pl-input"
          data-testid="save-as-name"
          value={name}
          placeholder="loop-regression"
          onChange={(event) => {
            setName(event.target.value);
            setError(null);
          }}
          onKeyDown={(event) => {
            if (event.key === 'Enter') {
              event.preventDefault();
              void save();
            }
          }}
        />
      </label>
      <label className="pl-field">
        <span>Folder</span>
        <input
          className="pl-input"
          data-testid="save-as-folder"
          list="pl-save-folders"
          value={chosenFolder}
          spellCheck={false}
          onChange={(event) => setFolder(event.target.value)}
        />
        <datalist id="pl-save-folders">
          {folders.map((choice) => (
            <option key={choice} value={choice} />
          ))}
        </datalist>
      </label>
      <p className="pl-modal-hint">{preview === '' ? ' ' : `Saves ${preview}`}</p>
      {shownError !== null && <p className="pl-modal-error" role="alert">{shownError}</p>}
      <div className="pl-modal-actions">
        <button type="button" className="pl-button" onClick={closeDialog}>Cancel</button>
        <button type="button" className="pl-button is-primary" data-testid="save-as-accept"
          onClick={() => void save()}>
          Save
        </button>
      </div>
    </Modal>
  );
}
