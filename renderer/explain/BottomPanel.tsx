/**
 * The panel under the diff editor: tabs for the side-by-side view, the attribution ranking, the
 * counterfactuals and the model comparison. The side-by-side view stays mounted while hidden,
 * so its Monaco diff editor keeps its state. Mounting this panel starts the explanation jobs,
 * the editor decorations and the comparison.
 */
import { useEffect } from 'react';
import { useShallow } from 'zustand/react/shallow';

import { installComparison } from '../compare/comparisonRunner.ts';
import { ModelComparison } from '../compare/ModelComparison.tsx';
import { SideBySideView } from '../side-by-side/SideBySideView.tsx';
import { useWorkbench } from '../store/store.ts';
import { AttributionRanking } from './AttributionRanking.tsx';
import { CounterfactualPanel } from './CounterfactualPanel.tsx';
import { CounterfactualPreview } from './CounterfactualPreview.tsx';
import { installEditorDecorations } from './editorDecorations.ts';
import { installExplainScheduler } from './explainScheduler.ts';
import { useExplain, type BottomTab, type ExplainState } from './explainStore.ts';
import { installExplainDebug } from './explainDebug.ts';
import './explain.css';

const TABS: { value: BottomTab; label: string }[] = [
  { value: 'side-by-side', label: 'Side by side' },
  { value: 'attributions', label: 'Attributions' },
  { value: 'counterfactuals', label: 'Counterfactuals' },
  { value: 'models', label: 'Models' },
];

/** Small count or state shown beside a tab's label. */
function tabBadge(tab: BottomTab, state: ExplainState, models: number): string | null {
  if (tab === 'counterfactuals') {
    const { status, counterfactuals } = state.search;
    if (status === 'running') return `${counterfactuals.length}…`;
    return status === 'done' ? String(counterfactuals.length) : null;
  }
  if (tab === 'attributions') {
    // The same count as the ranking shows: lines with a nonzero attribution.
    const lines = state.attributions.items
      .filter((item) => item.level === 'line' && item.logit !== 0).length;
    return state.attributions.status === 'idle' ? null : String(lines);
  }
  if (tab === 'models') return String(models);
  return null;
}

const STALE_BADGE_TITLE = 'Count for an older text: the editor text has changed since, or no '
  + 'longer parses.';

/** True when a tab's count belongs to another text than the editor's. */
function tabBadgeStale(tab: BottomTab, state: ExplainState, diffText: string): boolean {
  if (tab === 'attributions') {
    const { status, diff } = state.attributions;
    return status !== 'idle' && diff !== null && diff !== diffText;
  }
  if (tab === 'counterfactuals') {
    const { status, diff } = state.search;
    return status !== 'idle' && diff !== null && diff !== diffText;
  }
  return false;
}

export function BottomPanel() {
  const tab = useExplain((state) => state.bottomTab);
  const setBottomTab = useExplain((state) => state.setBottomTab);
  const previewOpen = useExplain((state) => state.previewIndex !== null);
  const models = useWorkbench((state) => state.models.filter((m) => m.manifest !== null).length);
  const badges = useExplain(
    useShallow((state) => TABS.map((option) => tabBadge(option.value, state, models))),
  );
  const diffText = useWorkbench((state) => state.diffText);
  const stale = useExplain(
    useShallow((state) => TABS.map((option) => tabBadgeStale(option.value, state, diffText))),
  );

  useEffect(() => {
    installEditorDecorations();
    installExplainScheduler();
    installComparison();
    installExplainDebug();
  }, []);

  return (
    <section className="pl-panel pl-bottom-panel" data-testid="bottom-panel">
      <nav className="pl-bottom-tabs" role="tablist" aria-label="Views under the editor">
        {TABS.map((option, index) => {
          const badge = badges[index] ?? null;
          return (
            <button key={option.value} type="button" role="tab"
              aria-selected={tab === option.value}
              className={`pl-bottom-tab${tab === option.value ? ' is-active' : ''}`}
              data-testid={`bottom-tab-${option.value}`}
              onClick={() => setBottomTab(option.value)}>
              {option.label}
              {badge !== null && (
                <span className={`pl-bottom-badge${stale[index] === true ? ' is-stale' : ''}`}
                  data-testid={`bottom-badge-${option.value}`}
                  title={stale[index] === true ? STALE_BADGE_TITLE : undefined}>
                  {badge}
                </span>
              )}
            </button>
          );
        })}
      </nav>
      <div className="pl-bottom-body">
        <div className={`pl-bottom-page${tab === 'side-by-side' ? '' : ' is-hidden'}`}>
          <SideBySideView />
        </div>
        {tab === 'attributions' && <AttributionRanking />}
        {tab === 'counterfactuals' && <CounterfactualPanel />}
        {tab === 'models' && <ModelComparison />}
      </div>
      {previewOpen && <CounterfactualPreview />}
    </section>
  );
}
