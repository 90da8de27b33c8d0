import { useEffect } from 'react';

import { onMenuCommand, setUnsavedChanges } from '../host/client.ts';
import { selectDirty, useWorkbench } from '../store/store.ts';
import { runCommand } from '../toolbar/commands.ts';

/**
 * Connects the workbench to its window: the Electron File menu runs the same commands as the
 * toolbar, and the unsaved-edits flag guards closing the window (Electron's Save / Don't Save
 * prompt, or the browser's leave-page prompt).
 */
export function useHostShell(): void {
  useEffect(() => {
    const stopMenu = onMenuCommand((command) => {
      if (useWorkbench.getState().dialog.kind === 'none') {
        runCommand(command);
      }
    });

    let dirty = selectDirty(useWorkbench.getState());
    setUnsavedChanges(dirty);
    const stopDirty = useWorkbench.subscribe((state) => {
      const next = selectDirty(state);
      if (next !== dirty) {
        dirty = next;
        setUnsavedChanges(next);
      }
    });

    return () => {
      stopMenu();
      stopDirty();
      setUnsavedChanges(false);
    };
  }, []);
}
