/**
 * Runs explanation jobs while the diff is edited. An edit, a model switch or a metadata change
 * cancels the running job at once. After IDLE_DELAY_MS without further changes the attribution
 * job starts, then the counterfactual search when live search is on. Only one job runs at a
 * time, and replies of any job but the newest are dropped (the latest-only guard).
 */
import { errorMessage, getServices } from '../app/context.ts';
import type { InferenceClient } from '../app/inferenceClient.ts';
import { logEvent } from '../app/log.ts';
import { useComparison } from '../compare/comparisonStore.ts';
import { useWorkbench } from '../store/store.ts';
import type { ExplainJob, ExplainReply } from '../workers/explainProtocol.ts';
import { useExplain, type StopCause } from './explainStore.ts';
import { currentKeys, type JobKeys } from './jobKeys.ts';

/** Quiet time after the last edit before a job starts, in ms. */
export const IDLE_DELAY_MS = 300;

/** Time budget of an occlusion job in ms. It keeps a slow model from holding the worker. */
const ATTRIBUTION_BUDGET_MS = 20_000;

/** Disjoint counterfactuals one search looks for. */
const MAX_COUNTERFACTUALS = 3;

type JobKind = 'attributions' | 'search';

interface RunningJob {
  kind: JobKind;
  jobId: number;
  /** Inputs the job explains. A change of them makes the job stale. */
  key: string;
}

class ExplainScheduler {
  private client: InferenceClient | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: RunningJob | null = null;
  private doneKeys: Record<JobKind, string | null> = { attributions: null, search: null };
  private lastKeys: string | null = null;
  private searchRequested = false;
  /** Id of the last search the page cancelled, whose `search-done` reply still counts. */
  private stoppedSearchJobId: number | null = null;

  /** Reacts to any store change. Does nothing unless the job keys changed. */
  handleChange(): void {
    const keys = currentKeys();
    const signature = this.signatureOf(keys);
    if (signature === this.lastKeys) return;
    this.lastKeys = signature;

    if (this.running !== null && this.running.key !== this.keyOf(this.running.kind, keys)) {
      this.cancelRunning(stopCauseOf(keys));
    }
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (keys === null) {
      // The text does not parse or the model is (re)loading, as after a backend switch that
      // ended the jobs with an error. Once the inputs are back, the jobs run again.
      this.doneKeys = { attributions: null, search: null };
      return;
    }

    const needsAttributions = this.settle('attributions', keys);
    const needsSearch = this.settle('search', keys);
    if (!needsAttributions && !needsSearch) return;

    this.timer = setTimeout(() => {
      this.timer = null;
      this.advance();
    }, IDLE_DELAY_MS);
  }

  /** Starts a search now (after a running attribution job), whatever the live setting. */
  requestSearch(): void {
    this.searchRequested = true;
    this.doneKeys.search = null;
    // The request is not an edit, so it skips the idle delay. Recording the new signature
    // first keeps handleChange from starting the timer.
    this.lastKeys = this.signatureOf(currentKeys());
    if (this.running?.kind === 'search') this.cancelRunning('input-change');
    this.advance();
  }

  /**
   * Stops the running search. It does not restart until the inputs change or Search is pressed.
   */
  stopSearch(): void {
    this.searchRequested = false;
    if (this.running?.kind === 'search') {
      this.doneKeys.search = this.running.key;
      this.cancelRunning('user');
    }
  }

  private signatureOf(keys: JobKeys | null): string {
    return JSON.stringify([keys?.attributions, keys?.search, this.wantsSearch()]);
  }

  private wantsSearch(): boolean {
    return this.searchRequested || useExplain.getState().settings.autoSearch;
  }

  private keyOf(kind: JobKind, keys: JobKeys | null): string | null {
    if (keys === null) return null;
    return kind === 'attributions' ? keys.attributions : keys.search;
  }

  /**
   * Marks a job of this kind as waiting when it must run, or else ends its wait. Returns whether
   * it must run.
   */
  private settle(kind: JobKind, keys: JobKeys): boolean {
    const needed = this.needs(kind, keys);
    const explain = useExplain.getState();
    if (needed) {
      explain.markWaiting(kind);
    } else {
      const key = this.keyOf(kind, keys);
      explain.settleWaiting(kind, key !== null && key === this.doneKeys[kind]);
    }
    return needed;
  }

  /** True when a job of this kind must run for `keys`: not done and not running already. */
  private needs(kind: JobKind, keys: JobKeys): boolean {
    const key = this.keyOf(kind, keys);
    if (key === null || key === this.doneKeys[kind]) return false;
    if (kind === 'search' && !this.wantsSearch()) return false;
    return this.running?.kind !== kind;
  }

  private cancelRunning(cause: StopCause): void {
    const job = this.running;
    if (job === null) return;
    this.running = null;
    if (job.kind === 'search') this.stoppedSearchJobId = job.jobId;
    this.client?.cancelExplainJob(job.jobId);
    useExplain.getState().stopJob(job.kind, cause);
  }

