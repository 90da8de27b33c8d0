/**
 * Options of the counterfactual search and the edit sites it may use: structural edits plus,
 * when a replacement provider is available, token replacements.
 */
import type { Patch } from '../diff/types.ts';
import { BowFeaturizer } from '../features/bowFeaturizer.ts';
import { DenseScorer } from '../model/scorer.ts';
import { inputCoverage, type ChangeMetadata, type Scorer } from '../model/types.ts';
import type { LineTokenizer } from '../tokenize/diffTokens.ts';
import type { BatchingOptions } from './batching.ts';
import {
  hasReplacementProvider,
  vocabularyReplacements,
  withReplacementSites,
  type ReplacementProvider,
} from './replacements.ts';
import { enumerateEditSites, STRUCTURAL_EDIT_KINDS } from './sites.ts';
import type {
  Counterfactual,
  EditKind,
  EditSite,
  EditSitePredicate,
  SearchTracePoint,
} from './types.ts';

export interface CounterfactualOptions extends BatchingOptions {
  /** Maximum edits in one counterfactual; default 3. */
  maxEdits?: number;
  /** Number of disjoint counterfactuals to find; default 3. */
  maxCounterfactuals?: number;
  /** Time budget of the whole search in ms; default 10000. */
  timeBudgetMs?: number;
  /** Stops the search before its next batch; the result keeps what was found so far. */
  signal?: AbortSignal;
  /** Seed of the tie-breaking order of edit sites; default 0. */
  seed?: number;
  /** Edit operators to use; default all, with `replace-token` only when a provider exists. */
  kinds?: readonly EditKind[];
  /** Keeps only the edit sites it accepts, such as `callSitesAndImports`. */
  predicate?: EditSitePredicate;
  /**
   * Source of `replace-token` suggestions. Default: the scorer's own provider when it has one,
   * else the vocabulary of a Bag of Words scorer, else none. Pass null for none.
   */
  replacements?: ReplacementProvider | null;
  /** Replacements proposed per token; default 3. */
  replacementsPerToken?: number;
  /**
   * Maximum tokens that get replacements, the first ones in diff order. Default 256 with a
   * scorer's own (model) provider, which runs the model once per token, so the limit bounds the
   * time before the search starts on a large diff. No limit for other providers.
   */
  replacementTokenLimit?: number;
  /** Splits added lines into the tokens that token edits act on; default `bowTokens`. */
  tokenizeLine?: LineTokenizer;
  /** Priority cost of one edit, in logits; default 0.1. Higher values favour smaller sets. */
  sizePenalty?: number;
  /** Metadata passed to the scorer with every edited diff. */
  metadata?: ChangeMetadata;
  onCounterfactual?: (counterfactual: Counterfactual) => void;
  onTrace?: (point: SearchTracePoint) => void;
}

/** Returns the default replacement provider of a scorer, or null when it has none. */
export function defaultReplacementProvider(scorer: Scorer): ReplacementProvider | null {
  if (hasReplacementProvider(scorer)) return scorer.replacementProvider();
  if (scorer instanceof DenseScorer && scorer.featurizer instanceof BowFeaturizer) {
    return vocabularyReplacements(scorer.featurizer.weighter.vocabulary.terms);
  }
  return null;
}

/** Enumerates the edit sites the search may use, with ids renumbered in document order. */
export async function prepareSearchSites(
  scorer: Scorer,
  patch: Patch,
  options: CounterfactualOptions,
): Promise<EditSite[]> {
  const provider =
    options.replacements === undefined ? defaultReplacementProvider(scorer) : options.replacements;
  const requested = new Set(options.kinds ?? [...STRUCTURAL_EDIT_KINDS, 'replace-token']);
  if (options.kinds?.includes('replace-token') === true && provider === null) {
    throw new Error(
      `Edit kind 'replace-token' needs a replacement provider, and model ` +
        `'${scorer.manifest.id}' has none; pass options.replacements or drop the kind.`,
    );
  }
  const replace = requested.has('replace-token') && provider !== null;

  const structural = STRUCTURAL_EDIT_KINDS.filter(
    (kind) => requested.has(kind) || (kind === 'delete-token' && replace),
  );
  let sites = enumerateEditSites(patch, {
    kinds: structural,
    tokenizeLine: options.tokenizeLine,
    predicate: options.predicate,
    lastPatchLine: inputCoverage(scorer, patch).lastReadPatchLine,
  });

  if (replace) {
    const perToken = options.replacementsPerToken ?? 3;
    const modelProvider = options.replacements === undefined && hasReplacementProvider(scorer);
    const limit = options.replacementTokenLimit ?? (modelProvider ? 256 : Number.MAX_SAFE_INTEGER);
    if (!Number.isInteger(limit) || limit < 0) {
      throw new Error(
        `Invalid replacementTokenLimit ${limit}; pass a whole number >= 0 (0 for none).`,
      );
    }
    try {
      sites = await withReplacementSites(patch, sites, provider, { perToken, limit }, options);
    } catch (error) {
      // An abort during the suggestions leaves the structural sites, and the search, which
      // checks the signal before its first batch, stops there.
      if (options.signal?.aborted !== true) throw error;
    }
  }

  const requestedSites = sites.filter((site) => requested.has(site.kind));
  return requestedSites.map((site, id) => ({ ...site, id }));
}
