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

/** Inputs of the families that read no tokens; deleting a token cannot change their score. */
const TOKEN_FREE_INPUTS: Partial<Record<ModelFamily, string>> = {
  opaque: 'the size, file paths and author metadata of the change',
  'size-baseline': 'the churn and file count of the diff',
};

/** Returns what a family reads when it reads no tokens of the diff, or null when it does. */
export function tokenFreeInputs(family: string | null): string | null {
  if (family === null) return null;
  return TOKEN_FREE_INPUTS[family as ModelFamily] ?? null;
}
