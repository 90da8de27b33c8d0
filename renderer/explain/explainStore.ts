/**
 * Store of the explanation views: their settings, the state of the attribution job and of the
 * counterfactual search, and what the pointer highlights. Results always name the diff text
 * they explain, so a view can tell when they no longer match the editor.
 */
import { create } from 'zustand';

import type { CompletenessCheck } from '../../src/core/explain/integratedGradients.ts';
import type {
  Counterfactual,
  Decision,
  SearchTracePoint,
  StopReason,
} from '../../src/core/explain/types.ts';
import type {
  AttributionItem,
  AttributionMethod,
  AttributionsDone,
  EditSiteScope,
  SearchDone,
} from '../workers/explainProtocol.ts';

/** Level at which attributions are drawn over the diff, or off. */
export type AttributionDisplay = 'off' | 'line' | 'token';

export type JobStatus = 'idle' | 'waiting' | 'running' | 'done' | 'error';

export type BottomTab = 'side-by-side' | 'attributions' | 'counterfactuals' | 'models';

export interface ExplainSettings {
  display: AttributionDisplay;
  method: AttributionMethod;
  maxEdits: number;
  /** Time budget of one counterfactual search in ms. */
  searchBudgetMs: number;
  siteScope: EditSiteScope;
  /** Starts a search after every attribution job, so counterfactuals follow the edits. */
  autoSearch: boolean;
}

export interface AttributionState {
  status: JobStatus;
  jobId: number | null;
  /** Diff text the items explain; null before the first job. */
  diff: string | null;
  method: AttributionMethod;
  items: AttributionItem[];
  scored: number;
  total: number;
  elapsedMs: number;
  stopReason: StopReason | null;
  decision: Decision | null;
  completeness: CompletenessCheck | null;
  error: string | null;
}

export interface SearchState {
  status: JobStatus;
  jobId: number | null;
  diff: string | null;
  /** Time budget the running or finished search was started with, in ms. */
  budgetMs: number;
  counterfactuals: Counterfactual[];
  trace: SearchTracePoint[];
  stopReason: StopReason | null;
  decision: Decision | null;
  sites: number | null;
  rejected: number;
  elapsedMs: number;
  error: string | null;
}

/** Item under the pointer: a line of the ranking, or a counterfactual row. */
export type Highlight =
  | { kind: 'line'; patchLine: number; level: 'line' | 'hunk' }
  | { kind: 'counterfactual'; index: number }
  | null;

export interface ExplainState {
  settings: ExplainSettings;
  attributions: AttributionState;
  search: SearchState;
  highlight: Highlight;
  /** Index of the counterfactual shown in the preview diff editor, or null. */
  previewIndex: number | null;
  bottomTab: BottomTab;
  updateSettings: (patch: Partial<ExplainSettings>) => void;
  setHighlight: (highlight: Highlight) => void;
  setPreview: (index: number | null) => void;
  setBottomTab: (tab: BottomTab) => void;
  /** Marks a job as waiting for the idle delay; results stay until the job starts. */
  markWaiting: (kind: 'attributions' | 'search') => void;
  /**
   * Ends the wait of a job that is no longer needed: `done` when its results match the inputs
   * again (an edit was undone), else `idle` (it was switched off).
   */
  settleWaiting: (kind: 'attributions' | 'search', current: boolean) => void;
  startAttributions: (jobId: number, diff: string, method: AttributionMethod) => void;
  addAttributions: (items: AttributionItem[], scored: number, total: number, ms: number) => void;
  finishAttributions: (done: AttributionsDone) => void;
  startSearch: (jobId: number, diff: string, budgetMs: number) => void;
  addCounterfactual: (counterfactual: Counterfactual) => void;
  addTracePoints: (points: SearchTracePoint[]) => void;
  finishSearch: (done: SearchDone) => void;
  failJob: (kind: 'attributions' | 'search', message: string) => void;
  /** Stops showing a job as running, such as after the page cancelled it. */
  stopJob: (kind: 'attributions' | 'search') => void;
}

export const DEFAULT_SETTINGS: ExplainSettings = {
  display: 'token',
  method: 'occlusion',
  maxEdits: 3,
  searchBudgetMs: 5000,
  siteScope: 'all',
  autoSearch: true,
};

