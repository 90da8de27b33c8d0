/**
 * Replacement suggestions for the `replace-token` edit operator, which replaces a token of an
 * added line. Both Transformer scorers propose tokens from their masked-language-model head
 * (`model/transformer/mlm-replacements.ts`). The vocabulary provider here proposes a Bag of
 * Words model's most frequent words.
 */
import type { Patch } from '../diff/types.ts';
import type { Scorer } from '../model/types.ts';
import type { Edit, EditSite } from './types.ts';

export interface ReplacementRequest {
  /** The `delete-token` site whose token is to be replaced; `before` is the token as written. */
  site: Edit;
  /** Maximum number of suggestions. */
  count: number;
}

/** Proposes replacement tokens; batched so that a model-based provider runs one inference. */
export interface ReplacementProvider {
  /**
   * Returns, per request, up to `count` replacements, best first, none equal to the token.
   * A model-based provider checks `signal` between its batches and rejects with its reason.
   */
  suggest(
    patch: Patch,
    requests: readonly ReplacementRequest[],
    signal?: AbortSignal,
  ): Promise<string[][]>;
}

/** A scorer with its own provider, such as a Transformer with a masked-language-model head. */
export interface ReplacementSourceScorer extends Scorer {
  replacementProvider(): ReplacementProvider;
}

export function hasReplacementProvider(scorer: Scorer): scorer is ReplacementSourceScorer {
  return typeof (scorer as Partial<ReplacementSourceScorer>).replacementProvider === 'function';
}

const WORD = /^\p{L}+$/u;

/** Writes `word` in the letter case of `original`: UPPER, Capitalized or lower. */
export function matchCase(word: string, original: string): string {
  const isUpper = original.length > 1 && original === original.toUpperCase();
  if (isUpper) return word.toUpperCase();

  const first = original.charAt(0);
  if (first !== first.toLowerCase()) return word.charAt(0).toUpperCase() + word.slice(1);
  return word.toLowerCase();
}

/**
 * Creates a provider that proposes the first words of `terms` in the order given, so pass them
 * most frequent first. It drops the `+`/`-` prefixes of Bag of Words terms and skips terms
 * that are not plain letters. Each proposal takes the letter case of the token it replaces,
 * so a subword of a camelCase identifier stays a separate subword.
 */
export function vocabularyReplacements(terms: readonly string[]): ReplacementProvider {
  const words: string[] = [];
  const seen = new Set<string>();
  for (const term of terms) {
    const word = term.replace(/^[+-]/, '').toLowerCase();
    if (!WORD.test(word) || seen.has(word)) continue;
    seen.add(word);
    words.push(word);
  }

  return {
    async suggest(_patch, requests) {
      return requests.map(({ site, count }) => {
        const token = site.before.toLowerCase();
        const suggestions: string[] = [];
        for (const word of words) {
          if (suggestions.length >= count) break;
          if (word !== token) suggestions.push(matchCase(word, site.before));
        }
        return suggestions;
      });
    },
  };
}

/**
 * Adds `replace-token` sites after the sites of the same line: up to `perToken` replacements
 * for each of the first `limit` `delete-token` sites. Returns a new list with ids renumbered
 * in list order.
 */
export async function withReplacementSites(
  patch: Patch,
  sites: readonly EditSite[],
  provider: ReplacementProvider,
  counts: { perToken: number; limit?: number },
  options: { signal?: AbortSignal } = {},
): Promise<EditSite[]> {
  const { perToken, limit = Number.POSITIVE_INFINITY } = counts;
  const tokenSites = sites.filter((site) => site.kind === 'delete-token').slice(0, limit);
  const requests = tokenSites.map((site) => ({ site, count: perToken }));
  const suggestions =
    requests.length === 0 ? [] : await provider.suggest(patch, requests, options.signal);
  if (suggestions.length !== requests.length) {
    throw new Error(
      `Replacement provider returned ${suggestions.length} suggestion lists for ` +
        `${requests.length} tokens; it must return one list per request.`,
    );
  }

  const replacementsBySite = new Map<EditSite, Edit[]>();
  tokenSites.forEach((site, i) => {
    const replacements = suggestions[i]!.slice(0, perToken)
      .filter((word) => word !== site.before && word !== '')
      .map((word): Edit => ({ ...site, kind: 'replace-token', after: word }));
    replacementsBySite.set(site, replacements);
  });

  const edits: Edit[] = [];
  for (const site of sites) {
    edits.push(site);
    edits.push(...(replacementsBySite.get(site) ?? []));
  }
  return edits.map(({ kind, position, before, after }, id) => {
    return { kind, position, before, after, id };
  });
}
