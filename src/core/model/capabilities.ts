/**
 * Explanation methods each model family supports, for a UI that must offer them before a
 * model is loaded. A test loads every shipped bundle and checks them against its scorer.
 */
import type { ModelFamily } from './types.ts';

/** Families whose scorers give gradient access, so integrated gradients can run on them. */
export const GRADIENT_FAMILIES: ReadonlySet<ModelFamily> = new Set<ModelFamily>([
  'bow',
  'transformer',
  'superperforator',
]);

/** Returns true when integrated gradients can run on models of `family`. */
export function hasGradientAccess(family: string | null): boolean {
  return family !== null && GRADIENT_FAMILIES.has(family as ModelFamily);
}

/** Source of `replace-token` suggestions in the counterfactual search. */
export type ReplacementSource = 'masked-language-model' | 'vocabulary' | null;

const REPLACEMENT_SOURCES: Partial<Record<ModelFamily, ReplacementSource>> = {
  bow: 'vocabulary',
  transformer: 'masked-language-model',
  superperforator: 'masked-language-model',
};

/** Returns where the search takes token replacements from for `family`, or null for none. */
export function replacementSource(family: string | null): ReplacementSource {
  if (family === null) return null;
  return REPLACEMENT_SOURCES[family as ModelFamily] ?? null;
}
