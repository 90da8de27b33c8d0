/** `perflens explain FILE`: attributions and counterfactuals of one diff, as text or JSON. */
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
import type { DiffPosition, Edit } from '../core/explain/types.ts';
import { asDifferentiableScorer } from '../core/model/bowGradients.ts';
import type { Scorer } from '../core/model/types.ts';

export interface DiffExplanation {
  occlusion: OcclusionResult;
  /** Null for models without gradient access. */
  integratedGradients: IntegratedGradientsResult | null;
  counterfactuals: CounterfactualResult;
}

/** Computes occlusion, integrated gradients (when available) and counterfactuals of one diff. */
export async function explainDiff(
  scorer: Scorer,
  patch: Patch,
  options: CounterfactualOptions,
): Promise<DiffExplanation> {
  const occlusion = await occlusionAttributions(scorer, patch, {
    timeBudgetMs: options.timeBudgetMs,
  });
  const differentiable = asDifferentiableScorer(scorer);
  const gradients =
    differentiable === null
      ? null
      : await integratedGradients(differentiable, patch, ADAPTIVE_STEPS);
  const counterfactuals = await findCounterfactuals(scorer, patch, options);
  return { occlusion, integratedGradients: gradients, counterfactuals };
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

function signed(value: number, digits: number): string {
  return (value >= 0 ? '+' : '') + value.toFixed(digits);
}

/** Formats attributions, integrated gradients and counterfactuals as text lines. */
export function formatExplanation(
  patch: Patch,
  explanation: DiffExplanation,
  top: number,
): string[] {
  const { occlusion, integratedGradients: gradients, counterfactuals } = explanation;
  const { decision } = occlusion;
  const lines = [
    `probability ${decision.probability.toFixed(4)}, ` +
      `threshold ${decision.threshold.toFixed(4)}: ${decision.flagged ? 'flagged' : 'not flagged'}`,
  ];

  for (const level of ['token', 'line', 'hunk'] as const) {
    const items = occlusion.attributions.filter((item) => item.level === level);
    lines.push(
      '',
      `${level} occlusion: top ${Math.min(top, items.length)} of ${items.length}, ` +
        'score change when the item is removed (logit, probability)',
    );
    for (const item of items.slice(0, top)) {
      const rank = String(item.rank).padStart(3);
      const logitChange = signed(item.logitAttribution, 3).padStart(8);
      const probabilityChange = signed(item.attribution, 4).padStart(8);
      const where = formatPosition(patch, item.edit.position);
      const edit = describeEdit(item.edit);
      lines.push(`  ${rank}  ${logitChange}  ${probabilityChange}  ${where}  ${edit}`);
    }
  }
  if (occlusion.stopReason !== 'complete') {
    lines.push(`  (occlusion stopped early: ${occlusion.stopReason})`);
  }

  if (gradients !== null) {
    const check = gradients.completeness;
    lines.push(
      '',
      `integrated gradients: top ${Math.min(top, gradients.tokens.length)} tokens (logit); ` +
        `completeness error ${check.absoluteError.toExponential(2)} logits, ` +
        (check.passed ? 'passed' : 'FAILED'),
    );
    for (const token of gradients.tokens.slice(0, top)) {
      lines.push(
        `  ${String(token.rank).padStart(3)}  ${signed(token.attribution, 3).padStart(8)}  ` +
          `${formatPosition(patch, token.position)}  ${token.text}`,
      );
    }
  }

  const found = counterfactuals.counterfactuals;
  lines.push(
    '',
    `counterfactuals: ${found.length} found in ${counterfactuals.elapsedMs.toFixed(0)} ms ` +
      `(${counterfactuals.scored} edit sets scored over ${counterfactuals.sites} sites, ` +
      `stop: ${counterfactuals.stopReason})`,
  );
  found.forEach((counterfactual, index) => {
    const before = counterfactual.probabilityBefore.toFixed(4);
    const after = counterfactual.probabilityAfter.toFixed(4);
    const edits = counterfactual.edits.length;
    lines.push(
      `  ${index + 1}. ${edits} edit(s): probability ${before} -> ${after}, ` +
        `found after ${counterfactual.elapsedMs.toFixed(0)} ms`,
    );
    for (const edit of counterfactual.edits) {
      lines.push(`       ${describeEdit(edit)} at ${formatPosition(patch, edit.position)}`);
    }
  });
  if (found.length === 0 && counterfactuals.trace.length > 0) {
    const closest = counterfactuals.trace[counterfactuals.trace.length - 1]!.bestProbability;
    lines.push(`  none; the closest edit set reached probability ${closest.toFixed(4)}`);
  }
  return lines;
}
