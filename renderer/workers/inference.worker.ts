/**
 * Inference worker: selects the tfjs backend, loads model bundles from bytes that the page
 * fetched through the host API, and scores diff text. Messages are handled one at a time in
 * arrival order, so a score request never runs against a half-loaded model.
 */
import * as tf from '@tensorflow/tfjs';

import { parsePatch } from '../../src/core/diff/index.ts';
import { verifyBundle } from '../../src/core/model/bundle.ts';
import { loadScorer } from '../../src/core/model/scorer.ts';
import type { Scorer } from '../../src/core/model/types.ts';
import { BackendSelectionError, selectBackend } from './backends.ts';
import type { BackendName, WorkerReply, WorkerRequest } from './protocol.ts';
import { sha256Hex } from './sha256.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

let activeBackend: BackendName | null = null;
let scorer: Scorer | null = null;
let queue: Promise<void> = Promise.resolve();

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
    const result = await scorer.score(patch);
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
    });
  } catch (error) {
    reply({ type: 'score-error', requestId, message: describeError(error) });
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
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  queue = queue.then(() => handle(request));
};
