/** The workbench's dark Monaco theme, matched to the CSS variables in styles.css. */
import type * as Monaco from 'monaco-editor';

export const WORKBENCH_THEME = 'perflens-dark';

export function defineWorkbenchTheme(monaco: typeof Monaco): void {
  monaco.editor.defineTheme(WORKBENCH_THEME, {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'keyword.file', foreground: 'e2c08d', fontStyle: 'bold' },
      { token: 'string.path', foreground: 'd7ba7d' },
      { token: 'comment.meta', foreground: '7f848e' },
      { token: 'comment.mail', foreground: '7f848e', fontStyle: 'italic' },
      { token: 'comment.marker', foreground: '7f848e', fontStyle: 'italic' },
      { token: 'comment.signature', foreground: '7f848e' },
      { token: 'type.hunk', foreground: '56b6c2', fontStyle: 'bold' },
      { token: 'comment.section', foreground: '8ea5b9', fontStyle: 'italic' },
      { token: 'markup.inserted', foreground: 'a6e3a1' },
      { token: 'markup.deleted', foreground: 'f5a3a3' },
      { token: 'source.context', foreground: 'c8ccd4' },
    ],
    colors: {
      'editor.background': '#1b1e24',
      'editorGutter.background': '#1b1e24',
      'editor.lineHighlightBackground': '#262a33',
      'editorLineNumber.foreground': '#5c6370',
      'editorLineNumber.activeForeground': '#abb2bf',
      'diffEditor.insertedLineBackground': '#2ea04326',
      'diffEditor.removedLineBackground': '#f8514926',
      'diffEditor.insertedTextBackground': '#2ea04355',
      'diffEditor.removedTextBackground': '#f8514955',
    },
  });
}
