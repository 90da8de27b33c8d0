/**
 * Page side of the inference worker: starts it, loads bundles into it, and coalesces score
 * requests for the editor text (one in flight plus the newest pending). The original diff is
 * scored through separate one-off requests with negative ids, so it never supersedes an edit.
 * Explanation jobs are posted as they come; their replies go to the explanation listeners.
 */
import type { ChangeMetadata } from '../../src/core/model/types.ts';
import { ScoreRequestQueue } from '../store/requestQueue.ts';
import type { ScoreView } from '../store/scoreSlice.ts';
import {
  EXPLAIN_REPLY_TYPES,
  type ExplainJob,
  type ExplainReply,
} from '../workers/explainProtocol.ts';
import type {
  BackendFailure,
  BackendName,
  WorkerReply,
  WorkerRequest,
} from '../workers/protocol.ts';

export interface WorkerReady {
  backend: BackendName;
  failures: BackendFailure[];
  /** Reason the automatic order put the active backend first, or null for the usual order. */
  reason: string | null;
  tfjsVersion: string;
}

export interface InferenceHandlers {
  /** Result of an editor request; the store applies its own latest-only guard. */
  onScore: (score: ScoreView) => void;
  onScoreError: (requestId: number, message: string) => void;
  /** The worker script failed or crashed; every open request is void. */
  onCrash: (message: string) => void;
}

/** Receives every reply of every explanation job; the listener filters by job id. */
export type ExplainListener = (reply: ExplainReply) => void;

/** `tf.memory()` of the worker. */
export interface WorkerMemory {
  numTensors: number;
  numBytes: number;
}

interface Deferred<T> {
  resolve: (value: T) => void;
  reject: (error: Error) => void;
}

export class InferenceClient {
  private worker: Worker | null = null;
  private readonly queue = new ScoreRequestQueue();
  private nextOneOffId = -1;
  private nextLoadId = 1;
  private ready: Deferred<WorkerReady> | null = null;
  private readonly loads = new Map<number, Deferred<string>>();
  private readonly oneOffs = new Map<number, Deferred<ScoreView>>();
  private metadata: ChangeMetadata | null = null;
  private nextJobId = 1;
  private readonly runningJobs = new Set<number>();
  private readonly explainListeners = new Set<ExplainListener>();
  private nextMemoryId = 1;
  private readonly memoryRequests = new Map<number, Deferred<WorkerMemory>>();

  constructor(private readonly handlers: InferenceHandlers) {}

  /** Starts a fresh worker (ending any earlier one) and resolves once its backend works. */
  start(preferredBackend: BackendName | null): Promise<WorkerReady> {
    this.terminate();

    const worker = new Worker(new URL('../workers/inference.worker.ts', import.meta.url), {
      type: 'module',
      name: 'perflens-inference',
    });
    worker.onmessage = (event: MessageEvent<WorkerReply>) => this.handleReply(event.data);
    worker.onerror = (event: ErrorEvent) => {
      event.preventDefault();
      this.fail(`Inference worker failed: ${event.message || 'the script did not load'}.`);
    };
    this.worker = worker;

    const promise = new Promise<WorkerReady>((resolve, reject) => {
      this.ready = { resolve, reject };
    });
    this.post({ type: 'init', preferredBackend });
    return promise;
  }

  /** Sends bundle bytes to the worker; resolves with the verified bundle hash. */
  loadModel(
    modelId: string,
    manifestBytes: Uint8Array,
    files: Record<string, Uint8Array>,
  ): Promise<string> {
    const loadId = this.nextLoadId;
    this.nextLoadId += 1;

    const promise = new Promise<string>((resolve, reject) => {
      this.loads.set(loadId, { resolve, reject });
    });
    const transfer = [manifestBytes.buffer, ...Object.values(files).map((bytes) => bytes.buffer)];
    this.post({ type: 'load-model', loadId, modelId, manifestBytes, files }, transfer);
    return promise;
  }

  /**
   * Sets the change metadata sent with every later score request and explanation job. The
   * caller re-scores the editor text, because scores already shown used the old metadata.
   */
  setMetadata(metadata: ChangeMetadata | null): void {
    this.metadata = metadata;
  }

  /** Queues the editor text for scoring and returns its request id. */
  scoreEditorText(diff: string): number {
    const request = this.queue.submit(diff);
    if (request !== null) {
      this.post({ type: 'score', ...request, metadata: this.metadata });
    }
    return this.queue.latestRequestId;
  }

  /**
   * Starts an explanation job on `diff` with the current metadata and returns its id. The worker
   * stops any job still running first, so only the newest job runs.
   */
  startExplainJob(diff: string, job: ExplainJob): number {
    const jobId = this.nextJobId;
    this.nextJobId += 1;
    this.post({ type: 'explain-start', jobId, diff, metadata: this.metadata, job });
    this.runningJobs.add(jobId);
    return jobId;
  }

  /**
   * Stops a job. A job that had started still sends its done reply (stop reason `aborted`), and
   * one still queued in the worker sends nothing.
   */
  cancelExplainJob(jobId: number): void {
    if (this.worker !== null && this.runningJobs.delete(jobId)) {
      this.post({ type: 'explain-cancel', jobId });
    }
  }

