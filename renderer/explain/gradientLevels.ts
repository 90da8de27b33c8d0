/**
 * Line and hunk attributions from integrated gradients. Integrated gradients attributes model
 * inputs, which Bag of Words shares out over token occurrences and the Transformers give to
 * subword positions, so a line's attribution is the sum over its tokens and a hunk's is the
 * sum over its lines. By completeness these sums add up
 * to the logit change from the baseline (the empty diff, or the diff with its code masked), which occlusion's per-item deltas do not promise.
 */
import type { Patch } from '../../src/core/diff/types.ts';
import type { TokenGradientAttribution } from '../../src/core/explain/integratedGradients.ts';
import { diffPosition } from '../../src/core/explain/sites.ts';
import type { AttributionItem } from '../workers/explainProtocol.ts';

/** Converts token attributions to items; the text is the token as written in the diff. */
function tokenItems(patch: Patch, tokens: readonly TokenGradientAttribution[]): AttributionItem[] {
  return tokens.map((token) => {
    const { file, hunk, line, start, end } = token.position;
    const lineText = line === null ? '' : patch.files[file]!.hunks[hunk]!.lines[line]!.text;
    const text = start === null || end === null ? token.text : lineText.slice(start, end);
    const { position, attribution } = token;
    return { level: 'token', position, text, logit: attribution, probability: null };
  });
}

/** Sums values by key, keeping the first position seen for each key. */
function sumBy<T>(
  entries: readonly { key: string; value: number; seed: T }[],
): Map<string, { value: number; seed: T }> {
  const sums = new Map<string, { value: number; seed: T }>();
  for (const { key, value, seed } of entries) {
    const entry = sums.get(key);
    if (entry === undefined) sums.set(key, { value, seed });
    else entry.value += value;
  }
  return sums;
}

function byMagnitude(a: AttributionItem, b: AttributionItem): number {
  return Math.abs(b.logit) - Math.abs(a.logit);
}

/**
 * Returns token, line and hunk items from integrated gradients' token attributions, each level
 * ordered by |logit|. Lines and hunks without attributed tokens are left out.
 */
export function gradientAttributionItems(
  patch: Patch,
  tokens: readonly TokenGradientAttribution[],
): AttributionItem[] {
  const lineSums = sumBy(
    tokens
      .filter((token) => token.position.line !== null)
      .map((token) => {
        const { file, hunk, line } = token.position;
        return { key: `${file}:${hunk}:${line}`, value: token.attribution, seed: token.position };
      }),
  );
  const lines: AttributionItem[] = [...lineSums.values()].map(({ value, seed }) => {
    const position = diffPosition(patch, seed.file, seed.hunk, seed.line);
    const text = patch.files[seed.file]!.hunks[seed.hunk]!.lines[seed.line!]!.text;
    return { level: 'line', position, text, logit: value, probability: null };
  });

  const hunkSums = sumBy(
    lines.map((item) => ({
      key: `${item.position.file}:${item.position.hunk}`,
      value: item.logit,
      seed: item.position,
    })),
  );
  const hunks: AttributionItem[] = [...hunkSums.values()].map(({ value, seed }) => {
    const position = diffPosition(patch, seed.file, seed.hunk);
    const text = patch.files[seed.file]!.hunks[seed.hunk]!.header;
    return { level: 'hunk', position, text, logit: value, probability: null };
  });

  return [
    ...tokenItems(patch, tokens).sort(byMagnitude),
    ...lines.sort(byMagnitude),
    ...hunks.sort(byMagnitude),
  ];
}
