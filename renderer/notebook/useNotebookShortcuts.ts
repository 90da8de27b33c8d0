import { useEffect } from 'react';

import { createMarkdownCell } from '../../src/core/notebook/create.ts';
import { useWorkbench } from '../store/store.ts';
import { addCell, flipCollapsed, removeCell, shiftCell } from './cellActions.ts';
import { useNotebookDocument } from './documentStore.ts';
import { notebookCommandForKey, type NotebookCommand } from './notebookKeys.ts';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Runs one notebook command on the selected cell. */
export function runNotebookCommand(command: NotebookCommand): void {
  const document = useNotebookDocument.getState();
  const { cells, selectedId } = document;
  const index = cells.findIndex((cell) => cell.id === selectedId);
  const selected = index < 0 ? null : cells[index]!;

  switch (command) {
    case 'select-previous':
      document.select(cells[Math.max(0, index - 1)]?.id ?? null);
      return;
    case 'select-next':
      document.select(cells[Math.min(cells.length - 1, index + 1)]?.id ?? null);
      return;
    case 'move-up':
    case 'move-down':
      if (selected !== null) shiftCell(selected.id, command === 'move-up' ? -1 : 1);
      return;
    case 'add-above':
    case 'add-below': {
      const cell = createMarkdownCell('');
      addCell(cell, command === 'add-above' ? Math.max(0, index) : index + 1);
      document.setEditing(cell.id);
      return;
    }
    case 'delete':
      if (selected !== null) removeCell(selected.id);
      return;
    case 'toggle-collapse':
      if (selected !== null) flipCollapsed(selected.id);
      return;
    case 'edit':
      if (selected?.type === 'markdown') document.setEditing(selected.id);
      return;
    case 'stop-editing':
      document.setEditing(null);
      return;
    case 'undo':
      document.undo();
      return;
    case 'redo':
      document.redo();
      return;
    case 'present':
      document.setSlide(Math.max(0, index));
      document.setPresenting(true);
      return;
    case 'slide-next':
      document.setSlide(document.slide + 1);
      return;
    case 'slide-previous':
      document.setSlide(document.slide - 1);
      return;
    case 'slide-first':
      document.setSlide(0);
      return;
    case 'slide-last':
      document.setSlide(cells.length - 1);
      return;
    case 'stop-presenting':
      document.setPresenting(false);
      return;
  }
}

/** Installs the notebook view's shortcuts while it is shown and no dialog is open. */
export function useNotebookShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const document = useNotebookDocument.getState();
      if (document.view !== 'notebook' || useWorkbench.getState().dialog.kind !== 'none') return;

      const command = notebookCommandForKey(event, {
        inTextField: isTextField(event.target),
        presenting: document.presenting,
      });
      if (command === null) return;

      event.preventDefault();
      runNotebookCommand(command);
    };

    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
