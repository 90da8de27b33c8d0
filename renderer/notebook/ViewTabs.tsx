/**
 * Tabs that switch between the workbench (the editor of one diff) and the notebook view (every
 * cell). Always mounted, so it also installs the notebook shortcuts, the re-check on open,
 * autosave and the recovery prompt.
 */
import { useEffect } from 'react';

import { setUnsavedChanges } from '../host/client.ts';
import { selectDirty, useWorkbench } from '../store/store.ts';
import { isDocumentDirty, useNotebookDocument, type NotebookView } from './documentStore.ts';
import { syncWorkbenchCell } from './documentSync.ts';
import { installRecheckOnOpen } from './recheckOnOpen.ts';
import { RecoveryPrompt } from './RecoveryPrompt.tsx';
import { useNotebookShortcuts } from './useNotebookShortcuts.ts';

installRecheckOnOpen();

// Read-only handle for DevTools and end-to-end tests, beside `perflensDebug`.
Object.assign(globalThis, {
  perflensNotebookDebug: { state: () => useNotebookDocument.getState() },
});

/** Switches the view; the editor's diff cell is written into the document first. */
export function showView(view: NotebookView): void {
  if (view === 'notebook') syncWorkbenchCell();
  useNotebookDocument.getState().setView(view);
}

export function ViewTabs() {
  const view = useNotebookDocument((state) => state.view);
  const count = useNotebookDocument((state) => state.cells.length);
  const dirty = useNotebookDocument(isDocumentDirty);
  useNotebookShortcuts();

  // The close guard, the toolbar's dirty dot and the status bar read selectDirty from the
  // editor store only. An empty update of that store makes them re-read it when the notebook
  // view alone becomes dirty or clean, and the guard is set directly too.
  useEffect(() => {
    return useNotebookDocument.subscribe((state, previous) => {
      if (isDocumentDirty(state) === isDocumentDirty(previous)) return;
      useWorkbench.setState({});
      setUnsavedChanges(selectDirty(useWorkbench.getState()));
    });
  }, []);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.key !== 'Enter') return;
      event.preventDefault();
      showView(useNotebookDocument.getState().view === 'notebook' ? 'workbench' : 'notebook');
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, []);

  return (
    <nav className="pl-view-tabs" aria-label="View">
      <button type="button" role="tab" aria-selected={view === 'workbench'}
        className={`pl-view-tab${view === 'workbench' ? ' is-active' : ''}`}
        data-testid="tab-workbench" onClick={() => showView('workbench')}>
        Workbench
      </button>
      <button type="button" role="tab" aria-selected={view === 'notebook'}
        className={`pl-view-tab${view === 'notebook' ? ' is-active' : ''}`}
        data-testid="tab-notebook" onClick={() => showView('notebook')}>
        Notebook <span className="pl-view-count">{count}</span>
        {dirty && <span className="pl-dirty-dot" title="Unsaved notebook changes">●</span>}
      </button>
      <span className="pl-view-hint">Ctrl+Enter switches views</span>
      <RecoveryPrompt />
    </nav>
  );
}
