/**
 * Summary line of a finished counterfactual search: what it found, in what time, over how many
 * candidates and edit sites, and why it ended. Pure, so the wording is tested under Node.
 */
import type { StopReason } from '../../src/core/explain/types.ts';
import type { SearchState, StopCause } from './explainStore.ts';
import { formatDuration } from './rows.ts';

const STOP_REASONS: Record<Exclude<StopReason, 'aborted'>, string> = {
  complete: 'found all requested',
  exhausted: 'searched every edit set',
  'time-budget': 'time budget used up',
};

const STOP_CAUSES: Record<StopCause, string> = {
  user: 'stopped by you',
  'invalid-diff': 'stopped because the diff no longer parses',
  'model-change': 'stopped because the model changed',
  'input-change': 'stopped because the inputs changed',
};

/** Describes why the search ended, naming what cancelled it when the page did. */
export function searchEndText(search: Pick<SearchState, 'stopReason' | 'stopCause'>): string {
  if (search.stopReason !== null && search.stopReason !== 'aborted') {
    return STOP_REASONS[search.stopReason];
  }
  return search.stopCause === null ? 'stopped' : STOP_CAUSES[search.stopCause];
}

/**
 * Returns the summary, such as `Found 2 counterfactuals in 8.1 s · 31,866 candidates over 412
 * edit sites · stopped by you`. The edit-site count is left out until the worker reports it.
 */
export function searchSummaryText(search: SearchState): string {
  const count = search.counterfactuals.length;
  const found = `Found ${count} ${count === 1 ? 'counterfactual' : 'counterfactuals'}`;

  const last = search.trace[search.trace.length - 1];
  const scored = last?.scored ?? 0;
  const noun = scored === 1 ? 'candidate' : 'candidates';
  const candidates = `${scored.toLocaleString('en-US')} ${noun}`;
  const sites = search.sites === null
    ? ''
    : ` over ${search.sites.toLocaleString('en-US')} edit ${search.sites === 1 ? 'site' : 'sites'}`;

  const time = formatDuration(search.elapsedMs);
  return `${found} in ${time} · ${candidates}${sites} · ${searchEndText(search)}`;
}
