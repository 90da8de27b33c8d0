/**
 * Row models of the explanation views: the attribution ranking of lines and hunks, the
 * counterfactual list, and the search chart's series. Pure, so the D3 views only draw.
 */
import type {
  AttributionLevel,
  Counterfactual,
  SearchTracePoint,
} from '../../src/core/explain/types.ts';
import type { AttributionItem } from '../workers/explainProtocol.ts';
import { editPhrase, shortenCode, type PhrasePart } from './editWords.ts';

/** One ranked line or hunk. */
export interface RankingRow {
  /** Stable key for D3's data join: level and patch line. */
  key: string;
  level: Exclude<AttributionLevel, 'token'>;
  /** 1-based line of the diff text: the line itself, or the hunk's header. */
  patchLine: number;
  /** `L12` for a line, `hunk L5` for a hunk. */
  label: string;
  /** The line text or hunk header, shortened. */
  text: string;
  /** Change of the logit; positive pushes the score up. */
  logit: number;
  path: string;
}

/**
 * Returns the lines and hunks ranked by |logit|, largest first, at most `limit` of each level.
 * Items with a logit of exactly zero are left out: they carry no information.
 */
export function rankingRows(items: readonly AttributionItem[], limit = 40): RankingRow[] {
  const rows: RankingRow[] = [];
  for (const level of ['hunk', 'line'] as const) {
    const ranked = items
      .filter((item) => item.level === level && item.logit !== 0)
      .sort((a, b) => Math.abs(b.logit) - Math.abs(a.logit))
      .slice(0, limit);

    for (const item of ranked) {
      const patchLine = item.position.patchLine;
      rows.push({
        key: `${level}:${patchLine}`,
        level,
        patchLine,
        label: level === 'line' ? `L${patchLine}` : `hunk L${patchLine}`,
        text: shortenCode(item.text),
        logit: item.logit,
        path: item.position.path,
      });
    }
  }
  return rows;
}

/** One counterfactual as the panel shows it. */
export interface CounterfactualRow {
  /** Index in the search's list, also the key for D3's data join. */
  index: number;
  /** Each edit's description as words and code parts. */
  edits: PhrasePart[][];
  probabilityBefore: number;
  probabilityAfter: number;
  /** True when the edited diff is flagged. */
  flaggedAfter: boolean;
  /** Time from the start of the search until this counterfactual was found, in ms. */
  elapsedMs: number;
}

export function counterfactualRows(
  counterfactuals: readonly Counterfactual[],
): CounterfactualRow[] {
  return counterfactuals.map((counterfactual, index) => ({
    index,
    edits: counterfactual.edits.map(editPhrase),
    probabilityBefore: counterfactual.probabilityBefore,
    probabilityAfter: counterfactual.probabilityAfter,
    flaggedAfter: counterfactual.flaggedAfter,
    elapsedMs: counterfactual.elapsedMs,
  }));
}

/** Series of the search chart: the best probability so far after each scored batch. */
export interface SearchSeries {
  points: { step: number; best: number; batchBest: number; editCount: number }[];
  /** Probability of the unedited diff. */
  start: number;
  threshold: number;
  /** Best probability reached over the whole search. */
  closest: number;
  /** Distance from `closest` to the threshold in probability; 0 or less means it flipped. */
  remainingGap: number;
}

/** Builds the search chart's series from a trace and the decision on the unedited diff. */
export function searchSeries(
  trace: readonly SearchTracePoint[],
  start: number,
  threshold: number,
  flaggedBefore: boolean,
): SearchSeries {
  const points = trace.map((point) => ({
    step: point.step,
    best: point.bestProbability,
    batchBest: point.batchBestProbability,
    editCount: point.editCount,
  }));
  const closest = points.length === 0 ? start : points[points.length - 1]!.best;
  const remainingGap = flaggedBefore ? closest - threshold : threshold - closest;
  return { points, start, threshold, closest, remainingGap };
}

/** Formats a duration for the progress line: `850 ms`, `4.2 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(1)} s`;
}

/** Progress of a running search, such as `1,240 candidates scored · 2.1 s of 10.0 s`. */
export function searchProgressText(scored: number, elapsedMs: number, budgetMs: number): string {
  const noun = scored === 1 ? 'candidate' : 'candidates';
  const candidates = `${scored.toLocaleString('en-US')} ${noun}`;
  return `${candidates} scored · ${formatDuration(elapsedMs)} of ${formatDuration(budgetMs)}`;
}
