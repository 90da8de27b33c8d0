import { useEffect } from 'react';

import { useWorkbench } from '../store/store.ts';
import { commandForKey, runCommand } from './commands.ts';

/**
 * Installs the keyboard shortcuts. Keys are caught in the capture phase so they also work while
 * Monaco has focus.
 */
export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const command = commandForKey(event);
      if (command === null) {
        return;
      }
      event.preventDefault();
      event.stopPropagation();
      if (useWorkbench.getState().dialog.kind === 'none') {
        runCommand(command);
      }
    };

    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => {
      window.removeEventListener('keydown', onKeyDown, { capture: true });
    };
  }, []);
}
