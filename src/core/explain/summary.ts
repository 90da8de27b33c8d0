/**
 * Dataset-level quality figures of counterfactual explanations: how often a counterfactual
 * exists, how many edits it needs, how long the search takes, and which tokens the
 * counterfactuals change most often (what the model relies on).
 */
import { bowTokens } from '../tokenize/bow.ts';
import type { CounterfactualResult } from './counterfactual.ts';
import type { EditKind, StopReason } from './types.ts';

/** The search result of one explained diff, with its label when known. */
export interface ExplainedDiff {
  id: string;
  /** 1 for a known regression, 0 for a known non-regression, null when unlabelled. */
  label: 0 | 1 | null;
  result: CounterfactualResult;
}

export interface TokenCount {
  token: string;
  tokenEdits: number;
  lineEdits: number;
  diffs: number;
}

/** Count, mean, median and 90th percentile of a list of numbers (NaN when it is empty). */
export interface Distribution {
  count: number;
  mean: number;
  median: number;
  p90: number;
}

export interface ExplanationSummary {
  explained: number;
  /** Diffs with at least one counterfactual. */
  withCounterfactual: number;
  /** Same count among diffs labelled 1 and labelled 0. */
  withCounterfactualByLabel: {
    positive: [found: number, total: number];
    negative: [found: number, total: number];
  };
  /** Edits per counterfactual, over all counterfactuals found. */
  edits: Distribution;
  /** Milliseconds from the start of a search to its first counterfactual. */
  firstCounterfactualMs: Distribution;
  /** Milliseconds of a whole search, per explained diff. */
  searchMs: Distribution;
  stopReasons: Record<StopReason, number>;
  editKinds: Record<EditKind, number>;
  /**
   * Tokens that counterfactual edits change, in Bag of Words form (lowercased subwords, `+` on
   * added lines, `-` on removed lines), most frequent first. `tokenEdits` counts token edits
   * (deleted or replaced), `lineEdits` counts line edits (deleted or restored lines) whose line
   * contains the token, and `diffs` counts the explained diffs with either.
   */
  tokens: TokenCount[];
}

/** Returns the distribution of `values`, with the median and p90 by linear interpolation. */
export function distribution(values: readonly number[]): Distribution {
  if (values.length === 0) {
    return { count: 0, mean: Number.NaN, median: Number.NaN, p90: Number.NaN };
  }

  const sorted = [...values].sort((a, b) => a - b);
  const quantile = (q: number): number => {
    const position = q * (sorted.length - 1);
    const lower = Math.floor(position);
    const upper = Math.ceil(position);
    return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
  };
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return { count: sorted.length, mean, median: quantile(0.5), p90: quantile(0.9) };
}

/** Aggregates the search results of many diffs. */
export function summarizeExplanations(explained: readonly ExplainedDiff[]): ExplanationSummary {
  const stopReasons: Record<StopReason, number> = {
    complete: 0,
    exhausted: 0,
    'time-budget': 0,
    aborted: 0,
  };
  const editKinds: Record<EditKind, number> = {
    'delete-token': 0,
    'replace-token': 0,
    'delete-line': 0,
    'restore-line': 0,
    'drop-hunk': 0,
  };
  const positive: [number, number] = [0, 0];
  const negative: [number, number] = [0, 0];
  const editCounts: number[] = [];
  const firstMs: number[] = [];
  const searchMs: number[] = [];
  const tokenCounts = new Map<string, Omit<TokenCount, 'token' | 'diffs'> & { ids: Set<string> }>();
  const countToken = (token: string, id: string, kind: 'tokenEdits' | 'lineEdits'): void => {
    const entry = tokenCounts.get(token) ?? { tokenEdits: 0, lineEdits: 0, ids: new Set() };
    entry[kind]++;
    entry.ids.add(id);
    tokenCounts.set(token, entry);
  };
  let withCounterfactual = 0;

  for (const { id, label, result } of explained) {
    const found = result.counterfactuals.length > 0;
    stopReasons[result.stopReason]++;
    searchMs.push(result.elapsedMs);
    if (found) {
      withCounterfactual++;
      firstMs.push(result.counterfactuals[0]!.elapsedMs);
    }

    if (label !== null) {
      const byLabel = label === 1 ? positive : negative;
      byLabel[1]++;
      if (found) byLabel[0]++;
    }

    for (const counterfactual of result.counterfactuals) {
      editCounts.push(counterfactual.edits.length);
      for (const edit of counterfactual.edits) {
        editKinds[edit.kind]++;
        if (edit.kind === 'delete-token' || edit.kind === 'replace-token') {
          countToken(`+${edit.before.toLowerCase()}`, id, 'tokenEdits');
        }
        if (edit.kind === 'delete-line' || edit.kind === 'restore-line') {
          const prefix = edit.kind === 'delete-line' ? '+' : '-';
          const lineTokens = new Set(bowTokens(edit.before).map((token) => prefix + token.text));
          for (const token of lineTokens) countToken(token, id, 'lineEdits');
        }
      }
    }
  }

  const tokens = [...tokenCounts]
    .map(([token, entry]): TokenCount => {
      const { tokenEdits, lineEdits } = entry;
      return { token, tokenEdits, lineEdits, diffs: entry.ids.size };
    })
    .sort(
      (a, b) =>
        b.diffs - a.diffs ||
        b.tokenEdits + b.lineEdits - (a.tokenEdits + a.lineEdits) ||
        (a.token < b.token ? -1 : 1),
    );

  return {
    explained: explained.length,
    withCounterfactual,
    withCounterfactualByLabel: { positive, negative },
    edits: distribution(editCounts),
    firstCounterfactualMs: distribution(firstMs),
    searchMs: distribution(searchMs),
    stopReasons,
    editKinds,
    tokens,
  };
}
