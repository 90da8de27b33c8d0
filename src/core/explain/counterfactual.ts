/**
 * Counterfactual search: the smallest sets of edits that move the model's decision across its
 * threshold, after the greedy best-first search of Cito et al., "Counterfactual Explanations
 * for Models of Code" (ICSE SEIP 2022).
 *
 * Edit sets grow one edit at a time from the most promising set found so far. A set's priority
 * is its distance to the threshold in logits plus `sizePenalty` per edit (lower is better).
 * Children are scored in batches, and the search stops at the first child, in a seeded order,
 * whose decision flips. The sites a counterfactual used, and every site that
 * conflicts with them, are then excluded, and the search starts again from the unedited diff,
 * so later counterfactuals are disjoint from earlier ones. Scores are cached across restarts.
 */
import type { Patch } from '../diff/types.ts';
import type { Scorer } from '../model/types.ts';
import { AdaptiveBatcher, JobClock, logit, yieldToEventLoop } from './batching.ts';
import { decide } from './occlusion.ts';
import { PriorityQueue } from './priorityQueue.ts';
import { createRandom, randomPermutation } from './random.ts';
import { prepareSearchSites, type CounterfactualOptions } from './searchSites.ts';
import { SearchSpace, type Candidate } from './searchSpace.ts';
import type { Counterfactual, Decision, SearchTracePoint, StopReason } from './types.ts';

export type { CounterfactualOptions } from './searchSites.ts';

/** A streamed event: a found counterfactual, or one trace point per scored batch. */
export type CounterfactualEvent =
  | { type: 'counterfactual'; counterfactual: Counterfactual }
  | { type: 'trace'; point: SearchTracePoint };

export interface CounterfactualResult {
  decision: Decision;
  counterfactuals: Counterfactual[];
  trace: SearchTracePoint[];
  stopReason: StopReason;
  /** Number of edit sites the search could use. */
  sites: number;
  /** Edit sets scored by the model (cached repeats not counted). */
  scored: number;
  /**
   * Flipping edit sets dropped because their diff failed to parse in strict mode or its fresh
   * score did not flip. A nonzero count points at a diff-core or scorer inconsistency.
   */
  rejected: number;
  elapsedMs: number;
}

interface SearchNode {
  siteIds: number[];
  gap: number;
}

/**
 * Runs the search and streams its events; the generator's return value is the full result.
 * Stops on the requested number of counterfactuals, an exhausted search space, the time budget
 * or `signal`, which are checked before every batch. The result then contains what was found.
 */
