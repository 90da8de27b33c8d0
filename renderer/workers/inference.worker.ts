/**
 * Inference worker: selects the tfjs backend, loads model bundles from bytes that the page
 * fetched through the host API, scores diff text and runs explanation jobs. Messages are handled
 * one at a time in arrival order, so a score request never runs against a half-loaded model.
 * An explanation job only starts in that order: it then runs beside the queue, yielding after
 * every scored batch, so score requests that arrive meanwhile are not held up behind it.
 */
import * as tf from '@tensorflow/tfjs';

import { parsePatch } from '../../src/core/diff/index.ts';
import { verifyBundle } from '../../src/core/model/bundle.ts';
import { loadScorer } from '../../src/core/model/scorer.ts';
import { inputCoverage, type Scorer } from '../../src/core/model/types.ts';
import { BackendSelectionError, selectBackend } from './backends.ts';
import { runAttributionJob, runCounterfactualJob } from './explainJobs.ts';
import type { ExplainRequest } from './explainProtocol.ts';
import type { BackendName, WorkerReply, WorkerRequest } from './protocol.ts';
import { sha256Hex } from './sha256.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let activeBackend: BackendName | null = null;
let scorer: Scorer | null = null;
let queue: Promise<void> = Promise.resolve();

/** The running explanation job. At most one runs at a time. */
let activeJob: { jobId: number; controller: AbortController; done: Promise<void> } | null = null;
/** Jobs cancelled before they started. Each id is removed when its start is handled. */
const cancelledJobs = new Set<number>();
/** Id of the last job whose start was handled. The page numbers jobs in increasing order. */
let lastStartedJobId = 0;

function reply(message: WorkerReply): void {
  scope.postMessage(message);
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function handleInit(preferred: BackendName | null): Promise<void> {
  try {
    const selection = await selectBackend(preferred);
    activeBackend = selection.backend;
    reply({
      type: 'ready',
      backend: selection.backend,
      failures: selection.failures,
      reason: selection.reason,
      tfjsVersion: tf.version.tfjs,
    });
  } catch (error) {
    const failures = error instanceof BackendSelectionError ? error.failures : [];
    reply({ type: 'init-error', message: describeError(error), failures });
  }
}

/** One-line change scored once after loading, so that shaders compile before the first edit. */
const WARM_UP_DIFF = [
  'diff --git a/warm-up.js b/warm-up.js',
  '--- a/warm-up.js',
  '+++ b/warm-up.js',
  '@@ -1 +1 @@',
  '-const ready = false;',
  '+const ready = true;',
  '',
].join('\n');

/**
 * Scores a tiny diff once. The first run on webgl compiles shaders (785 ms for the BoW model in
 * headless Chromium with SwiftShader), which would otherwise delay the first score on screen.
 */
async function warmUp(next: Scorer): Promise<void> {
  await next.score(parsePatch(WARM_UP_DIFF));
}

async function handleLoadModel(
  request: Extract<WorkerRequest, { type: 'load-model' }>,
): Promise<void> {
  try {
    const files = new Map(Object.entries(request.files));
    const bundle = await verifyBundle(request.manifestBytes, files);
    const next = await loadScorer(bundle);
    await warmUp(next);

    // A running job uses the old scorer, so it must stop before that scorer is disposed.
    await cancelActiveJob();
    scorer?.dispose();
    scorer = next;
    reply({
      type: 'model-loaded',
      loadId: request.loadId,
      modelId: request.modelId,
      bundleHash: next.bundleHash,
    });
  } catch (error) {
    reply({
      type: 'model-error',
      loadId: request.loadId,
      modelId: request.modelId,
      message: describeError(error),
    });
  }
}

async function handleScore(request: Extract<WorkerRequest, { type: 'score' }>): Promise<void> {
  const { requestId, diff } = request;
  try {
    if (scorer === null || activeBackend === null) {
      throw new Error('No model is loaded in the inference worker. Pick a model first.');
    }

    const patch = parsePatch(diff, { lenient: true });
    const result = await scorer.score(patch, request.metadata ?? undefined);
    const diffHash = await sha256Hex(diff);
    reply({
      type: 'score-result',
      requestId,
      probability: result.probability,
      threshold: result.threshold,
      flagged: result.flagged,
      timings: result.timings,
      backend: activeBackend,
      diffHash,
      coverage: inputCoverage(scorer, patch),
    });
  } catch (error) {
    reply({ type: 'score-error', requestId, message: describeError(error) });
  }
}

/** Aborts the running job and resolves once it has stopped (within one scored batch). */
async function cancelActiveJob(): Promise<void> {
  const job = activeJob;
  if (job === null) return;
  job.controller.abort();
  await job.done;
}

async function runJob(
  request: Extract<ExplainRequest, { type: 'explain-start' }>,
  signal: AbortSignal,
): Promise<void> {
  const { jobId } = request;
  try {
    if (scorer === null) {
      throw new Error('No model is loaded in the inference worker. Pick a model first.');
    }
    const context = {
      jobId,
      scorer,
      patch: parsePatch(request.diff, { lenient: true }),
      metadata: request.metadata ?? undefined,
      signal,
      post: reply,
    };
    if (request.job.kind === 'attributions') {
      await runAttributionJob(context, request.job.options);
    } else {
      await runCounterfactualJob(context, request.job.options);
    }
  } catch (error) {
    reply({ type: 'explain-error', jobId, message: describeError(error) });
  }
}

/**
 * Stops the running job and starts this one without waiting for it to finish, so the queue
 * goes on to later score requests.
 */
async function handleExplainStart(
  request: Extract<ExplainRequest, { type: 'explain-start' }>,
): Promise<void> {
  await cancelActiveJob();
  lastStartedJobId = Math.max(lastStartedJobId, request.jobId);
  if (cancelledJobs.delete(request.jobId)) return;

  const controller = new AbortController();
  const job = { jobId: request.jobId, controller, done: Promise.resolve() };
  job.done = runJob(request, controller.signal).finally(() => {
    if (activeJob === job) activeJob = null;
  });
  activeJob = job;
}

/**
 * Cancels a job at once, outside the queue. A job that has not started yet is skipped when its
 * start message comes.
 */
function handleExplainCancel(jobId: number): void {
  if (activeJob?.jobId === jobId) {
    activeJob.controller.abort();
  } else if (jobId > lastStartedJobId) {
    cancelledJobs.add(jobId);
  }
}

function handle(request: WorkerRequest): Promise<void> {
  switch (request.type) {
    case 'init':
      return handleInit(request.preferredBackend);
    case 'load-model':
      return handleLoadModel(request);
    case 'score':
      return handleScore(request);
    case 'explain-start':
      return handleExplainStart(request);
    case 'explain-cancel':
    case 'memory':
      return Promise.resolve();
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  if (request.type === 'explain-cancel') {
    handleExplainCancel(request.jobId);
    return;
  }
  if (request.type === 'memory') {
    const { numTensors, numBytes } = tf.memory();
    reply({ type: 'memory-result', requestId: request.requestId, numTensors, numBytes });
    return;
  }
  queue = queue.then(() => handle(request));
};
