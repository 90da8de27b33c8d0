/**
 * Computes the results of explanation and comparison cells with loaded scorers. Runs wherever
 * tfjs runs: the inference worker, Node scripts and tests.
 */
import { parsePatch } from '../diff/parse.ts';
import { findCounterfactuals } from '../explain/counterfactual.ts';
import { occlusionAttributions } from '../explain/occlusion.ts';
import type { Counterfactual } from '../explain/types.ts';
import { sha256Hex } from '../model/sha256.ts';
import type { ChangeMetadata, Scorer } from '../model/types.ts';
import type {
  AttributionRecord,
  CounterfactualRecord,
  ExplanationCell,
  ModelRef,
  ResultRecord,
} from './types.ts';

/** Runtime facts that a ModelRef records besides the bundle. */
export interface RuntimeInfo {
  tfjsVersion: string;
  backend: string;
}

/** Attributions kept per level, largest |attribution| first, so cells stay readable. */
export const MAX_ATTRIBUTIONS_PER_LEVEL = 12;

export interface ExplainOptions {
  /** Time budget of the counterfactual search in ms; default 5000. */
  timeBudgetMs?: number;
  /** Counterfactuals to find; default 3. */
  maxCounterfactuals?: number;
  now?: Date;
}

/** Returns the ModelRef of a loaded scorer on the given runtime. */
export function modelRefOf(scorer: Scorer, runtime: RuntimeInfo): ModelRef {
  return {
    id: scorer.manifest.id,
    bundleHash: scorer.bundleHash,
    tfjsVersion: runtime.tfjsVersion,
    backend: runtime.backend,
  };
}

/** Scores `diff` (strict parse) with optional change metadata and returns the frozen result. */
export async function scoreResult(
  scorer: Scorer,
  diff: string,
  runtime: RuntimeInfo,
  now: Date = new Date(),
  metadata?: ChangeMetadata,
): Promise<ResultRecord> {
  const patch = parsePatch(diff);
  const score = await scorer.score(patch, metadata);

  return {
    model: modelRefOf(scorer, runtime),
    at: now.toISOString(),
    probability: score.probability,
    threshold: score.threshold,
    diffHash: await sha256Hex(new TextEncoder().encode(diff)),
  };
}

/** Computes the fields of an explanation cell: score, occlusion attributions, counterfactuals. */
export async function explainDiff(
  scorer: Scorer,
  diff: string,
  runtime: RuntimeInfo,
  options: ExplainOptions = {},
): Promise<Pick<ExplanationCell, 'diff' | 'result' | 'attributions' | 'counterfactuals'>> {
  const result = await scoreResult(scorer, diff, runtime, options.now);
  const patch = parsePatch(diff);

  const occlusion = await occlusionAttributions(scorer, patch, { levels: ['token', 'line'] });
  const attributions: AttributionRecord[] = [];
  for (const level of ['token', 'line'] as const) {
    const ofLevel = occlusion.attributions
      .filter((item) => item.level === level)
      .sort((a, b) => Math.abs(b.attribution) - Math.abs(a.attribution))
      .slice(0, MAX_ATTRIBUTIONS_PER_LEVEL);

    for (const item of ofLevel) {
      const { position, before } = item.edit;
      attributions.push({
        level,
        patchLine: position.patchLine,
        startColumn: position.startColumn,
        endColumn: position.endColumn,
        text: before,
        attribution: item.attribution,
      });
    }
  }

  const search = await findCounterfactuals(scorer, patch, {
    timeBudgetMs: options.timeBudgetMs ?? 5000,
    maxCounterfactuals: options.maxCounterfactuals ?? 3,
  });

  return {
    diff,
    result,
    attributions,
    counterfactuals: search.counterfactuals.map(counterfactualRecord),
  };
}

function counterfactualRecord(counterfactual: Counterfactual): CounterfactualRecord {
  return {
    edits: counterfactual.edits.map((edit) => ({
      kind: edit.kind,
      patchLine: edit.position.patchLine,
      before: edit.before,
      after: edit.after,
    })),
    diff: counterfactual.diff,
    probabilityAfter: counterfactual.probabilityAfter,
    flaggedAfter: counterfactual.flaggedAfter,
  };
}
