/**
 * The form that creates a computed cell: a diff cell, an explanation, a model comparison or an
 * evaluation. Cells enter the notebook only once computed, so every stored cell is valid.
 */
import { useState } from 'react';

import { createMarkdownCell } from '../../src/core/notebook/create.ts';
import type { CellType } from '../../src/core/notebook/types.ts';
import { useWorkbench } from '../store/store.ts';
import {
  addCell,
  compareModels,
  createDiffCellFrom,
  evaluateInto,
  explainInto,
  lastFailure,
} from './cellActions.ts';
import { ModelSelect, useInstalledModelIds } from './cells/ModelSelect.tsx';
import { useNotebookDocument } from './documentStore.ts';

export interface ComposerTarget {
  type: CellType;
  /** Position of the new cell in the list. */
  index: number;
}

const TITLES: Record<CellType, string> = {
  markdown: 'New note',
  diff: 'New diff cell: score a diff',
  explanation: 'New explanation: attributions and counterfactuals',
  comparison: 'New comparison: one diff, several models',
  evaluation: 'New evaluation: a model on a labelled dataset file',
};

/** Creates a markdown cell at once; other types open the composer. */
export function startCell(target: ComposerTarget, open: (target: ComposerTarget) => void): void {
  if (target.type !== 'markdown') {
    open(target);
    return;
  }
  const cell = createMarkdownCell('');
  addCell(cell, target.index);
  useNotebookDocument.getState().setEditing(cell.id);
}

export function CellComposer(props: { target: ComposerTarget; onClose: () => void }) {
  const { target } = props;
  const installed = useInstalledModelIds();
  const editorDiff = useWorkbench((state) => state.diffText);
  const [diff, setDiff] = useState(editorDiff);
  const [modelId, setModelId] = useState(installed[0] ?? '');
  const [compared, setCompared] = useState<string[]>(installed.slice(0, 3));
  const [file, setFile] = useState<File | null>(null);
  const [running, setRunning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const needsDiff = target.type !== 'evaluation';
  const ready =
    !running &&
    installed.length > 0 &&
    (needsDiff ? diff.trim() !== '' : file !== null) &&
    (target.type !== 'comparison' || compared.length > 0);

  const create = async () => {
    setRunning(true);
    setFailure(null);
    const index = { index: target.index };
    let created = false;
    if (target.type === 'diff') created = await createDiffCellFrom(diff, modelId, target.index);
    if (target.type === 'explanation') created = await explainInto(diff, modelId, index);
    if (target.type === 'comparison') created = await compareModels(diff, compared, index);
    if (target.type === 'evaluation' && file !== null) {
      created = await evaluateInto(file, modelId, index);
    }
    setRunning(false);

    // A failed computation keeps the form open with its input, so nothing typed is lost.
    if (created) props.onClose();
    else setFailure(lastFailure);
  };

  return (
    <section className="pl-nb-composer" data-testid="composer" data-composer-type={target.type}>
      <header>{TITLES[target.type]}</header>
      {installed.length === 0 && <p className="pl-nb-note">No model is installed.</p>}

      {needsDiff && (
        <textarea value={diff} data-testid="composer-diff" spellCheck={false}
          placeholder="Paste a unified diff (the editor's diff is filled in)"
          onChange={(event) => setDiff(event.target.value)} />
      )}

      {failure !== null && <p className="pl-nb-error" role="alert">{failure}</p>}

      <div className="pl-nb-composer-row">
        {target.type === 'comparison' ? (
          <fieldset className="pl-nb-models">
            <legend>Models</legend>
            {installed.map((id) => (
              <label key={id}>
                <input type="checkbox" checked={compared.includes(id)}
                  onChange={(event) => setCompared(event.target.checked
                    ? [...compared, id]
                    : compared.filter((other) => other !== id))} />
                {id}
              </label>
            ))}
          </fieldset>
        ) : (
          <ModelSelect value={modelId} onChange={setModelId} testId="composer-model" />
        )}

        {target.type === 'evaluation' && (
          <label className="pl-nb-field">
            Dataset (JSON Lines with diff and label, .gz allowed)
            <input type="file" accept=".jsonl,.gz,.json" data-testid="composer-file"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)} />
          </label>
        )}

        <span className="pl-nb-spacer" />
        <button type="button" className="pl-button" onClick={props.onClose}>Cancel</button>
        <button type="button" className="pl-button is-primary" disabled={!ready}
          data-testid="composer-create" onClick={() => void create()}>
          {running ? 'Computing…' : 'Create cell'}
        </button>
      </div>
    </section>
  );
}
