/**
 * The diff editor instance, registered by its view, so that other views (the file list, the
 * status bar, the explanation views) can move its cursor or decorate it without a React ref.
 */
import type * as Monaco from 'monaco-editor';

type DiffEditorListener = (editor: Monaco.editor.IStandaloneCodeEditor | null) => void;

let diffEditor: Monaco.editor.IStandaloneCodeEditor | null = null;
const listeners = new Set<DiffEditorListener>();

export function registerDiffEditor(editor: Monaco.editor.IStandaloneCodeEditor | null): void {
  diffEditor = editor;
  for (const listener of listeners) {
    listener(editor);
  }
}

/**
 * Calls `listener` with the current diff editor (or null) now and on every later change, such
 * as when the editor view remounts. Returns the function that removes the listener.
 */
export function watchDiffEditor(listener: DiffEditorListener): () => void {
  listeners.add(listener);
  listener(diffEditor);
  return () => listeners.delete(listener);
}

/** Scrolls the diff editor to a 1-based line, puts the cursor there and focuses it. */
export function revealDiffLine(line: number, column = 1): void {
  if (diffEditor === null) {
    return;
  }
  diffEditor.revealLineInCenterIfOutsideViewport(line);
  diffEditor.setPosition({ lineNumber: line, column });
  diffEditor.focus();
}
