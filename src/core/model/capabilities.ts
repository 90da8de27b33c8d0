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
