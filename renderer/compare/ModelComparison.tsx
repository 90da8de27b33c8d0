/**
 * The Models tab: every installed model's score of the editor text, refreshed after edits, and
 * the change metadata that the code-opaque model reads. The metadata also applies to the live
 * score and to explanations.
 */
import { useEffect, useMemo, useRef } from 'react';

import { TENURE_BUCKETS } from '../../src/core/features/opaque.ts';
import { useWorkbench } from '../store/store.ts';
import { drawComparison } from './comparisonChart.ts';
import { comparisonRows } from './comparisonRows.ts';
import { useComparison } from './comparisonStore.ts';
import './compare.css';

/** Tenure buckets of the installed code-opaque model, or the dataset's buckets without one. */
function useTenureBuckets(): readonly string[] {
  return useWorkbench((state) => {
    const opaque = state.models.find((model) => model.manifest?.family === 'opaque');
    const buckets = opaque?.manifest?.features.tenureBuckets;
    return Array.isArray(buckets) ? (buckets as string[]) : TENURE_BUCKETS;
  });
}

const METADATA_TITLE = 'Facts a diff cannot show. An unknown value is featurized as the most '
  + 'common value in training.';

/** Returns a whole number >= 0 from an input's text, or null (unknown) for empty or invalid. */
function parseCount(text: string): number | null {
  if (text.trim() === '') return null;
  const value = Math.round(Number(text));
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function MetadataInputs() {
  const metadata = useComparison((state) => state.metadata);
  const setMetadata = useComparison((state) => state.setMetadata);
  const buckets = useTenureBuckets();

  return (
    <div className="pl-cmp-metadata" data-testid="comparison-metadata">
      <span className="pl-cmp-metadata-title" title={METADATA_TITLE}>
        Change metadata
      </span>
      <label className="pl-option">
        Author tenure
        <select className="pl-select" value={metadata.authorTenure ?? ''}
          data-testid="metadata-tenure"
          onChange={(event) => setMetadata({ authorTenure: event.target.value || null })}>
          <option value="">unknown</option>
          {buckets.map((bucket) => (
            <option key={bucket} value={bucket}>{bucket} earlier commits</option>
          ))}
        </select>
      </label>
      <label className="pl-option">
        Test files changed
        <input className="pl-input pl-cmp-number" type="number" min={0} step={1}
          placeholder="unknown" data-testid="metadata-test-files"
          value={metadata.testFilesChanged ?? ''}
          onChange={(event) => setMetadata({ testFilesChanged: parseCount(event.target.value) })} />
      </label>
      <span className="pl-cmp-hint">
        Used by code-opaque models, the live score and explanations.
      </span>
    </div>
  );
}

export function ModelComparison() {
  const listRef = useRef<HTMLDivElement>(null);
  const models = useWorkbench((state) => state.models);
  const activeModelId = useWorkbench((state) => state.activeModelId);
  const stale = useWorkbench((state) => state.parse.status !== 'ok');
  const results = useComparison((state) => state.results);
  const running = useComparison((state) => state.running);
  const rows = useMemo(
    () => comparisonRows(models, results, activeModelId),
    [models, results, activeModelId],
  );

  useEffect(() => {
    if (listRef.current !== null) drawComparison(listRef.current, rows);
  }, [rows]);

  const flagged = rows.filter((row) => row.flagged === true).length;
  const scored = rows.filter((row) => row.status === 'ok').length;
  return (
    <div className="pl-explain-tab" data-testid="model-comparison">
      <MetadataInputs />
      <div className="pl-explain-toolbar">
        <span className="pl-explain-caption" data-testid="comparison-summary">
          {running ? <span className="pl-spinner" aria-hidden="true" /> : null}
          {rows.length === 0
            ? 'No installed model has a valid bundle.'
            : `${flagged} of ${scored} scored models flag this diff. Each bar runs from 0 to 1; `
              + 'the shaded part is at or above that model\'s threshold.'}
        </span>
        {stale && <span className="pl-explain-stale">the diff does not parse: older scores</span>}
      </div>
      <div className={`pl-explain-scroll${stale ? ' is-stale' : ''}`}>
        <div className="pl-cmp-list" ref={listRef} />
      </div>
    </div>
  );
}
