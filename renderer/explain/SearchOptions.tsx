/**
 * Options of the counterfactual search: maximum edits per counterfactual, time budget, which
 * edit sites it may use, and whether it runs after every edit.
 */
import { replacementSource } from '../../src/core/model/capabilities.ts';
import { useWorkbench } from '../store/store.ts';
import type { EditSiteScope } from '../workers/explainProtocol.ts';
import { useExplain } from './explainStore.ts';

const MAX_EDIT_CHOICES = [1, 2, 3, 4, 5];
const BUDGET_CHOICES_MS = [2000, 5000, 10_000, 30_000];

const REPLACEMENT_LABELS = {
  'masked-language-model': 'MLM head',
  vocabulary: 'vocabulary',
} as const;

const REPLACEMENT_TITLES = {
  'masked-language-model': "Token replacements come from the model's masked-language-model head",
  vocabulary: "Token replacements are the model vocabulary's most frequent words",
} as const;

export function SearchOptions() {
  const settings = useExplain((state) => state.settings);
  const updateSettings = useExplain((state) => state.updateSettings);
  const family = useWorkbench((state) =>
    state.models.find((model) => model.id === state.activeModelId)?.manifest?.family ?? null);
  const source = replacementSource(family);

  return (
    <div className="pl-cf-options">
      <label className="pl-option">
        Max edits
        <select className="pl-select" value={settings.maxEdits} data-testid="search-max-edits"
          onChange={(event) => updateSettings({ maxEdits: Number(event.target.value) })}>
          {MAX_EDIT_CHOICES.map((count) => <option key={count} value={count}>{count}</option>)}
        </select>
      </label>
      <label className="pl-option">
        Budget
        <select className="pl-select" value={settings.searchBudgetMs} data-testid="search-budget"
          onChange={(event) => updateSettings({ searchBudgetMs: Number(event.target.value) })}>
          {BUDGET_CHOICES_MS.map((ms) => <option key={ms} value={ms}>{ms / 1000} s</option>)}
        </select>
      </label>
      <label className="pl-option">
        Edit sites
        <select className="pl-select" value={settings.siteScope} data-testid="search-sites"
          onChange={(event) => updateSettings({ siteScope: event.target.value as EditSiteScope })}>
          <option value="all">All</option>
          <option value="calls-imports">Call sites and imports</option>
        </select>
      </label>
      <label className="pl-option" title="Search again after every edit, when typing pauses">
        <input type="checkbox" checked={settings.autoSearch} data-testid="search-auto"
          onChange={(event) => updateSettings({ autoSearch: event.target.checked })} />
        Live
      </label>
      <span className="pl-option-note" data-testid="replacement-source"
        title={source === null ? 'This model has no token replacements' : REPLACEMENT_TITLES[source]}>
        replacements: {source === null ? 'none' : REPLACEMENT_LABELS[source]}
      </span>
    </div>
  );
}
