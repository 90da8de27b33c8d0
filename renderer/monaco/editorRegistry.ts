/**
 * The diff editor instance, registered by its view, so that other views (the file list, the
 * status bar) can move its cursor without holding a React ref.
 */
import type * as Monaco from 'monaco-editor';

let diffEditor: Monaco.editor.IStandaloneCodeEditor | null = null;

export function registerDiffEditor(editor: Monaco.editor.IStandaloneCodeEditor | null): void {
  diffEditor = editor;
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
