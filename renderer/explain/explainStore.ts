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

/**
 * Cause of a cancelled job: the Stop button, an edit that left text that does not parse, a model
 * switch or reload, or an input change after which the job runs again.
 */
export type StopCause = 'user' | 'invalid-diff' | 'model-change' | 'input-change';

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
  /** Cause of the page's cancel of the search; null when the search ended by itself. */
  stopCause: StopCause | null;
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
  /**
   * Takes the elapsed time, edit-site count and trace from the `search-done` reply of a search
   * that the page cancelled earlier, if that search is still the one on screen.
   */
  completeStoppedSearch: (done: SearchDone) => void;
  failJob: (kind: 'attributions' | 'search', message: string) => void;
  /** Stops showing a job as running, such as after the page cancelled it for `cause`. */
  stopJob: (kind: 'attributions' | 'search', cause?: StopCause) => void;
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
  stopCause: null,
  error: null,
};

/**
 * Marks a running search as stopped by `cause`. Its elapsed time is the last trace point's until
 * the worker's reply to the cancel brings the exact time and the edit-site count.
 */
function stopSearchState(search: SearchState, cause: StopCause | null): SearchState {
  if (search.status !== 'running' && search.status !== 'waiting') return search;

  const last = search.trace[search.trace.length - 1];
  const elapsedMs = Math.max(search.elapsedMs, last?.elapsedMs ?? 0);
  return { ...search, status: 'done', stopReason: 'aborted', stopCause: cause, elapsedMs };
}

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

  completeStoppedSearch: (done) =>
    set((state) => {
      const search = state.search;
      if (search.jobId !== done.jobId || search.status !== 'done') return {};
      if (search.stopReason !== 'aborted') return {};

      const elapsedMs = Math.max(search.elapsedMs, done.elapsedMs);
      const trace = done.trace.length >= search.trace.length ? done.trace : search.trace;
      const { sites, rejected, decision } = done;
      return { search: { ...search, sites, rejected, decision, elapsedMs, trace } };
    }),

  failJob: (kind, message) =>
    set((state) =>
      kind === 'attributions'
        ? { attributions: { ...state.attributions, status: 'error', error: message } }
        : { search: { ...state.search, status: 'error', error: message } },
    ),

  stopJob: (kind, cause) =>
    set((state) => {
      if (kind === 'search') return { search: stopSearchState(state.search, cause ?? null) };

      const job = state.attributions;
      const running = job.status === 'running' || job.status === 'waiting';
      return running ? { attributions: { ...job, status: 'done', stopReason: 'aborted' } } : {};
    }),
}));