  /** Adds a listener for explanation replies and returns the function that removes it. */
  onExplainReply(listener: ExplainListener): () => void {
    this.explainListeners.add(listener);
    return () => this.explainListeners.delete(listener);
  }

  /** Reads the worker's tfjs memory counters, which the worker sends outside the score queue. */
  workerMemory(): Promise<WorkerMemory> {
    const requestId = this.nextMemoryId;
    this.nextMemoryId += 1;
    const promise = new Promise<WorkerMemory>((resolve, reject) => {
      this.memoryRequests.set(requestId, { resolve, reject });
    });
    this.post({ type: 'memory', requestId });
    return promise;
  }

  /** Scores a text outside the editor queue, such as the original diff. */
  scoreOnce(diff: string): Promise<ScoreView> {
    const requestId = this.nextOneOffId;
    this.nextOneOffId -= 1;

    const promise = new Promise<ScoreView>((resolve, reject) => {
      this.oneOffs.set(requestId, { resolve, reject });
    });
    this.post({ type: 'score', requestId, diff, metadata: this.metadata });
    return promise;
  }

  terminate(): void {
    if (this.worker === null) {
      return;
    }
    this.worker.terminate();
    this.worker = null;
    this.rejectAll('The inference worker was restarted.');
  }

  private post(message: WorkerRequest, transfer: Transferable[] = []): void {
    if (this.worker === null) {
      throw new Error('The inference worker is not running. Reload the page to start it again.');
    }
    this.worker.postMessage(message, transfer);
  }

  private handleReply(reply: WorkerReply): void {
    if (EXPLAIN_REPLY_TYPES.has(reply.type)) {
      this.handleExplainReply(reply as ExplainReply);
      return;
    }

    switch (reply.type) {
      case 'ready':
        this.ready?.resolve(reply);
        this.ready = null;
        return;
      case 'init-error':
        this.ready?.reject(new Error(reply.message));
        this.ready = null;
        return;
      case 'model-loaded':
        this.settleLoad(reply.loadId, (load) => load.resolve(reply.bundleHash));
        return;
      case 'model-error':
        this.settleLoad(reply.loadId, (load) => load.reject(new Error(reply.message)));
        return;
      case 'score-result':
        this.handleScore(reply.requestId, reply);
        return;
      case 'score-error':
        this.handleScoreError(reply.requestId, reply.message);
        return;
    }
  }

  private handleScore(requestId: number, reply: ScoreView & { type?: string }): void {
    const { type: _type, ...score } = reply;
    const oneOff = this.oneOffs.get(requestId);
    if (oneOff !== undefined) {
      this.oneOffs.delete(requestId);
      oneOff.resolve(score);
      return;
    }

    this.postNext(requestId);
    this.handlers.onScore(score);
  }

  private handleScoreError(requestId: number, message: string): void {
    const oneOff = this.oneOffs.get(requestId);
    if (oneOff !== undefined) {
      this.oneOffs.delete(requestId);
      oneOff.reject(new Error(message));
      return;
    }

    this.postNext(requestId);
    this.handlers.onScoreError(requestId, message);
  }

  private handleExplainReply(reply: ExplainReply): void {
    if (reply.type === 'memory-result') {
      const request = this.memoryRequests.get(reply.requestId);
      this.memoryRequests.delete(reply.requestId);
      request?.resolve({ numTensors: reply.numTensors, numBytes: reply.numBytes });
      return;
    }

    const ended = ['attributions-done', 'search-done', 'explain-error'].includes(reply.type);
    if (ended) {
      this.runningJobs.delete(reply.jobId);
    }
    for (const listener of this.explainListeners) {
      listener(reply);
    }
  }

  private postNext(answeredId: number): void {
    const next = this.queue.complete(answeredId);
    if (next !== null) {
      this.post({ type: 'score', ...next, metadata: this.metadata });
    }
  }

  private settleLoad(loadId: number, settle: (load: Deferred<string>) => void): void {
    const load = this.loads.get(loadId);
    if (load !== undefined) {
      this.loads.delete(loadId);
      settle(load);
    }
  }

  private fail(message: string): void {
    this.worker?.terminate();
    this.worker = null;
    this.rejectAll(message);
    this.handlers.onCrash(message);
  }

  private rejectAll(message: string): void {
    const error = new Error(message);
    this.ready?.reject(error);
    this.ready = null;
    for (const load of this.loads.values()) {
      load.reject(error);
    }
    this.loads.clear();
    for (const oneOff of this.oneOffs.values()) {
      oneOff.reject(error);
    }
    this.oneOffs.clear();
    for (const request of this.memoryRequests.values()) {
      request.reject(error);
    }
    this.memoryRequests.clear();
    this.queue.reset();

    // Jobs of the old worker end here, so their listeners stop waiting for a done reply.
    const jobs = [...this.runningJobs];
    this.runningJobs.clear();
    for (const jobId of jobs) {
      for (const listener of this.explainListeners) {
        listener({ type: 'explain-error', jobId, message });
      }
    }
  }
}
