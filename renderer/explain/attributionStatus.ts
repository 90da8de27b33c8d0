/**
 * Status text of the attribution bar: the running job's progress, or the finished job's result
 * (occlusion count, or integrated gradients' completeness check), labelled by the job's own
 * method. Pure, so the wording is tested under Node.
 */
import type { StopReason } from '../../src/core/explain/types.ts';
import type { AttributionState } from './explainStore.ts';
import { formatDuration } from './rows.ts';

export interface AttributionStatus {
  text: string;
  /** Tooltip with detail that the bar has no room for; the text itself when absent. */
  title?: string;
  warn: boolean;
}

const METHOD_NAMES = {
  occlusion: 'occlusion',
  'integrated-gradients': 'integrated gradients',
} as const;

/** Describes why a job ended early, or returns null when it completed. */
function stopWords(reason: StopReason | null): string | null {
  if (reason === null || reason === 'complete') return null;
  if (reason === 'aborted') return 'stopped';
  if (reason === 'time-budget') return 'stopped at its time budget';
  return `stopped: ${reason}`;
}

/**
 * Returns the state of a running job with its elapsed time taken as at least `now - startedAt`
 * (both from performance.now()), because progress arrives only between steps. A job that is
 * not running keeps the time it reported.
 */
export function withRunningTime(
  state: AttributionState,
  startedAt: number,
  now: number,
): AttributionState {
  if (state.status !== 'running') return state;
  return { ...state, elapsedMs: Math.max(state.elapsedMs, now - startedAt) };
}

/** Describes the progress of a running job, such as `path points 16 of 17 · 1.2 s`. */
function runningText(state: AttributionState): string {
  const of = state.total > 0 ? ` of ${state.total}` : '';
  // Integrated gradients evaluates the gradient at steps + 1 points of the path, and its
  // progress counts those points, so "steps" would be one too many.
  const work = state.method === 'integrated-gradients' ? 'path points' : 'scoring';
  return `${work} ${state.scored}${of} · ${formatDuration(state.elapsedMs)}`;
}

/** Builds the verdict of the completeness check, with the full check as a tooltip. */
function completenessStatus(state: AttributionState, stale: string): AttributionStatus | null {
  const check = state.completeness;
  if (check === null) return null;

  const verdict = check.passed
    ? 'completeness ✓'
    : `completeness FAILED, error ${check.absoluteError.toExponential(1)}`;
  const change = check.logitInput - check.logitBaseline;
  const tolerance = Math.max(check.absoluteTolerance, check.relativeTolerance * Math.abs(change));
  const title =
    `Completeness check ${check.passed ? 'passed' : 'failed'}: the attributions sum to ` +
    `${check.attributionSum.toFixed(4)} and the logit moves ${change.toFixed(4)} from the ` +
    `baseline, an error of ${check.absoluteError.toExponential(1)} logit against a ` +
    `tolerance of ${tolerance.toExponential(1)}.`;
  return {
    text: `${verdict} · ${formatDuration(state.elapsedMs)}${stale}`,
    title,
    warn: !check.passed,
  };
}

/** Returns the bar's status for the attribution job `state` and the editor text. */
export function attributionStatus(state: AttributionState, diffText: string): AttributionStatus {
  if (state.status === 'error') return { text: state.error ?? 'failed', warn: true };
  if (state.status === 'waiting') return { text: 'waiting for a pause in typing…', warn: false };
  if (state.status === 'running') return { text: runningText(state), warn: false };
  if (state.status === 'idle') return { text: '', warn: false };

  const stale = state.diff !== diffText ? ' (older text)' : '';
  const checked = completenessStatus(state, stale);
  if (checked !== null) return checked;

  const duration = formatDuration(state.elapsedMs);
  const stopped = stopWords(state.stopReason);
  const warn = state.stopReason === 'time-budget';
  if (state.method === 'integrated-gradients') {
    // An integrated-gradients run without a completeness check ended before its last path
    // point, and a partial integral gives no attributions.
    const of = state.total > 0 ? ` after ${state.scored} of ${state.total} path points` : '';
    const text = `${METHOD_NAMES[state.method]} ${stopped ?? 'stopped'}${of} · ${duration}`;
    return { text: `${text}${stale}`, warn };
  }

  const noun = state.scored === 1 ? 'occlusion' : 'occlusions';
  const partial = stopped === null ? '' : ` · ${stopped}`;
  return { text: `${state.scored} ${noun} · ${duration}${partial}${stale}`, warn };
}
