/**
 * Options of the counterfactual search: maximum edits per counterfactual, time budget, which
 * edit sites it may use, and whether it runs after every edit.
 */
import type { EditSiteScope } from '../workers/explainProtocol.ts';
import { useExplain } from './explainStore.ts';

const MAX_EDIT_CHOICES = [1, 2, 3, 4, 5];
const BUDGET_CHOICES_MS = [2000, 5000, 10_000, 30_000];

export function SearchOptions() {
  const settings = useExplain((state) => state.settings);
  const updateSettings = useExplain((state) => state.updateSettings);

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
    </div>
  );
}
