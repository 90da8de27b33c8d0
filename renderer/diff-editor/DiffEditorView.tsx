/**
 * The main editor: Monaco on the unified diff, with +/- line decorations, hunk header styling,
 * parse markers, and the hunk count quick fix. Edits go to the store on every change.
 */
import { useEffect, useRef } from 'react';
import type * as Monaco from 'monaco-editor';

import { editDiff } from '../app/editActions.ts';
import { DIFF_LANGUAGE_ID } from '../monaco/diffLanguage.ts';
import {
  DIFF_MARKER_OWNER,
  DIFF_MARKER_SOURCE,
  HUNK_COUNT_MARKER_CODE,
} from '../monaco/diffActions.ts';
import { registerDiffEditor } from '../monaco/editorRegistry.ts';
import { monaco } from '../monaco/setup.ts';
import type { ParseState } from '../store/parseState.ts';
import { useWorkbench } from '../store/store.ts';
import { styledLines, type StyledLine, type StyledLineKind } from './lineKinds.ts';
import './diff-editor.css';

const LINE_STYLE: Record<StyledLineKind, Monaco.editor.IModelDecorationOptions> = {
  'file-header': { isWholeLine: true, className: 'pl-line-file-header' },
  'hunk-header': {
    isWholeLine: true,
    className: 'pl-line-hunk-header',
    overviewRuler: { color: '#56b6c280', position: 1 },
  },
  // Added and removed lines carry no overview ruler mark: with a thousand of them Monaco spent
  // about 22 ms per keystroke collecting ruler decorations. Hunk headers mark the ruler instead.
  added: {
    isWholeLine: true,
    className: 'pl-line-added',
    linesDecorationsClassName: 'pl-gutter-added',
    minimap: { color: '#3fb95080', position: 1 },
  },
  removed: {
    isWholeLine: true,
    className: 'pl-line-removed',
    linesDecorationsClassName: 'pl-gutter-removed',
    minimap: { color: '#f8514980', position: 1 },
  },
  marker: { isWholeLine: true, className: 'pl-line-marker' },
};

function lineDecorations(lines: readonly StyledLine[]): Monaco.editor.IModelDeltaDecoration[] {
  return lines.map(({ line, kind }) => ({
    range: new monaco.Range(line, 1, line, 1),
    options: LINE_STYLE[kind],
  }));
}

/** Compact text form of styled lines, to skip redrawing decorations that did not change. */
function styleSignature(lines: readonly StyledLine[]): string {
  return lines.map(({ line, kind }) => `${line}${kind[0]}`).join(',');
}

function parseMarkers(
  model: Monaco.editor.ITextModel,
  parse: ParseState,
): Monaco.editor.IMarkerData[] {
  const toMarker = (
    problem: { message: string; line: number; column: number },
    severity: Monaco.MarkerSeverity,
    code?: string,
  ): Monaco.editor.IMarkerData => {
    const line = Math.min(Math.max(problem.line, 1), model.getLineCount());
    const endColumn = model.getLineMaxColumn(line);
    const column = Math.min(Math.max(problem.column, 1), endColumn);
    return {
      severity,
      message: problem.message,
      startLineNumber: line,
      startColumn: column,
      endLineNumber: line,
      endColumn,
      source: DIFF_MARKER_SOURCE,
      ...(code === undefined ? {} : { code }),
    };
  };

  if (parse.status === 'error') {
    return [toMarker(parse.error, monaco.MarkerSeverity.Error)];
  }
  if (parse.status === 'ok') {
    return parse.warnings.map((warning) =>
      toMarker(
        { ...warning, message: `${warning.message} Quick fix (Ctrl+.): fix hunk headers.` },
        monaco.MarkerSeverity.Warning,
        HUNK_COUNT_MARKER_CODE,
      ),
    );
  }
  return [];
}

