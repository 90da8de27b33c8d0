/**
 * The edit sets of one counterfactual search. It builds sets from the active sites, caches
 * their scores across restarts, and checks every flip with a strict parse and a fresh score of
 * its diff text.
 */
import { parsePatch } from '../diff/parse.ts';
import { serializePatch } from '../diff/serialize.ts';
import type { Patch } from '../diff/types.ts';
import type { ChangeMetadata, Scorer } from '../model/types.ts';
import { applyEdits, isDiffEditError } from './applyEdits.ts';
import { logit, type AdaptiveBatcher } from './batching.ts';
import { editsConflict } from './sites.ts';
import type { Counterfactual, Decision, Edit, EditSite } from './types.ts';

/** A scored edit set; `siteIds` are sorted ascending. */
export interface Candidate {
  siteIds: number[];
  probability: number;
}

/**
 * Cache value of an edit set that yields no valid diff with changes: the diff core rejected an
 * edit, or no added or removed line is left. No model scores such a set.
 */
const INVALID = Number.NaN;

function keyOf(siteIds: readonly number[]): string {
  return siteIds.join(',');
}

function hasChanges(patch: Patch): boolean {
  return patch.files.some((file) =>
    file.hunks.some((hunk) =>
      hunk.lines.some((line) => line.kind === 'added' || line.kind === 'removed'),
    ),
  );
}

export class SearchSpace {
  /** Flipping edit sets whose diff failed the strict parse or the fresh score. */
  rejected = 0;
  private readonly cache = new Map<string, number>();
  private readonly rejectedKeys = new Set<string>();
  private readonly queued = new Set<string>();
  private readonly excluded: boolean[];

  constructor(
    private readonly scorer: Scorer,
    private readonly patch: Patch,
    private readonly sites: readonly EditSite[],
    private readonly decision: Decision,
    private readonly batcher: AdaptiveBatcher,
    private readonly metadata: ChangeMetadata | undefined,
  ) {
    this.excluded = sites.map(() => false);
  }

  /** Returns true when `probability` lies on the other side of the threshold. */
  flips(probability: number): boolean {
    const flagged = probability >= this.decision.threshold;
    return flagged !== this.decision.flagged;
  }

  /** Returns the cached probability of the single edit `siteId`, or null when unscored. */
  singleProbability(siteId: number): number | null {
    const probability = this.cache.get(String(siteId));
    return probability === undefined || Number.isNaN(probability) ? null : probability;
  }

  /** Ids of the sites that are not excluded. */
  activeSiteIds(): number[] {
    return this.sites.filter((site) => !this.excluded[site.id]).map((site) => site.id);
  }

  /** Forgets which sets were generated, after a restart from the unedited diff. */
  clearQueued(): void {
    this.queued.clear();
  }

  /** Excludes the given sites and every site that conflicts with one of them. */
  exclude(siteIds: readonly number[]): void {
    for (const used of siteIds) {
      for (const site of this.sites) {
        if (editsConflict(site, this.sites[used]!)) this.excluded[site.id] = true;
      }
    }
  }

  /**
   * Lists the children of an edit set in `order`: the set plus one active site that is not in
   * it and conflicts with none of its edits, skipping sets generated before.
   */
  childrenOf(siteIds: readonly number[], order: readonly number[]): number[][] {
    const members = siteIds.map((id) => this.sites[id]!);
    const children: number[][] = [];
    for (const id of order) {
      if (this.excluded[id] || siteIds.includes(id)) continue;
      const site = this.sites[id]!;
      if (members.some((member) => editsConflict(member, site))) continue;

      const child = [...siteIds, id].sort((a, b) => a - b);
      if (this.queued.has(keyOf(child))) continue;
      children.push(child);
    }
    return children;
  }

  /**
   * Takes children from index `from` until `size` of them need the model; cached children ride
   * along for free. Marks the taken children as generated.
   */
  takeBatch(
    children: readonly number[][],
    from: number,
    size: number,
  ): { candidates: number[][]; consumed: number } {
    const candidates: number[][] = [];
    let uncached = 0;
    let index = from;
    while (index < children.length && uncached < size) {
      const child = children[index]!;
      const key = keyOf(child);
      index++;
      if (this.queued.has(key)) continue;

      this.queued.add(key);
      candidates.push(child);
      if (!this.cache.has(key)) uncached++;
    }
    return { candidates, consumed: index - from };
  }

  /** Scores the uncached sets in one model batch; returns every set that has a valid score. */
  async score(candidates: readonly number[][]): Promise<Candidate[]> {
    const toScore: { key: string; patch: Patch }[] = [];
    for (const siteIds of candidates) {
      const key = keyOf(siteIds);
      if (this.cache.has(key)) continue;

      const patch = this.tryEditedPatch(siteIds);
      if (patch !== null && hasChanges(patch)) toScore.push({ key, patch });
      else this.cache.set(key, INVALID);
    }

    const probabilities = await this.batcher.score(toScore.map((item) => item.patch));
    toScore.forEach((item, i) => this.cache.set(item.key, probabilities[i]!));

    const scored: Candidate[] = [];
    for (const siteIds of candidates) {
      const key = keyOf(siteIds);
      const probability = this.cache.get(key)!;
      if (Number.isNaN(probability) || this.rejectedKeys.has(key)) continue;
      scored.push({ siteIds, probability });
    }
    return scored;
  }

  /**
   * Serializes a flipping set's diff, parses it back in strict mode and scores it afresh.
   * Returns the counterfactual with the fresh score, or null (counted in `rejected`) when the
   * parse fails or the fresh score does not flip.
   */
  async verify(candidate: Candidate, elapsedMs: number): Promise<Counterfactual | null> {
    const key = keyOf(candidate.siteIds);
    const diff = serializePatch(this.editedPatch(candidate.siteIds));
    let probability: number;
    try {
      probability = (await this.scorer.score(parsePatch(diff), this.metadata)).probability;
    } catch (error) {
      if (!(error instanceof Error) || error.name !== 'DiffParseError') throw error;
      this.reject(key);
      return null;
    }

    if (!this.flips(probability)) {
      this.reject(key);
      return null;
    }

    const edits = candidate.siteIds.map((id): Edit => {
      const { kind, position, before, after } = this.sites[id]!;
      return { kind, position, before, after };
    });
    return {
      edits,
      diff,
      probabilityBefore: this.decision.probability,
      probabilityAfter: probability,
      logitBefore: this.decision.logit,
      logitAfter: logit(probability),
      flaggedAfter: !this.decision.flagged,
      elapsedMs,
      scoredCandidates: this.batcher.scored,
    };
  }

  private reject(key: string): void {
    this.rejected++;
    this.rejectedKeys.add(key);
  }

  /** Returns the edited patch, or null when the diff core rejects one of the edits. */
  private tryEditedPatch(siteIds: readonly number[]): Patch | null {
    try {
      return this.editedPatch(siteIds);
    } catch (error) {
      if (isDiffEditError(error)) return null;
      throw error;
    }
  }

  private editedPatch(siteIds: readonly number[]): Patch {
    return applyEdits(
      this.patch,
      siteIds.map((id) => this.sites[id]!),
    );
  }
}
