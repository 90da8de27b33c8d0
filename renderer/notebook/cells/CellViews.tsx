/** The body and actions of each cell type in the notebook view. */
import { useState, type MouseEvent } from 'react';

import { summarizeEvaluation } from '../../../src/core/notebook/evaluation.ts';
import { CURVE_LAYOUT } from '../../../src/core/notebook/export/svgCharts.ts';

import {
  evaluationChartsHtml,
  evaluationMetricsHtml,
  renderCellBody,
} from '../../../src/core/notebook/export/cellHtml.ts';
import { renderMarkdown } from '../../../src/core/notebook/markdown.ts';
import type { RecheckFinding } from '../../../src/core/notebook/recheck.ts';
import { findingsHtml } from '../../../src/core/notebook/export/cellHtml.ts';
import { CELL_TYPES } from '../../../src/core/notebook/types.ts';
import type {
  Cell,
  ComparisonCell,
  DiffCell,
  EvaluationCell,
  ExplanationCell,
  MarkdownCell,
} from '../../../src/core/notebook/types.ts';
import { useWorkbench } from '../../store/store.ts';
import {
  compareModels,
  editMarkdown,
  evaluateInto,
  explainInto,
  rescoreDiffCell,
  setEvaluationThreshold,
  setTargetRecall,
} from '../cellActions.ts';
import { useNotebookDocument } from '../documentStore.ts';
import { workbenchDiffCell } from '../documentSync.ts';
import { openCellInEditor } from '../editorLink.ts';
import { CellFrame, RenderedHtml } from './CellFrame.tsx';
import { ModelSelect, useInstalledModelIds } from './ModelSelect.tsx';

function MarkdownBody(props: { cell: MarkdownCell }) {
  const { cell } = props;
  const editing = useNotebookDocument((state) => state.editingId === cell.id);
  const setEditing = useNotebookDocument((state) => state.setEditing);

  if (editing) {
    return (
      <div className="pl-nb-markdown-editor">
        <textarea
          autoFocus
          value={cell.source}
          placeholder="Write Markdown: # heading, **bold**, `code`, - list"
          data-testid="markdown-source"
          onChange={(event) => editMarkdown(cell.id, event.target.value)}
        />
        <button type="button" className="pl-button" onClick={() => setEditing(null)}>
          Done <kbd>Esc</kbd>
        </button>
      </div>
    );
  }

  const html = cell.source.trim() === ''
    ? '<p class="pl-nb-placeholder">Empty note. Double-click or press Enter to write.</p>'
    : renderMarkdown(cell.source);
  return (
    <div onDoubleClick={() => setEditing(cell.id)} title="Double-click to edit">
      <RenderedHtml className="pl-markdown" html={html} />
    </div>
  );
}

function DiffBody(props: { cell: DiffCell; findings: RecheckFinding[] }) {
  const editorCellId = useWorkbench((state) => state.cellId);
  useWorkbench((state) => state.scoreHistory);
  useWorkbench((state) => state.diffText);
  const live = props.cell.id === editorCellId ? (workbenchDiffCell() ?? props.cell) : props.cell;
  const note = live === props.cell ? '' : '<p class="pl-nb-note">Open in the editor: live view.</p>';
  return <RenderedHtml html={note + renderCellBody(live, props.findings)} />;
}

/** Sets the threshold to the curve point nearest a click on the PR or ROC chart. */
function pickThresholdOnChart(cell: EvaluationCell, event: MouseEvent<HTMLDivElement>): void {
  const svg = (event.target as Element).closest('svg');
  if (svg === null) return;
  const chart = svg.classList.contains('pl-chart-pr') ? 'pr' : 'roc';

  const box = svg.getBoundingClientRect();
  const scale = svg.viewBox.baseVal.width / box.width;
  const x = ((event.clientX - box.left) * scale - CURVE_LAYOUT.left) / CURVE_LAYOUT.width;
  const y = 1 - ((event.clientY - box.top) * scale - CURVE_LAYOUT.top) / CURVE_LAYOUT.height;

  const summary = summarizeEvaluation(cell);
  const points = chart === 'pr'
    ? summary.prCurve.map((point) => ({ threshold: point.threshold, at: [point.recall, point.precision] }))
    : summary.rocCurve.map((point) => ({
      threshold: point.threshold,
      at: [point.falsePositiveRate, point.truePositiveRate],
    }));

  let best: { threshold: number; distance: number } | null = null;
  for (const point of points) {
    if (!Number.isFinite(point.threshold)) continue;
    const distance = (point.at[0]! - x) ** 2 + (point.at[1]! - y) ** 2;
    if (best === null || distance < best.distance) best = { threshold: point.threshold, distance };
  }
  if (best !== null) setEvaluationThreshold(cell.id, best.threshold);
}