export function DiffEditorView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneCodeEditor | null>(null);
  const decorationsRef = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null);
  const unreadRef = useRef<Monaco.editor.IEditorDecorationsCollection | null>(null);
  const signatureRef = useRef('');
  const applyingStoreText = useRef(false);
  const textRevision = useWorkbench((state) => state.textRevision);
  const parse = useWorkbench((state) => state.parse);
  const readOnly = useWorkbench((state) => state.readOnly);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) {
      return;
    }

    const model = monaco.editor.createModel(useWorkbench.getState().diffText, DIFF_LANGUAGE_ID);
    const editor = monaco.editor.create(container, {
      model,
      automaticLayout: true,
      fontSize: 13,
      lineHeight: 19,
      fontFamily: "'JetBrains Mono', 'DejaVu Sans Mono', 'Liberation Mono', monospace",
      minimap: { enabled: true, renderCharacters: false, scale: 1 },
      renderWhitespace: 'trailing',
      placeholder: 'Paste a unified diff (git diff output) here, or press Ctrl+N.',
      scrollBeyondLastLine: false,
      glyphMargin: false,
      lineDecorationsWidth: 6,
      wordWrap: 'off',
      trimAutoWhitespace: false,
      insertSpaces: false,
      detectIndentation: false,
      stickyScroll: { enabled: false },
      ariaLabel: 'Unified diff editor. Tab inserts a tab. Press Ctrl+M, or Ctrl+Shift+M on '
        + 'macOS, to make Tab move focus out of the editor.',
    });
    editorRef.current = editor;
    decorationsRef.current = editor.createDecorationsCollection();
    unreadRef.current = editor.createDecorationsCollection();
    registerDiffEditor(editor);

    const subscription = editor.onDidChangeModelContent(() => {
      if (!applyingStoreText.current) {
        editDiff(model.getValue());
      }
    });

    return () => {
      subscription.dispose();
      registerDiffEditor(null);
      editor.dispose();
      model.dispose();
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (editor === null || editor === undefined || model === null || model === undefined) {
      return;
    }

    const { diffText, textReplaceKind } = useWorkbench.getState();
    if (model.getValue() === diffText) {
      return;
    }

    // NOTE: Monaco stores one line ending per model, so a diff that mixes LF and CRLF is shown
    // (and saved after the next edit) with the model's dominant line ending.
    applyingStoreText.current = true;
    try {
      if (textReplaceKind === 'load') {
        model.setValue(diffText);
        editor.setScrollPosition({ scrollTop: 0, scrollLeft: 0 });
      } else {
        editor.pushUndoStop();
        editor.executeEdits('perflens', [{ range: model.getFullModelRange(), text: diffText }]);
        editor.pushUndoStop();
      }
    } finally {
      applyingStoreText.current = false;
    }
  }, [textRevision]);

  useEffect(() => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (editor === null || editor === undefined || model === null || model === undefined) {
      return;
    }

    monaco.editor.setModelMarkers(model, DIFF_MARKER_OWNER, parseMarkers(model, parse));
    if (parse.status !== 'ok') {
      return;
    }

    // Replacing about a thousand decorations costs about 55 ms per keystroke on a 2,000-line
    // diff in headless Chromium, and typing inside a line changes no line kind, so the set is
    // replaced only when a line changed kind or moved.
    const lines = styledLines(parse.patch);
    const signature = styleSignature(lines);
    if (signature !== signatureRef.current) {
      signatureRef.current = signature;
      decorationsRef.current?.set(lineDecorations(lines));
    }
  }, [parse]);

  useEffect(() => {
    editorRef.current?.updateOptions({ readOnly });
  }, [readOnly]);

  // Fades the text after the last line a length-limited model reads, such as the generic
  // Transformer's first 256 subwords, so that missing attributions there do not read as zero.
  // A text replacement collapses decorations, so they are set again after every parse.
  const lastReadLine = useWorkbench((state) => {
    const coverage = state.currentScore?.coverage;
    return coverage?.truncated === true ? coverage.lastReadPatchLine : null;
  });
  useEffect(() => {
    const unread = unreadRef.current;
    const model = editorRef.current?.getModel();
    if (unread === null || model === null || model === undefined) {
      return;
    }

    const lineCount = model.getLineCount();
    if (lastReadLine === null || lastReadLine >= lineCount) {
      unread.clear();
      return;
    }
    unread.set([{
      range: new monaco.Range(lastReadLine + 1, 1, lineCount, model.getLineMaxColumn(lineCount)),
      options: {
        inlineClassName: 'pl-unread-text',
        hoverMessage: {
          value: `The model does not read this part: its input ends at line ${lastReadLine}.`,
        },
      },
    }]);
  }, [lastReadLine, parse]);

  return <div className="pl-editor" data-testid="diff-editor" ref={containerRef} />;
}