const EMPTY_ATTRIBUTIONS: AttributionState = {
  status: 'idle',
  jobId: null,
  diff: null,
  method: 'occlusion',
  items: [],
  scored: 0,
  total: 0,
  elapsedMs: 0,
  stopReason: null,
  decision: null,
  completeness: null,
  error: null,
};

const EMPTY_SEARCH: SearchState = {
  status: 'idle',
  jobId: null,
  diff: null,
  budgetMs: DEFAULT_SETTINGS.searchBudgetMs,
  counterfactuals: [],
  trace: [],
  stopReason: null,
  decision: null,
  sites: null,
  rejected: 0,
  elapsedMs: 0,
  error: null,
};

export const useExplain = create<ExplainState>()((set) => ({
  settings: DEFAULT_SETTINGS,
  attributions: EMPTY_ATTRIBUTIONS,
  search: EMPTY_SEARCH,
  highlight: null,
  previewIndex: null,
  bottomTab: 'side-by-side',

  updateSettings: (patch) => set((state) => ({ settings: { ...state.settings, ...patch } })),
  setHighlight: (highlight) => set({ highlight }),
  setPreview: (previewIndex) => set({ previewIndex }),
  setBottomTab: (bottomTab) => set({ bottomTab }),

  markWaiting: (kind) =>
    set((state) =>
      kind === 'attributions'
        ? { attributions: { ...state.attributions, status: 'waiting', jobId: null } }
        : { search: { ...state.search, status: 'waiting', jobId: null } },
    ),

  settleWaiting: (kind, current) =>
    set((state) => {
      const status: JobStatus = current ? 'done' : 'idle';
      if (kind === 'attributions') {
        const job = state.attributions;
        return job.status === 'waiting' ? { attributions: { ...job, status } } : {};
      }
      const job = state.search;
      return job.status === 'waiting' ? { search: { ...job, status } } : {};
    }),

  startAttributions: (jobId, diff, method) =>
    set({ attributions: { ...EMPTY_ATTRIBUTIONS, status: 'running', jobId, diff, method } }),

  addAttributions: (items, scored, total, elapsedMs) =>
    set((state) => ({
      attributions: {
        ...state.attributions,
        items: [...state.attributions.items, ...items],
        scored,
        total,
        elapsedMs,
      },
    })),

  finishAttributions: (done) =>
    set((state) => ({
      attributions: {
        ...state.attributions,
        status: 'done',
        method: done.method,
        items: done.items,
        scored: done.scored,
        elapsedMs: done.elapsedMs,
        stopReason: done.stopReason,
        decision: done.decision,
        completeness: done.completeness,
      },
    })),

  startSearch: (jobId, diff, budgetMs) =>
    set({
      search: { ...EMPTY_SEARCH, status: 'running', jobId, diff, budgetMs },
      previewIndex: null,
    }),

  addCounterfactual: (counterfactual) =>
    set((state) => ({
      search: {
        ...state.search,
        counterfactuals: [...state.search.counterfactuals, counterfactual],
      },
    })),

  addTracePoints: (points) =>
    set((state) => ({ search: { ...state.search, trace: [...state.search.trace, ...points] } })),

  finishSearch: (done) =>
    set((state) => ({
      search: {
        ...state.search,
        status: 'done',
        trace: done.trace,
        stopReason: done.stopReason,
        decision: done.decision,
        sites: done.sites,
        rejected: done.rejected,
        elapsedMs: done.elapsedMs,
      },
    })),

  failJob: (kind, message) =>
    set((state) =>
      kind === 'attributions'
        ? { attributions: { ...state.attributions, status: 'error', error: message } }
        : { search: { ...state.search, status: 'error', error: message } },
    ),

  stopJob: (kind) =>
    set((state) => {
      const stop = <T extends { status: JobStatus; stopReason: StopReason | null }>(job: T): T =>
        job.status === 'running' || job.status === 'waiting'
          ? { ...job, status: 'done', stopReason: 'aborted' }
          : job;
      return kind === 'attributions'
        ? { attributions: stop(state.attributions) }
        : { search: stop(state.search) };
    }),
}));
