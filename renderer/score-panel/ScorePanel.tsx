/**
 * The score panel: probability against the threshold (colour plus words), the change from the
 * original diff, the session's sparkline, timings and backend. While the editor text does not
 * parse, the last valid score stays on screen, greyed, with a stale label.
 */
import { useEffect, useRef } from 'react';

import { staleLabel } from '../store/parseState.ts';
import { formatDelta, scoreDelta } from '../store/scoreHistory.ts';
import { useWorkbench } from '../store/store.ts';
import { drawProbabilityAxis } from './probabilityAxis.ts';
import { drawSparkline } from './sparkline.ts';
import { useElementWidth } from './useElementWidth.ts';
import './score-panel.css';

function formatMs(ms: number): string {
  return ms < 10 ? ms.toFixed(2) : ms.toFixed(0);
}

function Decision(props: { flagged: boolean }) {
  return props.flagged ? (
    <span className="pl-decision is-flagged" data-testid="score-decision">
      ▲ Flagged: likely regression
    </span>
  ) : (
    <span className="pl-decision" data-testid="score-decision">
      ● Not flagged
    </span>
  );
}

function Recheck() {
  const recheck = useWorkbench((state) => state.recheck);
  if (recheck === null) {
    return null;
  }
  return (
    <p className={`pl-recheck${recheck.matches ? '' : ' is-mismatch'}`} data-testid="score-recheck">
      {recheck.matches
        ? `Re-checked on open: matches the saved score ${recheck.savedProbability.toFixed(4)}.`
        : `Re-checked on open: ${recheck.recomputedProbability.toFixed(4)}, the notebook saved `
          + `${recheck.savedProbability.toFixed(4)}.`}
    </p>
  );
}

export function ScorePanel() {
  const bodyRef = useRef<HTMLDivElement>(null);
  const axisRef = useRef<SVGSVGElement>(null);
  const sparkRef = useRef<SVGSVGElement>(null);
  const width = useElementWidth(bodyRef);

  const score = useWorkbench((state) => state.currentScore);
  const original = useWorkbench((state) => state.originalScore);
  const history = useWorkbench((state) => state.scoreHistory);
  const parse = useWorkbench((state) => state.parse);
  const pending = useWorkbench((state) => state.scorePending);
  const scoreError = useWorkbench((state) => state.scoreError);
  const activeModel = useWorkbench((state) =>
    state.models.find((model) => model.id === state.activeModelId) ?? null);

  const threshold = score?.threshold ?? activeModel?.manifest?.threshold ?? null;
  const stale = score === null ? null : staleLabel(parse);
  const delta = scoreDelta(score?.probability ?? null, original?.probability ?? null);

  useEffect(() => {
    if (axisRef.current === null || threshold === null) {
      return;
    }
    drawProbabilityAxis(axisRef.current, {
      width,
      probability: score?.probability ?? null,
      original: original?.probability ?? null,
      threshold,
      flagged: score?.flagged ?? false,
    });
  }, [width, score, original, threshold]);

  useEffect(() => {
    if (sparkRef.current !== null) {
      drawSparkline(sparkRef.current, history, threshold, width);
    }
  }, [width, history, threshold]);

  const deltaClass = delta === null || Math.abs(delta) < 0.0005
    ? 'pl-delta'
    : delta > 0 ? 'pl-delta is-up' : 'pl-delta is-down';

  return (
    <section className="pl-panel pl-score-panel" data-testid="score-panel">
      <header className="pl-panel-header">
        <span>Regression score</span>
        <span className="pl-panel-meta">{pending ? 'scoring…' : (activeModel?.id ?? '')}</span>
      </header>
      <div
        className={`pl-score-body${stale === null ? '' : ' is-stale'}`}
        ref={bodyRef}
        data-stale={stale === null ? 'false' : 'true'}
      >
        {stale !== null && (
          <p className="pl-stale-label" data-testid="score-stale">{stale}</p>
        )}
        <div className="pl-score-headline">
          <span
            className={`pl-score-value${score?.flagged ? ' is-flagged' : ''}`}
            data-testid="score-value"
            title="Probability that this change introduces a CPU performance regression"
          >
            {score === null ? '—' : score.probability.toFixed(4)}
          </span>
          {score !== null && <Decision flagged={score.flagged} />}
        </div>
        {threshold === null ? (
          <p className="pl-empty" data-testid="score-empty">
            Pick a model and paste a diff to see its score.
          </p>
        ) : (
          <svg ref={axisRef} className="pl-axis-svg" role="img" aria-label="Probability axis" />
        )}
        <dl className="pl-score-facts">
          <dt title="Change of the probability from the original diff">vs original</dt>
          <dd className={deltaClass} data-testid="score-delta">
            {formatDelta(delta)}
            {original !== null && (
              <span className="pl-fact-note"> from {original.probability.toFixed(4)}</span>
            )}
          </dd>
          <dt>Threshold</dt>
          <dd data-testid="score-threshold">{threshold === null ? 'n/a' : threshold.toFixed(4)}</dd>
          <dt>Timings</dt>
          <dd data-testid="score-timings">
            {score === null
              ? 'n/a'
              : `${formatMs(score.timings.featurizeMs)} ms featurize · `
                + `${formatMs(score.timings.inferMs)} ms infer`}
          </dd>
          <dt>Backend</dt>
          <dd>
            <span className="pl-backend-chip" data-testid="score-backend">
              {score?.backend ?? 'n/a'}
            </span>
          </dd>
        </dl>
        <div className="pl-spark">
          <span className="pl-spark-label">
            Session: {history.length} {history.length === 1 ? 'score' : 'scores'}
          </span>
          <svg ref={sparkRef} className="pl-spark-svg" role="img" aria-label="Score history" />
        </div>
        {score?.coverage?.truncated === true && (
          <p className="pl-coverage-note" data-testid="score-coverage">
            This model reads only the start of a diff, up to patch line
            {` ${score.coverage.lastReadPatchLine}`}. Attributions and counterfactuals skip the
            text after it.
          </p>
        )}
        <Recheck />
        {scoreError !== null && <p className="pl-score-error" role="alert">{scoreError}</p>}
      </div>
    </section>
  );
}
