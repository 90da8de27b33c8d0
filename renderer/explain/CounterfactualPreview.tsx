/**
 * Preview of one counterfactual: a Monaco diff editor of the explained diff text (left) against
 * the counterfactual's diff text (right), with Apply and Close. Escape closes it. Monaco
 * computes the diff in its editor worker, so the view marks itself ready only after Monaco's
 * diff-updated event.
 */
import { useEffect, useRef, useState } from 'react';
import type * as Monaco from 'monaco-editor';

import { DIFF_LANGUAGE_ID } from '../monaco/diffLanguage.ts';
import { monaco } from '../monaco/setup.ts';
import { useWorkbench } from '../store/store.ts';
import { describeEdits } from './editWords.ts';
import { applyCounterfactual } from './explainActions.ts';
import { useExplain } from './explainStore.ts';

export function CounterfactualPreview() {
  const containerRef = useRef<HTMLDivElement>(null);
  const [changes, setChanges] = useState<number | null>(null);
  const index = useExplain((state) => state.previewIndex);
  const setPreview = useExplain((state) => state.setPreview);
  const search = useExplain((state) => state.search);
  const applicable = useWorkbench((state) => state.diffText === search.diff);
  const counterfactual = index === null ? undefined : search.counterfactuals[index];

  useEffect(() => {
    const container = containerRef.current;
    if (container === null || counterfactual === undefined || search.diff === null) return;

    const original = monaco.editor.createModel(search.diff, DIFF_LANGUAGE_ID);
    const modified = monaco.editor.createModel(counterfactual.diff, DIFF_LANGUAGE_ID);
    const editor: Monaco.editor.IStandaloneDiffEditor = monaco.editor.createDiffEditor(container, {
      readOnly: true,
      originalEditable: false,
      automaticLayout: true,
      renderSideBySide: true,
      useInlineViewWhenSpaceIsLimited: false,
      fontSize: 12,
      lineHeight: 18,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      hideUnchangedRegions: { enabled: true, contextLineCount: 4, minimumLineCount: 6 },
      ignoreTrimWhitespace: false,
    });
    editor.setModel({ original, modified });
    setChanges(null);
    const subscription = editor.onDidUpdateDiff(() => {
      const lineChanges = editor.getLineChanges() ?? [];
      setChanges(lineChanges.length);
      const first = lineChanges[0];
      if (first !== undefined) {
        editor.getModifiedEditor().revealLineInCenter(Math.max(first.modifiedStartLineNumber, 1));
      }
    });

    return () => {
      subscription.dispose();
      editor.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [counterfactual, search.diff]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        setPreview(null);
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [setPreview]);

  if (index === null || counterfactual === undefined) return null;
  const { probabilityBefore, probabilityAfter, flaggedAfter } = counterfactual;
  return (
    <div className="pl-preview-backdrop" onMouseDown={() => setPreview(null)}>
      <div className="pl-preview" role="dialog" aria-modal="true" data-testid="counterfactual-diff"
        data-ready={changes === null ? 'false' : 'true'} data-changes={changes ?? ''}
        aria-label={`Preview of counterfactual ${index + 1}`}
        onMouseDown={(event) => event.stopPropagation()}>
        <header className="pl-preview-header">
          <h2 className="pl-preview-title">Counterfactual #{index + 1}</h2>
          <span className="pl-preview-scores">
            {probabilityBefore.toFixed(4)} →{' '}
            <span className={flaggedAfter ? 'pl-cf-after is-flagged' : 'pl-cf-after'}>
              {probabilityAfter.toFixed(4)}
            </span>
            {flaggedAfter ? ' flagged' : ' not flagged'}
          </span>
          <span className="pl-preview-sides">current diff ⟷ counterfactual</span>
        </header>
        <p className="pl-preview-edits" title={describeEdits(counterfactual.edits)}>
          {describeEdits(counterfactual.edits)}
        </p>
        <div className="pl-preview-editor" ref={containerRef} />
        <footer className="pl-preview-actions">
          <span className="pl-preview-hint">
            {applicable ? 'Apply makes one edit in the editor: Ctrl+Z there undoes it.'
              : 'The diff changed since this search, so this counterfactual no longer applies.'}
          </span>
          <button type="button" className="pl-button" onClick={() => setPreview(null)}>
            Close
          </button>
          <button type="button" className="pl-button is-primary" disabled={!applicable}
            data-testid="preview-apply" onClick={() => applyCounterfactual(index)}>
            Apply
          </button>
        </footer>
      </div>
    </div>
  );
}
