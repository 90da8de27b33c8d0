/**
 * The Counterfactuals tab: search options, progress with a Stop button, and the D3 list of
 * counterfactuals. Hovering a row outlines its edits in the editor, Preview opens a diff editor
 * and Apply puts the counterfactual into the editor. While no counterfactual is found, the tab
 * charts the search's best score per step against the threshold.
 */
import { useEffect, useMemo, useRef } from 'react';

import { logit } from '../../src/core/explain/batching.ts';
import type { Decision } from '../../src/core/explain/types.ts';
import { useElementWidth } from '../score-panel/useElementWidth.ts';
import { useWorkbench } from '../store/store.ts';
import { drawCounterfactualList } from './counterfactualList.ts';
import { applyCounterfactual } from './explainActions.ts';
import { requestSearch, stopSearch } from './explainScheduler.ts';
import { useExplain, type SearchState } from './explainStore.ts';
import { counterfactualRows, searchProgressText, searchSeries } from './rows.ts';
import { SearchOptions } from './SearchOptions.tsx';
import { searchEndText, searchSummaryText } from './searchSummary.ts';
import { drawSearchChart } from './searchChart.ts';

function Progress(props: { search: SearchState }) {
  const { search } = props;
  const last = search.trace[search.trace.length - 1];
  const scored = last?.scored ?? 0;
  const elapsed = last?.elapsedMs ?? 0;

  if (search.status === 'running') {
    const share = Math.min(elapsed / search.budgetMs, 1);
    return (
      <div className="pl-cf-progress" data-testid="search-progress">
        <span className="pl-spinner" aria-hidden="true" />
        <span>{searchProgressText(scored, elapsed, search.budgetMs)}</span>
        <span className="pl-cf-progress-track">
          <span className="pl-cf-progress-fill" style={{ width: `${(share * 100).toFixed(1)}%` }} />
        </span>
        <span>{search.counterfactuals.length} found</span>
      </div>
    );
  }
  if (search.status === 'waiting') {
    return (
      <div className="pl-cf-progress">
        Queued: the search starts after a pause in typing, once the attributions are done.
      </div>
    );
  }
  if (search.status === 'error') {
    return <div className="pl-cf-progress is-error" role="alert">{search.error}</div>;
  }
  if (search.status === 'idle') {
    return <div className="pl-cf-progress">Press Search to look for counterfactuals.</div>;
  }

  return (
    <div className="pl-cf-progress" data-testid="search-summary"
      data-stop-cause={search.stopCause ?? undefined}>
      {searchSummaryText(search)}
    </div>
  );
}

/** Caption of the search chart: how close the search came, and whether it was exhaustive. */
function chartCaption(search: SearchState, maxEdits: number): string {
  if (search.status === 'running') return 'Searching. The chart shows the closest score so far.';
  if (search.stopReason === 'exhausted') {
    return `No set of up to ${maxEdits} edits flips the decision.`;
  }
  const ending = search.stopReason === 'aborted'
    ? `before it was ${searchEndText(search)}`
    : 'within its time budget';
  return `The search found no counterfactual of up to ${maxEdits} edits ${ending}.`;
}

function NothingFlips(props: {
  search: SearchState;
  maxEdits: number;
  /** Decision on the unedited diff from the live score, until the search reports its own. */
  unedited: Decision | null;
}) {
  const bodyRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const width = useElementWidth(bodyRef);
  const { search } = props;
  const decision = search.decision ?? props.unedited;
  const series = useMemo(
    () => decision === null
      ? null
      : searchSeries(search.trace, decision.probability, decision.threshold, decision.flagged),
    [search.trace, decision],
  );

  useEffect(() => {
    if (svgRef.current !== null && series !== null) drawSearchChart(svgRef.current, series, width);
  }, [series, width]);

  if (series === null) return null;
  return (
    <div className="pl-search-chart" ref={bodyRef} data-testid="search-chart">
      <p className="pl-explain-caption">
        {chartCaption(search, props.maxEdits)} Closest:{' '}
        <strong>{series.closest.toFixed(4)}</strong> against the threshold{' '}
        {series.threshold.toFixed(4)}, {Math.abs(series.remainingGap).toFixed(4)} short.
      </p>
      <svg ref={svgRef} role="img" aria-label="Best probability per scored batch" />
    </div>
  );
}

export function CounterfactualPanel() {
  const listRef = useRef<HTMLDivElement>(null);
  const search = useExplain((state) => state.search);
  const maxEdits = useExplain((state) => state.settings.maxEdits);
  const previewIndex = useExplain((state) => state.previewIndex);
  const setHighlight = useExplain((state) => state.setHighlight);
  const setPreview = useExplain((state) => state.setPreview);
  const applicable = useWorkbench((state) => state.diffText === search.diff);
  const rows = useMemo(() => counterfactualRows(search.counterfactuals), [search.counterfactuals]);
  // The search reports its decision when it ends; until then the manifest has the threshold.
  const manifestThreshold = useWorkbench((state) =>
    state.models.find((model) => model.id === state.activeModelId)?.manifest?.threshold ?? 0.5);
  const threshold = search.decision?.threshold ?? manifestThreshold;

  useEffect(() => {
    if (listRef.current === null) return;
    drawCounterfactualList(
      listRef.current,
      { rows, threshold, previewIndex, applicable },
      {
        onHover: (index) => setHighlight(index === null ? null : { kind: 'counterfactual', index }),
        onPreview: (index) => setPreview(index),
        onApply: (index) => applyCounterfactual(index),
      },
    );
  }, [rows, threshold, previewIndex, applicable, setHighlight, setPreview]);

  useEffect(() => () => setHighlight(null), [setHighlight]);

  const running = search.status === 'running' || search.status === 'waiting';
  const ended = search.status === 'done' || search.status === 'running';
  const nothingFlips = ended && rows.length === 0 && search.trace.length > 0;
  const liveScore = useWorkbench((state) => state.currentScore);
  const unedited = useMemo((): Decision | null => {
    if (liveScore === null || !applicable) return null;
    const { probability, threshold, flagged } = liveScore;
    return { probability, threshold, flagged, logit: logit(probability) };
  }, [liveScore, applicable]);
  return (
    <div className="pl-explain-tab" data-testid="counterfactual-panel">
      <div className="pl-explain-toolbar">
        <SearchOptions />
        {running ? (
          <button type="button" className="pl-button is-danger" data-testid="search-stop"
            onClick={stopSearch}>
            Stop
          </button>
        ) : (
          <button type="button" className="pl-button is-primary" data-testid="search-start"
            onClick={requestSearch}>
            Search
          </button>
        )}
      </div>
      <Progress search={search} />
      <div className={`pl-explain-scroll${applicable ? '' : ' is-stale'}`}>
        <div className="pl-cf-list" ref={listRef} />
        {nothingFlips && <NothingFlips search={search} maxEdits={maxEdits} unedited={unedited} />}
      </div>
    </div>
  );
}
