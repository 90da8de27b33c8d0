/**
 * Pure helpers for the score panel: the editing session's score history, the change against the
 * original diff and the stale label. They hold no state so that tests can check them directly.
 */
import type { ScoreRecord } from '../../src/core/notebook/types.ts';

/**
 * Maximum records kept in a cell's score history. Every edit adds one, so a long session would
 * otherwise grow the notebook file without bound; 500 records are about 60 KB of JSON.
 */
export const MAX_SCORE_HISTORY = 500;

/**
 * Appends a score to the history, oldest first, keeping the newest `max` records. A record for
 * the same diff text with the same probability as the last one is not appended again, so
 * re-scoring unchanged text (opening a notebook, switching backends) leaves the history as is.
 */
export function appendScore(
  history: readonly ScoreRecord[],
  record: ScoreRecord,
  max: number = MAX_SCORE_HISTORY,
): ScoreRecord[] {
  const last = history[history.length - 1];
  if (last !== undefined && isSameScore(last, record)) {
    return [...history];
  }

  const next = [...history, record];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** Tolerance under which two probabilities of the same text count as the same score. */
export const SAME_SCORE_TOLERANCE = 1e-6;

function isSameScore(a: ScoreRecord, b: ScoreRecord): boolean {
  return (
    a.diffHash === b.diffHash &&
    a.threshold === b.threshold &&
    Math.abs(a.probability - b.probability) <= SAME_SCORE_TOLERANCE
  );
}

/** Returns the current probability minus the original diff's, or null when either is missing. */
export function scoreDelta(current: number | null, original: number | null): number | null {
  if (current === null || original === null) {
    return null;
  }
  return current - original;
}

/**
 * Formats a probability change with an explicit sign and three decimals ("+0.042", "-0.130",
 * "±0.000"). Changes that round to zero get "±" so a reader never sees "-0.000".
 */
export function formatDelta(delta: number | null): string {
  if (delta === null) {
    return 'n/a';
  }

  const rounded = Math.round(delta * 1000) / 1000;
  if (rounded === 0) {
    return '±0.000';
  }
  const sign = rounded > 0 ? '+' : '-';
  return `${sign}${Math.abs(rounded).toFixed(3)}`;
}

/** Result of comparing a re-computed score with the score a notebook saved for the same text. */
export interface ScoreRecheck {
  savedProbability: number;
  recomputedProbability: number;
  matches: boolean;
}

/**
 * Compares the score re-computed on open with the last saved record. Returns null when the
 * notebook saved no score for exactly this text (its diff hash differs), since then there is
 * nothing to compare.
 */
export function recheckScore(
  saved: ScoreRecord | undefined,
  recomputed: { probability: number; diffHash: string },
  tolerance: number = 1e-4,
): ScoreRecheck | null {
  if (saved === undefined || saved.diffHash !== recomputed.diffHash) {
    return null;
  }

  const difference = Math.abs(saved.probability - recomputed.probability);
  return {
    savedProbability: saved.probability,
    recomputedProbability: recomputed.probability,
    matches: difference <= tolerance,
  };
}
