/**
 * Keyboard shortcuts of the notebook view, as a pure mapping from key events to commands so
 * they can be tested without a browser. Plain keys act only outside text fields; Ctrl (Cmd on
 * macOS) combinations act everywhere except undo and redo inside a text field, which stay the
 * field's own.
 */

export type NotebookCommand =
  | 'select-previous'
  | 'select-next'
  | 'move-up'
  | 'move-down'
  | 'add-above'
  | 'add-below'
  | 'delete'
  | 'toggle-collapse'
  | 'edit'
  | 'stop-editing'
  | 'undo'
  | 'redo'
  | 'present'
  | 'slide-next'
  | 'slide-previous'
  | 'slide-first'
  | 'slide-last'
  | 'stop-presenting';

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** Shortcut list shown in the notebook toolbar's help, in display order. */
export const SHORTCUT_HELP: Array<[string, string]> = [
  ['\u2191 \u2193 / K J', 'select cell'],
  ['Alt+\u2191 / Alt+\u2193', 'move cell'],
  ['A / B', 'add note above / below'],
  ['Enter / Esc', 'edit note / stop'],
  ['O', 'collapse or expand'],
  ['Delete', 'delete cell'],
  ['Ctrl+Z / Ctrl+Shift+Z', 'undo / redo'],
  ['P', 'present (arrows, Esc)'],
];

/** Maps a key event in presentation mode to a command, or null. */
function presentationCommand(event: KeyInput): NotebookCommand | null {
  switch (event.key) {
    case 'ArrowRight':
    case 'ArrowDown':
    case 'PageDown':
    case ' ':
      return 'slide-next';
    case 'ArrowLeft':
    case 'ArrowUp':
    case 'PageUp':
      return 'slide-previous';
    case 'Home':
      return 'slide-first';
    case 'End':
      return 'slide-last';
    case 'Escape':
    case 'p':
    case 'P':
      return 'stop-presenting';
    default:
      return null;
  }
}

/** Maps a key event to a notebook command, or null when the key is not a shortcut here. */
export function notebookCommandForKey(
  event: KeyInput,
  context: { inTextField: boolean; presenting: boolean },
): NotebookCommand | null {
  if (context.presenting) return presentationCommand(event);

  const primary = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (primary && !event.altKey) {
    if (context.inTextField) return null;
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y') return 'redo';
    return null;
  }

  if (context.inTextField) return event.key === 'Escape' ? 'stop-editing' : null;
  if (primary) return null;

  if (event.altKey) {
    if (event.key === 'ArrowUp') return 'move-up';
    if (event.key === 'ArrowDown') return 'move-down';
    return null;
  }
  if (event.shiftKey) return null;

  switch (event.key) {
    case 'ArrowUp':
    case 'k':
      return 'select-previous';
    case 'ArrowDown':
    case 'j':
      return 'select-next';
    case 'a':
      return 'add-above';
    case 'b':
      return 'add-below';
    case 'Delete':
      return 'delete';
    case 'o':
      return 'toggle-collapse';
    case 'Enter':
      return 'edit';
    case 'p':
      return 'present';
    default:
      return null;
  }
}