export async function* streamCounterfactuals(
  scorer: Scorer,
  patch: Patch,
  options: CounterfactualOptions = {},
): AsyncGenerator<CounterfactualEvent, CounterfactualResult> {
  const clock = new JobClock(options.signal, options.timeBudgetMs ?? 10_000);
  const maxEdits = options.maxEdits ?? 3;
  const maxCounterfactuals = options.maxCounterfactuals ?? 3;
  const sizePenalty = options.sizePenalty ?? 0.1;
  if (!Number.isInteger(maxEdits) || maxEdits < 1) {
    throw new Error(`Invalid maxEdits ${maxEdits}; pass a whole number >= 1.`);
  }
  if (!Number.isInteger(maxCounterfactuals) || maxCounterfactuals < 1) {
    throw new Error(`Invalid maxCounterfactuals ${maxCounterfactuals}; pass a whole number >= 1.`);
  }

  const decision = await decide(scorer, patch, options.metadata);
  const sites = await prepareSearchSites(scorer, patch, options);
  const tieRank = new Array<number>(sites.length);
  randomPermutation(sites.length, createRandom(options.seed ?? 0)).forEach((site, rank) => {
    tieRank[site] = rank;
  });

  const batcher = new AdaptiveBatcher(scorer, options.metadata, options);
  const space = new SearchSpace(scorer, patch, sites, decision, batcher, options.metadata);
  const counterfactuals: Counterfactual[] = [];
  const trace: SearchTracePoint[] = [];
  const queue = new PriorityQueue<SearchNode>();
  let bestGap = Number.POSITIVE_INFINITY;
  let bestProbability = decision.probability;
  let stopReason: StopReason = 'exhausted';

  const gapOf = (probability: number): number => {
    const distance = logit(probability) - logit(decision.threshold);
    return decision.flagged ? distance : -distance;
  };
  const restart = (): void => {
    queue.clear();
    space.clearQueued();
    queue.push({ siteIds: [], gap: gapOf(decision.probability) }, 0);
  };
  restart();

  // The children of the unedited diff come in seeded order. Deeper children are sorted by how
  // close their added site's single edit came to a flip, ties in seeded order. Every single
  // edit is scored by then, because the unedited diff is expanded in full before any other set.
  const singleGap = (site: number): number => {
    const probability = space.singleProbability(site);
    return probability === null ? Number.POSITIVE_INFINITY : gapOf(probability);
  };
  const siteOrder = (root: boolean): number[] =>
    space
      .activeSiteIds()
      .sort((a, b) =>
        root ? tieRank[a]! - tieRank[b]! : singleGap(a) - singleGap(b) || tieRank[a]! - tieRank[b]!,
      );

  search: for (;;) {
    const node = queue.pop();
    if (node === undefined) break;
    if (node.siteIds.length >= maxEdits) continue;

    const children = space.childrenOf(node.siteIds, siteOrder(node.siteIds.length === 0));
    for (let next = 0; next < children.length; ) {
      await yieldToEventLoop();
      const reason = clock.stopReason();
      if (reason !== null) {
        stopReason = reason;
        break search;
      }

      const batch = space.takeBatch(children, next, batcher.nextBatchSize());
      next += batch.consumed;
      const scored = await space.score(batch.candidates);

      let batchBest: Candidate | null = null;
      for (const candidate of scored) {
        const gap = gapOf(candidate.probability);
        if (batchBest === null || gap < gapOf(batchBest.probability)) batchBest = candidate;
        if (gap < bestGap) {
          bestGap = gap;
          bestProbability = candidate.probability;
        }
      }

      if (batchBest !== null) {
        const point: SearchTracePoint = {
          step: trace.length,
          editCount: node.siteIds.length + 1,
          batchBestProbability: batchBest.probability,
          bestProbability,
          scored: batcher.scored,
          elapsedMs: clock.elapsedMs,
        };
        trace.push(point);
        options.onTrace?.(point);
        yield { type: 'trace', point };
      }

      // The first flip in child order, not the batch's best, so that results do not depend on
      // batch sizes, which follow measured time.
      const flips = scored.filter((candidate) => space.flips(candidate.probability));
      for (const flip of flips) {
        const counterfactual = await space.verify(flip, clock.elapsedMs);
        if (counterfactual === null) continue;

        counterfactuals.push(counterfactual);
        options.onCounterfactual?.(counterfactual);
        yield { type: 'counterfactual', counterfactual };
        if (counterfactuals.length >= maxCounterfactuals) {
          stopReason = 'complete';
          break search;
        }

        space.exclude(flip.siteIds);
        restart();
        continue search;
      }

      for (const candidate of scored) {
        // A flip that reaches this loop failed verification, so it is not expanded either.
        if (candidate.siteIds.length >= maxEdits || space.flips(candidate.probability)) continue;
        const gap = gapOf(candidate.probability);
        const priority = gap + sizePenalty * candidate.siteIds.length;
        queue.push({ siteIds: candidate.siteIds, gap }, priority);
      }
    }
  }

  return {
    decision,
    counterfactuals,
    trace,
    stopReason,
    sites: sites.length,
    scored: batcher.scored,
    rejected: space.rejected,
    elapsedMs: clock.elapsedMs,
  };
}

/** Runs the search to its end; `onCounterfactual` and `onTrace` receive the streamed events. */
export async function findCounterfactuals(
  scorer: Scorer,
  patch: Patch,
  options: CounterfactualOptions = {},
): Promise<CounterfactualResult> {
  const events = streamCounterfactuals(scorer, patch, options);
  for (;;) {
    const step = await events.next();
    if (step.done === true) return step.value;
  }
}
