/**
 * Page side of the notebook compute worker: starts it on first use, loads each model's bundle
 * bytes through the host once, and turns requests into promises. Used by cell actions and by the
 * re-check that runs when a notebook opens.
 */
import type { ChangeMetadata } from '../../src/core/model/types.ts';
import type { RecheckScorer } from '../../src/core/notebook/recheck.ts';
import { getHost } from '../host/client.ts';
import { useWorkbench } from '../store/store.ts';
import type { ComputeReply, ComputeRequest, ComputeValues } from './computeProtocol.ts';

type RequestBody = ComputeRequest extends infer R
  ? R extends { id: number }
    ? Omit<R, 'id'>
    : never
  : never;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  onProgress?: (done: number, total: number) => void;
}

let worker: Worker | null = null;
let ready: Promise<ComputeValues['init']> | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();
/** Bundle hash of each model loaded into the worker, by model id. */
const loaded = new Map<string, Promise<string>>();

function handleReply(message: ComputeReply): void {
  const entry = pending.get(message.id);
  if (entry === undefined) return;

  if (message.type === 'progress') {
    entry.onProgress?.(message.done, message.total);
    return;
  }
  pending.delete(message.id);
  if (message.type === 'done') entry.resolve(message.value);
  else entry.reject(new Error(message.message));
}

function send<K extends keyof ComputeValues>(
  body: Extract<RequestBody, { type: K }>,
  onProgress?: (done: number, total: number) => void,
  transfer: Transferable[] = [],
): Promise<ComputeValues[K]> {
  if (worker === null) throw new Error('The notebook worker is not running; reload the window.');

  const id = nextId++;
  const promise = new Promise<ComputeValues[K]>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (value: unknown) => void, reject, onProgress });
  });
  worker.postMessage({ ...body, id } as ComputeRequest, transfer);
  return promise;
}

/** Starts the worker once, on the backend the editor's worker uses. */
function start(): Promise<ComputeValues['init']> {
  if (ready !== null) return ready;

  worker = new Worker(new URL('./compute.worker.ts', import.meta.url), {
    type: 'module',
    name: 'perflens-notebook',
  });
  worker.onmessage = (event: MessageEvent<ComputeReply>) => handleReply(event.data);
  worker.onerror = (event: ErrorEvent) => {
    event.preventDefault();
    const message = `Notebook worker failed: ${event.message || 'the script did not load'}.`;
    for (const entry of pending.values()) entry.reject(new Error(message));
    pending.clear();
  };

  const state = useWorkbench.getState();
  ready = send({ type: 'init', preferredBackend: state.backend ?? state.backendPreference });
  return ready;
}

async function fetchAndLoad(modelId: string): Promise<string> {
  const host = getHost();
  const summary = (await host.listModels()).find((model) => model.id === modelId);
  if (summary === undefined) throw new Error(`Model '${modelId}' is not installed.`);
  if (summary.manifest === null) {
    throw new Error(`Model '${modelId}' has an invalid bundle: ${summary.error ?? 'no manifest'}`);
  }

  const names = Object.keys(summary.manifest.files);
  const [manifestBytes, ...contents] = await Promise.all([
    host.readModelFile(modelId, 'manifest.json'),
    ...names.map((name) => host.readModelFile(modelId, name)),
  ]);
  const files = Object.fromEntries(names.map((name, index) => [name, contents[index]!]));
  const transfer = [manifestBytes!.buffer, ...contents.map((bytes) => bytes.buffer)];
  const value = await send(
    { type: 'load-model', modelId, manifestBytes: manifestBytes!, files },
    undefined,
    transfer as ArrayBuffer[],
  );
  return value.bundleHash;
}

/** Loads a model into the worker once and returns its bundle hash. */
export async function ensureModel(modelId: string): Promise<string> {
  await start();
  let load = loaded.get(modelId);
  if (load === undefined) {
    load = fetchAndLoad(modelId);
    loaded.set(modelId, load);
    load.catch(() => loaded.delete(modelId));
  }
  return load;
}

/** Scores a diff (strict parse) with a model and returns the frozen result. */
export async function computeScore(
  modelId: string,
  diff: string,
  metadata?: ChangeMetadata,
): Promise<ComputeValues['score']> {
  await ensureModel(modelId);
  return send({ type: 'score', modelId, diff, metadata });
}

/** Computes attributions and counterfactuals of a diff. */
export async function computeExplanation(
  modelId: string,
  diff: string,
  timeBudgetMs = 5000,
): Promise<ComputeValues['explain']> {
  await ensureModel(modelId);
  return send({ type: 'explain', modelId, diff, timeBudgetMs });
}

/** Scores every diff of a dataset; `onProgress` receives rows done and the total. */
export async function computeEvaluation(
  modelId: string,
  diffs: string[],
  onProgress?: (done: number, total: number) => void,
): Promise<ComputeValues['evaluate']> {
  await ensureModel(modelId);
  return send({ type: 'evaluate', modelId, diffs }, onProgress);
}

/** Returns a re-check scorer over this worker; a model not installed has no bundle hash. */
export function workerRecheckScorer(): RecheckScorer {
  return {
    bundleHash: async (modelId) => {
      try {
        return await ensureModel(modelId);
      } catch {
        return null;
      }
    },
    score: async (modelId, diff) => (await computeScore(modelId, diff)).probability,
  };
}
