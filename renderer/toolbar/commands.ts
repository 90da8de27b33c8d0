/**
 * Workbench commands shared by the toolbar, the keyboard shortcuts and the Electron menu, so each
 * path runs the same code.
 */
import { resetToOriginal } from '../app/editActions.ts';
import { saveNotebook } from '../app/notebookActions.ts';
import { useWorkbench } from '../store/store.ts';

export type CommandId = 'new' | 'open' | 'save' | 'save-as' | 'reset';

export function runCommand(command: CommandId): void {
  const state = useWorkbench.getState();
  switch (command) {
    case 'new':
      state.openDialog({ kind: 'paste' });
      return;
    case 'open':
      state.openDialog({ kind: 'open' });
      return;
    case 'save':
      void saveNotebook();
      return;
    case 'save-as':
      state.openDialog({ kind: 'save-as' });
      return;
    case 'reset':
      resetToOriginal();
      return;
  }
}

/** Maps a key event to a command: Ctrl (Cmd on macOS) with N, O, S, or Shift+S. */
export function commandForKey(
  event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>,
): CommandId | null {
  const primary = event.ctrlKey || event.metaKey;
  if (!primary || event.altKey) {
    return null;
  }

  const key = event.key.toLowerCase();
  if (key === 's') {
    return event.shiftKey ? 'save-as' : 'save';
  }
  if (event.shiftKey) {
    return null;
  }
  if (key === 'o') {
    return 'open';
  }
  if (key === 'n') {
    return 'new';
  }
  return null;
}
