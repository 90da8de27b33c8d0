/**
 * Keys of the explanation jobs: the inputs each job's result depends on, as strings. A job whose
 * key differs from the current one explains something else and is stale.
 */
import { useComparison } from '../compare/comparisonStore.ts';
import { useWorkbench } from '../store/store.ts';
import { useExplain, type ExplainSettings } from './explainStore.ts';

/** Job inputs: diff text, bundle, metadata, and the settings that shape each job's result. */
export interface JobKeys {
  diff: string;
  attributions: string | null;
  search: string;
}

/** True when attributions are on screen: drawn in the editor or ranked in their tab. */
function attributionsVisible(settings: ExplainSettings): boolean {
  return settings.display !== 'off' || useExplain.getState().bottomTab === 'attributions';
}

/** Returns the current job keys, or null when nothing can be explained (no parse, no model). */
export function currentKeys(): JobKeys | null {
  const workbench = useWorkbench.getState();
  if (workbench.parse.status !== 'ok' || workbench.modelStatus !== 'ready') return null;
  if (workbench.activeBundleHash === null) return null;

  const { settings } = useExplain.getState();
  const inputs = JSON.stringify([
    workbench.activeBundleHash,
    useComparison.getState().metadata,
    workbench.diffText,
  ]);
  const searchSettings = [settings.maxEdits, settings.searchBudgetMs, settings.siteScope];
  return {
    diff: workbench.diffText,
    attributions: attributionsVisible(settings) ? `${settings.method}|${inputs}` : null,
    search: `${searchSettings.join('|')}|${inputs}`,
  };
}
