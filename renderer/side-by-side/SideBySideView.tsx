/**
 * Side-by-side Monaco diff editor of the selected file: the old fragment that the hunks show
 * against the new one. Change counts are read only after Monaco's diff-updated event, because
 * the diff is computed asynchronously in the editor worker.
 */
import { useDeferredValue, useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';

import { fileSides } from '../../src/core/diff/index.ts';
import { replaceChangedRange } from '../monaco/minimalEdit.ts';
import { monaco } from '../monaco/setup.ts';
import { useWorkbench } from '../store/store.ts';
import { useLastValidPatch } from '../store/useLastValidPatch.ts';
import { fileRows } from '../file-list/fileRows.ts';

interface SideModels {
  original: Monaco.editor.ITextModel;
  modified: Monaco.editor.ITextModel;
  language: string;
}

/** Line change counts of the last computed diff, or null while Monaco computes it. */
interface ChangeSummary {
  regions: number;
  addedLines: number;
  removedLines: number;
}

function summarize(changes: readonly Monaco.editor.ILineChange[]): ChangeSummary {
  let addedLines = 0;
  let removedLines = 0;
  for (const change of changes) {
    if (change.modifiedEndLineNumber >= change.modifiedStartLineNumber) {
      addedLines += change.modifiedEndLineNumber - change.modifiedStartLineNumber + 1;
    }
    if (change.originalEndLineNumber >= change.originalStartLineNumber) {
      removedLines += change.originalEndLineNumber - change.originalStartLineNumber + 1;
    }
  }
  return { regions: changes.length, addedLines, removedLines };
}

const EMPTY_SIDES = { oldText: '', newText: '', language: 'plaintext' };

export function SideBySideView() {
  const containerRef = useRef<HTMLDivElement>(null);
  const editorRef = useRef<Monaco.editor.IStandaloneDiffEditor | null>(null);
  const modelsRef = useRef<SideModels | null>(null);
  const [summary, setSummary] = useState<ChangeSummary | null>(null);
  // Deferred, so a burst of keystrokes updates this view once instead of on every key.
  const patch = useDeferredValue(useLastValidPatch());
  const selectedIndex = useWorkbench((state) => state.selectedFileIndex);
  const file = patch?.files[selectedIndex] ?? null;
  const row = patch === null ? null : (fileRows(patch)[selectedIndex] ?? null);

  useEffect(() => {
    const container = containerRef.current;
    if (container === null) {
      return;
    }

    const editor = monaco.editor.createDiffEditor(container, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      fontSize: 12,
      lineHeight: 17,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderOverviewRuler: false,
      hideUnchangedRegions: { enabled: false },
      ignoreTrimWhitespace: false,
    });
    editorRef.current = editor;
    const subscription = editor.onDidUpdateDiff(() => {
      setSummary(summarize(editor.getLineChanges() ?? []));
    });

    return () => {
      subscription.dispose();
      editor.dispose();
      modelsRef.current?.original.dispose();
      modelsRef.current?.modified.dispose();
      modelsRef.current = null;
      editorRef.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = editorRef.current;
    if (editor === null) {
      return;
    }

    const sides = file === null ? EMPTY_SIDES : fileSides(file);
    const current = modelsRef.current;
    if (current !== null && current.language === sides.language) {
      replaceChangedRange(current.original, sides.oldText);
      replaceChangedRange(current.modified, sides.newText);
      return;
    }

    const next: SideModels = {
      original: monaco.editor.createModel(sides.oldText, sides.language),
      modified: monaco.editor.createModel(sides.newText, sides.language),
      language: sides.language,
    };
    setSummary(null);
    editor.setModel({ original: next.original, modified: next.modified });
    current?.original.dispose();
    current?.modified.dispose();
    modelsRef.current = next;
  }, [file]);

  return (
    <section className="pl-panel pl-side-by-side" data-testid="side-by-side">
      <header className="pl-panel-header">
        <span>
          Old ⟷ new
          {row !== null && <span className="pl-side-path">{row.path}</span>}
        </span>
        <span className="pl-panel-meta" data-testid="side-by-side-summary">
          {summary === null
            ? 'computing…'
            : `${summary.regions} changed ${summary.regions === 1 ? 'region' : 'regions'} · `
              + `+${summary.addedLines} -${summary.removedLines} lines`}
        </span>
      </header>
      <div className="pl-side-editor" ref={containerRef} />
    </section>
  );
}