  /**
   * Starts the next job that the current inputs need. Attributions come first: a search that
   * runs when attributions are needed is cancelled, and it starts again after them.
   */
  private advance(): void {
    if (this.timer !== null) return;
    const keys = currentKeys();
    const client = this.connect();
    if (keys === null || client === null) return;

    if (this.needs('attributions', keys)) {
      if (this.running?.kind === 'search') this.cancelRunning('input-change');
      this.startAttributions(client, keys);
      return;
    }
    if (this.running === null && this.needs('search', keys)) {
      this.startSearch(client, keys);
    }
  }

  /** Starts a job through the client. Returns its id, or null (logged) when posting failed. */
  private post(client: InferenceClient, diff: string, job: ExplainJob): number | null {
    try {
      return client.startExplainJob(diff, job);
    } catch (error) {
      logEvent('warn', `Explanation job (${job.kind}) could not start: ${errorMessage(error)}`);
      return null;
    }
  }

  private startAttributions(client: InferenceClient, keys: JobKeys): void {
    const { settings } = useExplain.getState();
    const job: ExplainJob = {
      kind: 'attributions',
      options: {
        method: settings.method,
        levels: ['token', 'line', 'hunk'],
        timeBudgetMs: ATTRIBUTION_BUDGET_MS,
      },
    };
    const jobId = this.post(client, keys.diff, job);
    if (jobId === null) return;
    this.running = { kind: 'attributions', jobId, key: keys.attributions! };
    useExplain.getState().startAttributions(jobId, keys.diff, settings.method);
  }

  private startSearch(client: InferenceClient, keys: JobKeys): void {
    const { settings } = useExplain.getState();
    this.searchRequested = false;
    const job: ExplainJob = {
      kind: 'counterfactuals',
      options: {
        maxEdits: settings.maxEdits,
        maxCounterfactuals: MAX_COUNTERFACTUALS,
        timeBudgetMs: settings.searchBudgetMs,
        siteScope: settings.siteScope,
        seed: 0,
      },
    };
    const jobId = this.post(client, keys.diff, job);
    if (jobId === null) return;
    this.running = { kind: 'search', jobId, key: keys.search };
    useExplain.getState().startSearch(jobId, keys.diff, settings.searchBudgetMs);
  }

  /** Returns the inference client, subscribing to its replies on first use. */
  private connect(): InferenceClient | null {
    if (this.client !== null) return this.client;
    try {
      this.client = getServices().inference;
    } catch {
      return null;
    }
    this.client.onExplainReply((reply) => this.handleReply(reply));
    return this.client;
  }

  private handleReply(reply: ExplainReply): void {
    if (reply.type === 'search-done' && reply.jobId === this.stoppedSearchJobId) {
      // A cancelled search still replies with its elapsed time and edit-site count.
      this.stoppedSearchJobId = null;
      useExplain.getState().completeStoppedSearch(reply);
      return;
    }

    const job = this.running;
    if (reply.type === 'memory-result' || job === null || reply.jobId !== job.jobId) return;

    const explain = useExplain.getState();
    switch (reply.type) {
      case 'attributions-partial':
        explain.addAttributions(reply.items, reply.scored, reply.total, reply.elapsedMs);
        return;
      case 'counterfactual-found':
        explain.addCounterfactual(reply.counterfactual);
        return;
      case 'search-progress':
        explain.addTracePoints(reply.points);
        return;
      case 'attributions-done':
        explain.finishAttributions(reply);
        break;
      case 'search-done':
        explain.finishSearch(reply);
        break;
      case 'explain-error':
        logEvent('warn', `Explanation job ${job.jobId} (${job.kind}) failed: ${reply.message}`);
        explain.failJob(job.kind, reply.message);
        break;
    }

    // The job ended: its key is done even after an error, so a failing job is not retried in a
    // loop. An edit or a settings change gives a new key and a new try.
    this.doneKeys[job.kind] = job.key;
    this.running = null;
    // Not at once: a restarting worker ends its jobs from inside InferenceClient.start().
    setTimeout(() => this.advance(), 0);
  }
}

/** Names what made the job keys change: text that does not parse, a model change, or an edit. */
function stopCauseOf(keys: JobKeys | null): StopCause {
  if (keys !== null) return 'input-change';
  return useWorkbench.getState().parse.status === 'ok' ? 'model-change' : 'invalid-diff';
}

let scheduler: ExplainScheduler | null = null;

/** Starts the scheduler once, subscribed to the workbench, explanation and comparison stores. */
export function installExplainScheduler(): void {
  if (scheduler !== null) return;

  const instance = new ExplainScheduler();
  scheduler = instance;
  const onChange = (): void => {
    try {
      instance.handleChange();
    } catch (error) {
      logEvent('error', `Explanation scheduling failed: ${errorMessage(error)}`);
    }
  };
  useWorkbench.subscribe(onChange);
  useExplain.subscribe(onChange);
  useComparison.subscribe(onChange);
  onChange();
}

/** Starts a counterfactual search on the editor text now. */
export function requestSearch(): void {
  scheduler?.requestSearch();
}

/** Stops the running counterfactual search and keeps what it found. */
export function stopSearch(): void {
  scheduler?.stopSearch();
}
