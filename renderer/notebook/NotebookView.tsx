/**
 * The notebook view: every cell of the open notebook with add, delete, move, collapse, undo and
 * redo, re-check results, exports and presentation mode. It lies over the workbench, which stays
 * mounted so the editor keeps its state while the view is shown.
 */
import { useState } from 'react';

import { isStale } from '../../src/core/notebook/recheck.ts';
import type { CellType } from '../../src/core/notebook/types.ts';
import { useWorkbench } from '../store/store.ts';
import { CellComposer, startCell, type ComposerTarget } from './CellComposer.tsx';
import { CellView } from './cells/CellViews.tsx';
import { isDocumentDirty, useNotebookDocument } from './documentStore.ts';
import { exportHtml, exportIpynb } from './exportActions.ts';
import { SHORTCUT_HELP } from './notebookKeys.ts';
import { runNotebookCommand } from './useNotebookShortcuts.ts';
import './notebook.css';

const ADD_BUTTONS: Array<[CellType, string]> = [
  ['markdown', 'Note'],
  ['diff', 'Diff'],
  ['explanation', 'Explanation'],
  ['comparison', 'Comparison'],
  ['evaluation', 'Evaluation'],
];

function RecheckSummary() {
  const findings = useNotebookDocument((state) => state.findings);
  if (findings.length === 0) return null;

  const stale = findings.filter(isStale).length;
  return (
    <p className={`pl-nb-recheck-summary${stale > 0 ? ' is-stale' : ''}`} data-testid="recheck-summary">
      {stale === 0
        ? `Re-checked on open: all ${findings.length} results reproduce with the installed models.`
        : `Re-checked on open: ${stale} of ${findings.length} results did not reproduce. ` +
          'They are marked below; recompute those cells to update them.'}
    </p>
  );
}

function Presentation() {
  const cells = useNotebookDocument((state) => state.cells);
  const slide = useNotebookDocument((state) => state.slide);
  const cell = cells[slide];

  return (
    <div className="pl-nb-presentation" data-testid="presentation">
      <div className="pl-nb-slide">
        {cell === undefined ? <p>No cells.</p> : <CellView cell={{ ...cell, collapsed: false }}
          index={slide} count={cells.length} />}
      </div>
      <footer className="pl-nb-slide-bar">
        <button type="button" className="pl-button" onClick={() => runNotebookCommand('slide-previous')}
          disabled={slide === 0}>{'\u2190'}</button>
        <span data-testid="slide-counter">{slide + 1} / {cells.length}</span>
        <button type="button" className="pl-button" onClick={() => runNotebookCommand('slide-next')}
          disabled={slide >= cells.length - 1}>{'\u2192'}</button>
        <button type="button" className="pl-button"
          onClick={() => runNotebookCommand('stop-presenting')}>Exit <kbd>Esc</kbd></button>
      </footer>
    </div>
  );
}

export function NotebookView() {
  const cells = useNotebookDocument((state) => state.cells);
  const selectedId = useNotebookDocument((state) => state.selectedId);
  const presenting = useNotebookDocument((state) => state.presenting);
  const canUndo = useNotebookDocument((state) => state.past.length > 0);
  const canRedo = useNotebookDocument((state) => state.future.length > 0);
  const dirty = useNotebookDocument(isDocumentDirty);
  const title = useWorkbench((state) => state.notebookTitle);
  const readOnly = useWorkbench((state) => state.readOnly);
  const [composer, setComposer] = useState<ComposerTarget | null>(null);

  if (presenting) return <Presentation />;

  const selectedIndex = cells.findIndex((cell) => cell.id === selectedId);
  const insertAt = selectedIndex < 0 ? cells.length : selectedIndex + 1;
  const rows = cells.map((cell, index) => (
    <CellView key={cell.id} cell={cell} index={index} count={cells.length} />
  ));
  if (composer !== null) {
    const at = Math.min(composer.index, rows.length);
    rows.splice(at, 0, (
      <CellComposer key="composer" target={composer} onClose={() => setComposer(null)} />
    ));
  }

  return (
    <div className="pl-nb-view" data-testid="notebook-view">
      <div className="pl-nb-toolbar">
        <span className="pl-nb-title">
          {title}
          {dirty && <span className="pl-dirty-dot" title="Unsaved notebook changes">●</span>}
        </span>
        <span className="pl-nb-group" aria-label="Add cell">
          <span className="pl-nb-label">Add</span>
          {ADD_BUTTONS.map(([type, label]) => (
            <button key={type} type="button" className="pl-button" data-testid={`add-${type}`}
              disabled={readOnly} onClick={() => startCell({ type, index: insertAt }, setComposer)}>
              {label}
            </button>
          ))}
        </span>
        <span className="pl-nb-group">
          <button type="button" className="pl-button" disabled={!canUndo} data-testid="undo"
            title="Undo (Ctrl+Z)" onClick={() => runNotebookCommand('undo')}>Undo</button>
          <button type="button" className="pl-button" disabled={!canRedo} data-testid="redo"
            title="Redo (Ctrl+Shift+Z)" onClick={() => runNotebookCommand('redo')}>Redo</button>
        </span>
        <span className="pl-nb-group">
          <button type="button" className="pl-button" data-testid="export-html"
            onClick={() => void exportHtml()}>Export HTML</button>
          <button type="button" className="pl-button" data-testid="export-ipynb"
            onClick={exportIpynb}>Export .ipynb</button>
          <button type="button" className="pl-button is-primary" data-testid="present"
            title="Presentation mode (P)" onClick={() => runNotebookCommand('present')}>
            Present
          </button>
        </span>
      </div>

      <div className="pl-nb-scroll">
        {readOnly && (
          <p className="pl-nb-recheck-summary is-stale" role="alert">
            This notebook was written by a newer PerfLens, so it is open read-only: changes here
            cannot be saved. Update PerfLens to edit it.
          </p>
        )}
        <RecheckSummary />
        {rows}
        {cells.length === 0 && composer === null && (
          <p className="pl-nb-empty">
            This notebook has no cells yet. Add a note or a computed cell above, or paste a diff
            in the workbench (Ctrl+N).
          </p>
        )}
        <dl className="pl-nb-shortcuts" aria-label="Keyboard shortcuts">
          {SHORTCUT_HELP.map(([keys, action]) => (
            <div key={keys}><dt><kbd>{keys}</kbd></dt><dd>{action}</dd></div>
          ))}
        </dl>
      </div>
    </div>
  );
}
