/**
 * Notebook compute worker: keeps every model the notebook uses loaded (keyed by model id) and
 * handles score, explain and evaluate requests one at a time in arrival order.
 */
import * as tf from '@tensorflow/tfjs';

import { parsePatch } from '../../src/core/diff/index.ts';
import { verifyBundle } from '../../src/core/model/bundle.ts';
import { loadScorer } from '../../src/core/model/scorer.ts';
import type { Scorer } from '../../src/core/model/types.ts';
import { explainDiff, modelRefOf, scoreResult } from '../../src/core/notebook/computeCells.ts';
import { selectBackend } from '../workers/backends.ts';
import type { ComputeReply, ComputeRequest, ComputeValues } from './computeProtocol.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;

/** Rows scored per batch during an evaluation; progress is reported after each batch. */
const EVALUATION_BATCH = 64;

const scorers = new Map<string, Scorer>();
let backend: string | null = null;
let queue: Promise<void> = Promise.resolve();

function reply(message: ComputeReply): void {
  scope.postMessage(message);
}

function runtime(): { tfjsVersion: string; backend: string } {
  if (backend === null) throw new Error('The notebook worker has no backend yet; init it first.');
  return { tfjsVersion: tf.version.tfjs, backend };
}

function scorerFor(modelId: string): Scorer {
  const scorer = scorers.get(modelId);
  if (scorer === undefined) {
    throw new Error(`Model '${modelId}' is not loaded in the notebook worker; load it first.`);
  }
  return scorer;
}

async function evaluate(
  request: Extract<ComputeRequest, { type: 'evaluate' }>,
): Promise<ComputeValues['evaluate']> {
  const scorer = scorerFor(request.modelId);
  const scores: Array<number | null> = [];

  for (let start = 0; start < request.diffs.length; start += EVALUATION_BATCH) {
    const batch = request.diffs.slice(start, start + EVALUATION_BATCH);
    const patches = batch.map((diff) => {
      try {
        return parsePatch(diff, { lenient: true });
      } catch {
        return null;
      }
    });
    const valid = patches.filter((patch) => patch !== null);
    const probabilities = valid.length === 0 ? [] : await scorer.scoreBatch(valid);

    let next = 0;
    for (const patch of patches) scores.push(patch === null ? null : probabilities[next++]!);
    reply({ type: 'progress', id: request.id, done: scores.length, total: request.diffs.length });
  }

  return {
    scores,
    threshold: scorer.manifest.threshold,
    model: modelRefOf(scorer, runtime()),
  };
}

async function compute(request: ComputeRequest): Promise<ComputeValues[keyof ComputeValues]> {
  switch (request.type) {
    case 'init': {
      const selection = await selectBackend(request.preferredBackend);
      backend = selection.backend;
      return { backend: selection.backend, tfjsVersion: tf.version.tfjs };
    }
    case 'load-model': {
      const bundle = await verifyBundle(request.manifestBytes, new Map(Object.entries(request.files)));
      const scorer = await loadScorer(bundle);
      scorers.get(request.modelId)?.dispose();
      scorers.set(request.modelId, scorer);
      return { bundleHash: scorer.bundleHash };
    }
    case 'score':
      return scoreResult(
        scorerFor(request.modelId),
        request.diff,
        runtime(),
        new Date(),
        request.metadata,
      );
    case 'explain':
      return explainDiff(scorerFor(request.modelId), request.diff, runtime(), {
        timeBudgetMs: request.timeBudgetMs,
      });
    case 'evaluate':
      return evaluate(request);
  }
}

scope.onmessage = (event: MessageEvent<ComputeRequest>) => {
  const request = event.data;
  queue = queue.then(async () => {
    try {
      reply({ type: 'done', id: request.id, value: await compute(request) });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      reply({ type: 'failed', id: request.id, message });
    }
  });
};
