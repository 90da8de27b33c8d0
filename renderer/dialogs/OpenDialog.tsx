import { useEffect, useMemo, useState } from 'react';

import { errorMessage } from '../app/context.ts';
import { listNotebooks, requestOpenNotebook } from '../app/notebookActions.ts';
import type { NotebookFileInfo } from '../../src/host/api.ts';
import { useWorkbench } from '../store/store.ts';
import { Modal } from './Modal.tsx';

function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Lists the notebooks the host can open, with a filter; Enter opens the highlighted one. */
export function OpenDialog() {
  const closeDialog = useWorkbench((state) => state.closeDialog);
  const [files, setFiles] = useState<NotebookFileInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [highlight, setHighlight] = useState(0);

  useEffect(() => {
    listNotebooks().then(setFiles, (reason: unknown) => setError(errorMessage(reason)));
  }, []);

  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return (files ?? []).filter((file) => file.path.toLowerCase().includes(needle));
  }, [files, filter]);

  const open = (file: NotebookFileInfo | undefined) => {
    if (file === undefined) {
      return;
    }
    closeDialog();
    requestOpenNotebook(file.path);
  };

  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setHighlight((index) => Math.min(index + 1, shown.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setHighlight((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      open(shown[highlight]);
    }
  };

  return (
    <Modal title="Open notebook" testId="open-dialog" wide>
      <input
        className="pl-input"
        placeholder="Filter by name or folder"
        value={filter}
        data-testid="open-filter"
        onChange={(event) => {
          setFilter(event.target.value);
          setHighlight(0);
        }}
        onKeyDown={onKeyDown}
      />
      {error !== null && <p className="pl-modal-error" role="alert">{error}</p>}
      {files === null && error === null && <p className="pl-modal-text">Loading…</p>}
      {files !== null && shown.length === 0 && (
        <p className="pl-modal-text">No notebooks found. Save one with Ctrl+S first.</p>
      )}
      <ul className="pl-open-list" role="listbox" aria-label="Notebooks">
        {shown.map((file, index) => (
          <li
            key={file.path}
            role="option"
            aria-selected={index === highlight}
            className={`pl-open-row${index === highlight ? ' is-highlighted' : ''}`}
            data-testid="open-item"
            data-path={file.path}
            onMouseEnter={() => setHighlight(index)}
            onClick={() => open(file)}
          >
            <span className="pl-open-name">{file.name}</span>
            <span className="pl-open-path">{file.path}</span>
            <span className="pl-open-time">{formatTime(file.modifiedMs)}</span>
          </li>
        ))}
      </ul>
      <div className="pl-modal-actions">
        <button type="button" className="pl-button" onClick={closeDialog}>Cancel</button>
      </div>
    </Modal>
  );
}
