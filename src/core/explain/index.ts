/** Public API of the explanation engine: attributions and counterfactual search. */
export type * from './types.ts';
export { applyEdit, applyEdits } from './applyEdits.ts';
export { logit, type BatchingOptions } from './batching.ts';
export {
  findCounterfactuals,
  streamCounterfactuals,
  type CounterfactualEvent,
  type CounterfactualOptions,
  type CounterfactualResult,
} from './counterfactual.ts';
export {
  integratedGradients,
  type CompletenessCheck,
  type IntegratedGradientsOptions,
  type IntegratedGradientsResult,
  type TokenGradientAttribution,
} from './integratedGradients.ts';
export {
  decide,
  occlusionAttributions,
  type OcclusionAttribution,
  type OcclusionOptions,
  type OcclusionResult,
} from './occlusion.ts';
export { callNameSpans, callSitesAndImports, isImportLine } from './predicates.ts';
export {
  hasReplacementProvider,
  matchCase,
  vocabularyReplacements,
  type ReplacementProvider,
  type ReplacementRequest,
  type ReplacementSourceScorer,
} from './replacements.ts';
export { defaultReplacementProvider } from './searchSites.ts';
export { editsConflict, enumerateEditSites, STRUCTURAL_EDIT_KINDS } from './sites.ts';