function EvaluationBody(props: { cell: EvaluationCell; findings: RecheckFinding[] }) {
  const { cell } = props;
  const recalls = [0.5, 0.8, 0.9, 0.95, 1];
  return (
    <>
      <RenderedHtml html={findingsHtml(props.findings)} />
      <p className="pl-model">
        {cell.model.id} on <strong>{cell.dataset.name}</strong>: {cell.dataset.rows} diffs,{' '}
        {cell.dataset.positives} labelled regressions, evaluated {cell.at}.
      </p>
      <div className="pl-slider">
        <label>
          Threshold
          <input type="range" min={0} max={1} step="any" value={cell.threshold}
            data-testid="threshold-slider" aria-label="Threshold"
            onChange={(event) => setEvaluationThreshold(cell.id, Number(event.target.value))} />
        </label>
        <output data-testid="threshold-value">{cell.threshold.toFixed(3)}</output>
        <label className="pl-nb-field">
          Skip share at recall
          <select value={cell.targetRecall}
            onChange={(event) => setTargetRecall(cell.id, Number(event.target.value))}>
            {recalls.map((recall) => (
              <option key={recall} value={recall}>{(recall * 100).toFixed(0)}%</option>
            ))}
          </select>
        </label>
      </div>
      <div className="pl-nb-pickable" title="Click a curve to pick the threshold of its nearest point"
        onClick={(event) => pickThresholdOnChart(cell, event)}>
        <RenderedHtml html={evaluationChartsHtml(cell, cell.threshold)} />
      </div>
      <RenderedHtml html={evaluationMetricsHtml(cell, cell.threshold)} />
    </>
  );
}

/** Buttons of a cell header, by cell type. */
function CellActions(props: { cell: Cell }) {
  const { cell } = props;
  const installed = useInstalledModelIds();
  const [extraModel, setExtraModel] = useState('');

  switch (cell.type) {
    case 'diff':
      return (
        <>
          <button type="button" className="pl-nb-text-button" data-testid="open-in-editor"
            onClick={() => void openCellInEditor(cell)}>Open in editor</button>
          <button type="button" className="pl-nb-text-button"
            onClick={() => void rescoreDiffCell(cell)}>Rescore</button>
        </>
      );
    case 'explanation':
      return (
        <button type="button" className="pl-nb-text-button" data-testid="recompute"
          onClick={() => void explainInto(cell.diff, cell.result.model.id, { replaceId: cell.id })}>
          Recompute
        </button>
      );
    case 'comparison': {
      const used = cell.results.map((result) => result.model.id);
      const candidates = installed.filter((id) => !used.includes(id));
      const chosen = candidates.includes(extraModel) ? extraModel : (candidates[0] ?? '');
      return (
        <>
          {candidates.length > 0 && (
            <>
              <select value={chosen} aria-label="Model to add"
                onChange={(event) => setExtraModel(event.target.value)}>
                {candidates.map((id) => <option key={id} value={id}>{id}</option>)}
              </select>
              <button type="button" className="pl-nb-text-button"
                onClick={() => void compareModels(cell.diff, [...used, chosen], { replaceId: cell.id })}>
                Add model
              </button>
            </>
          )}
          <button type="button" className="pl-nb-text-button" data-testid="recompute"
            onClick={() => void compareModels(cell.diff, used, { replaceId: cell.id })}>
            Recompute
          </button>
        </>
      );
    }
    case 'evaluation':
      return (
        <label className="pl-nb-text-button" title="Pick the dataset file again to re-run">
          Re-run…
          <input type="file" accept=".jsonl,.gz,.json" hidden
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file !== undefined) void evaluateInto(file, cell.model.id, { replaceId: cell.id });
            }} />
        </label>
      );
    default:
      return null;
  }
}

/** Renders one cell of the notebook view: frame, actions and body. */
export function CellView(props: { cell: Cell; index: number; count: number }) {
  const { cell } = props;
  const findings = useNotebookDocument((state) => state.findings);

  // A notebook from a newer PerfLens opens read-only and may contain cell types unknown here.
  if (!CELL_TYPES.includes(cell.type)) {
    return (
      <section className="pl-nb-cell" data-testid={`cell-${props.index}`}>
        <p className="pl-nb-empty pl-nb-unknown">
          Cell type {JSON.stringify(cell.type)} needs a newer PerfLens to show.
        </p>
      </section>
    );
  }

  const own = findings.filter((finding) => finding.cellId === cell.id);

  let body;
  switch (cell.type) {
    case 'markdown':
      body = <MarkdownBody cell={cell} />;
      break;
    case 'diff':
      body = <DiffBody cell={cell} findings={own} />;
      break;
    case 'evaluation':
      body = <EvaluationBody cell={cell} findings={own} />;
      break;
    default:
      body = <RenderedHtml html={renderCellBody(cell as ExplanationCell | ComparisonCell, own)} />;
  }

  return (
    <CellFrame cell={cell} index={props.index} count={props.count} actions={<CellActions cell={cell} />}>
      {body}
    </CellFrame>
  );
}

export { ModelSelect };
