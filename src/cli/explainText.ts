/** Text output of `perflens explain FILE`: attribution tables and counterfactuals. */
import type { Patch } from '../core/diff/types.ts';
import { describeEdit, formatPosition, type DiffExplanation } from './explainDiff.ts';

/**
 * Formats an attribution with a sign and `digits` decimals while those show at least two
 * significant digits, else with 3 significant digits in exponent notation (`+2.41e-5`). Large
 * diffs spread attributions thin, and fixed decimals would print them all as `+0.000`.
 */
export function formatAttribution(value: number, digits: number): string {
  const sign = value >= 0 ? '+' : '';
  const small = value !== 0 && Math.abs(value) < 10 ** (1 - digits);
  return sign + (small ? value.toExponential(2) : value.toFixed(digits));
}

/** Formats attributions, integrated gradients and counterfactuals as text lines. */
export function formatExplanation(
  patch: Patch,
  explanation: DiffExplanation,
  top: number,
): string[] {
  const { occlusion, integratedGradients: gradients, counterfactuals, skipped } = explanation;
  const { decision } = occlusion;
  const lines = [
    `probability ${decision.probability.toFixed(4)}, ` +
      `threshold ${decision.threshold.toFixed(4)}: ${decision.flagged ? 'flagged' : 'not flagged'}`,
  ];
  const { lastReadPatchLine } = explanation.coverage;
  if (lastReadPatchLine !== null) {
    lines.push(
      `input: the model reads the diff up to patch line ${lastReadPatchLine} only, so ` +
        'occlusion and the search skip the text after it',
    );
  }

  for (const level of ['token', 'line', 'hunk'] as const) {
    if (level === 'token' && skipped.tokenOcclusion !== null) {
      lines.push('', `token occlusion: skipped, because ${skipped.tokenOcclusion}`);
      continue;
    }

    // After a stop, the count is of the items scored, not of the items in the diff.
    const items = occlusion.attributions.filter((item) => item.level === level);
    const scored = occlusion.stopReason === 'complete' ? '' : ' scored';
    lines.push(
      '',
      `${level} occlusion: top ${Math.min(top, items.length)} of ${items.length}${scored}, ` +
        'score minus score without the item (logit, probability)',
    );
    for (const item of items.slice(0, top)) {
      const rank = String(item.rank).padStart(3);
      const logitChange = formatAttribution(item.logitAttribution, 3).padStart(8);
      const probabilityChange = formatAttribution(item.attribution, 4).padStart(8);
      const where = formatPosition(patch, item.edit.position);
      const edit = describeEdit(item.edit);
      lines.push(`  ${rank}  ${logitChange}  ${probabilityChange}  ${where}  ${edit}`);
    }
  }
  if (occlusion.stopReason !== 'complete') {
    lines.push(`  (occlusion stopped early: ${occlusion.stopReason})`);
  }

  if (skipped.integratedGradients !== null) {
    lines.push('', `integrated gradients: ${skipped.integratedGradients}`);
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
      const rank = String(token.rank).padStart(3);
      const attribution = formatAttribution(token.attribution, 3).padStart(8);
      const where = formatPosition(patch, token.position);
      lines.push(`  ${rank}  ${attribution}  ${where}  ${token.text}`);
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
