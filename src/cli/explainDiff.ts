/** `perflens explain FILE`: attributions and counterfactuals of one diff. */
import type { Patch } from '../core/diff/types.ts';
import {
  findCounterfactuals,
  type CounterfactualOptions,
  type CounterfactualResult,
} from '../core/explain/counterfactual.ts';
import {
  ADAPTIVE_STEPS,
  integratedGradients,
  type IntegratedGradientsResult,
} from '../core/explain/integratedGradients.ts';
import { occlusionAttributions, type OcclusionResult } from '../core/explain/occlusion.ts';
import { enumerateEditSites } from '../core/explain/sites.ts';
import type { AttributionLevel, DiffPosition, Edit, EditKind } from '../core/explain/types.ts';
import { asDifferentiableScorer } from '../core/model/bowGradients.ts';
import { tokenFreeInputs } from '../core/model/capabilities.ts';
import { inputCoverage, type InputCoverage, type Scorer } from '../core/model/types.ts';
import { StepProgress } from './explainProgress.ts';

export interface DiffExplanation {
  occlusion: OcclusionResult;
  /** Null for models without gradient access. */
  integratedGradients: IntegratedGradientsResult | null;
  counterfactuals: CounterfactualResult;
  /** Reason each part was not computed, or null when it was. */
  skipped: { tokenOcclusion: string | null; integratedGradients: string | null };
  /** The part of the diff the model reads; occlusion and the search skip the rest. */
  coverage: InputCoverage;
}

const OCCLUSION_KINDS: Record<AttributionLevel, EditKind[]> = {
  token: ['delete-token'],
  line: ['delete-line', 'restore-line'],
  hunk: ['drop-hunk'],
};

/** Returns why the scorer's family gets no token occlusion, or null when it gets one. */
function tokenOcclusionSkipReason(scorer: Scorer): string | null {
  const { family } = scorer.manifest;
  const reads = tokenFreeInputs(family);
  if (reads === null) return null;
  return (
    `the ${family} model reads no tokens, only ${reads}, so deleting a token cannot change ` +
    'its score'
  );
}

/** Returns why integrated gradients are not available for a scorer without gradient access. */
function gradientsSkipReason(scorer: Scorer): string {
  const { family } = scorer.manifest;
  const reads = tokenFreeInputs(family);
  if (reads !== null) {
    return (
      `not available for the ${family} family, because it reads no tokens, only ${reads}, ` +
      'so it has no token input to take gradients of'
    );
  }
  return (
    `not available for the ${family} family, because its scorer gives no gradient access ` +
    '(it is not a DifferentiableScorer)'
  );
}

/**
 * Computes occlusion, integrated gradients (when available) and counterfactuals of one diff,
 * printing the progress of each step through `progress`.
 */
export async function explainDiff(
  scorer: Scorer,
  patch: Patch,
  options: CounterfactualOptions,
  progress: StepProgress = new StepProgress(),
): Promise<DiffExplanation> {
  const tokenOcclusion = tokenOcclusionSkipReason(scorer);
  const occlusion = await occlude(scorer, patch, options, tokenOcclusion === null, progress);

  const differentiable = asDifferentiableScorer(scorer);
  let gradients: IntegratedGradientsResult | null = null;
  if (differentiable !== null) {
    progress.start('integrated gradients');
    gradients = await integratedGradients(differentiable, patch, {
      ...ADAPTIVE_STEPS,
      onProgress: (done, total) =>
        progress.update(`${done} of ${total} path points (${total - 1} intervals)`),
    });
    progress.finish(`${gradients.steps} intervals`);
  }

  progress.start('counterfactual search');
  let found = 0;
  const counterfactuals = await findCounterfactuals(scorer, patch, {
    ...options,
    onCounterfactual: () => found++,
    onTrace: (point) =>
      progress.update(
        `${point.scored} edit sets scored, ${found} found, ` +
          `budget ${((options.timeBudgetMs ?? 10_000) / 1000).toFixed(1)} s`,
      ),
  });
  progress.finish(
    `${counterfactuals.scored} edit sets scored over ${counterfactuals.sites} sites, ` +
      `${counterfactuals.counterfactuals.length} found, stop: ${counterfactuals.stopReason}`,
  );

  const skipped = {
    tokenOcclusion,
    integratedGradients: differentiable === null ? gradientsSkipReason(scorer) : null,
  };
  const coverage = inputCoverage(scorer, patch);
  return { occlusion, integratedGradients: gradients, counterfactuals, skipped, coverage };
}

/** Runs occlusion at the token (unless `tokens` is false), line and hunk levels. */
async function occlude(
  scorer: Scorer,
  patch: Patch,
  options: CounterfactualOptions,
  tokens: boolean,
  progress: StepProgress,
): Promise<OcclusionResult> {
  const levels: AttributionLevel[] = tokens ? ['token', 'line', 'hunk'] : ['line', 'hunk'];
  const total = enumerateEditSites(patch, {
    kinds: levels.flatMap((level) => OCCLUSION_KINDS[level]),
  }).length;

  progress.start('occlusion');
  let done = 0;
  const occlusion = await occlusionAttributions(scorer, patch, {
    levels,
    timeBudgetMs: options.timeBudgetMs,
    onAttributions: (scored) => {
      done += scored.length;
      progress.update(`${done} of ${total} items`);
    },
  });
  progress.finish(`${done} of ${total} items, stop: ${occlusion.stopReason}`);
  return occlusion;
}

/** Formats a position as `path:line` (file line number) plus the patch line and column. */
export function formatPosition(patch: Patch, position: DiffPosition): string {
  const hunk = patch.files[position.file]!.hunks[position.hunk]!;
  const line = position.line === null ? null : hunk.lines[position.line]!;
  const fileLine = line === null ? hunk.newStart : (line.newLine ?? line.oldLine);
  const column = position.startColumn === null ? '' : `:${position.startColumn}`;
  return `${position.path}:${fileLine} (patch line ${position.patchLine}${column})`;
}

/** Describes one edit in words, such as `delete token 'sleep'` or `restore line "..."`. */
export function describeEdit(edit: Edit): string {
  const text = edit.before.trim();
  const shortened = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  switch (edit.kind) {
    case 'delete-token':
      return `delete token '${edit.before}'`;
    case 'replace-token':
      return `replace token '${edit.before}' with '${edit.after}'`;
    case 'delete-line':
      return `delete added line "${shortened}"`;
    case 'restore-line':
      return `restore removed line "${shortened}"`;
    case 'drop-hunk':
      return `drop hunk ${shortened}`;
  }
}
