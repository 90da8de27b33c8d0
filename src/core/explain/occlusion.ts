/**
 * Occlusion attributions: the change of the model's score when one item of the diff is taken
 * away. A token or an added line is deleted, a removed line is restored (so the change no
 * longer removes it), a hunk is dropped. Works for every model through the Scorer interface.
 */
import type { Patch } from '../diff/types.ts';
import { inputCoverage, type ChangeMetadata, type Scorer } from '../model/types.ts';
import type { LineTokenizer } from '../tokenize/diffTokens.ts';
import { applyEdit, isDiffEditError } from './applyEdits.ts';
import {
  AdaptiveBatcher,
  JobClock,
  logit,
  yieldToEventLoop,
  type BatchingOptions,
} from './batching.ts';
import { enumerateEditSites } from './sites.ts';
import type {
  AttributionLevel,
  Decision,
  Edit,
  EditKind,
  EditSite,
  EditSitePredicate,
  StopReason,
} from './types.ts';

/** The score change of one occluded item. */
export interface OcclusionAttribution {
  level: AttributionLevel;
  /** The occluding edit; its position is where the UI draws the attribution. */
  edit: Edit;
  /** Probability of the diff with this item occluded. */
  occludedProbability: number;
  /** Probability of the diff minus `occludedProbability`: positive when the item raises it. */
  attribution: number;
  /** The same difference in logits, which does not saturate near 0 and 1. */
  logitAttribution: number;
  /** 1-based rank by |logitAttribution| among the items of the same level. */
  rank: number;
}

export interface OcclusionOptions extends BatchingOptions {
  /** Levels to attribute; default token, line and hunk. */
  levels?: readonly AttributionLevel[];
  tokenizeLine?: LineTokenizer;
  /** Keeps only the items it accepts. */
  predicate?: EditSitePredicate;
  metadata?: ChangeMetadata;
  signal?: AbortSignal;
  /** Time budget in ms; default unlimited. */
  timeBudgetMs?: number;
  /** Receives the attributions of every scored batch; their `rank` is 0 until the job ends. */
  onAttributions?: (attributions: OcclusionAttribution[]) => void;
}

export interface OcclusionResult {
  decision: Decision;
  /** Attributions ordered by level (token, line, hunk), then by rank. */
  attributions: OcclusionAttribution[];
  /** `complete`, or why the job stopped early with only part of the items scored. */
  stopReason: StopReason;
  scored: number;
  elapsedMs: number;
}

const LEVEL_OF_KIND: Partial<Record<EditKind, AttributionLevel>> = {
  'delete-token': 'token',
  'delete-line': 'line',
  'restore-line': 'line',
  'drop-hunk': 'hunk',
};

const KINDS_OF_LEVEL: Record<AttributionLevel, EditKind[]> = {
  token: ['delete-token'],
  line: ['delete-line', 'restore-line'],
  hunk: ['drop-hunk'],
};

const LEVEL_ORDER: readonly AttributionLevel[] = ['token', 'line', 'hunk'];

function tryApplyEdit(patch: Patch, site: EditSite): Patch | null {
  try {
    return applyEdit(patch, site);
  } catch (error) {
    if (isDiffEditError(error)) return null;
    throw error;
  }
}

/** Scores the diff itself and returns the model's decision on it. */
export async function decide(
  scorer: Scorer,
  patch: Patch,
  metadata?: ChangeMetadata,
): Promise<Decision> {
  const result = await scorer.score(patch, metadata);
  return {
    probability: result.probability,
    logit: logit(result.probability),
    threshold: result.threshold,
    flagged: result.flagged,
  };
}

/** Sets `rank` within each level and sorts by level, then rank (ties keep document order). */
function rankAttributions(attributions: OcclusionAttribution[]): OcclusionAttribution[] {
  const ranked: OcclusionAttribution[] = [];
  for (const level of LEVEL_ORDER) {
    const ofLevel = attributions
      .filter((item) => item.level === level)
      .sort((a, b) => Math.abs(b.logitAttribution) - Math.abs(a.logitAttribution));
    ofLevel.forEach((item, index) => ranked.push({ ...item, rank: index + 1 }));
  }
  return ranked;
}

/**
 * Computes occlusion attributions at the requested levels. Cancellable through `signal` and
 * limited by `timeBudgetMs`; on either, it returns the items scored so far.
 */
export async function occlusionAttributions(
  scorer: Scorer,
  patch: Patch,
  options: OcclusionOptions = {},
): Promise<OcclusionResult> {
  const clock = new JobClock(options.signal, options.timeBudgetMs ?? Number.POSITIVE_INFINITY);
  const decision = await decide(scorer, patch, options.metadata);
  const levels = options.levels ?? LEVEL_ORDER;
  const sites = enumerateEditSites(patch, {
    kinds: levels.flatMap((level) => KINDS_OF_LEVEL[level]),
    tokenizeLine: options.tokenizeLine,
    predicate: options.predicate,
    lastPatchLine: inputCoverage(scorer, patch).lastReadPatchLine,
  });

  const batcher = new AdaptiveBatcher(scorer, options.metadata, options);
  const attributions: OcclusionAttribution[] = [];
  let stopReason: StopReason = 'complete';
  let next = 0;

  while (next < sites.length) {
    await yieldToEventLoop();
    const reason = clock.stopReason();
    if (reason !== null) {
      stopReason = reason;
      break;
    }

    const batch: EditSite[] = [];
    const occluded: Patch[] = [];
    const size = batcher.nextBatchSize();
    for (; next < sites.length && batch.length < size; next++) {
      // The diff core rejects a few edits (see isDiffEditError); those items get no attribution.
      const site = sites[next]!;
      const edited = tryApplyEdit(patch, site);
      if (edited === null) continue;
      batch.push(site);
      occluded.push(edited);
    }
    const probabilities = await batcher.score(occluded);

    const scored = batch.map((site, i): OcclusionAttribution => {
      const occludedProbability = probabilities[i]!;
      return {
        level: LEVEL_OF_KIND[site.kind]!,
        edit: { kind: site.kind, position: site.position, before: site.before, after: site.after },
        occludedProbability,
        attribution: decision.probability - occludedProbability,
        logitAttribution: decision.logit - logit(occludedProbability),
        rank: 0,
      };
    });
    attributions.push(...scored);
    options.onAttributions?.(scored);
  }

  return {
    decision,
    attributions: rankAttributions(attributions),
    stopReason,
    scored: batcher.scored,
    elapsedMs: clock.elapsedMs,
  };
}
